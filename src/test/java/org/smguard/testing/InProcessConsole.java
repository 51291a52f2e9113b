package org.smguard.testing;

import java.nio.file.Path;

import org.smguard.SmguardApplication;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The whole console started in this JVM with
 * {@link org.springframework.boot.SpringApplication} on a random port, the way
 * {@code main} starts it, so that a test can close it and start it again on the same data
 * directory.
 * <p>
 * Settings are passed as command-line arguments, not as
 * {@code SpringApplicationBuilder.properties(...)}: those are default properties, the
 * lowest precedence of all, so {@code smguard.data-dir=./data} from
 * {@code application.properties} would win over them.
 */
public final class InProcessConsole implements AutoCloseable {

	private final ConfigurableApplicationContext context;

	private final int port;

	private InProcessConsole(ConfigurableApplicationContext context) {
		this.context = context;
		this.port = context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
	}

	/** Starts a console whose first admin gets {@code adminPassword}. */
	public static InProcessConsole start(Path dataDir, String adminPassword) {
		ConfigurableApplicationContext context = new SpringApplicationBuilder(SmguardApplication.class).run(
				"--server.port=0", "--smguard.data-dir=" + dataDir, "--smguard.admin-password=" + adminPassword,
				"--spring.main.banner-mode=off");
		return new InProcessConsole(context);
	}

	public int port() {
		return this.port;
	}

	public ConfigurableApplicationContext context() {
		return this.context;
	}

	/** An anonymous API client for this console. */
	public ApiClient api() {
		return ApiClient.forPort(this.port);
	}

	@Override
	public void close() {
		this.context.close();
	}

}
