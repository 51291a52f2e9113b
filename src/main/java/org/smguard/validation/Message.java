package org.smguard.validation;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What a violation says: text that may mention other fields, such as the line that
 * already lists a name or the box that acknowledges a risk. Who shows the message says
 * how a mentioned field is named: the API by its JSON path, a form as a person sees it
 * ("line 1", "tick *I understand the risk*"); see {@link Namer}.
 */
public final class Message {

	/** Names fields the way the API does: by their JSON paths. */
	public static final Namer JSON_PATHS = new Namer() {

		@Override
		public String name(FieldPath path) {
			return path.toString();
		}

		@Override
		public String tick(FieldPath path) {
			return "set " + path + " to true";
		}

	};

	private final List<Part> parts;

	private Message(List<Part> parts) {
		this.parts = List.copyOf(parts);
	}

	/** A message of plain text. */
	public static Message of(String text) {
		return new Message(List.of(new Text(text)));
	}

	/** A message that begins by naming {@code path}. */
	public static Message mentioning(FieldPath path) {
		return new Message(List.of(new Mention(path, Mention.Way.NAME)));
	}

	/** This message followed by {@code text}. */
	public Message then(String text) {
		return append(new Text(text));
	}

	/** This message followed by the name of {@code path}: "line 1". */
	public Message mention(FieldPath path) {
		return append(new Mention(path, Mention.Way.NAME));
	}

	/**
	 * This message followed by the request to switch the yes/no field {@code path} on:
	 * "tick *I understand the risk*".
	 */
	public Message tick(FieldPath path) {
		return append(new Mention(path, Mention.Way.TICK));
	}

	private Message append(Part part) {
		List<Part> longer = new ArrayList<>(this.parts);
		longer.add(part);
		return new Message(longer);
	}

	public List<Part> parts() {
		return this.parts;
	}

	/** The message with each mentioned field named by {@code namer}. */
	public String render(Namer namer) {
		StringBuilder text = new StringBuilder();
		for (Part part : this.parts) {
			if (part instanceof Mention mention) {
				text.append(
						(mention.way() == Mention.Way.TICK) ? namer.tick(mention.path()) : namer.name(mention.path()));
			}
			else {
				text.append(((Text) part).text());
			}
		}
		return text.toString();
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof Message message && message.parts.equals(this.parts);
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.parts);
	}

	/** The message as the API shows it. */
	@Override
	public String toString() {
		return render(JSON_PATHS);
	}

	/** Says how a message names the fields it mentions. */
	public interface Namer {

		/** The name of {@code path} in a sentence: "trustedUsers.users[0]", "line 1". */
		String name(FieldPath path);

		/** The request to switch {@code path} on: "tick *I understand the risk*". */
		String tick(FieldPath path);

	}

	/** One piece of a message: {@link Text} or a {@link Mention}. */
	public sealed interface Part permits Text, Mention {

	}

	public record Text(String text) implements Part {

	}

	/** A field the message speaks of, and whether it asks for the field to be ticked. */
	public record Mention(FieldPath path, Way way) implements Part {

		public enum Way {

			NAME, TICK

		}

	}

}
