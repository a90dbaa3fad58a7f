package dev.csatkit.score;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.csatkit.InvalidDefinitionException;
import dev.csatkit.scale.RatingScales;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** The worked example of docs/contact-centre-features.md, computed by hand. */
class CallerSentimentTest {

    static final Instant T = Instant.parse("2026-03-02T10:00:00Z");
    static final SentimentSpec SPEC = SentimentSpec.builder(RatingScales.fivePoint(), RatingScales.threeFaces())
            .build();

    static SurveyResponse.Builder call(String id, String caller, String region, String team) {
        return SurveyResponse.builder(id, "after-call", T).contactKey(caller).region(region).team(team)
                .brand("stockholm").entryPoint("+15550100");
    }

    /** a: CSAT 4, mood 3, waited 2 min, 1 open ticket. b: CSAT 2, no mood, waited 12 min, 3 tickets. c: unanswered, mood 2. */
    static List<SurveyResponse> example() {
        return List.of(
                call("a", "ck-ann", "north", "Blue").rating(4, T.plusSeconds(60)).waitTime(Duration.ofMinutes(2))
                        .openTickets(OptionalInt.of(1)).build(),
                call("b", "ck-ann", "north", "Red").rating(2, T.plusSeconds(60)).waitTime(Duration.ofMinutes(12))
                        .openTickets(OptionalInt.of(3)).build(),
                call("c", "ck-bob", "south", "Blue").build());
    }

    @Test
    void the_worked_example() {
        CallerSentiment s = CallerSentiment.of(SPEC, example(), Map.of("a", 3, "c", 2));
        CallerSentiment.InteractionSentiment a = s.interactions().get(0);
        // CSAT (4-1)/(5-1) = 0.75, mood (3-1)/(3-1) = 1, wait 1 - 2/10 = 0.8, tickets 1 - 1/5 = 0.8.
        assertThat(a.csat()).hasValue(0.75);
        assertThat(a.mood()).hasValue(1.0);
        assertThat(a.waiting().getAsDouble()).isCloseTo(0.8, within(1e-12));
        assertThat(a.tickets().getAsDouble()).isCloseTo(0.8, within(1e-12));
        // 100 × (0.5×0.75 + 0.2×1 + 0.15×0.8 + 0.15×0.8) / 1.0 = 81.5
        assertThat(a.score().getAsDouble()).isCloseTo(81.5, within(1e-9));
        // b: CSAT 0.25, no mood, wait past the ceiling 0, tickets 1 - 3/5 = 0.4:
        // 100 × (0.5×0.25 + 0.15×0 + 0.15×0.4) / (0.5 + 0.15 + 0.15) = 100 × 0.185 / 0.8 = 23.125
        CallerSentiment.InteractionSentiment b = s.interactions().get(1);
        assertThat(b.mood()).isEmpty();
        assertThat(b.waiting()).hasValue(0.0);
        assertThat(b.score().getAsDouble()).isCloseTo(23.125, within(1e-9));
        // c: only the mood, (2-1)/(3-1) = 0.5, re-weighted over itself: 50
        assertThat(s.interactions().get(2).score().getAsDouble()).isCloseTo(50.0, within(1e-9));

        // Per caller: ann (81.5 + 23.125) / 2 = 52.3125, bob 50.
        assertThat(s.by(Dimension.CONTACT)).containsExactly(
                new CallerSentiment.Group("ck-ann", 2, 2, OptionalDouble.of(52.3125)),
                new CallerSentiment.Group("ck-bob", 1, 1, OptionalDouble.of(50.0)));
        assertThat(s.by(Dimension.REGION)).extracting(CallerSentiment.Group::value).containsExactly("north", "south");
        // Per team: Blue (81.5 + 50) / 2 = 65.75, Red 23.125.
        assertThat(s.by(Dimension.TEAM)).extracting(g -> g.value() + "=" + g.mean().getAsDouble())
                .containsExactly("Blue=65.75", "Red=23.125");
        // The centre (brand) and the entry point hold all three: (81.5 + 23.125 + 50) / 3 = 51.541666…
        assertThat(s.by(Dimension.BRAND)).singleElement()
                .satisfies(g -> assertThat(g.mean().getAsDouble()).isCloseTo(51.5416667, within(1e-6)));
        assertThat(s.by(Dimension.ENTRY_POINT)).singleElement().extracting(CallerSentiment.Group::interactions)
                .isEqualTo(3L);
        assertThat(s.overall().getAsDouble()).isCloseTo(51.5416667, within(1e-6));
    }

    @Test
    void an_interaction_with_no_input_is_counted_but_not_averaged() {
        CallerSentiment s = CallerSentiment.of(SPEC, example(), Map.of("a", 3));
        assertThat(s.interactions().get(2).score()).isEmpty();
        assertThat(s.by(Dimension.REGION)).element(1)
                .isEqualTo(new CallerSentiment.Group("south", 1, 0, OptionalDouble.empty()));
    }

    @Test
    void weights_and_ceilings_are_configurable() {
        SentimentSpec csatOnly = SentimentSpec.builder(RatingScales.fivePoint(), RatingScales.threeFaces())
                .weights(1, 0, 0, 0).build();
        CallerSentiment s = CallerSentiment.of(csatOnly, example(), Map.of("a", 3, "c", 2));
        assertThat(s.interactions()).extracting(i -> i.score()).containsExactly(OptionalDouble.of(75),
                OptionalDouble.of(25), OptionalDouble.empty());
        SentimentSpec patient = SentimentSpec.builder(RatingScales.fivePoint(), RatingScales.threeFaces())
                .weights(0, 0, 1, 0).waitCeiling(Duration.ofMinutes(24)).build();
        assertThat(CallerSentiment.of(patient, example(), Map.of()).interactions().get(1).score()).hasValue(50.0);
    }

    @Test
    void a_bad_spec_is_refused_naming_each_field() {
        assertThatThrownBy(() -> SentimentSpec.builder(RatingScales.fivePoint(), RatingScales.threeFaces())
                .weights(-1, Double.NaN, 0, 0).waitCeiling(Duration.ZERO).ticketCeiling(0).build())
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessageContaining("csatWeight = -1.0").hasMessageContaining("moodWeight = NaN")
                .hasMessageContaining("must be a number from 0 to 1000")
                .hasMessageContaining("waitCeiling").hasMessageContaining("ticketCeiling = 0");
        assertThatThrownBy(() -> SentimentSpec.builder(RatingScales.fivePoint(), RatingScales.threeFaces())
                .weights(0, 0, 0, 0).build()).hasMessageContaining("at least one must be above 0");
        assertThatThrownBy(() -> CallerSentiment.of(SPEC, example(), Map.of()).by(Dimension.PERIOD))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("period");
    }
}
