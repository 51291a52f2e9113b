package org.smguard.smrsh;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Bytes that smrsh and the shell handle, shown as text: valid UTF-8 as its characters,
 * every other byte and every control character as {@code \xNN}. smrsh prints a refused
 * byte on its own ({@code cannot use %c}), which is never valid UTF-8 when it has the
 * high bit set, so {@code echo é} shows as {@code cannot use \xA9 in command}.
 */
final class ByteText {

	private ByteText() {
	}

	static String show(byte[] bytes) {
		StringBuilder out = new StringBuilder(bytes.length);
		int i = 0;
		while (i < bytes.length) {
			int length = sequenceLength(bytes, i);
			if (length == 0) {
				escape(out, bytes[i]);
				i++;
				continue;
			}
			String character = decode(bytes, i, length);
			if (character == null) {
				escape(out, bytes[i]);
				i++;
				continue;
			}
			int codePoint = character.codePointAt(0);
			if (codePoint < 0x20 || codePoint == 0x7F || (codePoint >= 0x80 && codePoint < 0xA0)) {
				for (int j = i; j < i + length; j++) {
					escape(out, bytes[j]);
				}
			}
			else {
				out.append(character);
			}
			i += length;
		}
		return out.toString();
	}

	private static int sequenceLength(byte[] bytes, int at) {
		int lead = bytes[at] & 0xFF;
		int length = (lead < 0x80) ? 1 : (lead >= 0xC2 && lead <= 0xDF) ? 2
				: (lead >= 0xE0 && lead <= 0xEF) ? 3 : (lead >= 0xF0 && lead <= 0xF4) ? 4 : 0;
		return (at + length <= bytes.length) ? length : 0;
	}

	private static String decode(byte[] bytes, int at, int length) {
		CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
			.onMalformedInput(CodingErrorAction.REPORT)
			.onUnmappableCharacter(CodingErrorAction.REPORT);
		try {
			CharBuffer chars = decoder.decode(ByteBuffer.wrap(bytes, at, length));
			return chars.toString();
		}
		catch (CharacterCodingException ex) {
			return null;
		}
	}

	private static void escape(StringBuilder out, byte b) {
		out.append(String.format("\\x%02X", b & 0xFF));
	}

}
