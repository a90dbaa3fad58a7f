package dev.csatkit.internal.reply;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The opt-out tables' misspelling search and the word helpers it rests on, with literal words. */
class OptOutRulesTest {

    @Test
    void oneEditIsAnInsertionADeletionASubstitutionOrAnAdjacentSwap() {
        assertThat(OptOutRules.withinOneEdit("abcd", "abcd")).isTrue();
        assertThat(OptOutRules.withinOneEdit("abcd", "abxd")).as("substitution").isTrue();
        assertThat(OptOutRules.withinOneEdit("abcd", "abcx")).as("substitution of the last letter").isTrue();
        assertThat(OptOutRules.withinOneEdit("abcd", "xbcd")).as("substitution of the first letter").isTrue();
        assertThat(OptOutRules.withinOneEdit("abcd", "abdc")).as("swap at the end").isTrue();
        assertThat(OptOutRules.withinOneEdit("abcd", "bacd")).as("swap at the start").isTrue();
        assertThat(OptOutRules.withinOneEdit("abcd", "abxcd")).as("insertion").isTrue();
        assertThat(OptOutRules.withinOneEdit("abxcd", "abcd")).as("deletion").isTrue();
        assertThat(OptOutRules.withinOneEdit("abcd", "abcde")).as("letter added at the end").isTrue();
        assertThat(OptOutRules.withinOneEdit("abcde", "abcd")).as("letter dropped at the end").isTrue();
        assertThat(OptOutRules.withinOneEdit("abcd", "xabcd")).as("letter added at the start").isTrue();
        assertThat(OptOutRules.withinOneEdit("xabcd", "abcd")).as("letter dropped at the start").isTrue();
    }

    @Test
    void twoEditsAreNotOne() {
        assertThat(OptOutRules.withinOneEdit("abcd", "ab")).as("two letters shorter").isFalse();
        assertThat(OptOutRules.withinOneEdit("ab", "abcd")).as("two letters longer").isFalse();
        assertThat(OptOutRules.withinOneEdit("abcd", "axyd")).as("two substitutions").isFalse();
        assertThat(OptOutRules.withinOneEdit("abcd", "cbad")).as("a swap that is not adjacent").isFalse();
        assertThat(OptOutRules.withinOneEdit("abcdef", "bacdeg")).as("a swap and a substitution").isFalse();
        assertThat(OptOutRules.withinOneEdit("abcd", "bacx")).as("a swap and a last substitution").isFalse();
        assertThat(OptOutRules.withinOneEdit("abcd", "bcxd")).as("a swap that moves a letter and changes another").isFalse();
        assertThat(OptOutRules.withinOneEdit("abcde", "abxd")).as("a deletion and a substitution").isFalse();
        assertThat(OptOutRules.withinOneEdit("abxd", "abcde")).as("an insertion and a substitution").isFalse();
        assertThat(OptOutRules.withinOneEdit("abc", "abd" + "e")).as("substitution and insertion at the end").isFalse();
    }

    @Test
    void runsOfThreeOrMoreOfOneLetterShrinkToOneAndPairsStay() {
        assertThat(OptOutScan.collapseRuns("stooop")).isEqualTo("stop");
        assertThat(OptOutScan.collapseRuns("stopp")).isEqualTo("stopp");
        assertThat(OptOutScan.collapseRuns("stoop")).isEqualTo("stoop");
        assertThat(OptOutScan.collapseRuns("ssstop")).isEqualTo("stop");
        assertThat(OptOutScan.collapseRuns("stoppppp")).isEqualTo("stop");
        assertThat(OptOutScan.collapseRuns("aaxbbb")).as("a pair before a run").isEqualTo("aaxb");
        assertThat(OptOutScan.collapseRuns("bbbxaa")).as("a pair after a run").isEqualTo("bxaa");
        assertThat(OptOutScan.collapseRuns("aaaa")).isEqualTo("a");
        assertThat(OptOutScan.collapseRuns("ab")).isEqualTo("ab");
        assertThat(OptOutScan.collapseRuns("a")).isEqualTo("a");
        assertThat(OptOutScan.collapseRuns("")).isEmpty();
    }

    @Test
    void aLongWordOneEditFromASingleWordPhraseIsThatPhrase() {
        OptOutRules en = OptOutRules.forLanguages(List.of("en"));
        assertThat(en.misspelling("unsubscibe")).as("a letter dropped").isNotNull()
                .extracting(OptOutRules.Term::canonical).isEqualTo("UNSUBSCRIBE");
        assertThat(en.misspelling("unsubscribx")).as("a letter changed for one the word lacks").isNotNull()
                .extracting(OptOutRules.Term::canonical).isEqualTo("UNSUBSCRIBE");
        assertThat(en.misspelling("unsubscribbe")).as("a letter added").isNotNull();
        assertThat(en.misspelling("unsubsrcibe")).as("two letters swapped").isNotNull();
        assertThat(en.misspelling("unsubscibx")).as("two edits").isNull();
        assertThat(en.misspelling("wonderful")).isNull();
    }

    @Test
    void wordsOfEightLettersAreTriedAndShorterOnesAreNot() {
        OptOutRules fr = OptOutRules.forLanguages(List.of("fr"));
        // "desabone" has eight letters, one from "désabonne".
        assertThat(fr.misspelling("desabone")).isNotNull()
                .extracting(OptOutRules.Term::phrase).isEqualTo(true);
        assertThat(fr.misspelling("desabon")).isNull();
    }

    @Test
    void aGuardedWordIsNeverAMisspelling() {
        OptOutRules de = OptOutRules.forLanguages(List.of("de"));
        assertThat(de.misspelling("anmelden")).as("sign up, one letter from abmelden").isNull();
        assertThat(de.misspelling("abmeldem")).isNotNull();
    }

    @Test
    void bareKeywordsAreSingleWordsOfTheKeywordListOnly() {
        OptOutRules en = OptOutRules.forLanguages(List.of("en"));
        assertThat(en.isKeyword("stop")).isTrue();
        assertThat(en.isKeyword("cancel")).isTrue();
        assertThat(en.isKeyword("unsubscribe")).as("a phrase, not a keyword").isFalse();
        assertThat(en.isKeyword("take")).as("first word of a keyword of several slots").isFalse();
        assertThat(en.isKeyword("no")).as("first word of a keyword of several words").isFalse();
        assertThat(en.startingWith("take")).isNotNull();
        assertThat(en.startingWith("wonderful")).isNull();
    }

    @Test
    void languagesWithoutTablesAreSkipped() {
        OptOutRules none = OptOutRules.forLanguages(List.of("xx"));
        assertThat(none.startingWith("stop")).isNull();
        assertThat(none.isKeyword("stop")).isFalse();
        OptOutRules some = OptOutRules.forLanguages(List.of("xx", "en"));
        assertThat(some.isKeyword("stop")).isTrue();
    }
}
