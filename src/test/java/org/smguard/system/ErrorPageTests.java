package org.smguard.system;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;

import org.smguard.testing.RunningConsole;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console's own error page, through the running console: an unknown address gets the
 * styled page with the console's layout, never Spring's Whitelabel page or a stack trace.
 */
class ErrorPageTests extends RunningConsole {

	@Test
	void answersAnUnknownAddressWithTheStyledNotFoundPage() throws Exception {
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port() + "/css/no-such-file.css"))
				.header("Accept", "text/html")
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(response.body()).contains("<h1>Not found</h1>", "There is no page at this address.",
				"/css/smguard.css");
		assertThat(response.body()).doesNotContain("Whitelabel", "Exception", "&lt;title&gt;");
	}

}
