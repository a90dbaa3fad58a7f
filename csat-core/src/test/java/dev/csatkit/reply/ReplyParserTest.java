package dev.csatkit.reply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.csatkit.scale.Polarity;
import dev.csatkit.scale.RatingScale;
import dev.csatkit.scale.RatingScales;
import dev.csatkit.scale.ScalePoint;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ReplyParserTest {

    static final ReplyParser FIVE = ReplyParser.forScale(RatingScales.fivePoint());
    static final ReplyParser THREE = ReplyParser.forScale(RatingScales.threeFaces());
    static final ReplyParser THUMBS = ReplyParser.forScale(RatingScales.thumbs());
    static final ReplyParser KEYPAD9 = ReplyParser.forScale(RatingScales.keypadNine());
    static final ReplyParser ZERO_TEN = ReplyParser.forScale(RatingScales.zeroToTen());

    static ParsedReply en(ReplyParser parser, String text) {
        return parser.parse(text, Locale.ENGLISH);
    }

    static void assertInvalid(ParsedReply reply, InvalidReason reason, String detail) {
        assertThat(reply).isEqualTo(new ParsedReply.Invalid(reason, detail));
    }

    @Nested
    class Digits {
        @ParameterizedTest(name = "\"{0}\" is {1}")
        @CsvSource(delimiter = '|', ignoreLeadingAndTrailingWhitespace = false, value = {
            "5|5", " 4 .|4", "5!!!|5", "  3  |3", "1?|1", "05|5", "5.0|5", "4,0|4",
            "4/5|4", "4 / 5|4", "4／5|4", "4 out of 5|4", "4 of 5|4", "4 Out Of 5|4", "4 stars|4", "4 star|4",
            "4stars|4", "5-star|5", "5 points|5", "1 pts|1", "rating: 3|3", "Rating = 3|3", "score 2|2",
            "I'd give it a 4|4", "I would give it a 4|4", "my rating is 4|4", "4 out of 5 stars|4",
            "(4)|4", "[5]|5", "\"5\"|5", "#5|5", "5 😍|5", "😍 5 😍|5", "5 5|5", "5, 5/5|5"})
        void formsOfOneNumber(String reply, int value) {
            assertThat(en(FIVE, reply)).isEqualTo(new ParsedReply.Rating(value));
        }

        @ParameterizedTest(name = "\"{0}\" is {1}")
        @CsvSource(delimiter = '|', value = {
            "５|5", "٥|5", "۵|5", "५|5", "৫|5", "๕|5", "𝟓|5", "⑤|5", "⁵|5", "5️⃣|5", "４／５|4",
            "１|1", "٣ / ٥|3", "²|2"})
        void unicodeDigits(String reply, int value) {
            assertThat(en(FIVE, reply)).isEqualTo(new ParsedReply.Rating(value));
        }

        @Test
        void whiteSpaceOfAnyKindAround() {
            assertThat(en(FIVE, "\t2\n")).isEqualTo(new ParsedReply.Rating(2));
            assertThat(en(FIVE, "\u00A02\u2003\r\n")).isEqualTo(new ParsedReply.Rating(2));
            assertThat(en(FIVE, "\uFEFF2")).isEqualTo(new ParsedReply.Rating(2));
        }

        @Test
        void twoDigitValuesOnZeroToTen() {
            assertThat(en(ZERO_TEN, "10")).isEqualTo(new ParsedReply.Rating(10));
            assertThat(en(ZERO_TEN, "10/10")).isEqualTo(new ParsedReply.Rating(10));
            assertThat(en(ZERO_TEN, "0")).isEqualTo(new ParsedReply.Rating(0));
            assertThat(en(ZERO_TEN, "⑩")).isEqualTo(new ParsedReply.Rating(10));
            assertThat(en(ZERO_TEN, "１０")).isEqualTo(new ParsedReply.Rating(10));
        }

        @Test
        void negativeValuesOnAScaleThatHasThem() {
            RatingScale scale = RatingScale.builder("minus-two").numeric(-2, 2).build();
            ReplyParser parser = ReplyParser.forScale(scale);
            assertThat(en(parser, "-2")).isEqualTo(new ParsedReply.Rating(-2));
            assertThat(en(parser, "−1")).isEqualTo(new ParsedReply.Rating(-1));
            assertThat(en(parser, "+2")).isEqualTo(new ParsedReply.Rating(2));
            assertThat(en(parser, "(-2)")).isEqualTo(new ParsedReply.Rating(-2));
            assertInvalid(en(parser, "-2-2"), InvalidReason.AMBIGUOUS, "the reply names more than one rating: -2, 2");
        }
    }

    @Nested
    class OutOfRange {
        @ParameterizedTest(name = "\"{0}\"")
        @CsvSource(delimiter = '|', value = {
            "7|7", "0|0", "6 stars|6", "seven|7", "0/5|0", "-1|-1", "⭐⭐⭐⭐⭐⭐|6", "7!|7", "00|0"})
        void numbersNotOnTheScale(String reply, String shown) {
            assertInvalid(en(FIVE, reply), InvalidReason.OUT_OF_RANGE, shown + " is not on the scale five (1 to 5)");
        }

        @Test
        void hugeNumbersAreOutOfRangeWithoutOverflow() {
            assertInvalid(en(FIVE, "12345678901234567890"), InvalidReason.OUT_OF_RANGE,
                    "a number of 20 digits is not on the scale five (1 to 5)");
            assertInvalid(en(FIVE, "9".repeat(1500)), InvalidReason.OUT_OF_RANGE,
                    "a number of 1500 digits is not on the scale five (1 to 5)");
        }

        @Test
        void scalesWithGapsListTheirValues() {
            RatingScale odd = RatingScale.builder("odd")
                    .point(ScalePoint.of(1, Polarity.NEGATIVE))
                    .point(ScalePoint.of(3, Polarity.NEUTRAL))
                    .point(ScalePoint.of(5, Polarity.POSITIVE))
                    .build();
            assertInvalid(en(ReplyParser.forScale(odd), "2"), InvalidReason.OUT_OF_RANGE,
                    "2 is not on the scale odd (values 1, 3, 5)");
        }
    }

    @Nested
    class Ambiguous {
        @ParameterizedTest(name = "\"{0}\"")
        @CsvSource(delimiter = '|', value = {
            "4 or 5|the reply names more than one rating: 4, 5",
            "3 4|the reply names more than one rating: 3, 4",
            "1-5|the reply names more than one rating: 1, 5",
            "1–5|the reply names more than one rating: 1, 5",
            "four or five|the reply names more than one rating: 4, 5",
            "4 or five|the reply names more than one rating: 4, 5",
            "very satisfied 3|the reply names more than one rating: 3, 5",
            "⭐⭐⭐ 4|the reply names more than one rating: 3, 4",
            "10:30|the reply names more than one rating: 10, 30",
            "4.5|a decimal number falls between two points",
            "4,5|a decimal number falls between two points",
            "4½|a fraction falls between two points",
            "8/10|a rating out of 10 on a scale that goes up to 5",
            "4 out of 10|a rating out of 10 on a scale that goes up to 5",
            "4/99999999999|a rating out of a large number on a scale that goes up to 5",
            "★★★☆|a rating out of 4 stars on a scale that goes up to 5",
            "+4|a signed number on a scale with no negative values",
            "not a 5|the rating is negated",
            "I would not give it a 5|the rating is negated",
            "never 5 stars|the rating is negated",
            "not satisfied|the rating is negated",
            "I am not very satisfied|the rating is negated",
            "4 and a half|a half point falls between two points",
            "four and a half stars|a half point falls between two points",
            "5 😡|the rating 5 and a negative emoji disagree",
            "1 👍|the rating 1 and a positive emoji disagree",
            "🙂😍|the emoji name more than one rating: 4, 5",
            "😡 but 😍|the emoji name more than one rating: 1, 5",
            "👍|an emoji that fits more than one point of this scale"})
        void unclearRepliesAreNotGuessed(String reply, String detail) {
            assertInvalid(en(FIVE, reply), InvalidReason.AMBIGUOUS, detail);
        }

        @Test
        void facesOnScalesWithoutEmojiAreAmbiguous() {
            for (ReplyParser parser : List.of(KEYPAD9, ZERO_TEN)) {
                for (String face : List.of("😡", "😞", "😐", "🙂", "😍", "👍", "👎")) {
                    assertInvalid(en(parser, face), InvalidReason.AMBIGUOUS,
                            "an emoji that fits more than one point of this scale");
                }
            }
        }

        @Test
        void aLabelSharedByTwoPointsIsAmbiguous() {
            RatingScale scale = RatingScale.builder("twice")
                    .point(ScalePoint.of(1, Polarity.NEGATIVE, Map.of(Locale.ENGLISH, "Meh")))
                    .point(ScalePoint.of(2, Polarity.POSITIVE, Map.of(Locale.ENGLISH, "meh")))
                    .build();
            assertInvalid(en(ReplyParser.forScale(scale), "meh"), InvalidReason.AMBIGUOUS,
                    "a word that names more than one point of this scale");
        }
    }

    @Nested
    class EmojiAndStars {
        @ParameterizedTest(name = "five: {0} is {1}")
        @CsvSource(delimiter = '|', value = {
            "😡|1", "😞|2", "😐|3", "🙂|4", "😍|5", "😠|1", "🤬|1", "😢|2", "☹️|2", "😑|3", "😊|4", "☺️|4",
            "🤩|5", "🥰|5", "❤️|5", "😍😍😍|5", "🙂🏽|4", "⭐⭐⭐⭐|4", "⭐️⭐️⭐️⭐️|4", "⭐ ⭐ ⭐|3", "★★★☆☆|3",
            "☆☆☆☆★|1", "🌟🌟|2", "⭐|1", "⭐⭐⭐⭐⭐ 😍|5", "5⭐⭐⭐⭐⭐|5", "4 ⭐|4"})
        void fivePoint(String reply, int value) {
            assertThat(en(FIVE, reply)).isEqualTo(new ParsedReply.Rating(value));
        }

        @ParameterizedTest(name = "three: {0} is {1}")
        @CsvSource(delimiter = '|', value = {"😞|1", "😐|2", "🙂|3", "😡|1", "😍|3", "😊|3", "👍|3", "👎|1"})
        void threeFaces(String reply, int value) {
            assertThat(en(THREE, reply)).isEqualTo(new ParsedReply.Rating(value));
        }

        @ParameterizedTest(name = "thumbs: {0} is {1}")
        @CsvSource(delimiter = '|', value = {"👍|2", "👎|1", "👍🏻|2", "👎🏿|1", "👍👍|2", "🙂|2", "😡|1",
            "good|2", "Bad!|1"})
        void thumbs(String reply, int value) {
            assertThat(en(THUMBS, reply)).isEqualTo(new ParsedReply.Rating(value));
        }

        @Test
        void thumbsOnAnyTwoPointScale() {
            ReplyParser bare = ReplyParser.forScale(RatingScale.builder("yes-no").numeric(0, 1).build());
            assertThat(en(bare, "👍")).isEqualTo(new ParsedReply.Rating(1));
            assertThat(en(bare, "👎")).isEqualTo(new ParsedReply.Rating(0));
            assertInvalid(en(bare, "😐"), InvalidReason.AMBIGUOUS, "an emoji that fits more than one point of this scale");
        }

        @Test
        void aScaleOwnEmojiComeFirst() {
            RatingScale lights = RatingScale.builder("lights")
                    .point(new ScalePoint(1, Polarity.NEGATIVE, Map.of(), Optional.of("🔴")))
                    .point(new ScalePoint(2, Polarity.NEUTRAL, Map.of(), Optional.of("🟡")))
                    .point(new ScalePoint(3, Polarity.POSITIVE, Map.of(), Optional.of("⭐")))
                    .build();
            ReplyParser parser = ReplyParser.forScale(lights);
            assertThat(en(parser, "🔴")).isEqualTo(new ParsedReply.Rating(1));
            assertThat(en(parser, "🟡")).isEqualTo(new ParsedReply.Rating(2));
            assertThat(en(parser, "⭐⭐⭐⭐⭐")).isEqualTo(new ParsedReply.Rating(3));
            assertThat(en(parser, "😍")).isEqualTo(new ParsedReply.Rating(3));
        }

        @Test
        void unknownEmojiAreAComment() {
            assertThat(en(FIVE, "🎉")).isEqualTo(new ParsedReply.Comment("🎉"));
            assertThat(en(FIVE, "5 🎉")).isEqualTo(new ParsedReply.Rating(5, "🎉"));
        }
    }

    @Nested
    class NumberWordsInContext {
        @ParameterizedTest(name = "\"{0}\" is {1}")
        @CsvSource(delimiter = '|', value = {
            "five|5", "Five!|5", "FIVE|5", "four stars|4", "one star|1", "four out of five|4", "four/five|4",
            "I'd give it a four|4", "rating: four|4", "Five, great service|5", "great service. Five.|5",
            "five five|5"})
        void numberWordsThatRate(String reply, int value) {
            assertThat(en(FIVE, reply).getClass()).isEqualTo(ParsedReply.Rating.class);
            assertThat(((ParsedReply.Rating) en(FIVE, reply)).value()).isEqualTo(value);
        }

        @ParameterizedTest(name = "\"{0}\" is a comment")
        @ValueSource(strings = {"one more thing", "no one answered", "it took five days", "un service rapide",
            "I have one question"})
        void numberWordsInsideSentencesAreWords(String reply) {
            assertThat(FIVE.parse(reply, Locale.ENGLISH)).isEqualTo(new ParsedReply.Comment(reply));
            assertThat(FIVE.parse(reply, Locale.FRENCH)).isEqualTo(new ParsedReply.Comment(reply));
        }
    }

    @Nested
    class Locales {
        @Test
        void theLocalePicksTheLanguageBesideEnglish() {
            assertThat(FIVE.parse("cinq", Locale.FRENCH)).isEqualTo(new ParsedReply.Rating(5));
            assertThat(FIVE.parse("cinq", Locale.ENGLISH)).isEqualTo(new ParsedReply.Comment("cinq"));
            assertThat(FIVE.parse("five", Locale.FRENCH)).isEqualTo(new ParsedReply.Rating(5));
            assertThat(FIVE.parse("cinq", Locale.CANADA_FRENCH)).isEqualTo(new ParsedReply.Rating(5));
        }

        @Test
        void falseFriendsFollowTheContactsLanguage() {
            // "très" without its accent is Spanish "tres".
            assertThat(FIVE.parse("tres", Locale.forLanguageTag("es"))).isEqualTo(new ParsedReply.Rating(3));
            assertThat(FIVE.parse("très", Locale.FRENCH)).isEqualTo(new ParsedReply.Comment("très"));
            assertThat(FIVE.parse("très satisfait", Locale.FRENCH)).isEqualTo(new ParsedReply.Rating(5));
            // Swedish "sex" is six; in English it is a word.
            assertThat(ZERO_TEN.parse("sex", Locale.forLanguageTag("sv"))).isEqualTo(new ParsedReply.Rating(6));
            assertThat(ZERO_TEN.parse("sex", Locale.ENGLISH)).isEqualTo(new ParsedReply.Comment("sex"));
            // Polish "ten" means "this".
            assertThat(ZERO_TEN.parse("ten", Locale.forLanguageTag("pl"))).isEqualTo(new ParsedReply.Comment("ten"));
            assertThat(ZERO_TEN.parse("ten", Locale.ENGLISH)).isEqualTo(new ParsedReply.Rating(10));
        }

        @Test
        void russianAndUkrainianReadEachOther() {
            assertThat(FIVE.parse("п'ять", Locale.forLanguageTag("ru"))).isEqualTo(new ParsedReply.Rating(5));
            assertThat(FIVE.parse("пять", Locale.forLanguageTag("uk"))).isEqualTo(new ParsedReply.Rating(5));
        }

        @Test
        void labelsInALanguageWithoutTables() {
            RatingScale scale = RatingScale.builder("it")
                    .point(ScalePoint.of(1, Polarity.NEGATIVE, Map.of(Locale.ITALIAN, "Insoddisfatto",
                            Locale.ENGLISH, "Unhappy")))
                    .point(ScalePoint.of(2, Polarity.POSITIVE, Map.of(Locale.ITALIAN, "Soddisfatto",
                            Locale.ENGLISH, "Happy")))
                    .build();
            ReplyParser parser = ReplyParser.forScale(scale);
            assertThat(parser.parse("soddisfatto", Locale.ITALIAN)).isEqualTo(new ParsedReply.Rating(2));
            assertThat(parser.parse("happy", Locale.ITALIAN)).isEqualTo(new ParsedReply.Rating(2));
            assertThat(parser.parse("soddisfatto", Locale.GERMAN)).isEqualTo(new ParsedReply.Comment("soddisfatto"));
            assertThat(parser.parse("unhappy", Locale.forLanguageTag("ja"))).isEqualTo(new ParsedReply.Rating(1));
        }
    }

    @Nested
    class Keywords {
        @ParameterizedTest(name = "\"{0}\" opts out")
        @ValueSource(strings = {"STOP", "stop", " Stop. ", "STOP!!!", "stopall", "Stop all", "UNSUBSCRIBE",
            "cancel", "End", "quit", "REVOKE", "opt out", "Opt-Out", "OPTOUT", "s-t-o-p", "\u200BSTOP\u200B"})
        void optOut(String reply) {
            assertThat(en(FIVE, reply)).isInstanceOf(ParsedReply.OptOut.class);
        }

        @Test
        void theKeywordIsReportedInItsListedFormBesideTheWordsAsWritten() {
            assertThat(en(FIVE, "opt-out")).isEqualTo(new ParsedReply.OptOut("OPT OUT", List.of("opt-out"), true, false));
            assertThat(en(FIVE, "Stop All!")).isEqualTo(new ParsedReply.OptOut("STOPALL", List.of("Stop All"), true, false));
            assertThat(FIVE.parse("arret", Locale.FRENCH))
                    .isEqualTo(new ParsedReply.OptOut("ARRÊT", List.of("arret"), true, false));
            assertThat(en(FIVE, "unstop")).isEqualTo(new ParsedReply.OptIn("UNSTOP"));
            assertThat(en(FIVE, "Yes!")).isEqualTo(new ParsedReply.OptIn("YES"));
            assertThat(en(FIVE, "info")).isEqualTo(new ParsedReply.Help("INFO"));
        }

        @ParameterizedTest(name = "\"{0}\" is not a keyword")
        @ValueSource(strings = {"don't stop calling me", "the end of the call was bad", "yes it was fine",
            "help was quick", "start the call sooner", "stopped", "helpful", "info was wrong"})
        void optInAndHelpCountOnlyAsTheWholeReplyAndAnOptOutNotInsideWords(String reply) {
            ParsedReply outcome = en(FIVE, reply);
            assertThat(outcome).isNotInstanceOfAny(ParsedReply.OptOut.class, ParsedReply.OptIn.class,
                    ParsedReply.Help.class);
        }

        @Test
        void aScaleLabelBeatsOptInAndHelpButNeverOptOut() {
            RatingScale yesNo = RatingScale.builder("yes-no")
                    .point(ScalePoint.of(0, Polarity.NEGATIVE, Map.of(Locale.ENGLISH, "Stop")))
                    .point(ScalePoint.of(1, Polarity.POSITIVE, Map.of(Locale.ENGLISH, "Yes")))
                    .build();
            ReplyParser parser = ReplyParser.forScale(yesNo);
            assertThat(en(parser, "yes")).isEqualTo(new ParsedReply.Rating(1));
            assertThat(en(parser, "stop")).isEqualTo(new ParsedReply.OptOut("STOP", List.of("stop"), true, false));
        }
    }

    @Nested
    class OptOuts {
        static ParsedReply.OptOut optOut(String keyword, boolean certain, String... words) {
            return new ParsedReply.OptOut(keyword, List.of(words), certain, false);
        }

        @Test
        void theIssuesRepliesAreOptOutsNeverRatingsNorComments() {
            assertThat(en(FIVE, "STOP 😡")).isEqualTo(optOut("STOP", true, "STOP"));
            assertThat(en(FIVE, "STOP. 5")).isEqualTo(optOut("STOP", false, "STOP"));
            assertThat(en(FIVE, "Please stop texting me about the 5 tickets"))
                    .isEqualTo(optOut("STOP MESSAGES", true, "stop texting"));
            assertThat(en(FIVE, "don't text me again")).isEqualTo(optOut("DON'T CONTACT ME", true, "don't text me"));
            assertThat(en(FIVE, "unsubscribe me please")).isEqualTo(optOut("UNSUBSCRIBE", true, "unsubscribe"));
            assertThat(FIVE.parse("arrêtez les SMS", Locale.FRENCH))
                    .isEqualTo(optOut("ARRÊTEZ LES MESSAGES", true, "arrêtez les SMS"));
            assertThat(FIVE.parse("bitte keine SMS mehr", Locale.GERMAN))
                    .isEqualTo(optOut("KEINE SMS MEHR", true, "keine SMS mehr"));
            assertThat(FIVE.parse("хватит писать", Locale.forLanguageTag("ru")))
                    .isEqualTo(optOut("ХВАТИТ ПИСАТЬ", true, "хватит писать"));
            assertThat(FIVE.parse("no me escriban más", Locale.forLanguageTag("es")))
                    .isEqualTo(optOut("NO ME ESCRIBAN", true, "no me escriban más"));
        }

        @Test
        void aBareKeywordBesideARatingOrWordsIsOnlyPossible() {
            assertThat(en(FIVE, "stop, it was great, 5")).isEqualTo(optOut("STOP", false, "stop"));
            assertThat(en(FIVE, "5 stop")).isEqualTo(optOut("STOP", false, "stop"));
            assertThat(en(FIVE, "great service STOP")).isEqualTo(optOut("STOP", false, "STOP"));
            assertThat(en(FIVE, "STOP great service 5")).isEqualTo(optOut("STOP", false, "STOP"));
            assertThat(en(FIVE, "Very satisfied. Stop")).isEqualTo(optOut("STOP", false, "Stop"));
            // Beside emoji, punctuation and polite words it is certain.
            assertThat(en(FIVE, "please stop!!! 😡😡")).isEqualTo(optOut("STOP", true, "stop"));
        }

        @Test
        void aPhraseWinsOverABareKeywordAndEveryRequestIsKept() {
            assertThat(en(FIVE, "Stop. Unsubscribe me, 5"))
                    .isEqualTo(optOut("UNSUBSCRIBE", true, "Stop", "Unsubscribe"));
            assertThat(en(FIVE, "stop stop stop")).isEqualTo(optOut("STOP", true, "stop", "stop", "stop"));
        }

        @ParameterizedTest(name = "\"{0}\" opts out")
        @ValueSource(strings = {"unsubscribe 5", "STOP 4/5", "5 stars, unsubscribe", "stop texting me 😍",
            "remove me from your list, very satisfied", "no more surveys ⭐⭐⭐⭐⭐", "I'd give it a 4, leave me alone"})
        void whateverRatingTheReplyHoldsItIsNoRating(String reply) {
            assertThat(en(FIVE, reply)).isInstanceOf(ParsedReply.OptOut.class);
        }

        @ParameterizedTest(name = "\"{0}\" is the misspelt {1}")
        @CsvSource(delimiter = '|', value = {"unsubscibe|UNSUBSCRIBE", "unsusbcribe|UNSUBSCRIBE",
            "Unsubscribed|UNSUBSCRIBE", "stooooop|STOP", "STOPPPP|STOP", "stpo|STOP", "cancle|CANCEL"})
        void misspellingsAndShouts(String reply, String keyword) {
            assertThat(en(FIVE, reply)).isInstanceOfSatisfying(ParsedReply.OptOut.class,
                    o -> assertThat(o.keyword()).isEqualTo(keyword));
        }

        @Test
        void aWordASingleLetterFromAnOptOutThatMeansTheOppositeIsNoMisspelling() {
            Locale german = Locale.GERMAN;
            assertThat(FIVE.parse("abmleden", german)).isInstanceOf(ParsedReply.OptOut.class);
            assertThat(FIVE.parse("anmelden", german)).isEqualTo(new ParsedReply.OptIn("ANMELDEN"));
            assertThat(FIVE.parse("ich will mich anmelden", german))
                    .isEqualTo(new ParsedReply.Comment("ich will mich anmelden"));
            Locale ukrainian = Locale.forLanguageTag("uk");
            assertThat(FIVE.parse("відпишіть", ukrainian)).isInstanceOf(ParsedReply.OptOut.class);
            assertThat(FIVE.parse("підпишіть", ukrainian)).isEqualTo(new ParsedReply.Comment("підпишіть"));
        }

        @ParameterizedTest(name = "\"{0}\" does not opt out")
        @ValueSource(strings = {"don't stop calling me", "I don't want to unsubscribe", "never stop improving",
            "the end of the call was bad", "I had to cancel my appointment", "non-stop help", "full stop",
            "stopped", "unstoppable", "endless", "weekend", "cancelled my order", "quite good",
            "you don't need to stop texting me"})
        void negatedNounsInfinitivesCompoundsAndLongerWordsDoNot(String reply) {
            assertThat(en(FIVE, reply)).isInstanceOf(ParsedReply.Comment.class);
            assertThat(en(FIVE, "5 " + reply)).isInstanceOfSatisfying(ParsedReply.Rating.class,
                    r -> assertThat(r.value()).isEqualTo(5));
        }

        @Test
        void phrasesAreReadInTheContactsLanguageAndEnglishKeywordsInAny() {
            assertThat(FIVE.parse("хватит писать", Locale.ENGLISH)).isInstanceOf(ParsedReply.Comment.class);
            assertThat(FIVE.parse("хватит писать", Locale.forLanguageTag("uk"))).isInstanceOf(ParsedReply.OptOut.class);
            assertThat(FIVE.parse("stop texting me", Locale.forLanguageTag("pl"))).isInstanceOf(ParsedReply.OptOut.class);
            assertThat(FIVE.parse("stop texting me", Locale.JAPANESE)).isInstanceOf(ParsedReply.OptOut.class);
            // A whole-reply keyword of any language still counts, as before.
            assertThat(FIVE.parse("СТОП", Locale.ENGLISH)).isEqualTo(optOut("СТОП", true, "СТОП"));
        }
    }

    @Nested
    class HedgedNumbers {
        @ParameterizedTest(name = "\"{0}\"")
        @CsvSource(delimiter = '|', value = {
            ".5|a decimal number without a leading digit",
            ",5|a decimal number without a leading digit",
            "٫٥|a decimal number without a leading digit",
            "(.5)|a decimal number without a leading digit",
            "5٫5|a decimal number falls between two points",
            "۵٫۵|a decimal number falls between two points",
            "3٫3|a decimal number falls between two points",
            "5.5|a decimal number falls between two points",
            "5·5|a decimal number falls between two points",
            "-+5|a number with more than one sign",
            "+-5|a number with more than one sign",
            "--5|a number with more than one sign",
            "+5|a signed number on a scale with no negative values",
            "±5|a number marked as approximate or as a bound",
            "~4|a number marked as approximate or as a bound",
            "<3|a number marked as approximate or as a bound",
            "≥4|a number marked as approximate or as a bound",
            "4+|a number followed by a plus sign",
            "5%|a percentage is not a point of the scale",
            "5 %|a percentage is not a point of the scale",
            "٥٪|a percentage is not a point of the scale",
            "5 percent|a percentage is not a point of the scale",
            "$5|an amount of money is not a point of the scale",
            "£5|an amount of money is not a point of the scale",
            "5€|an amount of money is not a point of the scale",
            "€ 5|an amount of money is not a point of the scale",
            "5 ₽|an amount of money is not a point of the scale",
            "5 dollars|an amount of money is not a point of the scale",
            "5 zł|an amount of money is not a point of the scale",
            "great service, 5%|a percentage is not a point of the scale"})
        void areAmbiguousNeverARating(String reply, String detail) {
            assertInvalid(en(FIVE, reply), InvalidReason.AMBIGUOUS, detail);
        }

        @ParameterizedTest(name = "\"{0}\" is {1}")
        @CsvSource(delimiter = '|', value = {"thanks,5|5", "...5|5", "5.0|5", "٣٫٠|3", "5.|5", "great.5|5"})
        void punctuationTypedWithoutASpaceIsNoDecimalMark(String reply, int value) {
            assertThat(en(FIVE, reply)).isInstanceOfSatisfying(ParsedReply.Rating.class,
                    r -> assertThat(r.value()).isEqualTo(value));
        }

        @Test
        void signsStayPartOfTheValueOnAScaleWithNegativeValues() {
            ReplyParser parser = ReplyParser.forScale(RatingScale.builder("minus-two").numeric(-2, 2).build());
            assertThat(en(parser, "+2")).isEqualTo(new ParsedReply.Rating(2));
            assertThat(en(parser, "-2")).isEqualTo(new ParsedReply.Rating(-2));
            assertInvalid(en(parser, "-+2"), InvalidReason.AMBIGUOUS, "a number with more than one sign");
            assertInvalid(en(parser, "--2"), InvalidReason.AMBIGUOUS, "a number with more than one sign");
        }

        @Test
        void aClearNegativeNumberOnAScaleWithoutOneStaysOutOfRange() {
            assertInvalid(en(FIVE, "-5"), InvalidReason.OUT_OF_RANGE, "-5 is not on the scale five (1 to 5)");
        }
    }

    @Nested
    class Comments {
        @ParameterizedTest(name = "\"{0}\"")
        @CsvSource(delimiter = '|', value = {
            "5 great service, thanks|5|great service, thanks",
            "5 - great service!|5|great service!",
            "5. Great service|5|Great service",
            "Great service 5|5|Great service",
            "Great service! 5|5|Great service!",
            "Great, I'd give it a 5|5|Great",
            "Thank you 5|5|Thank you",
            "rating: 4, quick and kind|4|quick and kind",
            "Very satisfied, thanks!|5|thanks!",
            "great service 😍|5|great service",
            "4/5 (the wait was long)|4|(the wait was long)",
            "The agent was great, 5, but slow|5|The agent was great, 5, but slow",
            "Fast ⭐⭐⭐⭐⭐ friendly|5|Fast ⭐⭐⭐⭐⭐ friendly",
            "5 mp3|5|mp3",
            "5, called twice 2nd time fixed|5|called twice 2nd time fixed"})
        void theRestOfTheReplyIsKept(String reply, int value, String comment) {
            assertThat(en(FIVE, reply)).isEqualTo(new ParsedReply.Rating(value, comment));
        }

        @ParameterizedTest(name = "\"{0}\"")
        @ValueSource(strings = {"5", "5!", "I'd give it a 5", "rating: 5", "5 stars", "5/5", "Five.", "5 😍",
            "Very satisfied!", "I am very satisfied"})
        void aBareRatingHasNoComment(String reply) {
            assertThat(en(FIVE, reply)).isEqualTo(new ParsedReply.Rating(5));
        }

        @ParameterizedTest(name = "\"{0}\"")
        @ValueSource(strings = {"thanks for the help", "The agent was rude", "asdfgh", "mp3", "2nd", "ok 👌"})
        void textWithoutRatingIsAComment(String reply) {
            assertThat(en(FIVE, reply)).isEqualTo(new ParsedReply.Comment(reply));
        }

        @Test
        void commentsKeepCaseAccentsAndScriptAsWritten() {
            assertThat(FIVE.parse("  4 — Très BIEN, merci ! ", Locale.FRENCH))
                    .isEqualTo(new ParsedReply.Rating(4, "Très BIEN, merci !"));
            assertThat(FIVE.parse("Пять, всё отлично", Locale.forLanguageTag("ru")))
                    .isEqualTo(new ParsedReply.Rating(5, "всё отлично"));
        }
    }

    @Nested
    class EmptyAndUnrecognized {
        @ParameterizedTest(name = "{index}")
        @ValueSource(strings = {"", " ", "\t\n\r ", "\u200B", "\uFEFF", "\u00A0\u2003", "\u200D\uFE0F"})
        void empty(String reply) {
            assertInvalid(en(FIVE, reply), InvalidReason.EMPTY, "the reply is empty");
        }

        @Test
        void empty100000Spaces() {
            assertInvalid(en(FIVE, " ".repeat(100_000)), InvalidReason.EMPTY, "the reply is empty");
        }

        @ParameterizedTest(name = "{index}")
        @ValueSource(strings = {"???", "...", "!", "#$%", "\u0000", "\u0007\u0001", "--", "\uD800", "\uDC00x\uD800"})
        void unrecognized(String reply) {
            ParsedReply outcome = en(FIVE, reply);
            if (reply.contains("x")) {
                assertThat(outcome).isInstanceOf(ParsedReply.Comment.class);
            } else {
                assertInvalid(outcome, InvalidReason.UNRECOGNIZED, "the reply has no rating, keyword or words");
            }
        }
    }

    @Nested
    class LongReplies {
        @Test
        void repliesPastTheLimitAreCutAndSaySo() {
            String reply = "5 " + "great ".repeat(20_000);
            ParsedReply outcome = en(FIVE, reply);
            assertThat(outcome).isInstanceOfSatisfying(ParsedReply.Rating.class, r -> {
                assertThat(r.value()).isEqualTo(5);
                assertThat(r.truncated()).isTrue();
                assertThat(r.comment()).get().asString().startsWith("great great").hasSizeLessThan(ReplyParser.MAX_LENGTH);
            });
        }

        @Test
        void aCommentPastTheLimitIsCut() {
            String reply = "x".repeat(ReplyParser.MAX_LENGTH + 1);
            assertThat(en(FIVE, reply)).isEqualTo(new ParsedReply.Comment("x".repeat(ReplyParser.MAX_LENGTH), true));
        }

        @Test
        void exactlyTheLimitIsReadWhole() {
            String reply = "5" + " ".repeat(ReplyParser.MAX_LENGTH - 2) + "!";
            assertThat(en(FIVE, reply)).isEqualTo(new ParsedReply.Rating(5));
            assertThat(en(FIVE, "y".repeat(ReplyParser.MAX_LENGTH)).truncated()).isFalse();
        }

        @Test
        void surroundingSpaceDoesNotCount() {
            String pad = " ".repeat(60_000);
            assertThat(en(FIVE, pad + "STOP" + pad)).isEqualTo(new ParsedReply.OptOut("STOP"));
            assertThat(en(FIVE, pad + "4" + pad)).isEqualTo(new ParsedReply.Rating(4));
        }

        @Test
        void aCutNeverSplitsASurrogatePair() {
            String reply = "a".repeat(ReplyParser.MAX_LENGTH - 1) + "😍😍";
            assertThat(en(FIVE, reply))
                    .isEqualTo(new ParsedReply.Comment("a".repeat(ReplyParser.MAX_LENGTH - 1), true));
        }

        @Test
        void anOptOutIsReadFromACutReplyButABareKeywordThereIsOnlyPossible() {
            // What followed the cut is unknown, so "nothing else was said" cannot be known either.
            assertThat(en(FIVE, "STOP" + "!".repeat(ReplyParser.MAX_LENGTH)))
                    .isEqualTo(new ParsedReply.OptOut("STOP", List.of("STOP"), false, true));
            assertThat(en(FIVE, "Please stop texting me. " + "Why? ".repeat(1000)))
                    .isEqualTo(new ParsedReply.OptOut("STOP MESSAGES", List.of("stop texting"), true, true));
        }
    }

    @Nested
    class Choices {
        @Test
        void exactValues() {
            assertThat(FIVE.parseChoice("4")).isEqualTo(new ParsedReply.Rating(4));
            assertThat(ZERO_TEN.parseChoice("10")).isEqualTo(new ParsedReply.Rating(10));
            assertThat(ZERO_TEN.parseChoice("0")).isEqualTo(new ParsedReply.Rating(0));
            ReplyParser minus = ReplyParser.forScale(RatingScale.builder("m").numeric(-2, 2).build());
            assertThat(minus.parseChoice("-2")).isEqualTo(new ParsedReply.Rating(-2));
            assertThat(minus.choicePayload(-2)).isEqualTo("-2");
        }

        @Test
        void anythingElseIsRefused() {
            for (String payload : List.of(" 4", "4 ", "04", "four", "4/5", "+4", "-0", "٤", "1000", "--1", "4.0", "-")) {
                assertInvalid(FIVE.parseChoice(payload), InvalidReason.UNRECOGNIZED,
                        "a choice is a scale value written in plain decimal digits, such as 4");
            }
            assertInvalid(FIVE.parseChoice(""), InvalidReason.EMPTY, "the choice is empty");
            assertInvalid(FIVE.parseChoice("9"), InvalidReason.OUT_OF_RANGE, "9 is not on the scale five (1 to 5)");
            assertInvalid(FIVE.parseChoice("-3"), InvalidReason.OUT_OF_RANGE, "-3 is not on the scale five (1 to 5)");
        }

        @Test
        void payloadsOnlyForValuesOfTheScale() {
            assertThat(FIVE.choicePayload(5)).isEqualTo("5");
            assertThatThrownBy(() -> FIVE.choicePayload(6)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("value = 6: must be a value of the scale five (1 to 5)");
        }
    }

    @Nested
    class Values {
        @Test
        void toStringNeverShowsComments() {
            assertThat(new ParsedReply.Rating(4, "call me on +1 555 0100").toString())
                    .isEqualTo("Rating[value=4, comment=(22 characters)]")
                    .doesNotContain("555");
            assertThat(new ParsedReply.Comment("jane@example.com", true).toString())
                    .isEqualTo("Comment[(16 characters), truncated]");
            assertThat(new ParsedReply.Rating(4).toString()).isEqualTo("Rating[value=4, comment=none]");
        }

        @Test
        void optInAndHelpAreNeverTruncated() {
            assertThat(en(FIVE, "stop")).isInstanceOfSatisfying(ParsedReply.Keyword.class,
                    k -> assertThat(k.keyword()).isEqualTo("STOP"));
            assertThat(new ParsedReply.OptOut("STOP").truncated()).isFalse();
            assertThat(new ParsedReply.OptIn("START").truncated()).isFalse();
            assertThat(new ParsedReply.Help("HELP").truncated()).isFalse();
        }

        @Test
        void anOptOutShowsItsKeywordAndCertaintyButNotTheCustomersWords() {
            ParsedReply.OptOut optOut = new ParsedReply.OptOut("STOP MESSAGES",
                    List.of("stop texting", "unsubscribe"), false, true);
            assertThat(optOut.toString())
                    .isEqualTo("OptOut[keyword=STOP MESSAGES, possible, words=(2), truncated]")
                    .doesNotContain("texting");
            assertThat(new ParsedReply.OptOut("STOP").toString()).isEqualTo("OptOut[keyword=STOP, certain, words=(1)]");
        }

        @Test
        void anOptOutKeepsAtLeastOneWordAndItsOwnCopy() {
            List<String> words = new ArrayList<>(List.of("stop"));
            ParsedReply.OptOut optOut = new ParsedReply.OptOut("STOP", words, true, false);
            words.add("later");
            assertThat(optOut.words()).containsExactly("stop");
            assertThatThrownBy(() -> optOut.words().add("x")).isInstanceOf(UnsupportedOperationException.class);
            assertThatThrownBy(() -> new ParsedReply.OptOut("STOP", List.of(), true, false))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("words: an opt-out keeps the words that asked");
        }

        @Test
        void nullsAreRefusedAtTheBoundary() {
            assertThatThrownBy(() -> FIVE.parse(null, Locale.ENGLISH)).isInstanceOf(NullPointerException.class)
                    .hasMessage("text");
            assertThatThrownBy(() -> FIVE.parse("5", null)).isInstanceOf(NullPointerException.class)
                    .hasMessage("locale");
            assertThatThrownBy(() -> ReplyParser.forScale(null)).isInstanceOf(NullPointerException.class)
                    .hasMessage("scale");
        }
    }

    @Test
    void oneParserIsSharedByManyThreads() throws Exception {
        List<String> corpus = List.of("5", "four stars", "😍", "STOP", "4 or 5", "très satisfait", "7", "hello",
                "⭐⭐⭐", "I'd give it a 3, thanks", "");
        // What each reply reads as, worked out on a parser no other thread touches.
        ReplyParser alone = ReplyParser.forScale(RatingScales.fivePoint());
        List<ParsedReply> expected = new ArrayList<>();
        corpus.forEach(r -> expected.add(alone.parse(r, Locale.FRENCH)));
        ReplyParser shared = ReplyParser.forScale(RatingScales.fivePoint());
        int threads = 8;
        int rounds = 500;
        java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<List<String>>> results = new ArrayList<>();
            for (int thread = 0; thread < threads; thread++) {
                results.add(pool.submit(() -> {
                    // Every thread parses from the same moment on, so the parses overlap.
                    start.await();
                    List<String> wrong = new ArrayList<>();
                    for (int round = 0; round < rounds; round++) {
                        for (int i = 0; i < corpus.size(); i++) {
                            ParsedReply got = shared.parse(corpus.get(i), Locale.FRENCH);
                            if (!got.equals(expected.get(i))) {
                                wrong.add("round " + round + ", \"" + corpus.get(i) + "\": " + got);
                            }
                        }
                    }
                    return wrong;
                }));
            }
            start.countDown();
            for (Future<List<String>> result : results) {
                assertThat(result.get()).as("replies read otherwise than alone").isEmpty();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(expected).extracting(r -> r.getClass().getSimpleName()).containsExactly("Rating", "Rating",
                "Rating", "OptOut", "Invalid", "Rating", "Invalid", "Comment", "Rating", "Rating", "Invalid");
    }
}
