package dev.csatkit.internal.reply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * How the opt-out tables are compiled and indexed, on patterns and tables written here. The rules
 * of real languages are cached once per JVM, so these tests compile their own, past the cache.
 */
class OptOutRulesCompileTest {

    private static List<List<String>> alternatives(OptOutRules.Slot slot) {
        return Arrays.stream(slot.alternatives()).map(List::of).toList();
    }

    private static Map<String, List<List<String>>> byFirstWord(OptOutRules.Slot slot) {
        Map<String, List<List<String>>> index = new TreeMap<>();
        slot.byFirstWord().forEach((word, alts) -> index.put(word, alts.stream().map(List::of).toList()));
        return index;
    }

    @Test
    void aNamedPatternIsReportedByItsNameAndItsWordsAreFolded() {
        OptOutRules.Term term = OptOutRules.compile("STOP IT: Stop|halt|hält … texts|sms", true);
        assertThat(term.canonical()).isEqualTo("STOP IT");
        assertThat(term.phrase()).isTrue();
        assertThat(term.slots()).hasSize(3);

        OptOutRules.Slot first = term.slots()[0];
        assertThat(alternatives(first)).containsExactly(List.of("stop"), List.of("halt"), List.of("halt"));
        assertThat(first.optional()).isFalse();
        assertThat(first.gap()).isFalse();
        // Both spellings of "halt" start with the same folded word: one lookup finds them both.
        assertThat(byFirstWord(first)).containsExactly(
                Map.entry("halt", List.of(List.of("halt"), List.of("halt"))),
                Map.entry("stop", List.of(List.of("stop"))));

        OptOutRules.Slot gap = term.slots()[1];
        assertThat(gap.gap()).isTrue();
        assertThat(gap.optional()).isTrue();
        assertThat(gap.alternatives()).isEmpty();

        OptOutRules.Slot last = term.slots()[2];
        assertThat(alternatives(last)).containsExactly(List.of("texts"), List.of("sms"));
        assertThat(last.gap()).isFalse();
    }

    @Test
    void anUnnamedPatternIsReportedByTheFirstAlternativeOfEachSlotThatMustBeThere() {
        OptOutRules.Term term = OptOutRules.compile("don't|do_not want? me|us out", false);
        assertThat(term.canonical()).isEqualTo("DON'T ME OUT");
        assertThat(term.phrase()).isFalse();
        assertThat(term.slots()).hasSize(4);
        // The apostrophe folds away; an alternative of several words keeps them apart.
        assertThat(alternatives(term.slots()[0])).containsExactly(List.of("dont"), List.of("do", "not"));
        assertThat(byFirstWord(term.slots()[0])).containsOnlyKeys("dont", "do");
        assertThat(term.slots()[1].optional()).isTrue();
        assertThat(alternatives(term.slots()[1])).containsExactly(List.of("want"));
        assertThat(term.slots()[2].optional()).isFalse();
        assertThat(alternatives(term.slots()[2])).containsExactly(List.of("me"), List.of("us"));
        assertThat(term.slots()[3].optional()).isFalse();
    }

    @Test
    void aQuestionMarkAloneIsAMarkToMatchNotAnOptionalEmptySlot() {
        OptOutRules.Term term = OptOutRules.compile("stop ?", false);
        assertThat(term.canonical()).isEqualTo("STOP ?");
        assertThat(term.slots()).hasSize(2);
        assertThat(term.slots()[1].optional()).isFalse();
        assertThat(alternatives(term.slots()[1])).containsExactly(List.of("?"));
    }

    @Test
    void anEmptyNameIsStillAName() {
        // Everything after ": " is the pattern, and the name (here empty) is what is reported.
        OptOutRules.Term term = OptOutRules.compile(": stop", false);
        assertThat(term.canonical()).isEmpty();
        assertThat(term.slots()).hasSize(1);
        assertThat(alternatives(term.slots()[0])).containsExactly(List.of("stop"));
    }

    @Test
    void aPatternMustStartWithAWord() {
        assertThatThrownBy(() -> OptOutRules.compile("stop? texts", true))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("stop? texts");
        assertThatThrownBy(() -> OptOutRules.compile("… texts", true))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("… texts");
    }

    private static final OptOutLexicon.Table TABLE = new OptOutLexicon.Table("t",
            List.of("abmelden", "deregister me", "abbestellen_bitte", "unsubscribe"),
            List.of("stop|halt", "go_away", "end messages", "cancellation"),
            "Please  now ", "the", "don't", "want to", "me these", "anmelden");

    @Test
    void freshRulesIndexEveryPatternByItsFirstWordsAndFoldTheWordLists() {
        OptOutRules rules = OptOutRules.of(List.of(TABLE));
        assertThat(rules.startingWith("stop")).extracting(OptOutRules.Term::canonical).containsExactly("STOP");
        assertThat(rules.startingWith("halt")).extracting(OptOutRules.Term::canonical).containsExactly("STOP");
        assertThat(rules.startingWith("abmelden")).extracting(OptOutRules.Term::phrase).containsExactly(true);
        assertThat(rules.startingWith("end")).extracting(OptOutRules.Term::canonical).containsExactly("END MESSAGES");
        assertThat(rules.startingWith("messages")).isNull();
        assertThat(rules.fillers).isEqualTo(Set.of("please", "now"));
        assertThat(rules.blockers).isEqualTo(Set.of("the"));
        assertThat(rules.negations).isEqualTo(Set.of("dont"));
        assertThat(rules.bridges).isEqualTo(Set.of("want", "to"));
        assertThat(rules.gaps).isEqualTo(Set.of("me", "these"));
    }

    @Test
    void onlyKeywordsOfOneWordInOneSlotAreBareKeywords() {
        OptOutRules rules = OptOutRules.of(List.of(TABLE));
        assertThat(rules.isKeyword("stop")).isTrue();
        assertThat(rules.isKeyword("halt")).isTrue();
        assertThat(rules.isKeyword("cancellation")).isTrue();
        assertThat(rules.isKeyword("go")).as("an alternative of two words").isFalse();
        assertThat(rules.isKeyword("end")).as("a keyword of two slots").isFalse();
        assertThat(rules.isKeyword("unsubscribe")).as("a phrase").isFalse();
    }

    @Test
    void onlyPhrasesOfOneLongWordInOneSlotAreLookedForAsMisspellings() {
        OptOutRules rules = OptOutRules.of(List.of(TABLE));
        assertThat(rules.misspelling("abmeldem")).as("a phrase word of exactly eight letters")
                .extracting(OptOutRules.Term::canonical).isEqualTo("ABMELDEN");
        assertThat(rules.misspelling("unsubscibe")).extracting(OptOutRules.Term::canonical).isEqualTo("UNSUBSCRIBE");
        assertThat(rules.misspelling("anmelden")).as("guarded").isNull();
        assertThat(rules.misspelling("cancelation")).as("a keyword, not a phrase").isNull();
        assertThat(rules.misspelling("deregistr")).as("a phrase of two slots").isNull();
        assertThat(rules.misspelling("abbestelen")).as("an alternative of two words").isNull();
    }

    @Test
    void theTablesOfSeveralLanguagesAddUpAndCodesWithoutTablesAreSkipped() {
        assertThat(OptOutRules.tables(List.of("xx", "fr", "en"))).extracting(OptOutLexicon.Table::code)
                .containsExactly("fr", "en");
        assertThat(OptOutRules.tables(List.of("xx"))).isEmpty();
        OptOutRules rules = OptOutRules.of(OptOutRules.tables(List.of("xx", "en")));
        assertThat(rules.isKeyword("stop")).isTrue();
        assertThat(rules.misspelling("unsubscibe")).extracting(OptOutRules.Term::canonical).isEqualTo("UNSUBSCRIBE");
        OptOutRules both = OptOutRules.of(List.of(TABLE, OptOutLexicon.table("en")));
        assertThat(both.isKeyword("halt")).isTrue();
        assertThat(both.fillers).contains("please", "now").hasSizeGreaterThan(2);
    }
}
