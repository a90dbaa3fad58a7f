package dev.csatkit.internal.reply;

import static org.assertj.core.api.Assertions.assertThat;

import dev.csatkit.reply.InvalidReason;
import dev.csatkit.reply.ParsedReply;
import dev.csatkit.scale.RatingScales;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What the analysis decides once it has its mentions: emoji against numbers, overflow, cut replies, comments. */
class DecisionTest {

    final TextReader five = new TextReader(RatingScales.fivePoint());

    ParsedReply en(String text) {
        return five.read(text, Locale.ENGLISH);
    }

    @Test
    void withoutAMentionWordsOrSymbolsAreACommentAndPunctuationIsNothing() {
        assertThat(en("!!")).isEqualTo(new ParsedReply.Invalid(InvalidReason.UNRECOGNIZED,
                "the reply has no rating, keyword or words"));
        assertThat(en("🚀")).isEqualTo(new ParsedReply.Comment("🚀"));
    }

    @Test
    void emojiAloneMustAgree() {
        assertThat(en("😐 🤩")).isEqualTo(new ParsedReply.Invalid(InvalidReason.AMBIGUOUS,
                "the emoji name more than one rating: 3, 5"));
        assertThat(en("😍 👍")).isEqualTo(new ParsedReply.Invalid(InvalidReason.AMBIGUOUS,
                "an emoji that fits more than one point of this scale"));
        assertThat(en("😍 😍")).isEqualTo(new ParsedReply.Rating(5));
        assertThat(en("great 😍")).isEqualTo(new ParsedReply.Rating(5, "great"));
        assertThat(en("😍 great")).isEqualTo(new ParsedReply.Rating(5, "great"));
    }

    @Test
    void aNumberOffTheScaleWinsOverEmojiAndTheSameNumberTwiceIsOne() {
        assertThat(en("12345678901")).isEqualTo(new ParsedReply.Invalid(InvalidReason.OUT_OF_RANGE,
                "a number of 11 digits is not on the scale five (1 to 5)"));
        assertThat(en("7 😍")).isEqualTo(new ParsedReply.Invalid(InvalidReason.OUT_OF_RANGE,
                "7 is not on the scale five (1 to 5)"));
        assertThat(en("4 4")).isEqualTo(new ParsedReply.Rating(4));
        assertThat(en("4 four")).isEqualTo(new ParsedReply.Rating(4));
        assertThat(en("four 4 stars")).isEqualTo(new ParsedReply.Rating(4));
        assertThat(en("5 😍 great")).isEqualTo(new ParsedReply.Rating(5, "great"));
    }

    @Test
    void theCommentDropsTheLeadInAndTheSeparators() {
        assertThat(en("great, rating: 5")).isEqualTo(new ParsedReply.Rating(5, "great"));
        assertThat(en("great it 5")).isEqualTo(new ParsedReply.Rating(5, "great it"));
        assertThat(en("5, great")).isEqualTo(new ParsedReply.Rating(5, "great"));
        assertThat(en("5!!! great")).isEqualTo(new ParsedReply.Rating(5, "great"));
    }

    @Test
    void aCutRatingSaysSoEvenWithoutAComment() {
        String reply = "5 " + "!".repeat(TextReader.MAX_LENGTH);
        assertThat(en(reply)).isEqualTo(new ParsedReply.Rating(5, Optional.empty(), true));
        String cutComment = "great " + "!".repeat(TextReader.MAX_LENGTH) + " 5";
        assertThat(en(cutComment)).isEqualTo(new ParsedReply.Comment(cutComment.substring(0, TextReader.MAX_LENGTH), true));
        String cutInvalid = "4.5 " + "!".repeat(TextReader.MAX_LENGTH);
        assertThat(en(cutInvalid)).isEqualTo(new ParsedReply.Invalid(InvalidReason.AMBIGUOUS,
                "a decimal number falls between two points", true));
        String cutOffScale = "7 " + "!".repeat(TextReader.MAX_LENGTH);
        assertThat(en(cutOffScale)).isEqualTo(new ParsedReply.Invalid(InvalidReason.OUT_OF_RANGE,
                "7 is not on the scale five (1 to 5)", true));
    }
}
