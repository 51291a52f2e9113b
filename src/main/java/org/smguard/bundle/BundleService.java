package org.smguard.bundle;

import java.util.Optional;

import org.springframework.stereotype.Service;

/** Stand-in until the real BundleService lands on main: no bundle is ever published. */
@Service
public class BundleService {

	public Optional<BundleFile> publishedBundle(String policy) {
		return Optional.empty();
	}

}
