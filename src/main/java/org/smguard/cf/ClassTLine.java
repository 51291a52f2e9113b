package org.smguard.cf;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.smguard.policy.TrustedUsers;

/**
 * A line that adds names to class {@code t}, as readcf reads it: {@code Troot daemon}, or
 * a {@code C} line whose class name macid_parse reads as t ({@code Ct uucp}, {@code C{t}
 * majordomo}, {@code C{ t} x}). Names are split at any ASCII white space, continuation
 * line ends included.
 */
public record ClassTLine(TrustedUsers.LineStyle style, List<String> names) {

	public static Optional<ClassTLine> of(String read) {
		if (read == null) {
			return Optional.empty();
		}
		String rest;
		TrustedUsers.LineStyle style;
		if (read.startsWith("T")) {
			rest = read.substring(1);
			style = TrustedUsers.LineStyle.T;
		}
		else if (read.startsWith("C")) {
			Optional<CfText.ClassName> name = CfText.ClassName.of(read.substring(1));
			if (name.isEmpty() || !name.get().name().equals("t")) {
				return Optional.empty();
			}
			rest = name.get().rest();
			style = TrustedUsers.LineStyle.Ct;
		}
		else {
			return Optional.empty();
		}
		List<String> names = new ArrayList<>();
		StringBuilder word = new StringBuilder();
		for (int i = 0; i <= rest.length(); i++) {
			if (i == rest.length() || CfText.isSpace(rest.charAt(i))) {
				if (!word.isEmpty()) {
					names.add(word.toString());
					word.setLength(0);
				}
			}
			else {
				word.append(rest.charAt(i));
			}
		}
		return Optional.of(new ClassTLine(style, List.copyOf(names)));
	}

}
