package dev.csatkit.reply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.csatkit.InvalidConfigurationException;
import dev.csatkit.scale.RatingScale;
import dev.csatkit.scale.RatingScales;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KeypadParserTest {

    static final KeypadParser NINE = KeypadParser.forScale(RatingScales.keypadNine());
    static final KeypadParser ZERO_TEN = KeypadParser.forScale(RatingScales.zeroToTen());
    static final KeypadParser FIVE = KeypadParser.forScale(RatingScales.fivePoint());

    static KeyPress at(char key, long millis) {
        return new KeyPress(key, Duration.ofMillis(millis));
    }

    @Nested
    class SingleKey {
        @ParameterizedTest(name = "key {0}")
        @ValueSource(chars = {'1', '2', '3', '4', '5', '6', '7', '8', '9'})
        void everyKeyOfTheScaleIsARating(char key) {
            assertThat(NINE.parse(String.valueOf(key)))
                    .isEqualTo(new KeypadReply.KeypadRating(key - '0', String.valueOf(key)));
        }

        @Test
        void theFirstDigitAnswersAndLaterKeysAreIgnored() {
            assertThat(NINE.parse("7#")).isEqualTo(new KeypadReply.KeypadRating(7, "7"));
            assertThat(NINE.parse("79")).isEqualTo(new KeypadReply.KeypadRating(7, "7"));
        }

        @Test
        void invalidKeysAreReportedAsPressed() {
            assertThat(NINE.parse("0")).isEqualTo(new KeypadReply.InvalidKey("0", "0 is not on the scale keypad9 (1 to 9)"));
            assertThat(FIVE.parse("8")).isEqualTo(new KeypadReply.InvalidKey("8", "8 is not on the scale five (1 to 5)"));
            assertThat(NINE.parse("#")).isEqualTo(new KeypadReply.InvalidKey("#", "# was pressed before any digit"));
            assertThat(NINE.parse("A")).isEqualTo(new KeypadReply.InvalidKey("A", "A is not a rating key; the scale is 1 to 9"));
            assertThat(NINE.parse("x")).isEqualTo(new KeypadReply.InvalidKey("x", "a character that is not a phone key"));
        }

        @Test
        void starRepeatsThePrompt() {
            assertThat(NINE.parse("*")).isEqualTo(new KeypadReply.Repeat());
            assertThat(NINE.parse("*5")).isEqualTo(new KeypadReply.Repeat());
        }

        @Test
        void nothingPressedIsNoInput() {
            assertThat(NINE.parse("")).isEqualTo(new KeypadReply.NoInput(Duration.ofSeconds(15)));
        }
    }

    @Nested
    class DigitsThenHash {
        @Test
        void twoDigitsEndWithHash() {
            assertThat(ZERO_TEN.parse("1#")).isEqualTo(new KeypadReply.KeypadRating(1, "1#"));
            assertThat(ZERO_TEN.parse("1#0")).isEqualTo(new KeypadReply.KeypadRating(1, "1#"));
            // No value grows from 10, so the entry ends before its '#'.
            assertThat(ZERO_TEN.parse("10#")).isEqualTo(new KeypadReply.KeypadRating(10, "10"));
        }

        @Test
        void aDigitNoValueCanGrowFromEndsAtOnce() {
            assertThat(ZERO_TEN.parse("2")).isEqualTo(new KeypadReply.KeypadRating(2, "2"));
            assertThat(ZERO_TEN.parse("0")).isEqualTo(new KeypadReply.KeypadRating(0, "0"));
            assertThat(ZERO_TEN.parse("10")).isEqualTo(new KeypadReply.KeypadRating(10, "10"));
            assertThat(ZERO_TEN.parse("7#")).isEqualTo(new KeypadReply.KeypadRating(7, "7"));
        }

        @Test
        void theEndOfTheWindowEndsTheEntryLikeHash() {
            assertThat(ZERO_TEN.parse("1")).isEqualTo(new KeypadReply.KeypadRating(1, "1"));
        }

        @Test
        void valuesOffTheScale() {
            assertThat(ZERO_TEN.parse("11#"))
                    .isEqualTo(new KeypadReply.InvalidKey("11", "11 is not on the scale zero-ten (0 to 10, then #)"));
            assertThat(ZERO_TEN.parse("1*")).isEqualTo(new KeypadReply.Repeat());
            assertThat(ZERO_TEN.parse("1A"))
                    .isEqualTo(new KeypadReply.InvalidKey("1A", "A is not a rating key; the scale is 0 to 10, then #"));
            RatingScale tens = RatingScale.builder("tens").numeric(10, 14).build();
            KeypadParser parser = KeypadParser.forScale(tens);
            assertThat(parser.parse("1#")).isEqualTo(new KeypadReply.InvalidKey("1#", "1 is not on the scale tens (10 to 14, then #)"));
            assertThat(parser.parse("5")).isEqualTo(new KeypadReply.InvalidKey("5", "5 is not on the scale tens (10 to 14, then #)"));
            assertThat(parser.parse("12#")).isEqualTo(new KeypadReply.KeypadRating(12, "12"));
        }

        @Test
        void needsMoreKeysTellsAnIvrToKeepListening() {
            assertThat(ZERO_TEN.needsMoreKeys("")).isTrue();
            assertThat(ZERO_TEN.needsMoreKeys("1")).isTrue();
            assertThat(ZERO_TEN.needsMoreKeys("2")).isFalse();
            assertThat(ZERO_TEN.needsMoreKeys("10")).isFalse();
            assertThat(ZERO_TEN.needsMoreKeys("1#")).isFalse();
            assertThat(NINE.needsMoreKeys("1")).isFalse();
        }
    }

    @Nested
    class AnswerWindow {
        @Test
        void keysAfterTheWindowAreNotRead() {
            assertThat(NINE.parse(List.of(at('5', 15_001)))).isEqualTo(new KeypadReply.NoInput(Duration.ofSeconds(15)));
            assertThat(NINE.parse(List.of(at('5', 15_000)))).isEqualTo(new KeypadReply.KeypadRating(5, "5"));
            assertThat(NINE.parse(List.of())).isEqualTo(new KeypadReply.NoInput(Duration.ofSeconds(15)));
        }

        @Test
        void pressingDuringThePromptCounts() {
            assertThat(NINE.parse(List.of(at('3', -2_000)))).isEqualTo(new KeypadReply.KeypadRating(3, "3"));
        }

        @Test
        void theWindowEndsAMultiDigitEntry() {
            assertThat(ZERO_TEN.parse(List.of(at('1', 3_000), at('0', 16_000))))
                    .isEqualTo(new KeypadReply.KeypadRating(1, "1"));
            assertThat(ZERO_TEN.parse(List.of(at('1', 3_000), at('#', 5_000))))
                    .isEqualTo(new KeypadReply.KeypadRating(1, "1#"));
            assertThat(ZERO_TEN.parse(List.of(at('1', 3_000), at('0', 4_000), at('#', 5_000))))
                    .isEqualTo(new KeypadReply.KeypadRating(10, "10"));
        }

        @Test
        void aCustomWindowMeasuredFromTimestamps() {
            KeypadParser quick = KeypadParser.forScale(RatingScales.keypadNine(), Duration.ofSeconds(5));
            Instant promptEnded = Instant.parse("2026-03-01T10:00:00Z");
            KeyPress late = KeyPress.at('9', promptEnded, promptEnded.plusSeconds(6));
            KeyPress inTime = KeyPress.at('8', promptEnded, promptEnded.plusSeconds(4));
            assertThat(late.after()).isEqualTo(Duration.ofSeconds(6));
            assertThat(quick.parse(List.of(late))).isEqualTo(new KeypadReply.NoInput(Duration.ofSeconds(5)));
            assertThat(quick.parse(List.of(inTime, late))).isEqualTo(new KeypadReply.KeypadRating(8, "8"));
            assertThat(quick.answerWindow()).isEqualTo(Duration.ofSeconds(5));
            assertThat(NINE.answerWindow()).isEqualTo(KeypadParser.DEFAULT_ANSWER_WINDOW).isEqualTo(Duration.ofSeconds(15));
        }

        @Test
        void lateKeysDoNotHideTimelyOnes() {
            assertThat(NINE.parse(List.of(at('0', 20_000), at('4', 1_000)))).isEqualTo(new KeypadReply.KeypadRating(4, "4"));
        }
    }

    @Nested
    class Configuration {
        @Test
        void scalesWithNegativeValuesCannotBeKeyed() {
            RatingScale minus = RatingScale.builder("minus").numeric(-2, 2).build();
            assertThatThrownBy(() -> KeypadParser.forScale(minus))
                    .isInstanceOf(InvalidConfigurationException.class)
                    .hasMessage("Invalid configuration: scale = \"minus\": cannot be answered on a phone keypad: "
                            + "it has negative values");
        }

        @Test
        void theWindowMustBePositiveAndAtMostFiveMinutes() {
            for (Duration bad : List.of(Duration.ZERO, Duration.ofSeconds(-1), Duration.ofMinutes(6))) {
                assertThatThrownBy(() -> KeypadParser.forScale(RatingScales.keypadNine(), bad))
                        .isInstanceOf(InvalidConfigurationException.class)
                        .hasMessage("Invalid configuration: answerWindow = " + bad + ": must be more than 0 and at most PT5M");
            }
            assertThat(KeypadParser.forScale(RatingScales.keypadNine(), KeypadParser.MAX_ANSWER_WINDOW).answerWindow())
                    .isEqualTo(Duration.ofMinutes(5));
        }
    }
}
