package org.smguard.system;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * {@link ClientAddresses}: {@code X-Forwarded-For} counts only from a trusted proxy, and
 * then only the part that trusted proxies wrote.
 */
class ClientAddressesTests {

	@Test
	void ignoresForwardedForWithoutTrustedProxies() {
		ClientAddresses addresses = new ClientAddresses(List.of());
		assertThat(addresses.of(request("127.0.0.1", "203.0.113.5"))).isEqualTo("127.0.0.1");
	}

	@Test
	void ignoresForwardedForFromAPeerThatIsNoTrustedProxy() {
		ClientAddresses addresses = new ClientAddresses(List.of("10.0.0.1"));
		assertThat(addresses.of(request("198.51.100.9", "203.0.113.5"))).isEqualTo("198.51.100.9");
	}

	@Test
	void takesTheAddressTheTrustedProxySaw() {
		ClientAddresses addresses = new ClientAddresses(List.of("10.0.0.1"));
		assertThat(addresses.of(request("10.0.0.1", "203.0.113.5"))).isEqualTo("203.0.113.5");
	}

	@Test
	void ignoresWhatTheClientWroteBeforeTheProxyAppended() {
		ClientAddresses addresses = new ClientAddresses(List.of("10.0.0.1"));
		assertThat(addresses.of(request("10.0.0.1", "1.2.3.4, 203.0.113.5"))).isEqualTo("203.0.113.5");
	}

	@Test
	void walksBackThroughAChainOfTrustedProxies() {
		ClientAddresses addresses = new ClientAddresses(List.of("10.0.0.0/8", "::1"));
		assertThat(addresses.of(request("::1", "1.2.3.4, 203.0.113.5, 10.1.2.3", "10.9.9.9"))).isEqualTo("203.0.113.5");
	}

	@Test
	void fallsBackToThePeerWhenTheProxySentNoHeader() {
		ClientAddresses addresses = new ClientAddresses(List.of("10.0.0.1"));
		assertThat(addresses.of(request("10.0.0.1"))).isEqualTo("10.0.0.1");
	}

	@Test
	void refusesASettingThatIsNoAddress() {
		assertThatIllegalArgumentException().isThrownBy(() -> new ClientAddresses(List.of("proxy.example")))
			.withMessageContaining("smguard.signin.trusted-proxies: 'proxy.example'");
	}

	private static MockHttpServletRequest request(String peer, String... forwardedFor) {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/login");
		request.setRemoteAddr(peer);
		for (String header : forwardedFor) {
			request.addHeader("X-Forwarded-For", header);
		}
		return request;
	}

}
