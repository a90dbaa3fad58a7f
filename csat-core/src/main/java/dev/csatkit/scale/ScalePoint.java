package dev.csatkit.scale;

import dev.csatkit.internal.Checks;
import dev.csatkit.internal.LocaleMap;
import dev.csatkit.internal.Locales;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One point of a rating scale.
 *
 * @param value the number recorded when a customer picks this point; between
 *     {@value RatingScale#MIN_VALUE} and {@value RatingScale#MAX_VALUE}
 * @param polarity the feeling the point expresses
 * @param labels the label per locale ("Very satisfied", "Très satisfait"); may be empty, in
 *     which case the value itself is shown
 * @param emoji an emoji shown beside the label or used alone, such as {@code 😍}
 */
public record ScalePoint(int value, Polarity polarity, Map<Locale, String> labels, Optional<String> emoji) {

    /** The longest label, in characters. */
    public static final int MAX_LABEL_LENGTH = 64;

    /** The longest emoji sequence, in characters (room for flags and skin-tone modifiers). */
    public static final int MAX_EMOJI_LENGTH = 16;

    /**
     * Validates the point: value in range, labels non-blank and short, locales naming a language.
     *
     * @throws dev.csatkit.InvalidDefinitionException naming each broken rule
     */
    public ScalePoint {
        Objects.requireNonNull(polarity, "polarity");
        Objects.requireNonNull(labels, "labels");
        Objects.requireNonNull(emoji, "emoji");
        Checks checks = Checks.of("scale point");
        checks.check(value >= RatingScale.MIN_VALUE && value <= RatingScale.MAX_VALUE, "value", value,
                "must be between " + RatingScale.MIN_VALUE + " and " + RatingScale.MAX_VALUE);
        Map<Locale, String> copy = new LinkedHashMap<>();
        labels.forEach((locale, label) -> {
            Objects.requireNonNull(locale, "label locale");
            Objects.requireNonNull(label, "label");
            String field = "labels." + locale.toLanguageTag();
            if (checks.check(Locales.usable(locale), field, locale.toLanguageTag(), "locale must name a language")
                    && checks.check(!label.isBlank(), field, label, "must not be blank")
                    && checks.check(label.length() <= MAX_LABEL_LENGTH, field, label,
                            "must be at most " + MAX_LABEL_LENGTH + " characters")) {
                copy.put(locale.stripExtensions(), label.strip());
            }
        });
        emoji.ifPresent(e -> {
            if (checks.check(!e.isBlank(), "emoji", e, "must not be blank")) {
                checks.check(e.length() <= MAX_EMOJI_LENGTH, "emoji", e,
                        "must be at most " + MAX_EMOJI_LENGTH + " characters");
            }
        });
        checks.throwIfAny();
        labels = new LocaleMap<>(copy);
    }

    /**
     * A point with labels and no emoji.
     *
     * @param value the recorded number
     * @param polarity the feeling it expresses
     * @param labels label per locale
     * @return the point
     */
    public static ScalePoint of(int value, Polarity polarity, Map<Locale, String> labels) {
        return new ScalePoint(value, polarity, labels, Optional.empty());
    }

    /**
     * A bare numeric point: no labels, no emoji.
     *
     * @param value the recorded number
     * @param polarity the feeling it expresses
     * @return the point
     */
    public static ScalePoint of(int value, Polarity polarity) {
        return new ScalePoint(value, polarity, Map.of(), Optional.empty());
    }

    /**
     * Returns a copy of this point with the given emoji.
     *
     * @param emoji the emoji
     * @return the new point
     */
    public ScalePoint withEmoji(String emoji) {
        return new ScalePoint(value, polarity, labels, Optional.of(emoji));
    }

    /**
     * The label for a locale, following the fallback chain ({@code fr-CA}, then {@code fr}).
     *
     * @param locale the reader's locale
     * @return the label, or empty when there is none in that language
     */
    public Optional<String> label(Locale locale) {
        Locale key = ((LocaleMap<String>) labels).bestKey(locale);
        return key == null ? Optional.empty() : Optional.of(labels.get(key));
    }

    /**
     * What to show a reader: the label in their language, else the value.
     *
     * @param locale the reader's locale
     * @return the label or the value as text
     */
    public String displayLabel(Locale locale) {
        return label(locale).orElse(Integer.toString(value));
    }
}
