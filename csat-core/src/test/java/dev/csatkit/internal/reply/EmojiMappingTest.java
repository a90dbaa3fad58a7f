package dev.csatkit.internal.reply;

import static org.assertj.core.api.Assertions.assertThat;

import dev.csatkit.reply.InvalidReason;
import dev.csatkit.reply.ParsedReply;
import dev.csatkit.scale.Polarity;
import dev.csatkit.scale.RatingScale;
import dev.csatkit.scale.RatingScales;
import dev.csatkit.scale.ScalePoint;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * How a face that is not one of the scale's own emoji is mapped: to the point with a face of
 * the same kind, else the only point of its polarity, else, on a scale drawn with emoji only,
 * to an end or the middle of that polarity by the face's strength. Readers are built in each
 * test, as the mapping is worked out when a reader is built.
 */
class EmojiMappingTest {

    static final ParsedReply.Invalid FITS_SEVERAL = new ParsedReply.Invalid(InvalidReason.AMBIGUOUS,
            "an emoji that fits more than one point of this scale");

    static ParsedReply en(TextReader reader, String text) {
        return reader.read(text, Locale.ENGLISH);
    }

    /** Two negative and two positive points drawn with symbols that are no faces. */
    static RatingScale marks() {
        return RatingScale.builder("marks")
                .point(ScalePoint.of(1, Polarity.NEGATIVE).withEmoji("❌"))
                .point(ScalePoint.of(2, Polarity.NEGATIVE).withEmoji("➖"))
                .point(ScalePoint.of(3, Polarity.POSITIVE).withEmoji("➕"))
                .point(ScalePoint.of(4, Polarity.POSITIVE).withEmoji("✅"))
                .build();
    }

    @Test
    void aFaceGoesToThePointWithAFaceOfItsKind() {
        TextReader five = new TextReader(RatingScales.fivePoint());
        assertThat(en(five, "😠")).isEqualTo(new ParsedReply.Rating(1));
        assertThat(en(five, "🙁")).isEqualTo(new ParsedReply.Rating(2));
        assertThat(en(five, "😑")).isEqualTo(new ParsedReply.Rating(3));
        assertThat(en(five, "😊")).isEqualTo(new ParsedReply.Rating(4));
        assertThat(en(five, "🤩")).isEqualTo(new ParsedReply.Rating(5));
        assertThat(en(five, "👍")).as("two positive points and no thumb among them").isEqualTo(FITS_SEVERAL);
    }

    @Test
    void elseToTheOnlyPointOfItsPolarity() {
        TextReader thumbs = new TextReader(RatingScales.thumbs());
        assertThat(en(thumbs, "😍")).isEqualTo(new ParsedReply.Rating(2));
        assertThat(en(thumbs, "😡")).isEqualTo(new ParsedReply.Rating(1));
        assertThat(en(thumbs, "😐")).as("no neutral point").isEqualTo(FITS_SEVERAL);
    }

    @Test
    void onAScaleDrawnWithEmojiOnlyByTheFacesStrength() {
        TextReader marks = new TextReader(marks());
        assertThat(en(marks, "😡")).as("very negative: the bottom").isEqualTo(new ParsedReply.Rating(1));
        assertThat(en(marks, "😞")).as("negative: the mildest negative point").isEqualTo(new ParsedReply.Rating(2));
        assertThat(en(marks, "🙂")).as("positive: the mildest positive point").isEqualTo(new ParsedReply.Rating(3));
        assertThat(en(marks, "😍")).as("very positive: the top").isEqualTo(new ParsedReply.Rating(4));
        assertThat(en(marks, "👍")).as("a thumb has no strength").isEqualTo(FITS_SEVERAL);
        assertThat(en(marks, "😐")).as("no neutral point").isEqualTo(FITS_SEVERAL);
        assertThat(en(marks, "✅")).isEqualTo(new ParsedReply.Rating(4));
        assertThat(en(marks, "➖")).isEqualTo(new ParsedReply.Rating(2));
    }

    @Test
    void withoutEmojiOnEveryPointAFaceOfASharedPolarityFitsSeveral() {
        RatingScale mixed = RatingScale.builder("mixed")
                .point(ScalePoint.of(1, Polarity.NEGATIVE).withEmoji("❌"))
                .point(ScalePoint.of(2, Polarity.NEGATIVE))
                .point(ScalePoint.of(3, Polarity.POSITIVE).withEmoji("➕"))
                .point(ScalePoint.of(4, Polarity.POSITIVE).withEmoji("✅"))
                .build();
        TextReader reader = new TextReader(mixed);
        assertThat(en(reader, "😡")).isEqualTo(FITS_SEVERAL);
        assertThat(en(reader, "😍")).isEqualTo(FITS_SEVERAL);
        TextReader nine = new TextReader(RatingScales.keypadNine());
        assertThat(en(nine, "😍")).isEqualTo(FITS_SEVERAL);
    }

    @Test
    void twoPointsOfOneFaceKindShareIt() {
        RatingScale twice = RatingScale.builder("twice")
                .point(ScalePoint.of(1, Polarity.NEGATIVE).withEmoji("😡"))
                .point(ScalePoint.of(2, Polarity.NEGATIVE).withEmoji("😠"))
                .point(ScalePoint.of(3, Polarity.POSITIVE).withEmoji("🙂"))
                .point(ScalePoint.of(4, Polarity.POSITIVE).withEmoji("😍"))
                .build();
        TextReader reader = new TextReader(twice);
        assertThat(en(reader, "🤬")).as("two very negative faces: by strength, the bottom")
                .isEqualTo(new ParsedReply.Rating(1));
        assertThat(en(reader, "😠")).as("a point's own emoji").isEqualTo(new ParsedReply.Rating(2));
        assertThat(en(reader, "😊")).isEqualTo(new ParsedReply.Rating(3));
    }

    @Test
    void aFaceOfTheKindOfOnePointGoesThereThoughItsPolarityHasOthers() {
        // Point 3 has no emoji, so neither strength nor polarity alone could choose.
        RatingScale moods = RatingScale.builder("moods")
                .point(ScalePoint.of(1, Polarity.NEGATIVE).withEmoji("😡"))
                .point(ScalePoint.of(2, Polarity.NEGATIVE).withEmoji("😞"))
                .point(ScalePoint.of(3, Polarity.POSITIVE))
                .build();
        TextReader reader = new TextReader(moods);
        assertThat(en(reader, "😟")).as("negative, as 😞").isEqualTo(new ParsedReply.Rating(2));
        assertThat(en(reader, "🤬")).as("very negative, as 😡").isEqualTo(new ParsedReply.Rating(1));
        assertThat(en(reader, "🙂")).as("the only positive point").isEqualTo(new ParsedReply.Rating(3));
    }

    @Test
    void aNeutralFaceHasNoStrengthToChooseBetweenNeutralPoints() {
        RatingScale level = RatingScale.builder("level")
                .point(ScalePoint.of(1, Polarity.NEGATIVE).withEmoji("❌"))
                .point(ScalePoint.of(2, Polarity.NEUTRAL).withEmoji("⏸"))
                .point(ScalePoint.of(3, Polarity.NEUTRAL).withEmoji("➖"))
                .point(ScalePoint.of(4, Polarity.POSITIVE).withEmoji("✅"))
                .build();
        TextReader reader = new TextReader(level);
        assertThat(en(reader, "😐")).isEqualTo(FITS_SEVERAL);
        assertThat(en(reader, "😡")).isEqualTo(new ParsedReply.Rating(1));
    }

    @Test
    void oneEmojiOnTwoPointsFitsBoth() {
        RatingScale same = RatingScale.builder("same")
                .point(ScalePoint.of(1, Polarity.NEGATIVE).withEmoji("⛔"))
                .point(ScalePoint.of(2, Polarity.NEUTRAL).withEmoji("⛔"))
                .point(ScalePoint.of(3, Polarity.POSITIVE).withEmoji("✅"))
                .build();
        TextReader reader = new TextReader(same);
        assertThat(en(reader, "⛔")).isEqualTo(FITS_SEVERAL);
        assertThat(en(reader, "✅")).isEqualTo(new ParsedReply.Rating(3));
        assertThat(en(reader, "3 ⛔")).as("an ambiguous emoji beside a number says nothing against it")
                .isEqualTo(new ParsedReply.Rating(3));
    }

    @Test
    void anEmojiOfTheOppositeFeelingMakesANumberAmbiguous() {
        TextReader five = new TextReader(RatingScales.fivePoint());
        assertThat(en(five, "5 😡")).isEqualTo(new ParsedReply.Invalid(InvalidReason.AMBIGUOUS,
                "the rating 5 and a negative emoji disagree"));
        assertThat(en(five, "1 😍")).isEqualTo(new ParsedReply.Invalid(InvalidReason.AMBIGUOUS,
                "the rating 1 and a positive emoji disagree"));
        assertThat(en(five, "3 😍")).as("neutral beside positive").isEqualTo(new ParsedReply.Rating(3));
        assertThat(en(five, "5 😐")).as("neutral emoji beside positive").isEqualTo(new ParsedReply.Rating(5));
        assertThat(en(five, "5 😍")).isEqualTo(new ParsedReply.Rating(5));
    }

    @Test
    void aStarThatIsTheScalesOwnEmojiIsNotCounted() {
        RatingScale starred = RatingScale.builder("starred")
                .point(ScalePoint.of(1, Polarity.NEGATIVE).withEmoji("👎"))
                .point(ScalePoint.of(2, Polarity.POSITIVE).withEmoji("⭐"))
                .build();
        TextReader reader = new TextReader(starred);
        assertThat(en(reader, "⭐")).isEqualTo(new ParsedReply.Rating(2));
        TextReader five = new TextReader(RatingScales.fivePoint());
        assertThat(en(five, "⭐⭐")).isEqualTo(new ParsedReply.Rating(2));
    }
}
