package dev.csatkit.reply;

import dev.csatkit.internal.reply.TextReader;
import dev.csatkit.scale.RatingScale;
import java.util.Locale;
import java.util.Objects;

/**
 * Reads text replies — SMS, chat messages, email replies — and button or link choices for one
 * rating scale.
 *
 * <p>A text reply is understood in every usual form: digits of any script ("5", " 4 .",
 * "５", "٥"), "4/5", "4 out of 5", "4 stars", "rating: 3", "I'd give it a 4", number words and
 * scale labels in the contact's language and English (tables for en, fr, sv, ru, uk, pl, de,
 * es), emoji faces mapped through the scale's emoji and polarity, repeated stars, 👍 and 👎
 * on a two-point scale, in any case and with or without accents. A request to stop messages is
 * read anywhere in the reply, in the contact's language and English ("STOP", "stop texting me",
 * "arrêtez les SMS"), and wins over any rating beside it: see {@link ParsedReply.OptOut}. Opt-in
 * and help keywords (START, HELP and local forms) count only as the whole reply. Where a reply
 * could mean two ratings, or hedges its number (".5", "4+", "5%", "$5"), the outcome is
 * {@link InvalidReason#AMBIGUOUS}, never a guess.
 *
 * <p>Build one parser per scale and share it: building compiles the word tables; parsing is
 * thread-safe, never throws on any text, reads at most {@link #MAX_LENGTH} characters, and
 * takes time linear in what it reads.
 */
public final class ReplyParser {

    /**
     * The most characters of a reply that are read, after surrounding white space; the rest is
     * cut and the outcome's {@link ParsedReply#truncated()} is true.
     */
    public static final int MAX_LENGTH = TextReader.MAX_LENGTH;

    private final RatingScale scale;
    private final TextReader reader;

    private ReplyParser(RatingScale scale) {
        this.scale = scale;
        this.reader = new TextReader(scale);
    }

    /**
     * Builds the parser for a scale.
     *
     * @param scale the scale replies answer
     * @return the parser; keep and share it
     */
    public static ReplyParser forScale(RatingScale scale) {
        return new ReplyParser(Objects.requireNonNull(scale, "scale"));
    }

    /** @return the scale this parser reads */
    public RatingScale scale() {
        return scale;
    }

    /**
     * Reads a text reply.
     *
     * @param text the reply as received, any length and content
     * @param locale the contact's locale; its language picks the number words and labels read
     *     besides English
     * @return the outcome
     */
    public ParsedReply parse(String text, Locale locale) {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(locale, "locale");
        return reader.read(text, locale);
    }

    /**
     * Reads a chat button payload or the value carried by an email link. These are exact: the
     * scale value in plain decimal digits, as {@link #choicePayload(int)} writes it, and nothing
     * else — no spaces, words or leading zeros.
     *
     * @param payload the payload or link value, already URL-decoded
     * @return a {@link ParsedReply.Rating} without comment, or an {@link ParsedReply.Invalid}:
     *     {@code EMPTY}, {@code OUT_OF_RANGE} or {@code UNRECOGNIZED}
     */
    public ParsedReply parseChoice(String payload) {
        Objects.requireNonNull(payload, "payload");
        return reader.choice(payload);
    }

    /**
     * The payload for a button or link that chooses {@code value}.
     *
     * @param value a value of the scale
     * @return the payload, which {@link #parseChoice(String)} reads back as {@code value}
     * @throws IllegalArgumentException when the scale has no such value
     */
    public String choicePayload(int value) {
        return reader.choicePayload(value);
    }

    @Override
    public String toString() {
        return "ReplyParser[" + scale.id() + "]";
    }
}
