package dev.csatkit.reply;

import static org.assertj.core.api.Assertions.assertThat;

import dev.csatkit.scale.RatingScales;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The keypad parser at the ends of its ranges: the window's last instant, the letter keys, two-digit values. */
class KeypadEdgesTest {

    static final KeypadParser NINE = KeypadParser.forScale(RatingScales.keypadNine());
    static final KeypadParser ZERO_TEN = KeypadParser.forScale(RatingScales.zeroToTen());

    static KeyPress at(char key, Duration after) {
        return new KeyPress(key, after);
    }

    @Test
    void aKeyPressedAtTheWindowsLastInstantCountsAndOneAfterItDoesNot() {
        Duration window = KeypadParser.DEFAULT_ANSWER_WINDOW;
        assertThat(NINE.parse(List.of(at('7', window)))).isEqualTo(new KeypadReply.KeypadRating(7, "7"));
        assertThat(NINE.parse(List.of(at('7', window.plusNanos(1))))).isEqualTo(new KeypadReply.NoInput(window));
    }

    @Test
    void twoDigitValuesArriveWholeFromTimedPresses() {
        assertThat(ZERO_TEN.parse(List.of(at('1', Duration.ofSeconds(1)), at('0', Duration.ofSeconds(2)))))
                .isEqualTo(new KeypadReply.KeypadRating(10, "10"));
        assertThat(ZERO_TEN.parse(List.of(at('1', Duration.ofSeconds(1)), at('#', Duration.ofSeconds(2)))))
                .isEqualTo(new KeypadReply.KeypadRating(1, "1#"));
        assertThat(ZERO_TEN.parse(List.of(at('1', Duration.ofSeconds(1)))))
                .isEqualTo(new KeypadReply.KeypadRating(1, "1"));
        assertThat(ZERO_TEN.needsMoreKeys("1")).isTrue();
        assertThat(ZERO_TEN.needsMoreKeys("2")).isFalse();
        assertThat(ZERO_TEN.needsMoreKeys("")).isTrue();
    }

    @Test
    void aParserBuiltForTwoDigitValuesKeepsTheSecondTimedKey() {
        // Built here rather than in a static field, so that the test is credited with what the
        // parser's constructor works out (how many timed keys to keep).
        KeypadParser zeroTen = KeypadParser.forScale(RatingScales.zeroToTen());
        assertThat(zeroTen.parse(List.of(at('1', Duration.ofSeconds(1)), at('0', Duration.ofSeconds(2)),
                at('#', Duration.ofSeconds(3))))).isEqualTo(new KeypadReply.KeypadRating(10, "10"));
        assertThat(zeroTen.parse(List.of(at('1', Duration.ofSeconds(1)), at('1', Duration.ofSeconds(2)))))
                .isEqualTo(new KeypadReply.InvalidKey("11", "11 is not on the scale zero-ten (0 to 10, then #)"));
    }

    @Test
    void everyLetterKeyOfAPhoneIsNamedAndNothingNextToThem() {
        for (char c : new char[] {'A', 'B', 'C', 'D', 'a', 'b', 'c', 'd'}) {
            assertThat(NINE.parse(String.valueOf(c))).as("key %s", c)
                    .isEqualTo(new KeypadReply.InvalidKey(String.valueOf(c), c + " is not a rating key; the scale is 1 to 9"));
        }
        for (char c : new char[] {'@', 'E', '`', 'e'}) {
            assertThat(NINE.parse(String.valueOf(c))).as("key %s", c)
                    .isEqualTo(new KeypadReply.InvalidKey(String.valueOf(c), "a character that is not a phone key"));
        }
    }

    @Test
    void theParsersSayWhatTheyRead() {
        assertThat(NINE.toString()).isEqualTo("KeypadParser[keypad9, window PT15S]");
        assertThat(ReplyParser.forScale(RatingScales.fivePoint()).toString()).contains("five");
    }
}
