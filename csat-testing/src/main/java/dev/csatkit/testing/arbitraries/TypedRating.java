package dev.csatkit.testing.arbitraries;

import java.util.Locale;
import java.util.Objects;

/**
 * A rating as a customer typed it, and the value it means.
 *
 * @param value the scale value meant
 * @param text what was typed, such as {@code "4/5"}, {@code "cinq étoiles"} or {@code "😍"}
 * @param locale the customer's locale, which picks the words the parser reads besides English
 * @param form how it was typed, for shrinking reports: {@code digits}, {@code word}, {@code label}…
 */
public record TypedRating(int value, String text, Locale locale, String form) {
    /** Checks that nothing is missing. */
    public TypedRating {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(locale, "locale");
        Objects.requireNonNull(form, "form");
    }

    @Override
    public String toString() {
        return form + " " + locale.toLanguageTag() + " \"" + text + "\" = " + value;
    }
}
