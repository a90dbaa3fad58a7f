package dev.csatkit.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.csatkit.scale.RatingScale;
import dev.csatkit.score.SurveyResponse;
import dev.csatkit.score.Tally;
import dev.csatkit.testing.arbitraries.CsatArbitraries;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The first example property a host writes with the arbitraries: however responses are split
 * into groups (per day, per instance, per agent), tallying each group and merging the tallies
 * gives the same CSAT, and the same tally, as tallying them all at once.
 */
class TallyMergeProperties {

    /** Responses on one scale, and a grouping of them: the group each response falls in. */
    record Grouped(RatingScale scale, List<SurveyResponse> responses, List<Integer> groups) {
    }

    @Provide
    Arbitrary<Grouped> grouped() {
        return CsatArbitraries.scales().flatMap(scale -> CsatArbitraries.responses(scale).list().ofMaxSize(120)
                .flatMap(responses -> Combinators.combine(Arbitraries.just(responses),
                                Arbitraries.integers().between(0, 7).list().ofSize(responses.size()))
                        .as((r, g) -> new Grouped(scale, r, g))));
    }

    @Property
    void mergingTalliesInAnyGroupingGivesTheSameCsat(@ForAll("grouped") Grouped g) {
        Tally.Builder all = Tally.builder(g.scale());
        g.responses().forEach(all::add);
        Tally whole = all.build();

        List<Tally.Builder> groups = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            groups.add(Tally.builder(g.scale()));
        }
        for (int i = 0; i < g.responses().size(); i++) {
            groups.get(g.groups().get(i)).add(g.responses().get(i));
        }
        Tally merged = Tally.builder(g.scale()).build();
        for (Tally.Builder b : groups) {
            merged = merged.merge(b.build());
        }

        assertThat(merged.csat()).isEqualTo(whole.csat());
        assertThat(merged.netCsat()).isEqualTo(whole.netCsat());
        assertThat(merged).isEqualTo(whole);
    }

    @Property
    void mergeIsCommutativeAndAssociative(@ForAll("scaleAndTallies") List<Tally> t) {
        assertThat(t.get(0).merge(t.get(1))).isEqualTo(t.get(1).merge(t.get(0)));
        assertThat(t.get(0).merge(t.get(1)).merge(t.get(2))).isEqualTo(t.get(0).merge(t.get(1).merge(t.get(2))));
    }

    @Provide
    Arbitrary<List<Tally>> scaleAndTallies() {
        return CsatArbitraries.scales().flatMap(s -> CsatArbitraries.tallies(s).list().ofSize(3));
    }
}
