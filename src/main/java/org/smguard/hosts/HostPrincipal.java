package org.smguard.hosts;

/**
 * The host a request with a host token comes from, as the token's row said when the
 * request came in. Its policy is the only one it can ask about: nothing in the request
 * names a policy.
 */
public record HostPrincipal(long id, String name, String policy) {
}
