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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The analysis at the edges of each rule, one literal reply each: how far a negation or a half
 * reaches, signs and marks glued to a number, decimals, money, stars, and where the comment is
 * cut. The reader is built per test instance.
 */
class AnalysisEdgesTest {

    final TextReader five = new TextReader(RatingScales.fivePoint());

    ParsedReply en(String text) {
        return five.read(text, Locale.ENGLISH);
    }

    static ParsedReply.Invalid ambiguous(String detail) {
        return new ParsedReply.Invalid(InvalidReason.AMBIGUOUS, detail);
    }

    @ParameterizedTest(name = "\"{0}\"")
    @CsvSource(delimiter = '|', value = {
        "-+5|a number with more than one sign",
        "+-5|a number with more than one sign",
        "~5|a number marked as approximate or as a bound",
        "ok ~5|a number marked as approximate or as a bound",
        "≥4|a number marked as approximate or as a bound",
        "<4|a number marked as approximate or as a bound",
        "±4|a number marked as approximate or as a bound",
        ".5|a decimal number without a leading digit",
        ",5|a decimal number without a leading digit",
        "٫5|a decimal number without a leading digit",
        "ok .5|a decimal number without a leading digit",
        "4.000|a decimal number falls between two points",
        "4.01|a decimal number falls between two points",
        "4+|a number followed by a plus sign",
        "5 percent|a percentage is not a point of the scale",
        "5%|a percentage is not a point of the scale",
        "5 €|an amount of money is not a point of the scale",
        "5€|an amount of money is not a point of the scale",
        "€5|an amount of money is not a point of the scale",
        "$5|an amount of money is not a point of the scale",
        "5 dollars|an amount of money is not a point of the scale",
        "$5 great stop|an amount of money is not a point of the scale",
        "4 and a half|a half point falls between two points",
        "four and a half|a half point falls between two points",
        "not i would give it 5|the rating is negated",
        "four five|the reply names more than one rating: 4, 5",
        "one, two|the reply names more than one rating: 1, 2",
        "5⭐⭐|the reply names more than one rating: 2, 5",
        "★★★☆|a rating out of 4 stars on a scale that goes up to 5",
        "not satisfied|the rating is negated",
        "not-satisfied|the rating is negated",
        "five or 4|the reply names more than one rating: 4, 5",
        "five, four|the reply names more than one rating: 4, 5",
        "five and a half stars|a half point falls between two points",
        "4 half|a half point falls between two points",
        "give it a 4 and a half|a half point falls between two points",
        "~-5|a number with more than one sign",
        "4. 5|the reply names more than one rating: 4, 5",
        "not four stars|the rating is negated",
        "not ⭐⭐⭐⭐|the rating is negated",
        "not four five|the rating is negated",
        "x four or five|the reply names more than one rating: 4, 5",
        "4-star and a half|a half point falls between two points",
        "4⭐ and a half|a half point falls between two points",
        "4 of a half|a half point falls between two points",
        "3 out of 5 and a half|a half point falls between two points"})
    void hedgedReplies(String reply, String detail) {
        assertThat(en(reply)).isEqualTo(ambiguous(detail));
    }

    @ParameterizedTest(name = "\"{0}\"")
    @CsvSource(delimiter = '|', value = {
        "Very-satisfied|5", "four/five|4", "4/five|4", "four/5|4", "5stars|5", "4.0|4", "4.00|4", "...5|5",
        "rating: four|4", "rating - four|4", "rating = four|4", "4 /|4", "★★★☆☆|3", "5⭐|5", "5⭐⭐⭐⭐⭐|5",
        "4-star|4", "four stars|4", "I'd give it a four|4", "give five|5", "a five|5", "rating five|5",
        "score: - five|5", "i would rate it five|5", "one star|1", "one of five|1", "three out of five|3",
        "3 out of five|3", "3 of 5 stars|3", "4-|4", "rating: four it|4", "stars 4 of|4"})
    void ratingsAlone(String reply, int value) {
        assertThat(en(reply)).isEqualTo(new ParsedReply.Rating(value));
    }

    @ParameterizedTest(name = "\"{0}\"")
    @CsvSource(delimiter = '|', value = {
        "thanks,5|5|thanks",
        "4/x|4|x",
        "4 and so a half|4|and so a half",
        "not i would give it a 5|5|not",
        "Great service, 5|5|Great service",
        "5 - great service|5|great service",
        "great, I'd give it a 5|5|great",
        "good 5 good|5|good 5 good",
        "help 😀|4|help",
        "🚀5|5|🚀",
        "5 great 5|5|5 great 5",
        "very- satisfied|4|very",
        "very-5satisfied|4|very-5",
        "4.x|4|x",
        "5 out|5|out",
        "4- star and a half|4|star and a half",
        "4 -star and a half|4|star and a half"})
    void ratingsWithAComment(String reply, int value, String comment) {
        assertThat(en(reply)).isEqualTo(new ParsedReply.Rating(value, comment));
    }

    @ParameterizedTest(name = "\"{0}\"")
    @CsvSource(delimiter = '|', value = {"one more thing", "four it", "mp3", "2nd", "a4", "x or five", "or five",
        "five or", "one thing", "a half",
        "good-", "... four it", "/four"})
    void numbersInWordsAndNumberWordsOutOfContextAreAComment(String reply) {
        assertThat(en(reply)).isEqualTo(new ParsedReply.Comment(reply));
    }

    @Test
    void aNumberWordThatIsAlsoAnArticleIsNoRatingAfterFillers() {
        assertThat(five.read("c'est un", Locale.FRENCH)).isEqualTo(new ParsedReply.Comment("c'est un"));
        assertThat(five.read("un", Locale.FRENCH)).isEqualTo(new ParsedReply.Rating(1));
        assertThat(five.read("c'est cinq", Locale.FRENCH)).isEqualTo(new ParsedReply.Rating(5));
    }

    @Test
    void aCueReachesFiveTokensBackAndNoFurther() {
        // Separators between a cue and a number word count towards the reach like words.
        assertThat(en("rating - - - - four it")).isEqualTo(new ParsedReply.Rating(4));
        assertThat(en("rating - - - - - four it")).isEqualTo(new ParsedReply.Comment("rating - - - - - four it"));
    }

    @Test
    void aKeywordThatIsAlsoALabelIsAnOptOutThoughNotForCertain() {
        // The label makes an explicit rating; the emoji keeps the reply off the whole-reply keyword path.
        RatingScale stopGo = RatingScale.builder("stop-go")
                .point(ScalePoint.of(1, Polarity.NEGATIVE, Map.of(Locale.ENGLISH, "Stop")))
                .point(ScalePoint.of(2, Polarity.POSITIVE, Map.of(Locale.ENGLISH, "Go")))
                .build();
        assertThat(new TextReader(stopGo).read("stop 🙂", Locale.ENGLISH))
                .isEqualTo(new ParsedReply.OptOut("STOP", List.of("stop"), false, false));
        // Last, after a symbol: every token of the reply ends a clause of its own.
        assertThat(new TextReader(stopGo).read("🙂 stop", Locale.ENGLISH))
                .isEqualTo(new ParsedReply.OptOut("STOP", List.of("stop"), false, false));
    }

    @Test
    void emptyStarsOnlyAreZeroStars() {
        assertThat(en("☆☆☆☆☆")).isEqualTo(new ParsedReply.Invalid(InvalidReason.OUT_OF_RANGE,
                "0 is not on the scale five (1 to 5)"));
    }
}
