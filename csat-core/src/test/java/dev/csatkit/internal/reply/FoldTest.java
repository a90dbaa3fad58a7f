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
}
