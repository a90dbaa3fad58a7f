package dev.csatkit.internal;

import java.util.AbstractMap;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * An immutable map keyed by locale that finds the best entry along the fallback chain without
 * allocating on the common path ({@code fr-CA} → {@code fr}): an exact lookup, then one lookup
 * by the bare language string, whose hash is cached.
 *
 * @param <V> the value type
 */
public final class LocaleMap<V> extends AbstractMap<Locale, V> {
    private final Map<Locale, V> entries;
    private final Map<String, Locale> bareLanguages = new HashMap<>();

    /** Copies {@code source}, keeping its iteration order. */
    public LocaleMap(Map<Locale, V> source) {
        this.entries = Collections.unmodifiableMap(new LinkedHashMap<>(source));
        for (Locale key : entries.keySet()) {
            if (key.getScript().isEmpty() && key.getCountry().isEmpty() && key.getVariant().isEmpty()
                    && !key.hasExtensions()) {
                bareLanguages.put(key.getLanguage(), key);
            }
        }
    }

    /**
     * The key that best matches {@code locale} along its fallback chain.
     *
     * @return the key, or {@code null} when no key is in the chain
     */
    public @Nullable Locale bestKey(Locale locale) {
        if (entries.containsKey(locale)) {
            return locale;
        }
        if (locale.getScript().isEmpty() && !locale.hasExtensions()) {
            if (!locale.getVariant().isEmpty()) {
                Locale withoutVariant = Locales.parent(locale);
                if (withoutVariant != null && entries.containsKey(withoutVariant)) {
                    return withoutVariant;
                }
            }
            return bareLanguages.get(locale.getLanguage());
        }
        // Scripts and extensions are rare: walk the full chain.
        for (Locale l = Locales.parent(locale); l != null; l = Locales.parent(l)) {
            if (entries.containsKey(l)) {
                return l;
            }
        }
        return null;
    }

    @Override
    public @Nullable V get(@Nullable Object key) {
        return entries.get(key);
    }

    @Override
    public boolean containsKey(@Nullable Object key) {
        return entries.containsKey(key);
    }

    @Override
    public int size() {
        return entries.size();
    }

    @Override
    public Set<Entry<Locale, V>> entrySet() {
        return entries.entrySet();
    }
}
