package org.smguard.advisor;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.smguard.policy.Forwards;
import org.smguard.policy.Policy;
import org.smguard.policy.SecurityOptions;
import org.smguard.policy.StockPolicy;
import org.smguard.validation.ValidationException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class MailRouteTests {

	private static Policy with(String forwardPath, Forwards.OverrideFile... overrides) {
		Policy stock = StockPolicy.debian();
		SecurityOptions o = stock.options();
		return stock
			.withOptions(new SecurityOptions(o.defaultUser(), forwardPath, o.logLevel(), o.postmasterCopy(),
					o.privacyOptions(), o.safeFileEnvironment(), o.tempFileMode()))
			.withForwards(new Forwards(Forwards.DEFAULT_DIRECTORY, List.of(overrides)));
	}

	@Test
	void anEmptyOverrideFileStopsTheSearchAndMeansLocalDelivery() {
		MailRoute.Route route = MailRoute.of(
				with("/usr/local/etc/forwards/$u.forward:$z/.forward", new Forwards.OverrideFile("bob", "")), "bob",
				null, "/home/bob", "mx");
		assertThat(route.steps()).extracting(MailRoute.Step::path, MailRoute.Step::outcome)
			.containsExactly(
					org.assertj.core.groups.Tuple.tuple("/usr/local/etc/forwards/bob.forward",
							MailRoute.Outcome.OVERRIDE),
					org.assertj.core.groups.Tuple.tuple("/home/bob/.forward", MailRoute.Outcome.NOT_REACHED));
		assertThat(route.summary()).startsWith("the override file is empty: mail is delivered locally");
	}

	@Test
	void movesPastAMissingOverrideToTheUsersOwnFile() {
		MailRoute.Route route = MailRoute.of(with("/usr/local/etc/forwards/$u.forward:$z/.forward.$w+$h:$z/.forward",
				new Forwards.OverrideFile("bob", "bob@elsewhere.example\n")), "alice", "lists", null, "mx");
		assertThat(route.steps()).extracting(MailRoute.Step::path)
			.containsExactly("/usr/local/etc/forwards/alice.forward", "~alice/.forward.mx+lists", "~alice/.forward");
		assertThat(route.steps()).extracting(MailRoute.Step::outcome)
			.containsExactly(MailRoute.Outcome.NO_OVERRIDE, MailRoute.Outcome.IF_PRESENT, MailRoute.Outcome.IF_PRESENT);
		assertThat(route.summary()).startsWith("no override file applies");
	}

	@Test
	void showsTheOverridesContentAndTheBuiltInDefault() {
		MailRoute.Route route = MailRoute.of(
				with("/usr/local/etc/forwards/$u.forward:$z/.forward",
						new Forwards.OverrideFile("bob", "\"|/usr/bin/vacation bob\"\nbob@elsewhere.example\n")),
				"bob", null, null, null);
		assertThat(route.steps().get(0).content()).containsExactly("\"|/usr/bin/vacation bob\"",
				"bob@elsewhere.example");
		assertThat(MailRoute.of(with(null), "bob", null, "/home/bob", null).steps()).extracting(MailRoute.Step::entry)
			.as("sendmail's built-in ForwardPath")
			.containsExactly("$z/.forward");
		assertThat(MailRoute.of(with(""), "bob", null, null, null).summary())
			.startsWith("ForwardPath is set but empty");
	}

	@Test
	void refusesABadUserName() {
		assertThatExceptionOfType(ValidationException.class)
			.isThrownBy(() -> MailRoute.of(with(null), "bob/../root", null, null, null));
	}

}
