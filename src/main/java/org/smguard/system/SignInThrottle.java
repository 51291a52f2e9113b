package org.smguard.system;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.smguard.validation.Rules;

import org.springframework.context.ApplicationEventPublisher;

/**
 * Slows down password guessing: after {@code accountFailures} failed sign-ins for one
 * user name, or {@code addressFailures} from one client address, within the window,
 * further attempts are refused (HTTP 429 with {@code Retry-After}) before any password is
 * checked, whether or not it is right. It throttles and never locks: a failure leaves the
 * count once it is older than the window, and refused attempts do not count, so the
 * rightful owner can always sign in again after a while.
 * <p>
 * Attempts still being checked count as failures until they end, so that guesses sent at
 * once, in parallel, cannot slip past the limit while their hashes are computed.
 * <p>
 * User names are counted whether an account has them or not, so that the answers tell
 * nothing about which accounts exist. A successful sign-in clears its user name's count
 * (not its address's). What is remembered is bounded ({@code tracked} names and as many
 * addresses): spraying names or addresses evicts first what has expired, then what has
 * the fewest recent failures.
 * <p>
 * Each throttling is announced once, when a name or address starts to be refused: logged
 * at WARN and published as a {@link SignInThrottled} event (the audit trail records it).
 * The refusals that follow within the same period are not announced again, so a flood of
 * guesses cannot flood the log or the audit trail. Other ways of signing in use the same
 * methods: a bearer token check calls {@link #begin(String, String)} with no user name
 * before it looks a token up, {@link #failed(String, String)} for an invalid one, and
 * {@link #end(String, String)} when done.
 */
public class SignInThrottle {

	private static final Logger logger = LoggerFactory.getLogger(SignInThrottle.class);

	/** Longer user names cannot be accounts; they are remembered cut short. */
	private static final int KEY_LENGTH = 64;

	/**
	 * How long an attempt that never reported its end keeps counting: a password check
	 * takes well under a second.
	 */
	private static final Duration LONGEST_ATTEMPT = Duration.ofMinutes(1);

	private final FailureLog accounts;

	private final FailureLog addresses;

	private final Duration window;

	private final Clock clock;

	private final ApplicationEventPublisher events;

	SignInThrottle(SignInProperties properties, Clock clock, ApplicationEventPublisher events) {
		this.window = properties.window();
		this.accounts = new FailureLog(properties.accountFailures(), this.window, properties.tracked());
		this.addresses = new FailureLog(properties.addressFailures(), this.window, properties.tracked());
		this.clock = clock;
		this.events = events;
	}

	/**
	 * Lets a sign-in attempt go on to its password check, or says how long it must wait
	 * (and logs the refusal). An attempt let through must be ended with
	 * {@link #end(String, String)} once its check is over, in a {@code finally} block.
	 * @param username the name the attempt gives, or {@code null} for an attempt without
	 * one (a token)
	 * @param address the client's address
	 * @return how long to wait, or empty when the attempt may go on
	 */
	public Optional<Duration> begin(String username, String address) {
		Instant now = this.clock.instant();
		Refusal account = (username != null) ? this.accounts.tryBegin(accountKey(username), now) : null;
		Refusal fromAddress = this.addresses.tryBegin(addressKey(address), now);
		if (account == null && fromAddress == null) {
			return Optional.empty();
		}
		if (username != null && account == null) {
			this.accounts.end(accountKey(username));
		}
		if (fromAddress == null) {
			this.addresses.end(addressKey(address));
		}
		Duration wait = roundUp(Duration.between(now, later(account, fromAddress)));
		if ((account != null && account.first()) || (fromAddress != null && fromAddress.first())) {
			announce(username, address, account != null, fromAddress != null, wait);
		}
		return Optional.of(wait);
	}

	private void announce(String username, String address, boolean forName, boolean fromAddress, Duration wait) {
		String reason = "too many failed sign-ins " + ((forName && fromAddress) ? "for the name and from the address"
				: forName ? "for the name" : "from the address") + " within " + describe(this.window);
		logger.warn("Throttled sign-ins {}from {}: {}; refused for {} s",
				(username != null) ? "as " + Rules.quote(username) + " " : "", Rules.quote(address), reason,
				wait.toSeconds());
		this.events.publishEvent(new SignInThrottled(username, address, reason, wait));
	}

	/** Ends an attempt that {@link #begin(String, String)} let through. */
	public void end(String username, String address) {
		if (username != null) {
			this.accounts.end(accountKey(username));
		}
		this.addresses.end(addressKey(address));
	}

	/**
	 * Counts a failed sign-in.
	 * @param username the name it gave, or {@code null} (a token)
	 */
	public void failed(String username, String address) {
		Instant now = this.clock.instant();
		if (username != null) {
			this.accounts.record(accountKey(username), now);
		}
		if (address != null) {
			this.addresses.record(addressKey(address), now);
		}
	}

	/** Clears the failures counted for a user name that has just signed in. */
	public void succeeded(String username) {
		this.accounts.clear(accountKey(username));
	}

	private static String accountKey(String username) {
		return cut(username.toLowerCase(Locale.ROOT));
	}

	private static String addressKey(String address) {
		return cut((address != null) ? address.toLowerCase(Locale.ROOT) : "");
	}

	/** No account name or address has the ellipsis, so a cut key is never theirs. */
	private static String cut(String key) {
		return (key.length() <= KEY_LENGTH) ? key : key.substring(0, KEY_LENGTH) + "\u2026";
	}

	private static Instant later(Refusal a, Refusal b) {
		if (a == null) {
			return b.until();
		}
		return (b == null || a.until().isAfter(b.until())) ? a.until() : b.until();
	}

	private static String describe(Duration duration) {
		long seconds = duration.toSeconds();
		return (seconds % 60 == 0) ? (seconds / 60) + " min" : seconds + " s";
	}

	/** Whole seconds, at least one: what {@code Retry-After} can say. */
	private static Duration roundUp(Duration wait) {
		long seconds = wait.toSeconds() + ((wait.toNanosPart() > 0) ? 1 : 0);
		return Duration.ofSeconds(Math.max(1, seconds));
	}

	/**
	 * A key refused until a time; {@code first} when this refusal starts a throttling
	 * (the key reached its limit of failures since it was last refused), which is
	 * announced.
	 */
	record Refusal(Instant until, boolean first) {
	}

	/**
	 * The times of the recent failures per key, at most {@code limit} of them (older ones
	 * cannot matter), and the attempts being checked, for at most {@code capacity} keys.
	 */
	static final class FailureLog {

		private final int limit;

		private final Duration window;

		private final int capacity;

		private final Map<String, Failures> failures = new LinkedHashMap<>();

		FailureLog(int limit, Duration window, int capacity) {
			this.limit = limit;
			this.window = window;
			this.capacity = capacity;
		}

		/**
		 * Counts an attempt being checked, unless {@code key} is refused.
		 * @return the refusal, or {@code null} when the attempt was counted and may go on
		 */
		synchronized Refusal tryBegin(String key, Instant now) {
			Failures entry = this.failures.get(key);
			if (entry != null) {
				entry.forget(now.minus(this.window), now);
				if (entry.count >= this.limit) {
					boolean first = !entry.throttled;
					entry.throttled = true;
					return new Refusal(entry.oldest().plus(this.window), first);
				}
				if (entry.count + entry.checking >= this.limit) {
					// The attempts being checked end within a second or so: a wait, not a
					// throttling.
					return new Refusal(now.plusSeconds(1), false);
				}
			}
			else {
				entry = add(key, now);
			}
			entry.checking++;
			entry.checkingSince = now;
			return null;
		}

		synchronized void end(String key) {
			Failures entry = this.failures.get(key);
			if (entry != null && entry.checking > 0) {
				entry.checking--;
			}
		}

		synchronized void record(String key, Instant now) {
			Failures entry = this.failures.get(key);
			if (entry == null) {
				entry = add(key, now);
			}
			entry.forget(now.minus(this.window), now);
			entry.add(now);
		}

		synchronized void clear(String key) {
			this.failures.remove(key);
		}

		synchronized int size() {
			return this.failures.size();
		}

		private Failures add(String key, Instant now) {
			if (this.failures.size() >= this.capacity) {
				makeRoom(now);
			}
			Failures entry = new Failures(this.limit);
			this.failures.put(key, entry);
			return entry;
		}

		/**
		 * Forgets every key with nothing left to count, and if that frees nothing, the
		 * key with the fewest recent failures (of those, the one that failed least
		 * recently): a name under attack has many and stays.
		 */
		private void makeRoom(Instant now) {
			Instant since = now.minus(this.window);
			String weakest = null;
			Failures weakestEntry = null;
			for (Iterator<Map.Entry<String, Failures>> it = this.failures.entrySet().iterator(); it.hasNext();) {
				Map.Entry<String, Failures> candidate = it.next();
				Failures entry = candidate.getValue();
				entry.forget(since, now);
				if (entry.count == 0 && entry.checking == 0) {
					it.remove();
				}
				else if (weakestEntry == null || entry.weakerThan(weakestEntry)) {
					weakest = candidate.getKey();
					weakestEntry = entry;
				}
			}
			if (this.failures.size() >= this.capacity && weakest != null) {
				this.failures.remove(weakest);
			}
		}

	}

	/**
	 * The most recent failure times of one key, oldest first, in a ring; and how many of
	 * its attempts are being checked.
	 */
	private static final class Failures {

		private final long[] millis;

		private int first;

		private int count;

		private int checking;

		private Instant checkingSince;

		/** Whether the key has been refused since it last dropped below its limit. */
		private boolean throttled;

		Failures(int limit) {
			this.millis = new long[limit];
		}

		void add(Instant at) {
			if (this.count == this.millis.length) {
				this.first = (this.first + 1) % this.millis.length;
				this.count--;
			}
			this.millis[(this.first + this.count) % this.millis.length] = at.toEpochMilli();
			this.count++;
		}

		/**
		 * Drops the failures at or before {@code since}, and attempts whose end was never
		 * reported.
		 */
		void forget(Instant since, Instant now) {
			long limit = since.toEpochMilli();
			while (this.count > 0 && this.millis[this.first] <= limit) {
				this.first = (this.first + 1) % this.millis.length;
				this.count--;
			}
			if (this.count < this.millis.length) {
				this.throttled = false;
			}
			if (this.checking > 0 && now.isAfter(this.checkingSince.plus(LONGEST_ATTEMPT))) {
				this.checking = 0;
			}
		}

		boolean weakerThan(Failures other) {
			if (this.count != other.count) {
				return this.count < other.count;
			}
			return this.count > 0 && newest() < other.newest();
		}

		Instant oldest() {
			return Instant.ofEpochMilli(this.millis[this.first]);
		}

		private long newest() {
			return this.millis[(this.first + this.count - 1) % this.millis.length];
		}

	}

}
