package dev.csatkit.internal.reply;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Folding on its fast paths and its slow one, and the characters that separate words. */
class FoldTest {

    @Test
    void plainAsciiWordsAreOnlyLowerCased() {
        assertThat(Fold.fold("Hello")).isEqualTo("hello");
        assertThat(Fold.fold("azAZ")).isEqualTo("azaz");
        assertThat(Fold.fold("")).isEmpty();
    }

    @Test
    void accentsAndCaseFoldAwayCharacterByCharacter() {
        assertThat(Fold.fold("TRÈS")).isEqualTo("tres");
        assertThat(Fold.fold("Straße")).isEqualTo("strasse");
        assertThat(Fold.fold("très bien!")).isEqualTo("tres bien!");
    }

    @Test
    void textWithCharactersOutsideTheBasicPlaneTakesTheSlowPathToTheSameFolding() {
        assertThat(Fold.fold("É😀")).isEqualTo("e😀");
        assertThat(Fold.fold("😀 C'EST Ł")).isEqualTo("😀 cest l");
        // Only surrogate pairs, each folding to a letter: no half may be folded on its own.
        assertThat(Fold.fold("𝐀𝐁")).isEqualTo("ab");
    }

    @Test
    void theCharacterCacheFillsFromEmptyPageByPage() {
        // The JVM's cache is filled by whatever ran first; a new one shows each step.
        Fold.CharCache cache = new Fold.CharCache();
        assertThat(cache.fold('É')).isEqualTo("e");
        assertThat(cache.fold('Ü')).as("a second character on the same page").isEqualTo("u");
        assertThat(cache.fold('É')).as("read back").isEqualTo("e");
        assertThat(cache.fold('ß')).isEqualTo("ss");
        assertThat(cache.fold('Ł')).as("another page").isEqualTo("l");
        assertThat(cache.fold('Ａ')).as("the last page").isEqualTo("a");
        assertThat(cache.fold('\u0301')).as("a combining accent alone").isEmpty();
    }

    @Test
    void whiteSpaceIsEveryUnicodeSeparatorAndTheAsciiControlsThatSeparate() {
        for (int cp : new int[] {0x09, 0x0A, 0x0D, 0x1C, 0x1F, 0x20, 0x85, 0xA0, 0x2028, 0x2029, 0x3000}) {
            assertThat(Fold.isSpace(cp)).as("U+%04X", cp).isTrue();
        }
        for (int cp : new int[] {0x08, 0x0E, 0x1B, 'a', '0', 0x200B}) {
            assertThat(Fold.isSpace(cp)).as("U+%04X", cp).isFalse();
        }
        assertThat(Fold.isBlank(' ')).isTrue();
        assertThat(Fold.isBlank(0x09)).isTrue();
        assertThat(Fold.isBlank(0x1F)).isTrue();
        assertThat(Fold.isBlank(0x08)).isFalse();
        assertThat(Fold.isBlank('x')).isFalse();
        assertThat(Fold.isBlank(0x200B)).as("zero-width space").isTrue();
        assertThat(Fold.isBlank(0x3000)).isTrue();
    }

    @Test
    void lettersWithoutADecompositionFoldToTheirBaseLetters() {
        assertThat(Fold.fold("Łódź")).isEqualTo("lodz");
        assertThat(Fold.fold("Øre")).isEqualTo("ore");
        assertThat(Fold.fold("Đakovo")).isEqualTo("dakovo");
        assertThat(Fold.fold("Œuvre")).isEqualTo("oeuvre");
        assertThat(Fold.fold("Æble")).isEqualTo("aeble");
        assertThat(Fold.fold("ＡＢＣ")).as("full width").isEqualTo("abc");
        assertThat(Fold.fold("п’ять")).isEqualTo("пять");
    }

    @Test
    void asciiApostrophesAndBackticksAreDroppedOnTheFastPath() {
        assertThat(Fold.fold("it's")).isEqualTo("its");
        assertThat(Fold.fold("`a`")).isEqualTo("a");
        assertThat(Fold.fold("I'D")).isEqualTo("id");
        assertThat(Fold.fold("'")).isEmpty();
    }

    @Test
    void symbolKeysDropSelectorsSkinTonesJoinersAndMarks() {
        assertThat(Fold.symbolKey("☺\uFE0F")).isEqualTo("☺");
        assertThat(Fold.symbolKey("👍🏽")).isEqualTo("👍");
        assertThat(Fold.symbolKey("👍🏻")).isEqualTo("👍");
        assertThat(Fold.symbolKey("👍🏿")).isEqualTo("👍");
        assertThat(Fold.symbolKey("👨\u200D👩")).isEqualTo("👨👩");
        assertThat(Fold.symbolKey("5\u20E3")).isEqualTo("5");
        assertThat(Fold.symbolKey("")).isEmpty();
    }

    @Test
    void theInvisibleCodePointsAreFormatsMarksAndSkinTones() {
        for (int cp : new int[] {0x200D, 0xFEFF, 0x0301, 0x20E3, 0x0903, 0xFE0F, 0x1F3FB, 0x1F3FF}) {
            assertThat(Fold.isIgnorable(cp)).as("U+%04X", cp).isTrue();
        }
        for (int cp : new int[] {'a', ' ', 0x1F3FA, 0x1F400, 0x1F44D}) {
            assertThat(Fold.isIgnorable(cp)).as("U+%04X", cp).isFalse();
        }
        assertThat(Fold.isEmojiModifier(0x1F3FA)).isFalse();
        assertThat(Fold.isEmojiModifier(0x1F3FB)).isTrue();
        assertThat(Fold.isEmojiModifier(0x1F3FF)).isTrue();
        assertThat(Fold.isEmojiModifier(0x1F400)).isFalse();
    }

    @Test
    void apostrophesAreTheTenFormsPeopleType() {
        for (int cp : new int[] {'\'', '`', '´', '‘', '’', 'ʼ', 'ʹ', '′', '＇', 'ʻ'}) {
            assertThat(Fold.isApostrophe(cp)).as("U+%04X", cp).isTrue();
        }
        for (int cp : new int[] {'"', '‚', '″', 'a'}) {
            assertThat(Fold.isApostrophe(cp)).as("U+%04X", cp).isFalse();
        }
    }

    @Test
    void blankAsciiIsSpaceAndTheSeparatingControls() {
        for (int cp : new int[] {0x0D, 0x1C, 0x20, 0x85, 0xA0, 0x200B}) {
            assertThat(Fold.isBlank(cp)).as("U+%04X", cp).isTrue();
        }
        for (int cp : new int[] {0x0E, 0x1B, 0x21, 0x7F, 0x80}) {
            assertThat(Fold.isBlank(cp)).as("U+%04X", cp).isFalse();
        }
        assertThat(Fold.isSpace(0x0D)).isTrue();
        assertThat(Fold.isSpace(0x84)).isFalse();
        assertThat(Fold.isSpace(0x86)).isFalse();
    }
}
