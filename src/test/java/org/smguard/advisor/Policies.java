package org.smguard.advisor;

import java.util.List;
import java.util.function.UnaryOperator;

import org.smguard.policy.Policy;
import org.smguard.policy.SecurityOptions;
import org.smguard.policy.StockPolicy;

/** Variations of Debian's stock policy for the rule tests. */
final class Policies {

	private Policies() {
	}

	/** The stock policy with the seed's recommended options. */
	static Policy recommended() {
		return StockPolicy.debian()
			.withOptions(new SecurityOptions("mailnull:mailnull", "/usr/local/etc/forwards/$u.forward:$z/.forward", 12,
					"postmaster,securitymaster", List.of("goaway", "restrictmailq", "restrictqrun"), "/var/mailfiles",
					"0600"));
	}

	static Policy withOptions(UnaryOperator<Options> change) {
		Policy policy = recommended();
		Options o = change.apply(Options.of(policy.options()));
		return policy.withOptions(new SecurityOptions(o.defaultUser, o.forwardPath, o.logLevel, o.postmasterCopy,
				o.privacyOptions, o.safeFileEnvironment, o.tempFileMode));
	}

	/** A mutable copy of the options, for one-line changes in tests. */
	static final class Options {

		String defaultUser;

		String forwardPath;

		Integer logLevel;

		String postmasterCopy;

		List<String> privacyOptions;

		String safeFileEnvironment;

		String tempFileMode;

		static Options of(SecurityOptions options) {
			Options o = new Options();
			o.defaultUser = options.defaultUser();
			o.forwardPath = options.forwardPath();
			o.logLevel = options.logLevel();
			o.postmasterCopy = options.postmasterCopy();
			o.privacyOptions = options.privacyOptions();
			o.safeFileEnvironment = options.safeFileEnvironment();
			o.tempFileMode = options.tempFileMode();
			return o;
		}

		Options defaultUser(String value) {
			this.defaultUser = value;
			return this;
		}

		Options logLevel(Integer value) {
			this.logLevel = value;
			return this;
		}

		Options postmasterCopy(String value) {
			this.postmasterCopy = value;
			return this;
		}

		Options privacyOptions(List<String> value) {
			this.privacyOptions = value;
			return this;
		}

		Options safeFileEnvironment(String value) {
			this.safeFileEnvironment = value;
			return this;
		}

		Options tempFileMode(String value) {
			this.tempFileMode = value;
			return this;
		}

	}

}
