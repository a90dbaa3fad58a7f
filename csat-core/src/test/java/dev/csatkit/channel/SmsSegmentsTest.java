package dev.csatkit.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.csatkit.InvalidDefinitionException;
import org.junit.jupiter.api.Test;

class SmsSegmentsTest {

    private static final String EMOJI = "\uD83D\uDE00"; // 😀, a surrogate pair

    @Test
    void emptyTextTakesNoSegment() {
        assertThat(SmsSegments.count("")).isEqualTo(new SegmentCount(SmsEncoding.GSM_7, 0, 0, 0));
    }

    @Test
    void gsmTextFitsOneMessageUpTo160Septets() {
        assertThat(SmsSegments.count("a".repeat(160))).isEqualTo(new SegmentCount(SmsEncoding.GSM_7, 160, 160, 1));
        assertThat(SmsSegments.count("a".repeat(161)).segments()).isEqualTo(2);
        assertThat(SmsSegments.count("a".repeat(306)).segments()).isEqualTo(2);
        assertThat(SmsSegments.count("a".repeat(307)).segments()).isEqualTo(3);
    }

    @Test
    void wholeGsmAlphabetStaysGsm() {
        String basic = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZ"
                + "ÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
        SegmentCount c = SmsSegments.count(basic);
        assertThat(c.encoding()).isEqualTo(SmsEncoding.GSM_7);
        assertThat(c.units()).isEqualTo(basic.length());
    }

    @Test
    void extensionCharactersCountTwice() {
        SegmentCount c = SmsSegments.count("{}[]~^|\\€\f");
        assertThat(c).isEqualTo(new SegmentCount(SmsEncoding.GSM_7, 10, 20, 1));
        assertThat(SmsSegments.count("€".repeat(80))).isEqualTo(new SegmentCount(SmsEncoding.GSM_7, 80, 160, 1));
        assertThat(SmsSegments.count("€".repeat(81))).isEqualTo(new SegmentCount(SmsEncoding.GSM_7, 81, 162, 2));
    }

    @Test
    void anEscapePairIsNeverSplitAcrossSegments() {
        // 152 septets then '€' (2): the pair moves to segment 2, which then holds 2 + 151 = 153.
        String text = "a".repeat(152) + "€" + "a".repeat(151);
        assertThat(SmsSegments.count(text).units()).isEqualTo(305);
        assertThat(SmsSegments.count(text).segments()).isEqualTo(2);
        assertThat(SmsSegments.count(text + "a").segments()).isEqualTo(3);
        // Same length without the split: 306 septets fit in two segments exactly.
        assertThat(SmsSegments.count("a".repeat(151) + "€" + "a".repeat(153)).segments()).isEqualTo(2);
    }

    @Test
    void oneCharacterOutsideGsmSwitchesToUcs2() {
        assertThat(SmsSegments.count("Rate us 1-5 ’").encoding()).isEqualTo(SmsEncoding.UCS_2);
        assertThat(SmsSegments.count("ж".repeat(70))).isEqualTo(new SegmentCount(SmsEncoding.UCS_2, 70, 70, 1));
        assertThat(SmsSegments.count("ж".repeat(71)).segments()).isEqualTo(2);
        assertThat(SmsSegments.count("ж".repeat(134)).segments()).isEqualTo(2);
        assertThat(SmsSegments.count("ж".repeat(135)).segments()).isEqualTo(3);
        assertThat(SmsSegments.count("ç").encoding()).as("only the capital Ç is in the GSM alphabet")
                .isEqualTo(SmsEncoding.UCS_2);
    }

    @Test
    void emojiCountTwoUnitsAndAreNeverSplit() {
        assertThat(SmsSegments.count(EMOJI.repeat(35))).isEqualTo(new SegmentCount(SmsEncoding.UCS_2, 35, 70, 1));
        // 66 units, then an emoji needing 2: it moves whole to segment 2.
        String text = "ж".repeat(66) + EMOJI + "ж".repeat(66);
        assertThat(SmsSegments.count(text).units()).isEqualTo(134);
        assertThat(SmsSegments.count(text).segments()).isEqualTo(3);
        assertThat(SmsSegments.count("ж".repeat(65) + EMOJI + "ж".repeat(67)).segments()).isEqualTo(2);
    }

    @Test
    void unpairedSurrogatesAreCountedNotRefused() {
        SegmentCount c = SmsSegments.count("\uD83Dx\uDE00");
        assertThat(c).isEqualTo(new SegmentCount(SmsEncoding.UCS_2, 3, 3, 1));
        assertThat(SmsSegments.count("\uD83D".repeat(71)).segments()).isEqualTo(2);
    }

    @Test
    void describeNamesEncodingAndCounts() {
        assertThat(SmsSegments.count("a".repeat(161)).describe()).isEqualTo("2 segments (GSM-7, 161 characters, 161 septets)");
        assertThat(SmsSegments.count(EMOJI).describe()).isEqualTo("1 segment (UCS-2, 1 characters, 2 UTF-16 units)");
    }

    @Test
    void aTextOverTheLimitIsRefusedWithItsCount() {
        String text = "Оцените нас от 1 до 5. ".repeat(4);
        assertThat(SmsSegments.check("messages.ru.prompt", text, 1)).hasValueSatisfying(v -> {
            assertThat(v.field()).isEqualTo("messages.ru.prompt");
            assertThat(v.rule()).isEqualTo("needs 2 segments (UCS-2, 92 characters, 92 UTF-16 units) "
                    + "but the channel allows at most 1 segment");
        });
        assertThat(SmsSegments.check("messages.ru.prompt", text, 2)).isEmpty();
        assertThatThrownBy(() -> SmsSegments.requireWithin("prompt", "a".repeat(307), 2))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("Invalid SMS message: prompt = \"" + "a".repeat(80) + "…\" (307 characters): "
                        + "needs 3 segments (GSM-7, 307 characters, 307 septets) but the channel allows at most 2 segments");
        assertThat(SmsSegments.requireWithin("prompt", "a".repeat(306), 2).segments()).isEqualTo(2);
    }

    @Test
    void emptyTextsAndNonSmsChannelsAreRefused() {
        assertThat(SmsSegments.check("prompt", "", 3)).hasValueSatisfying(v ->
                assertThat(v.rule()).isEqualTo("must not be empty"));
        assertThat(SmsSegments.check("prompt", "hi", 0)).hasValueSatisfying(v ->
                assertThat(v.rule()).isEqualTo("cannot be sent: the channel does not send SMS"));
    }

    @Test
    void countsValidateThemselves() {
        assertThatThrownBy(() -> new SegmentCount(SmsEncoding.GSM_7, 3, 2, -1))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessageContaining("units = 2: must be at least the number of characters")
                .hasMessageContaining("segments = -1: must not be negative");
    }
}
