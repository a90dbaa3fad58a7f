package dev.csatkit.internal.reply;

import static org.assertj.core.api.Assertions.assertThat;

import dev.csatkit.reply.InvalidReason;
import dev.csatkit.reply.ParsedReply;
import dev.csatkit.scale.Polarity;
import dev.csatkit.scale.RatingScale;
import dev.csatkit.scale.RatingScales;
import dev.csatkit.scale.ScalePoint;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The steps before the analysis: trimming, the length cap, the whole-reply keyword and the plain
 * number, and which language's words a reply is read with. Literal replies, readers built per
 * test.
 */
class ReadPathTest {

    static final Locale POLISH = Locale.forLanguageTag("pl");

    @Test
    void invisibleAndWideSpacesAroundAReplyAreTrimmed() {
        TextReader five = new TextReader(RatingScales.fivePoint());
        assertThat(five.read("\u200B5\u200B", Locale.ENGLISH)).isEqualTo(new ParsedReply.Rating(5));
        assertThat(five.read("\u00A05\u3000", Locale.ENGLISH)).isEqualTo(new ParsedReply.Rating(5));
        assertThat(five.read("\u200B \u00A0", Locale.ENGLISH))
                .isEqualTo(new ParsedReply.Invalid(InvalidReason.EMPTY, "the reply is empty"));
        assertThat(five.read(" stop\u200B", Locale.ENGLISH))
                .isEqualTo(new ParsedReply.OptOut("STOP", List.of("stop"), true, false));
    }

    @Test
    void aReplyOfExactlyTheCapIsReadWholeAndALongerOneIsCut() {
        TextReader five = new TextReader(RatingScales.fivePoint());
        String cap = "a".repeat(TextReader.MAX_LENGTH);
        assertThat(five.read(cap, Locale.ENGLISH)).isEqualTo(new ParsedReply.Comment(cap, false));
        assertThat(five.read("  " + cap + "  ", Locale.ENGLISH)).isEqualTo(new ParsedReply.Comment(cap, false));
        assertThat(five.read(cap + "b", Locale.ENGLISH)).isEqualTo(new ParsedReply.Comment(cap, true));
        assertThat(five.read(" " + cap + "b", Locale.ENGLISH)).isEqualTo(new ParsedReply.Comment(cap, true));
    }

    @Test
    void theCutNeverSplitsASurrogatePair() {
        TextReader five = new TextReader(RatingScales.fivePoint());
        String before = "a".repeat(TextReader.MAX_LENGTH - 1);
        assertThat(five.read(before + "😀", Locale.ENGLISH)).isEqualTo(new ParsedReply.Comment(before, true));
        assertThat(five.read(before + "b😀", Locale.ENGLISH)).isEqualTo(new ParsedReply.Comment(before + "b", true));
    }

    @Test
    void aWholeReplyKeywordIsLookedForUpToFortyEightCharacters() {
        TextReader five = new TextReader(RatingScales.fivePoint());
        String spelt48 = "s-t-o-p" + "!".repeat(41);
        assertThat(five.read(spelt48, Locale.ENGLISH))
                .isEqualTo(new ParsedReply.OptOut("STOP", List.of("s-t-o-p"), true, false));
        String spelt49 = spelt48 + "!";
        assertThat(five.read(spelt49, Locale.ENGLISH)).isEqualTo(new ParsedReply.Comment(spelt49));
    }

    @Test
    void theKeywordIsReportedWithoutThePunctuationAroundIt() {
        TextReader five = new TextReader(RatingScales.fivePoint());
        assertThat(five.read("¡stop!", Locale.ENGLISH)).isEqualTo(new ParsedReply.OptOut("STOP", List.of("stop"), true, false));
        assertThat(five.read("(Stop.)", Locale.ENGLISH)).isEqualTo(new ParsedReply.OptOut("STOP", List.of("Stop"), true, false));
        assertThat(five.read("s t o p", Locale.ENGLISH))
                .isEqualTo(new ParsedReply.OptOut("STOP", List.of("s t o p"), true, false));
        assertThat(five.read("«help»", Locale.ENGLISH)).isEqualTo(new ParsedReply.Help("HELP"));
        assertThat(five.read("start", Locale.ENGLISH)).isEqualTo(new ParsedReply.OptIn("START"));
    }

    @Test
    void aKeywordNextToADigitOrAnEmojiIsReadByTheAnalysis() {
        TextReader five = new TextReader(RatingScales.fivePoint());
        assertThat(five.read("stop5", Locale.ENGLISH))
                .as("a number glued to it is no rating but still something else said")
                .isEqualTo(new ParsedReply.OptOut("STOP", List.of("stop"), false, false));
        assertThat(five.read("help 😀", Locale.ENGLISH)).isEqualTo(new ParsedReply.Rating(4, "help"));
    }

    @Test
    void thePlainNumberPathAgreesWithTheFullOne() {
        TextReader five = new TextReader(RatingScales.fivePoint());
        assertThat(five.read("4 !?", Locale.ENGLISH)).isEqualTo(new ParsedReply.Rating(4));
        assertThat(five.read("4\t.", Locale.ENGLISH)).isEqualTo(new ParsedReply.Rating(4));
        assertThat(five.read("00005", Locale.ENGLISH)).isEqualTo(new ParsedReply.Rating(5));
        assertThat(five.read("5x", Locale.ENGLISH)).isEqualTo(new ParsedReply.Comment("5x"));
        // 2^32 + 3: a plain number read past four digits would wrap round to 3.
        assertThat(five.read("4294967299", Locale.ENGLISH)).isEqualTo(new ParsedReply.Invalid(InvalidReason.OUT_OF_RANGE,
                "a number of 10 digits is not on the scale five (1 to 5)"));
        assertThat(five.read("5 x", Locale.ENGLISH)).isEqualTo(new ParsedReply.Rating(5, "x"));
        assertThat(five.read("5 ?x", Locale.ENGLISH)).isEqualTo(new ParsedReply.Rating(5, "x"));
        assertThat(five.read("+5", Locale.ENGLISH)).isEqualTo(new ParsedReply.Invalid(InvalidReason.AMBIGUOUS,
                "a signed number on a scale with no negative values"));
        assertThat(five.read("-5", Locale.ENGLISH)).isEqualTo(new ParsedReply.Invalid(InvalidReason.OUT_OF_RANGE,
                "-5 is not on the scale five (1 to 5)"));
        assertThat(five.read("-", Locale.ENGLISH)).isEqualTo(new ParsedReply.Invalid(InvalidReason.UNRECOGNIZED,
                "the reply has no rating, keyword or words"));
        TextReader zeroTen = new TextReader(RatingScales.zeroToTen());
        assertThat(zeroTen.read("10", Locale.ENGLISH)).isEqualTo(new ParsedReply.Rating(10));
        assertThat(zeroTen.read("0010", Locale.ENGLISH)).isEqualTo(new ParsedReply.Rating(10));
        assertThat(zeroTen.read("9", Locale.ENGLISH)).isEqualTo(new ParsedReply.Rating(9));
        // No digit at all is no 0, signed or not.
        for (String noDigit : new String[] {".", "-."}) {
            assertThat(zeroTen.read(noDigit, Locale.ENGLISH)).as(noDigit).isEqualTo(new ParsedReply.Invalid(
                    InvalidReason.UNRECOGNIZED, "the reply has no rating, keyword or words"));
        }
        assertThat(zeroTen.read("+5", Locale.ENGLISH)).as("a plus sign hedges where the lowest value is 0")
                .isEqualTo(new ParsedReply.Invalid(InvalidReason.AMBIGUOUS, "a signed number on a scale with no negative values"));
        for (String offScale : new String[] {"11", "12", "19", "21", "91", "99", "100", "1000", "10000"}) {
            assertThat(zeroTen.read(offScale, Locale.ENGLISH)).as(offScale).isEqualTo(new ParsedReply.Invalid(
                    InvalidReason.OUT_OF_RANGE, offScale + " is not on the scale zero-ten (0 to 10)"));
        }
        TextReader signed = new TextReader(RatingScale.builder("minus-two").numeric(-2, 2).build());
        assertThat(signed.read("-2", Locale.ENGLISH)).isEqualTo(new ParsedReply.Rating(-2));
        assertThat(signed.read("+2", Locale.ENGLISH)).isEqualTo(new ParsedReply.Rating(2));
        assertThat(signed.read("-1 .", Locale.ENGLISH)).isEqualTo(new ParsedReply.Rating(-1));
        assertThat(signed.read("-0", Locale.ENGLISH)).isEqualTo(new ParsedReply.Rating(0));
        assertThat(signed.read("--2", Locale.ENGLISH)).isEqualTo(new ParsedReply.Invalid(InvalidReason.AMBIGUOUS,
                "a number with more than one sign"));
        assertThat(signed.read("-3", Locale.ENGLISH)).isEqualTo(new ParsedReply.Invalid(InvalidReason.OUT_OF_RANGE,
                "-3 is not on the scale minus-two (-2 to 2)"));
    }

    @Test
    void thePlainNumberPathTakesNoOtherCharacterForADigitOrASign() {
        // On a scale with negative values a first digit is no sign: "12" is twelve, not "+2".
        TextReader signed = new TextReader(RatingScale.builder("minus-two").numeric(-2, 2).build());
        assertThat(signed.read("12", Locale.ENGLISH)).isEqualTo(new ParsedReply.Invalid(InvalidReason.OUT_OF_RANGE,
                "12 is not on the scale minus-two (-2 to 2)"));
        // '.' is two below '0' and ':' ten above it: neither is a digit, whatever value it would make.
        ParsedReply noRating = new ParsedReply.Invalid(InvalidReason.UNRECOGNIZED,
                "the reply has no rating, keyword or words");
        assertThat(signed.read(".", Locale.ENGLISH)).isEqualTo(noRating);
        assertThat(new TextReader(RatingScales.zeroToTen()).read(":", Locale.ENGLISH)).isEqualTo(noRating);
    }

    @Test
    void aDigitIsReadAsItsOwnValueOnAScaleThatGoesFarAboveIt() {
        // '4' is 52: read as 52 + 48 instead of 52 - 48 it would be 100, this scale's top.
        RatingScale far = RatingScale.builder("four-hundred")
                .point(ScalePoint.of(4, Polarity.NEGATIVE))
                .point(ScalePoint.of(100, Polarity.POSITIVE))
                .build();
        assertThat(new TextReader(far).read("4", Locale.ENGLISH)).isEqualTo(new ParsedReply.Rating(4));
    }

    @Test
    void theKeywordSpanIsMeasuredAfterTrimming() {
        TextReader five = new TextReader(RatingScales.fivePoint());
        String spaces = " ".repeat(48);
        assertThat(five.read(spaces + "help", Locale.ENGLISH)).isEqualTo(new ParsedReply.Help("HELP"));
        assertThat(five.read(spaces + "help" + spaces, Locale.ENGLISH)).isEqualTo(new ParsedReply.Help("HELP"));
    }

    @Test
    void aLanguageOnlyTheScalesLabelsKnowIsReadInThoseLabels() {
        RatingScale italian = RatingScale.builder("italian")
                .point(ScalePoint.of(1, Polarity.NEGATIVE, Map.of(Locale.ITALIAN, "Pessimo")))
                .point(ScalePoint.of(2, Polarity.POSITIVE, Map.of(Locale.ITALIAN, "Ottimo")))
                .build();
        TextReader reader = new TextReader(italian);
        assertThat(reader.read("ottimo!", Locale.ITALIAN)).isEqualTo(new ParsedReply.Rating(2));
        assertThat(reader.read("ottimo!", Locale.ENGLISH)).isEqualTo(new ParsedReply.Comment("ottimo!"));
        assertThat(reader.read("two", Locale.ITALIAN)).as("English besides").isEqualTo(new ParsedReply.Rating(2));
        assertThat(reader.read("stop", Locale.JAPANESE)).as("a language with no tables reads English")
                .isEqualTo(new ParsedReply.OptOut("STOP", List.of("stop"), true, false));
    }

    @Test
    void anEnglishNumberWordThatIsAnEverydayWordOfTheContactsLanguageIsNoNumber() {
        TextReader zeroTen = new TextReader(RatingScales.zeroToTen());
        assertThat(zeroTen.read("ten", Locale.ENGLISH)).isEqualTo(new ParsedReply.Rating(10));
        assertThat(zeroTen.read("ten", POLISH)).as("Polish 'this'").isEqualTo(new ParsedReply.Comment("ten"));
        assertThat(zeroTen.read("nine", POLISH)).isEqualTo(new ParsedReply.Rating(9));
        assertThat(zeroTen.read("dziesięć", POLISH)).isEqualTo(new ParsedReply.Rating(10));
    }

    @Test
    void anOptInOrHelpWordThatIsALabelOfTheScaleIsThatLabel() {
        RatingScale yesNo = RatingScale.builder("yes-no")
                .point(ScalePoint.of(1, Polarity.NEGATIVE, Map.of(Locale.ENGLISH, "No")))
                .point(ScalePoint.of(2, Polarity.POSITIVE, Map.of(Locale.ENGLISH, "Yes")))
                .build();
        TextReader reader = new TextReader(yesNo);
        assertThat(reader.read("Yes!", Locale.ENGLISH)).isEqualTo(new ParsedReply.Rating(2));
        assertThat(reader.read("help", Locale.ENGLISH)).isEqualTo(new ParsedReply.Help("HELP"));
        RatingScale stopGo = RatingScale.builder("stop-go")
                .point(ScalePoint.of(1, Polarity.NEGATIVE, Map.of(Locale.ENGLISH, "Stop")))
                .point(ScalePoint.of(2, Polarity.POSITIVE, Map.of(Locale.ENGLISH, "Go")))
                .build();
        assertThat(new TextReader(stopGo).read("stop", Locale.ENGLISH)).as("an opt-out always counts")
                .isEqualTo(new ParsedReply.OptOut("STOP", List.of("stop"), true, false));
        TextReader five = new TextReader(RatingScales.fivePoint());
        assertThat(five.read("yes", Locale.ENGLISH)).isEqualTo(new ParsedReply.OptIn("YES"));
    }
}
