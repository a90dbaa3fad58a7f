package dev.csatkit.internal.reply;

import static org.assertj.core.api.Assertions.assertThat;

import dev.csatkit.reply.ParsedReply;
import dev.csatkit.scale.RatingScales;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * Where a request to stop counts and how it is reported, on literal replies at the edges of
 * each rule: the reach of a negation, compounds, capitals at an end, what else is said.
 */
class OptOutScanTest {

    final TextReader five = new TextReader(RatingScales.fivePoint());

    ParsedReply en(String text) {
        return five.read(text, Locale.ENGLISH);
    }

    static ParsedReply.OptOut optOut(String keyword, boolean certain, String... words) {
        return new ParsedReply.OptOut(keyword, List.of(words), certain, false);
    }

    @Test
    void theFirstPhraseIsReportedBeforeAnyKeywordAndEveryMatchIsKept() {
        assertThat(en("stop, unsubscribe")).isEqualTo(optOut("UNSUBSCRIBE", true, "stop", "unsubscribe"));
        assertThat(en("unsubscribe, leave me alone"))
                .isEqualTo(optOut("UNSUBSCRIBE", true, "unsubscribe", "leave me alone"));
        assertThat(en("stop stop")).isEqualTo(optOut("STOP", true, "stop", "stop"));
    }

    @Test
    void aNegationReachesAcrossThreeBridgeWordsAndNoFurther() {
        assertThat(en("dont really want to unsubscribe")).isEqualTo(new ParsedReply.Comment("dont really want to unsubscribe"));
        assertThat(en("dont really really want to unsubscribe"))
                .isEqualTo(optOut("UNSUBSCRIBE", true, "unsubscribe"));
        assertThat(en("not. unsubscribe")).as("punctuation ends the reach")
                .isEqualTo(optOut("UNSUBSCRIBE", true, "unsubscribe"));
    }

    @Test
    void aKeywordGluedToAWordByAHyphenIsPartOfIt() {
        assertThat(en("whistle-STOP")).isEqualTo(new ParsedReply.Comment("whistle-STOP"));
        assertThat(en("STOP-watch")).isEqualTo(new ParsedReply.Comment("STOP-watch"));
    }

    @Test
    void aKeywordGluedToANumberByAHyphenStandsApart() {
        // Only a word on the other side of the hyphen makes a compound.
        assertThat(en("5-stop")).isEqualTo(optOut("STOP", false, "stop"));
        assertThat(en("stop-5")).isEqualTo(optOut("STOP", false, "stop"));
    }

    @Test
    void aPhraseWinsOverAKeywordListedBeforeItAndAmongPhrasesOfOneLengthTheFirst() {
        // Polish lists its keyword "stop" before the English phrases that start with it.
        assertThat(five.read("STOP texting", Locale.forLanguageTag("pl")))
                .isEqualTo(optOut("STOP MESSAGES", true, "STOP texting"));
        // French and English phrases both read "stop messages"; the reply's own language comes first.
        assertThat(five.read("stop messages", Locale.FRENCH))
                .isEqualTo(optOut("ARRÊTEZ LES MESSAGES", true, "stop messages"));
    }

    @Test
    void aKeywordAfterAnArticleOrToIsNoRequest() {
        assertThat(en("the end")).isEqualTo(new ParsedReply.Comment("the end"));
        assertThat(en("to cancel")).isEqualTo(new ParsedReply.Comment("to cancel"));
    }

    @Test
    void aKeywordInCapitalsCountsAtEitherEndOfAReplyWithSmallLetters() {
        assertThat(en("great service STOP")).isEqualTo(optOut("STOP", false, "STOP"));
        assertThat(en("STOP great service")).isEqualTo(optOut("STOP", false, "STOP"));
        assertThat(en("GREAT SERVICE STOP")).as("all capitals: nothing shouted")
                .isEqualTo(new ParsedReply.Comment("GREAT SERVICE STOP"));
    }

    @Test
    void certainOnlyWhenNothingElseIsSaid() {
        assertThat(en("stop please")).isEqualTo(optOut("STOP", true, "stop"));
        assertThat(en("STOP, it was fine")).isEqualTo(optOut("STOP", false, "STOP"));
        assertThat(en("stop 5")).as("a rating beside it").isEqualTo(optOut("STOP", false, "stop"));
    }

    @Test
    void aGapSkipsUpToThreeOfItsWords() {
        assertThat(en("stop me all these texts")).isEqualTo(optOut("STOP MESSAGES", true, "stop me all these texts"));
        assertThat(en("stop me all of these texts")).isEqualTo(new ParsedReply.Comment("stop me all of these texts"));
        assertThat(en("stop texting")).isEqualTo(optOut("STOP MESSAGES", true, "stop texting"));
        assertThat(en("stop texting, 5")).as("a phrase is certain beside a rating")
                .isEqualTo(optOut("STOP MESSAGES", true, "stop texting"));
    }

    @Test
    void wordsOfOneAlternativeMayBeJoinedByAHyphenAndOptionalSlotsLeftOut() {
        assertThat(en("please opt-out")).isEqualTo(optOut("OPTOUT", true, "opt-out"));
        assertThat(en("please opt out")).isEqualTo(optOut("OPTOUT", true, "opt out"));
        assertThat(en("opt me out")).isEqualTo(optOut("OPT ME OUT", true, "opt me out"));
        assertThat(en("hey, opted us out")).isEqualTo(optOut("OPT ME OUT", true, "opted us out"));
        assertThat(en("do not text me")).isEqualTo(optOut("DON'T CONTACT ME", true, "do not text me"));
        assertThat(en("thanks take me off")).isEqualTo(optOut("TAKE ME OFF", true, "take me off"));
    }

    @Test
    void aMisspeltPhraseCountsUnlessNegated() {
        assertThat(en("unsubscibe me")).isEqualTo(optOut("UNSUBSCRIBE", true, "unsubscibe"));
        assertThat(en("i dont unsubscibe")).isEqualTo(new ParsedReply.Comment("i dont unsubscibe"));
        assertThat(en("dont end texts")).isEqualTo(new ParsedReply.Comment("dont end texts"));
    }

    @Test
    void aShoutedKeywordCountsOnlyAtAnEndAndInCapitalsThroughout() {
        assertThat(en("great STOP service")).isEqualTo(new ParsedReply.Comment("great STOP service"));
        assertThat(en("great service Stop")).isEqualTo(new ParsedReply.Comment("great service Stop"));
        assertThat(en("great service STOOOP")).isEqualTo(optOut("STOP", false, "STOOOP"));
        assertThat(en("Please STOP")).isEqualTo(optOut("STOP", true, "STOP"));
        assertThat(en("5 STOP")).isEqualTo(optOut("STOP", false, "STOP"));
        assertThat(en("stop it was fine")).isEqualTo(new ParsedReply.Comment("stop it was fine"));
    }

    @Test
    void aCutReplyIsNeverCertainForAKeyword() {
        String reply = "stop " + "please ".repeat(300);
        assertThat(en(reply)).isEqualTo(new ParsedReply.OptOut("STOP", List.of("stop"), false, true));
        assertThat(en("stop.stop")).isEqualTo(optOut("STOP", true, "stop", "stop"));
        assertThat(en("stop, 5, great")).isEqualTo(optOut("STOP", false, "stop"));
    }
}
