package dev.csatkit.policy;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

class SamplingProperties {

    @Property(tries = 10_000)
    void bucketsAreInRangeForAnyIds(@ForAll String interactionId, @ForAll String surveyId) {
        assertThat(Sampling.bucket(interactionId, surveyId)).isBetween(0, Sampling.ALL - 1);
    }

    @Property(tries = 10_000)
    void aLargerShareIncludesEverythingASmallerOneDoes(@ForAll String interactionId,
            @ForAll @IntRange(min = 0, max = 1_000_000) int small, @ForAll @IntRange(min = 0, max = 1_000_000) int large) {
        Sampling a = new Sampling(Math.min(small, large));
        Sampling b = new Sampling(Math.max(small, large));
        if (a.includes(interactionId, "s")) {
            assertThat(b.includes(interactionId, "s")).isTrue();
        }
    }

    @Property(tries = 200)
    void bucketsAreUniform(@ForAll @IntRange(min = 0, max = 1_000_000) int seed) {
        // Chi-square over 20 equal cells for 20 000 consecutive ids from a random start.
        int cells = 20;
        int n = 20_000;
        int[] counts = new int[cells];
        for (int i = 0; i < n; i++) {
            counts[Sampling.bucket("ticket-" + (seed + i), "survey-" + seed) * cells / Sampling.ALL]++;
        }
        double expected = (double) n / cells;
        double chi2 = 0;
        for (int c : counts) {
            chi2 += (c - expected) * (c - expected) / expected;
        }
        // 19 degrees of freedom: P(chi2 > 80) is about 3e-9, so 200 tries stay reliable, while a
        // skewed hash lands in the thousands.
        assertThat(chi2).isLessThan(80);
    }

    @Property(tries = 10_000)
    void byContactEveryInteractionOfAContactGetsTheContactsAnswer(@ForAll String contactId,
            @ForAll String firstInteraction, @ForAll String secondInteraction,
            @ForAll @IntRange(min = 0, max = 1_000_000) int ppm) {
        Sampling s = new Sampling(ppm);
        assertThat(s.includes(Sampling.Unit.CONTACT, firstInteraction, contactId, "s"))
                .isEqualTo(s.includes(Sampling.Unit.CONTACT, secondInteraction, contactId, "s"));
    }

    @Property(tries = 10_000)
    void byInteractionTheContactDoesNotMatter(@ForAll String interactionId, @ForAll String firstContact,
            @ForAll String secondContact, @ForAll @IntRange(min = 0, max = 1_000_000) int ppm) {
        Sampling s = new Sampling(ppm);
        assertThat(s.includes(Sampling.Unit.INTERACTION, interactionId, firstContact, "s"))
                .isEqualTo(s.includes(interactionId, "s"))
                .isEqualTo(s.includes(Sampling.Unit.INTERACTION, interactionId, secondContact, "s"));
    }
}
