package dev.csatkit.score;

import static dev.csatkit.score.Responses.invalid;
import static dev.csatkit.score.Responses.late;
import static dev.csatkit.score.Responses.rating;
import static dev.csatkit.score.Responses.unanswered;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.csatkit.InvalidConfigurationException;
import dev.csatkit.InvalidDefinitionException;
import dev.csatkit.scale.RatingScale;
import dev.csatkit.scale.RatingScales;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class TallyTest {

    private static final RatingScale FIVE = RatingScales.fivePoint();

    /** 41 of 50 answered 4 or 5: 3 × 1, 2 × 2, 4 × 3, 20 × 4, 21 × 5. */
    private static Tally fortyOneOfFifty() {
        return Tally.builder(FIVE).addRatings(1, 3).addRatings(2, 2).addRatings(3, 4).addRatings(4, 20)
                .addRatings(5, 21).addUnanswered(8).addInvalid(1).addLate(1).build();
    }

    @Test
    void csatIsTheShareOfSatisfiedRatings() {
        Tally t = fortyOneOfFifty();
        assertThat(t.responses()).isEqualTo(50);
        assertThat(t.satisfied()).isEqualTo(41);
        assertThat(t.csat()).hasValue(82.0);
    }

    @Test
    void netCsatSubtractsTheDissatisfied() {
        // (41 - 5) / 50 = 72.0
        assertThat(fortyOneOfFifty().dissatisfied()).isEqualTo(5);
        assertThat(fortyOneOfFifty().netCsat()).hasValue(72.0);
    }

    @Test
    void meanDistributionAndResponseRate() {
        Tally t = fortyOneOfFifty();
        // (3 + 4 + 12 + 80 + 105) / 50 = 204 / 50
        assertThat(t.mean().getAsDouble()).isEqualTo(4.08, within(1e-12));
        assertThat(t.distribution()).containsExactly(Map.entry(1, 3L), Map.entry(2, 2L), Map.entry(3, 4L),
                Map.entry(4, 20L), Map.entry(5, 21L));
        // 50 valid of 60 sent
        assertThat(t.sent()).isEqualTo(60);
        assertThat(t.responseRate().getAsDouble()).isEqualTo(83.333, within(0.001));
    }

    @Test
    void wilsonIntervalForFortyOneOfFifty() {
        Interval i = fortyOneOfFifty().csatInterval().orElseThrow();
        assertThat(i.low()).isEqualTo(69.20, within(0.01));
        assertThat(i.high()).isEqualTo(90.23, within(0.01));
        assertThat(i.contains(82.0)).isTrue();
    }

    @Test
    void wilsonIntervalStaysInsideTheScaleAtTheEdges() {
        Interval all = Tally.builder(FIVE).addRatings(5, 10).build().csatInterval().orElseThrow();
        assertThat(all.high()).isEqualTo(100.0);
        assertThat(all.low()).isEqualTo(72.25, within(0.01));
        Interval none = Tally.builder(FIVE).addRatings(1, 10).build().csatInterval().orElseThrow();
        assertThat(none.low()).isEqualTo(0.0);
        assertThat(none.high()).isEqualTo(27.75, within(0.01));
    }

    @Test
    void bandsFollowTheThresholds() {
        assertThat(fortyOneOfFifty().band(Bands.DEFAULT)).contains(Band.GOOD);
        assertThat(Bands.DEFAULT.classify(70.0)).isEqualTo(Band.GOOD);
        assertThat(Bands.DEFAULT.classify(69.99)).isEqualTo(Band.FAIR);
        assertThat(Bands.DEFAULT.classify(50.0)).isEqualTo(Band.FAIR);
        assertThat(Bands.DEFAULT.classify(49.99)).isEqualTo(Band.POOR);
        assertThat(new Bands(90, 80).classify(82.0)).isEqualTo(Band.FAIR);
        assertThat(fortyOneOfFifty().band(new Bands(90, 85))).contains(Band.POOR);
    }

    @Test
    void bandsRejectImpossibleThresholds() {
        assertThatThrownBy(() -> new Bands(50, 70)).isInstanceOf(InvalidConfigurationException.class)
                .hasMessage("Invalid configuration: bands.fairFrom = 70.0: must not be above goodFrom 50.0");
        assertThatThrownBy(() -> new Bands(120, Double.NaN)).isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("bands.goodFrom = 120.0: must be between 0 and 100")
                .hasMessageContaining("bands.fairFrom = NaN: must be between 0 and 100");
    }

    @Test
    void anEmptyTallyHasNoDataRatherThanZeroOrNaN() {
        Tally empty = Tally.empty(FIVE);
        assertThat(empty.isEmpty()).isTrue();
        assertThat(empty.hasData()).isFalse();
        assertThat(empty.csat()).isEmpty();
        assertThat(empty.netCsat()).isEmpty();
        assertThat(empty.mean()).isEmpty();
        assertThat(empty.responseRate()).isEmpty();
        assertThat(empty.csatInterval()).isEmpty();
        assertThat(empty.band(Bands.DEFAULT)).isEmpty();
        assertThat(empty.cesShare()).isEmpty();
        assertThat(empty.distribution().values()).containsOnly(0L);
    }

    @Test
    void unansweredOnlyHasAResponseRateButNoCsat() {
        Tally t = Tally.builder(FIVE).addUnanswered(4).build();
        assertThat(t.responseRate()).hasValue(0.0);
        assertThat(t.csat()).isEmpty();
    }

    @Test
    void responsesLandInExactlyOneOutcome() {
        Tally t = Tally.of(FIVE, List.of(rating("a", "ann", 5), unanswered("b", "ann"), invalid("c", "ann"),
                late("d", "ann", 1)));
        assertThat(t.sent()).isEqualTo(4);
        assertThat(t.responses()).isEqualTo(1);
        assertThat(t.unanswered()).isEqualTo(1);
        assertThat(t.invalid()).isEqualTo(1);
        assertThat(t.late()).isEqualTo(1);
        assertThat(t.csat()).hasValue(100.0);
    }

    @Test
    void npsOnTheZeroToTenScale() {
        // 6 promoters (9-10), 2 passives (7-8), 2 detractors (0-6): (6 - 2) / 10 = 40.0
        Tally t = Tally.builder(RatingScales.zeroToTen()).addRatings(10, 4).addRatings(9, 2).addRatings(8, 1)
                .addRatings(7, 1).addRatings(6, 1).addRatings(0, 1).build();
        assertThat(t.nps()).hasValue(40.0);
        assertThat(Tally.isNpsScale(RatingScales.zeroToTen())).isTrue();
        assertThat(Tally.isNpsScale(FIVE)).isFalse();
        assertThat(fortyOneOfFifty().nps()).isEmpty();
        assertThat(Tally.empty(RatingScales.zeroToTen()).nps()).isEmpty();
    }

    @Test
    void cesShareCountsRatingsAboveTheMidpoint() {
        RatingScale effort = RatingScale.builder("effort7").numeric(1, 7).build();
        // 5, 6 and 7 agree that it was easy: 6 of 10
        Tally t = Tally.builder(effort).addRatings(7, 2).addRatings(6, 3).addRatings(5, 1).addRatings(4, 2)
                .addRatings(1, 2).build();
        assertThat(t.cesShare()).hasValue(60.0);
        // The top-box CSAT of the same scale counts only 6 and 7.
        assertThat(t.csat()).hasValue(50.0);
    }

    @Test
    void aScoreOffTheScaleIsRefusedWithTheRule() {
        assertThatThrownBy(() -> Tally.builder(FIVE).addRating(7))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("Invalid survey response: score = 7: must be a value of scale five, 1 to 5");
        assertThatThrownBy(() -> Tally.builder(FIVE).addRatings(4, -1))
                .hasMessage("Invalid tally: count = -1: must not be negative");
    }

    @Test
    void tallyingAnotherScaleIsRefused() {
        Tally three = Tally.builder(RatingScales.threeFaces()).addRating(3).build();
        assertThatThrownBy(() -> fortyOneOfFifty().merge(three))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessage("Invalid configuration: scale = \"three\": tallies of different scales cannot be merged;"
                        + " expected five");
    }

    @Test
    void theCollectorTalliesPerGroup() {
        List<SurveyResponse> all = new java.util.ArrayList<>(Responses.ratings("ann", 5, 3));
        all.addAll(Responses.ratings("bob", 1, 2));
        Map<Optional<String>, Tally> byAgent = all.parallelStream()
                .collect(Collectors.groupingBy(SurveyResponse::agent, Tally.collector(FIVE)));
        assertThat(byAgent.get(Optional.of("ann")).csat()).hasValue(100.0);
        assertThat(byAgent.get(Optional.of("bob")).csat()).hasValue(0.0);
    }

    @Test
    void mergingAddsEveryCount() {
        Tally merged = fortyOneOfFifty().merge(fortyOneOfFifty());
        assertThat(merged.responses()).isEqualTo(100);
        assertThat(merged.sent()).isEqualTo(120);
        assertThat(merged.csat()).hasValue(82.0);
        assertThat(merged).isEqualTo(Tally.builder(FIVE).add(fortyOneOfFifty()).add(fortyOneOfFifty()).build());
        assertThat(merged.toString()).isEqualTo(
                "Tally[five {1=6, 2=4, 3=8, 4=40, 5=42}, unanswered 16, invalid 2, late 2]");
    }
}
