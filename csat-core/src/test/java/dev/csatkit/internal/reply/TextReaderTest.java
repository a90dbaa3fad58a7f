package dev.csatkit.internal.reply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.csatkit.reply.InvalidReason;
import dev.csatkit.reply.ParsedReply;
import dev.csatkit.scale.Polarity;
import dev.csatkit.scale.RatingScale;
import dev.csatkit.scale.RatingScales;
import dev.csatkit.scale.ScalePoint;
import org.junit.jupiter.api.Test;

/**
 * The reader built inside each test, so that what its constructor compiles is checked by the
 * test that reads with it, and the exact choice format with literal payloads.
 */
class TextReaderTest {

    static ParsedReply.Invalid unrecognizedChoice() {
        return new ParsedReply.Invalid(InvalidReason.UNRECOGNIZED,
                "a choice is a scale value written in plain decimal digits, such as 4");
    }

    static RatingScale minusTwoToTwo() {
        return RatingScale.builder("minus-two").numeric(-2, 2).build();
    }

    @Test
    void aChoiceIsTheValueInPlainDecimalDigits() {
        TextReader five = new TextReader(RatingScales.fivePoint());
        assertThat(five.choice("4")).isEqualTo(new ParsedReply.Rating(4));
        assertThat(five.choice("1")).isEqualTo(new ParsedReply.Rating(1));
        TextReader zeroTen = new TextReader(RatingScales.zeroToTen());
        assertThat(zeroTen.choice("10")).isEqualTo(new ParsedReply.Rating(10));
        assertThat(zeroTen.choice("0")).isEqualTo(new ParsedReply.Rating(0));
        TextReader signed = new TextReader(minusTwoToTwo());
        assertThat(signed.choice("-2")).isEqualTo(new ParsedReply.Rating(-2));
        assertThat(signed.choice("2")).isEqualTo(new ParsedReply.Rating(2));
    }

    @Test
    void aChoiceOffTheScaleSaysWhichValueAndTheRange() {
        TextReader five = new TextReader(RatingScales.fivePoint());
        assertThat(five.choice("")).isEqualTo(new ParsedReply.Invalid(InvalidReason.EMPTY, "the choice is empty"));
        assertThat(five.choice("9")).isEqualTo(new ParsedReply.Invalid(InvalidReason.OUT_OF_RANGE,
                "9 is not on the scale five (1 to 5)"));
        assertThat(five.choice("100")).isEqualTo(new ParsedReply.Invalid(InvalidReason.OUT_OF_RANGE,
                "100 is not on the scale five (1 to 5)"));
        assertThat(five.choice("-2")).isEqualTo(new ParsedReply.Invalid(InvalidReason.OUT_OF_RANGE,
                "-2 is not on the scale five (1 to 5)"));
        assertThat(five.choice("0")).isEqualTo(new ParsedReply.Invalid(InvalidReason.OUT_OF_RANGE,
                "0 is not on the scale five (1 to 5)"));
    }

    @Test
    void anythingButCanonicalDigitsIsNoChoice() {
        TextReader five = new TextReader(RatingScales.fivePoint());
        TextReader signed = new TextReader(minusTwoToTwo());
        for (String payload : new String[] {"-", "04", "00", "-0", "-02", "1000", "4a", "a4", "+4", " 4", "4 ", "/", ":",
                "４", "4.0"}) {
            assertThat(five.choice(payload)).as(payload).isEqualTo(unrecognizedChoice());
            assertThat(signed.choice(payload)).as(payload).isEqualTo(unrecognizedChoice());
        }
    }

    @Test
    void theChoicePayloadIsTheValueAndOnlyAValueOfTheScale() {
        TextReader five = new TextReader(RatingScales.fivePoint());
        assertThat(five.choicePayload(5)).isEqualTo("5");
        assertThatThrownBy(() -> five.choicePayload(6)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("value = 6: must be a value of the scale five (1 to 5)");
        TextReader signed = new TextReader(minusTwoToTwo());
        assertThat(signed.choicePayload(-1)).isEqualTo("-1");
        assertThat(signed.choice(signed.choicePayload(-1))).isEqualTo(new ParsedReply.Rating(-1));
    }

    @Test
    void aScaleWithGapsIsDescribedByItsValues() {
        RatingScale odd = RatingScale.builder("odd")
                .point(ScalePoint.of(1, Polarity.NEGATIVE))
                .point(ScalePoint.of(3, Polarity.NEUTRAL))
                .point(ScalePoint.of(5, Polarity.POSITIVE))
                .build();
        TextReader reader = new TextReader(odd);
        assertThat(reader.choice("2")).isEqualTo(new ParsedReply.Invalid(InvalidReason.OUT_OF_RANGE,
                "2 is not on the scale odd (values 1, 3, 5)"));
        assertThat(reader.choice("3")).isEqualTo(new ParsedReply.Rating(3));
        RatingScale twoEnds = RatingScale.builder("ends")
                .point(ScalePoint.of(1, Polarity.NEGATIVE))
                .point(ScalePoint.of(2, Polarity.POSITIVE))
                .build();
        assertThat(new TextReader(twoEnds).choice("3")).isEqualTo(new ParsedReply.Invalid(InvalidReason.OUT_OF_RANGE,
                "3 is not on the scale ends (1 to 2)"));
    }
}
