package dev.csatkit.score;

import static org.assertj.core.api.Assertions.assertThat;

import dev.csatkit.scale.RatingScales;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;

/** Whatever the inputs and the weights, the composite stays in 0–100 and nothing throws. */
class CallerSentimentProperties {

    static final Instant T = Instant.parse("2026-03-02T10:00:00Z");

    @Provide
    Arbitrary<List<SurveyResponse>> responses() {
        Arbitrary<Integer> score = Arbitraries.integers().between(-3, 12).injectNull(0.3);
        Arbitrary<Long> wait = Arbitraries.longs().between(0, 100_000).injectNull(0.3);
        Arbitrary<Integer> tickets = Arbitraries.integers().between(0, Integer.MAX_VALUE).injectNull(0.3);
        Arbitrary<String> caller = Arbitraries.of("ck-1", "ck-2", "ck-3").injectNull(0.2);
        return Combinators.combine(Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(4), score, wait, tickets,
                caller).as((id, s, w, t, c) -> {
                    SurveyResponse.Builder b = SurveyResponse.builder(id, "s", T).contactKey(c)
                            .waitTime(w == null ? null : Duration.ofSeconds(w))
                            .openTickets(t == null ? OptionalInt.empty() : OptionalInt.of(t));
                    if (s != null) {
                        b.rating(s, T);
                    }
                    return b.build();
                }).list().ofMaxSize(20);
    }

    @Property(tries = 300)
    void theCompositeIsAlwaysWithinItsRange(@ForAll("responses") List<SurveyResponse> responses,
            @ForAll @DoubleRange(min = 0, max = 1000) double w1, @ForAll @DoubleRange(min = 0, max = 1000) double w2,
            @ForAll @DoubleRange(min = 0, max = 1000) double w3, @ForAll @DoubleRange(min = 0.01, max = 1000) double w4,
            @ForAll @IntRange(min = 1, max = 100_000) int waitCeiling, @ForAll @IntRange(min = 1, max = 1000) int ticketCeiling,
            @ForAll List<@IntRange(min = -5, max = 9) Integer> moods) {
        SentimentSpec spec = SentimentSpec.builder(RatingScales.fivePoint(), RatingScales.threeFaces())
                .weights(w1, w2, w3, w4).waitCeiling(Duration.ofSeconds(waitCeiling)).ticketCeiling(ticketCeiling)
                .build();
        Map<String, Integer> byInteraction = new HashMap<>();
        for (int i = 0; i < Math.min(moods.size(), responses.size()); i++) {
            byInteraction.put(responses.get(i).interactionId(), moods.get(i));
        }
        CallerSentiment s = CallerSentiment.of(spec, new ArrayList<>(responses), byInteraction);
        assertThat(s.interactions()).hasSize(responses.size()).allSatisfy(i -> {
            i.score().ifPresent(v -> assertThat(v).isBetween(0.0, 100.0));
            for (var part : List.of(i.csat(), i.mood(), i.waiting(), i.tickets())) {
                part.ifPresent(v -> assertThat(v).isBetween(0.0, 1.0));
            }
        });
        for (Dimension d : List.of(Dimension.CONTACT, Dimension.REGION, Dimension.TEAM, Dimension.BRAND,
                Dimension.ENTRY_POINT)) {
            assertThat(s.by(d)).allSatisfy(g -> {
                g.mean().ifPresent(v -> assertThat(v).isBetween(0.0, 100.0));
                assertThat(g.scored()).isBetween(0L, g.interactions());
            });
        }
        s.overall().ifPresent(v -> assertThat(v).isBetween(0.0, 100.0));
    }
}
