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

/** Which tables a reply language reads, and the keys tables and replies are looked up by. */
class VocabularyTest {

    @Test
    void aReplyIsReadInItsLanguageThenTheNeighbourOfRussianOrUkrainianThenEnglish() {
        assertThat(Vocabulary.languagesFor("en")).containsExactly("en");
        assertThat(Vocabulary.languagesFor("fr")).containsExactly("fr", "en");
        assertThat(Vocabulary.languagesFor("ru")).containsExactly("ru", "uk", "en");
        assertThat(Vocabulary.languagesFor("uk")).containsExactly("uk", "ru", "en");
        assertThat(Vocabulary.languagesFor("xx")).containsExactly("xx", "en");
    }

    @Test
    void aVocabularyHoldsTheWordsOfItsLanguagesAndNoOthers() {
        Vocabulary ukrainian = new Vocabulary(RatingScales.fivePoint(), "uk");
        assertThat(ukrainian.numberWords).containsEntry("пять", 5).containsEntry("шість", 6)
                .containsEntry("five", 5).doesNotContainKey("cinq");
        assertThat(ukrainian.phrases).containsEntry(Fold.fold("дуже задоволений"), 5).containsEntry("очень доволен", 5)
                .containsEntry("very satisfied", 5).doesNotContainKey("tres satisfait");
        assertThat(ukrainian.maxPhraseWords).isEqualTo(2);
        assertThat(ukrainian.isRatingWord("бал")).isTrue();
        assertThat(ukrainian.isRatingWord("stars")).isTrue();
        assertThat(ukrainian.isRatingWord("of")).as("English 'out of'").isTrue();
        assertThat(ukrainian.isRatingWord("give")).as("an English cue").isTrue();
        assertThat(ukrainian.isRatingWord("it")).as("an English filler").isTrue();
        assertThat(ukrainian.isRatingWord("погано")).isFalse();
        assertThat(ukrainian.ratingWords).contains(Fold.fold("задоволений"), "дуже", "very", "бал", "of", "give", "it");
    }

    @Test
    void aLabelThatIsANumberWordOfAnotherValueIsMarkedAmbiguous() {
        RatingScale scale = RatingScale.builder("odd-labels")
                .point(ScalePoint.of(1, Polarity.NEGATIVE, Map.of(Locale.ENGLISH, "Bad")))
                .point(ScalePoint.of(2, Polarity.NEUTRAL, Map.of(Locale.ENGLISH, "Okay")))
                .point(ScalePoint.of(3, Polarity.POSITIVE, Map.of(Locale.ENGLISH, "Two")))
                .build();
        Vocabulary english = new Vocabulary(scale, "en");
        assertThat(english.phrases).containsEntry("okay", 2).containsEntry("two", Vocabulary.AMBIGUOUS)
                .containsEntry("bad", 1);
        assertThat(english.numberWords).containsEntry("two", 2);
        assertThat(new TextReader(scale).read("two", Locale.ENGLISH)).isEqualTo(new ParsedReply.Invalid(
                InvalidReason.AMBIGUOUS, "a word that names more than one point of this scale"));
        Vocabulary swedish = new Vocabulary(RatingScales.fivePoint(), "sv");
        assertThat(swedish.numberWords).containsEntry("en", 1).containsEntry("one", 1);
        assertThat(swedish.phrases).containsEntry("nojd", 4).containsEntry("nojda", 4);
    }

    @Test
    void keysFoldAndDropSeparators() {
        assertThat(Lexicon.keywordKey("Opt-Out!")).isEqualTo("optout");
        assertThat(Lexicon.keywordKey("DÉSABONNER")).isEqualTo("desabonner");
        assertThat(Lexicon.keywordKey("De\u0301sabonner 5")).isEqualTo("desabonner");
        assertThat(Lexicon.phraseKey("  Very   satisfied!")).isEqualTo("very satisfied");
        assertThat(Lexicon.phraseKey("4 étoiles")).isEqualTo("4 etoiles");
        assertThat(Lexicon.phraseKey("!!")).isEmpty();
        assertThat(Lexicon.labelVariants("satisfait")).containsExactly("satisfaite", "satisfaits", "satisfaites");
        assertThat(Lexicon.labelVariants("great")).isEmpty();
        assertThat(Lexicon.keyword("optout")).isEqualTo(new Lexicon.Keyword(Lexicon.KeywordKind.OPT_OUT, "OPT OUT"));
        assertThat(Lexicon.keyword("stop")).isEqualTo(new Lexicon.Keyword(Lexicon.KeywordKind.OPT_OUT, "STOP"));
        assertThat(Lexicon.faces()).containsEntry("😀", Lexicon.Face.POSITIVE).containsEntry("☹", Lexicon.Face.NEGATIVE);
        assertThat(List.copyOf(Lexicon.languages().keySet())).containsExactly("en", "fr", "sv", "ru", "uk", "pl", "de", "es");
    }
}
