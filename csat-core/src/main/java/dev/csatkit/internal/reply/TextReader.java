package dev.csatkit.internal.reply;

import dev.csatkit.reply.InvalidReason;
import dev.csatkit.reply.ParsedReply;
import dev.csatkit.scale.Polarity;
import dev.csatkit.scale.RatingScale;
import dev.csatkit.scale.ScalePoint;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads one text reply for one scale. Built once per scale; immutable and thread-safe. Every
 * step is a single pass or a bounded look around one token, so the work is linear in the
 * length read, and the length read is capped at {@link #MAX_LENGTH}.
 */
public final class TextReader {

    /** The most characters of a reply that are read; the rest is cut and the outcome says so. */
    public static final int MAX_LENGTH = 2000;

    /** Replies longer than this cannot be a keyword, so keyword lookup skips them. */
    private static final int KEYWORD_SPAN = 48;

    /**
     * What an emoji means on this scale.
     *
     * @param value the point, when {@code ambiguous} is false
     * @param ambiguous whether it fits several points of this scale
     * @param polarity the feeling it shows
     */
    record Sentiment(int value, boolean ambiguous, Polarity polarity) {
    }

    private final RatingScale scale;
    private final Map<String, Vocabulary> vocabularies = new HashMap<>();
    private final Vocabulary fallback;
    private final Map<String, Sentiment> emoji = new HashMap<>();
    private final Set<String> scaleEmoji = new HashSet<>();
    private final ParsedReply.Rating[] plain;
    private final String range;

    /**
     * Compiles the tables for a scale.
     *
     * @param scale the scale replies are read against
     */
    public TextReader(RatingScale scale) {
        this.scale = scale;
        Set<String> languages = new TreeSet<>(Lexicon.languages().keySet());
        for (ScalePoint p : scale.points()) {
            p.labels().keySet().forEach(l -> languages.add(l.getLanguage()));
        }
        for (String language : languages) {
            vocabularies.put(language, new Vocabulary(scale, language));
        }
        fallback = vocabularies.get(Lexicon.ENGLISH);
        plain = new ParsedReply.Rating[scale.size()];
        for (int i = 0; i < plain.length; i++) {
            plain[i] = new ParsedReply.Rating(scale.points().get(i).value());
        }
        compileEmoji();
        range = describe(scale);
    }

    /**
     * Reads a reply.
     *
     * @param text the reply, any length and content
     * @param locale the contact's locale; picks the language of number words and labels
     * @return the outcome; never throws
     */
    public ParsedReply read(String text, Locale locale) {
        int from = 0;
        int to = text.length();
        while (from < to && Fold.isBlank(text.codePointAt(from))) {
            from += Character.charCount(text.codePointAt(from));
        }
        while (to > from && Fold.isBlank(text.codePointBefore(to))) {
            to -= Character.charCount(text.codePointBefore(to));
        }
        if (from >= to) {
            return new ParsedReply.Invalid(InvalidReason.EMPTY, "the reply is empty");
        }
        boolean truncated = false;
        if (to - from > MAX_LENGTH) {
            truncated = true;
            to = from + MAX_LENGTH;
            if (Character.isHighSurrogate(text.charAt(to - 1)) && Character.isLowSurrogate(text.charAt(to))) {
                to--;
            }
        } else {
            ParsedReply quick = plainNumber(text, from, to);
            if (quick != null) {
                return quick;
            }
        }
        Vocabulary vocabulary = vocabularies.getOrDefault(locale.getLanguage(), fallback);
        if (!truncated && to - from <= KEYWORD_SPAN) {
            ParsedReply keyword = keyword(text, from, to, vocabulary);
            if (keyword != null) {
                return keyword;
            }
        }
        List<Token> tokens = Tokenizer.tokenize(text, from, to);
        return new Analysis(this, vocabulary, text, from, to, tokens, truncated).run();
    }

    /**
     * Reads a chat button payload or an email-link value: the scale value in ASCII decimal,
     * exactly as {@link #choicePayload(int)} writes it.
     *
     * @param payload the value received
     * @return a rating, or why the value is not one
     */
    public ParsedReply choice(String payload) {
        if (payload.isEmpty()) {
            return new ParsedReply.Invalid(InvalidReason.EMPTY, "the choice is empty");
        }
        int i = payload.charAt(0) == '-' ? 1 : 0;
        int digits = payload.length() - i;
        boolean canonical = digits >= 1 && digits <= 3 && (payload.charAt(i) != '0' || digits == 1)
                && !(i == 1 && payload.charAt(i) == '0');
        int value = 0;
        for (int k = i; canonical && k < payload.length(); k++) {
            char c = payload.charAt(k);
            canonical = c >= '0' && c <= '9';
            value = value * 10 + (c - '0');
        }
        if (!canonical) {
            return new ParsedReply.Invalid(InvalidReason.UNRECOGNIZED,
                    "a choice is a scale value written in plain decimal digits, such as 4");
        }
        int signed = i == 1 ? -value : value;
        return rating(signed).orElseGet(() -> outOfRange(Integer.toString(signed), false));
    }

    /**
     * The payload that {@link #choice(String)} reads back as {@code value}.
     *
     * @param value a value of the scale
     * @return its payload
     * @throws IllegalArgumentException when the scale has no such value
     */
    public String choicePayload(int value) {
        if (!scale.contains(value)) {
            throw new IllegalArgumentException("value = " + value + ": must be a value of the scale "
                    + scale.id() + " (" + range + ")");
        }
        return Integer.toString(value);
    }

    // ---- helpers the analysis shares ----

    RatingScale scale() {
        return scale;
    }

    /** @return the cached rating without comment, or empty when the value is not on the scale */
    Optional<ParsedReply> rating(int value) {
        int index = scale.indexOf(value);
        return index < 0 ? Optional.empty() : Optional.of(plain[index]);
    }

    ParsedReply.Invalid outOfRange(String what, boolean truncated) {
        return new ParsedReply.Invalid(InvalidReason.OUT_OF_RANGE,
                what + " is not on the scale " + scale.id() + " (" + range + ")", truncated);
    }

    /** @return what a symbol means on this scale, or {@code null} when it is no face and no scale emoji */
    Sentiment sentiment(String key) {
        return emoji.get(key);
    }

    boolean isScaleEmoji(String key) {
        return scaleEmoji.contains(key);
    }

    // ---- the fast path and keywords ----

    /**
     * The common case, "5" or " 4 .", without tokenizing: an optional sign, up to four ASCII
     * digits, then only spaces, '.', '!' or '?'. Anything else, or a value not on the scale, takes
     * the full path, which reads these replies the same way.
     */
    private ParsedReply plainNumber(String s, int from, int to) {
        int i = from;
        boolean negative = false;
        char c = s.charAt(i);
        if ((c == '-' || c == '+') && i + 1 < to) {
            negative = c == '-';
            if (!negative && scale.min() >= 0) {
                return null; // a plus sign where no value is negative hedges; the full path says so
            }
            i++;
        }
        int value = 0;
        int digits = 0;
        while (i < to && digits <= 4) {
            c = s.charAt(i);
            if (c < '0' || c > '9') {
                break;
            }
            value = value * 10 + (c - '0');
            digits++;
            i++;
        }
        if (digits == 0 || digits > 4) {
            return null;
        }
        for (; i < to; i++) {
            c = s.charAt(i);
            if (c != ' ' && c != '.' && c != '!' && c != '?' && c != '\t') {
                return null;
            }
        }
        int index = scale.indexOf(negative ? -value : value);
        return index < 0 ? null : plain[index];
    }

    private static ParsedReply keyword(String s, int from, int to, Vocabulary vocabulary) {
        for (int i = from; i < to; ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            if (!(Character.isLetter(cp) || Fold.isBlank(cp) || isKeywordPunct(cp))) {
                return null;
            }
        }
        Lexicon.Keyword keyword = vocabulary.keyword(Lexicon.keywordKey(s.substring(from, to)));
        if (keyword == null) {
            return null;
        }
        return switch (keyword.kind()) {
            case OPT_OUT -> new ParsedReply.OptOut(keyword.canonical(), List.of(letters(s, from, to)), true, false);
            case OPT_IN -> new ParsedReply.OptIn(keyword.canonical());
            case HELP -> new ParsedReply.Help(keyword.canonical());
        };
    }

    /** The reply without the punctuation around it: "STOP!!!" is "STOP", "s-t-o-p" stays whole. */
    private static String letters(String s, int from, int to) {
        int a = from;
        int b = to;
        while (a < b && !Character.isLetter(s.codePointAt(a))) {
            a += Character.charCount(s.codePointAt(a));
        }
        while (b > a && !Character.isLetter(s.codePointBefore(b))) {
            b -= Character.charCount(s.codePointBefore(b));
        }
        return s.substring(a, b);
    }

    private static boolean isKeywordPunct(int cp) {
        int type = Character.getType(cp);
        return type == Character.CONNECTOR_PUNCTUATION || type == Character.DASH_PUNCTUATION
                || type == Character.START_PUNCTUATION || type == Character.END_PUNCTUATION
                || type == Character.INITIAL_QUOTE_PUNCTUATION || type == Character.FINAL_QUOTE_PUNCTUATION
                || type == Character.OTHER_PUNCTUATION;
    }

    // ---- emoji ----

    private void compileEmoji() {
        Map<String, Integer> own = new HashMap<>();
        for (ScalePoint p : scale.points()) {
            p.emoji().map(Fold::symbolKey).filter(k -> !k.isEmpty()).ifPresent(k -> {
                Integer old = own.putIfAbsent(k, p.value());
                if (old != null && old != p.value()) {
                    own.put(k, Vocabulary.AMBIGUOUS);
                }
            });
        }
        own.forEach((key, value) -> {
            scaleEmoji.add(key);
            emoji.put(key, value == Vocabulary.AMBIGUOUS
                    ? new Sentiment(0, true, Polarity.NEUTRAL)
                    : new Sentiment(value, false, scale.point(value).orElseThrow().polarity()));
        });
        Lexicon.faces().forEach((key, face) -> {
            if (!own.containsKey(key)) {
                emoji.put(key, mapFace(face));
            }
        });
    }

    /**
     * Maps a face that is not one of the scale's own emoji: to the only point whose emoji is a
     * face of the same kind, else the only point of the same polarity, else, on a scale drawn
     * entirely with emoji, to the end or the middle of that polarity by the face's strength.
     */
    private Sentiment mapFace(Lexicon.Face face) {
        Integer sameFace = null;
        int sameFaces = 0;
        Integer samePolarity = null;
        int samePolarities = 0;
        boolean allEmoji = true;
        int lowest = Integer.MAX_VALUE;
        int highest = Integer.MIN_VALUE;
        for (ScalePoint p : scale.points()) {
            Lexicon.Face own = p.emoji().map(e -> Lexicon.faces().get(Fold.symbolKey(e))).orElse(null);
            allEmoji &= p.emoji().isPresent();
            if (own == face) {
                sameFace = p.value();
                sameFaces++;
            }
            if (p.polarity() == face.polarity) {
                samePolarity = p.value();
                samePolarities++;
                lowest = Math.min(lowest, p.value());
                highest = Math.max(highest, p.value());
            }
        }
        if (sameFaces == 1) {
            return new Sentiment(sameFace, false, face.polarity);
        }
        if (samePolarities == 1) {
            return new Sentiment(samePolarity, false, face.polarity);
        }
        if (allEmoji && samePolarities > 1 && face.intensity > 0) {
            boolean towardsEnd = face.intensity == 2;
            boolean positive = face.polarity == Polarity.POSITIVE;
            int value = positive == towardsEnd ? highest : lowest;
            return new Sentiment(value, false, face.polarity);
        }
        return new Sentiment(0, true, face.polarity);
    }

    private static String describe(RatingScale scale) {
        boolean contiguous = scale.max() - scale.min() + 1 == scale.size();
        if (contiguous) {
            return scale.min() + " to " + scale.max();
        }
        StringBuilder sb = new StringBuilder("values ");
        for (int i = 0; i < scale.size(); i++) {
            sb.append(i == 0 ? "" : ", ").append(scale.points().get(i).value());
        }
        return sb.toString();
    }
}
