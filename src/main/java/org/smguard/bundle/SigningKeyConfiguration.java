package org.smguard.bundle;

import java.nio.file.Path;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The signing key, from the data directory. */
@Configuration(proxyBeanMethods = false)
class SigningKeyConfiguration {

	@Bean
	SigningKey signingKey(@Value("${smguard.data-dir}") String dataDir) {
		return SigningKey.in(Path.of(dataDir));
	}

}
