package dev.csatkit.internal;

import java.util.ArrayList;
import java.util.IllformedLocaleException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

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
        if (locale.getLanguage().isEmpty()) {
            return chain;
        }
        for (Locale l = locale.stripExtensions(); l != null; l = parent(l)) {
            chain.add(l);
        }
        return chain;
    }

    /**
     * The next, less specific locale in the fallback chain, or {@code null} after the bare
     * language. Hot path for message lookup: plain language-region locales avoid the validating
     * {@link Locale.Builder}.
     */
    @SuppressWarnings("deprecation") // Locale(String...) is the cheap, cached constructor on Java 17
    public static @Nullable Locale parent(Locale locale) {
        if (locale.hasExtensions()) {
            return locale.stripExtensions();
        }
        String language = locale.getLanguage();
        String country = locale.getCountry();
        String variant = locale.getVariant();
        if (language.isEmpty()) {
            return null;
        }
        if (locale.getScript().isEmpty()) {
            if (!variant.isEmpty()) {
                return new Locale(language, country);
            }
            return country.isEmpty() ? null : new Locale(language);
        }
        Locale.Builder b = new Locale.Builder().setLocale(locale);
        if (!variant.isEmpty()) {
            return b.setVariant("").build();
        }
        if (!country.isEmpty()) {
            return b.setRegion("").build();
        }
        return b.setScript("").build();
    }

    /** Whether a locale can key a label or message set: it names a language. */
    public static boolean usable(Locale locale) {
        return !locale.getLanguage().isEmpty();
    }
}
