package dev.csatkit.internal;

import java.util.ArrayList;
import java.util.IllformedLocaleException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Locale parsing and the fallback chain shared by scale labels and survey messages. */
public final class Locales {
    private Locales() {
    }

    /**
     * Parses a BCP 47 language tag strictly ({@code fr-CA}, {@code sv}, {@code zh-Hant-TW}).
     *
     * @return the locale, or empty when the tag is not well-formed or names no language
     */
    public static Optional<Locale> parse(String tag) {
        try {
            Locale locale = new Locale.Builder().setLanguageTag(tag).build();
            return locale.getLanguage().isEmpty() ? Optional.empty() : Optional.of(locale.stripExtensions());
        } catch (IllformedLocaleException e) {
            return Optional.empty();
        }
    }

    /**
     * The locales to try for {@code locale}, most specific first: {@code fr-CA} gives
     * {@code [fr-CA, fr]}; {@code zh-Hant-TW} gives {@code [zh-Hant-TW, zh-Hant, zh]}.
     */
    public static List<Locale> chain(Locale locale) {
        List<Locale> chain = new ArrayList<>(4);
        Locale current = locale.stripExtensions();
        if (current.getLanguage().isEmpty()) {
            return chain;
        }
        chain.add(current);
        if (!current.getVariant().isEmpty()) {
            current = new Locale.Builder().setLocale(current).setVariant("").build();
            chain.add(current);
        }
        if (!current.getCountry().isEmpty()) {
            current = new Locale.Builder().setLocale(current).setRegion("").build();
            chain.add(current);
        }
        if (!current.getScript().isEmpty()) {
            current = new Locale.Builder().setLocale(current).setScript("").build();
            chain.add(current);
        }
        return chain;
    }

    /** Whether a locale can key a label or message set: it names a language. */
    public static boolean usable(Locale locale) {
        return !locale.getLanguage().isEmpty();
    }
}
