package dev.csatkit.channels.support;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The masks at the edges of each rule: the fewest digits that make a phone number, every
 * character a phone number may hold, an {@code @} that does not make an email address, and the
 * first and last code point of each range {@link Masking#escape} treats as unsafe.
 */
class MaskingEdgesTest {

    @Test
    void anAddressIsAPhoneNumberFromSixDigitsOn() {
        assertThat(Masking.address("+44 12 34")).as("six digits").isEqualTo("+44***");
        assertThat(Masking.address("+44 12 3")).as("five digits: kept like a platform id").isEqualTo("+4***");
        assertThat(Masking.phone("+123456")).as("six digits").isEqualTo("+1***");
        assertThat(Masking.phone("+12345")).as("five digits").isEqualTo("***");
    }

    @Test
    void zerosAndNinesAreDigitsAndTheCharactersBesideThemAreNot() {
        assertThat(Masking.address("000000")).isEqualTo("***");
        assertThat(Masking.address("999999")).isEqualTo("***");
        assertThat(Masking.address("//////")).isEqualTo("//***");
        assertThat(Masking.address("::::::")).isEqualTo("::***");
    }

    @Test
    void everyCharacterAPhoneNumberMayHoldKeepsItAPhoneNumber() {
        assertThat(Masking.address("+44 (20) 7946-0958")).isEqualTo("+44***58");
        assertThat(Masking.address("+44.20.7946.0958")).isEqualTo("+44***58");
        assertThat(Masking.address("+44/20/79460958")).isEqualTo("+44***58");
        assertThat(Masking.address("+44\u00A020\u00A07946\u00A00958")).isEqualTo("+44***58");
        // Any other character makes it an id: at most two characters are kept.
        assertThat(Masking.address("44:2079460958")).isEqualTo("44***");
        assertThat(Masking.address("44_2079460958")).isEqualTo("44***");
        assertThat(Masking.address("abc123456")).isEqualTo("ab***");
    }

    @Test
    void anIdKeepsAThirdOfItsCodePointsAndAtMostTwo() {
        assertThat(Masking.address("abcde")).isEqualTo("a***");
        assertThat(Masking.address("abcdef")).isEqualTo("ab***");
        assertThat(Masking.address("😀😀😀")).as("code points, not chars").isEqualTo("😀***");
        assertThat(Masking.address("@ab")).as("an @ first is no email address").isEqualTo("@***");
    }

    @Test
    void anEmailAddressWithoutADomainOrWithADomainStartingWithADotHidesIt() {
        assertThat(Masking.email("jane@")).isEqualTo("***");
        assertThat(Masking.email("a@.com")).as("a dot first is no label").isEqualTo("a***@.***");
        assertThat(Masking.email("a@b.co")).isEqualTo("a***@b***.co");
    }

    @Test
    void freeTextMasksRunsOfSevenDigitsAndMoreOnly() {
        assertThat(Masking.text("ref 1234567")).isEqualTo("ref ***67");
        assertThat(Masking.text("ref 12 34 56")).as("six digits").isEqualTo("ref 12 34 56");
    }

    @Test
    void escapeKeepsSurrogatePairsAndEscapesLoneSurrogatesWhereverTheyStand() {
        assertThat(Masking.escape(null)).isEqualTo("(none)");
        assertThat(Masking.escape("😀")).isEqualTo("😀");
        assertThat(Masking.escape("ok\uD83D")).as("a high surrogate last").isEqualTo("ok\\uD83D");
        assertThat(Masking.escape("a\uD83Dx")).as("a high surrogate before a letter").isEqualTo("a\\uD83Dx");
        assertThat(Masking.escape("a\uDE00")).as("a low surrogate alone").isEqualTo("a\\uDE00");
        // After the first unsafe character, the rest is read one character at a time.
        assertThat(Masking.escape("\u0007😀")).isEqualTo("\\u0007😀");
        assertThat(Masking.escape("\u0007a\uD83D")).isEqualTo("\\u0007a\\uD83D");
        assertThat(Masking.escape("\u0007\uD83Dx")).isEqualTo("\\u0007\\uD83Dx");
    }

    @Test
    void theBidirectionalRangesAreEscapedFromTheirFirstToTheirLastCodePoint() {
        assertThat(Masking.escape("\u202A\u202E\u2066\u2069"))
                .isEqualTo("\\u202A\\u202E\\u2066\\u2069");
        assertThat(Masking.escape("x\u202F\u2065\u206A\u2027")).as("their neighbours are kept")
                .isEqualTo("x\u202F\u2065\u206A\u2027");
        assertThat(Masking.escape("x\u007F\u009F")).isEqualTo("x\\u007F\\u009F");
        assertThat(Masking.escape("x\u00A0~")).isEqualTo("x\u00A0~");
    }
}
