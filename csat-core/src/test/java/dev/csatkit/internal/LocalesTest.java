package dev.csatkit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LocalesTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "fr-CA            | fr-CA, fr",
        "sv               | sv",
        "zh-Hant-TW       | zh-Hant-TW, zh-Hant, zh",
        "de-CH-1901       | de-CH-1901, de-CH, de",
        "en-US-u-ca-iso   | en-US, en",
        "sr-Latn          | sr-Latn, sr",
        "he-IL            | he-IL, he"})
    void chainGoesFromMostToLeastSpecific(String tag, String expected) {
        assertThat(Locales.chain(Locale.forLanguageTag(tag))).extracting(Locale::toLanguageTag)
                .containsExactly(expected.split(",\\s*"));
    }

    @Test
    void aLocaleWithoutLanguageHasNoChain() {
        assertThat(Locales.chain(Locale.ROOT)).isEmpty();
        assertThat(Locales.parent(Locale.ROOT)).isNull();
        assertThat(Locales.usable(Locale.ROOT)).isFalse();
    }

    @Test
    void parsingIsStrict() {
        assertThat(Locales.parse("fr-CA")).contains(Locale.CANADA_FRENCH);
        assertThat(Locales.parse("not a tag")).isEmpty();
        assertThat(Locales.parse("")).isEmpty();
        assertThat(Locales.parse("en-u-ca-buddhist")).contains(Locale.ENGLISH);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "fr-CA            | fr-CA",
        "fr-BE            | fr",
        "fr               | fr",
        "de-CH-1901       | de-CH",
        "de-AT-1901       | de",
        "zh-Hant-TW       | zh-Hant",
        "zh-Hans-CN       | zh",
        "en-US-u-ca-iso   | en",
        "ja               | ",
        "ja-JP            | "})
    void localeMapFindsTheBestKeyAlongTheChain(String tag, String expected) {
        LocaleMap<String> map = new LocaleMap<>(java.util.Map.of(
                Locale.forLanguageTag("fr-CA"), "a", Locale.forLanguageTag("fr"), "b",
                Locale.forLanguageTag("de-CH"), "c", Locale.forLanguageTag("de"), "d",
                Locale.forLanguageTag("zh-Hant"), "e", Locale.forLanguageTag("zh"), "f",
                Locale.forLanguageTag("en"), "g"));
        Locale best = map.bestKey(Locale.forLanguageTag(tag));
        if (expected == null) {
            assertThat(best).isNull();
        } else {
            assertThat(best).isEqualTo(Locale.forLanguageTag(expected));
            // Same answer as walking the chain one locale at a time.
            assertThat(Locales.chain(Locale.forLanguageTag(tag)).stream().filter(map::containsKey).findFirst())
                    .contains(best);
        }
        assertThat(map).hasSize(7).containsEntry(Locale.FRENCH, "b");
    }
}
