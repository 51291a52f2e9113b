package org.smguard.testing;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

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
		return start(dataDir, adminPassword, new String[0]);
	}

	/**
	 * Starts a console whose first admin gets {@code adminPassword}, with more settings
	 * as {@code --name=value} arguments.
	 */
	public static InProcessConsole start(Path dataDir, String adminPassword, String... settings) {
		List<String> args = new ArrayList<>(List.of("--server.port=0", "--smguard.data-dir=" + dataDir,
				"--smguard.admin-password=" + adminPassword, "--spring.main.banner-mode=off"));
		args.addAll(List.of(settings));
		ConfigurableApplicationContext context = new SpringApplicationBuilder(SmguardApplication.class)
			.run(args.toArray(String[]::new));
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
