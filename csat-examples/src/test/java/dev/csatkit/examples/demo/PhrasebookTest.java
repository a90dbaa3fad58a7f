package dev.csatkit.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.csatkit.examples.demo.Phrasebook.Style;
import dev.csatkit.examples.demo.Phrasebook.Tone;
import dev.csatkit.reply.ParsedReply;
import dev.csatkit.reply.ReplyParser;
import dev.csatkit.scale.RatingScales;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Every phrase a simulated customer writes is read the way the simulation means it. */
class PhrasebookTest {

    private static final ReplyParser PARSER = ReplyParser.forScale(RatingScales.fivePoint());

    @Test
    void readableStylesGiveTheMeantRatingAndTheOthersAreRefused() {
        for (String language : Phrasebook.LANGUAGE_TAGS) {
            Locale locale = Locale.forLanguageTag(language);
            for (Style style : Style.values()) {
                for (int value = 1; value <= 5; value++) {
                    for (long seed = 0; seed < 6; seed++) {
                        String text = Phrasebook.rating(language, style, value, new SplittableRandom(seed));
                        ParsedReply parsed = PARSER.parse(text, locale);
                        String what = language + " " + style + " " + value + ": \"" + text + "\" -> " + parsed;
                        if (style.readable()) {
                            assertThat(parsed).as(what).isInstanceOf(ParsedReply.Rating.class);
                            ParsedReply.Rating r = (ParsedReply.Rating) parsed;
                            assertThat(r.value()).as(what).isEqualTo(value);
                            assertThat(r.comment().isPresent()).as(what)
                                    .isEqualTo(style == Style.DIGITS_WITH_COMMENT);
                        } else {
                            assertThat(parsed).as(what).isInstanceOf(ParsedReply.Invalid.class);
                        }
                    }
                }
            }
        }
    }

    @Test
    void commentsKeywordsAndQuestionsAreReadAsSuch() {
        for (String language : Phrasebook.LANGUAGE_TAGS) {
            Locale locale = Locale.forLanguageTag(language);
            for (Tone tone : Tone.values()) {
                for (String comment : Phrasebook.comments(language, tone)) {
                    assertThat(PARSER.parse(comment, locale)).as(language + " \"" + comment + "\"")
                            .isInstanceOf(ParsedReply.Comment.class);
                }
            }
            assertThat(PARSER.parse(Phrasebook.stop(language), locale)).isInstanceOf(ParsedReply.OptOut.class);
            assertThat(PARSER.parse(Phrasebook.help(language), locale)).isInstanceOf(ParsedReply.Help.class);
            assertThat(PARSER.parse(Phrasebook.question(language), locale)).isInstanceOf(ParsedReply.Comment.class);
        }
    }

    @Test
    void contactsInOtherLanguagesWriteEnglish() {
        assertThat(Phrasebook.languageOf(Locale.forLanguageTag("fr-CA"))).isEqualTo("fr");
        assertThat(Phrasebook.languageOf(Locale.JAPAN)).isEqualTo("en");
    }
}
