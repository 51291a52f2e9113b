package org.smguard;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The smguard console: versioned security settings for sendmail mail servers.
 */
@SpringBootApplication
public class SmguardApplication {

	public static void main(String[] args) {
		SpringApplication.run(SmguardApplication.class, args);
	}

}
