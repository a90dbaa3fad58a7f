package dev.csatkit.store.postgres.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The precheck reads while its reads refuse often enough to pay for their round trips. */
class PrecheckRateTest {

    /** Runs {@code n} decisions; those that read are recorded as refused or not. @return how many read */
    private static int decide(PrecheckRate rate, int n, boolean refusal) {
        int read = 0;
        for (int i = 0; i < n; i++) {
            if (rate.shouldRead()) {
                rate.record(refusal);
                read++;
            }
        }
        return read;
    }

    @Test
    void readsEveryDecisionWhileAQuarterOfTheReadsRefuse() {
        PrecheckRate rate = new PrecheckRate();
        for (int window = 0; window < 4; window++) {
            for (int i = 0; i < PrecheckRate.WINDOW; i++) {
                assertThat(rate.shouldRead()).as("decision %s of window %s", i, window).isTrue();
                rate.record(i % PrecheckRate.WORTH_IT == 0);
            }
        }
    }

    @Test
    void readsOneDecisionInSixteenOnceTheReadsRarelyRefuse() {
        PrecheckRate rate = new PrecheckRate();
        for (int i = 0; i < PrecheckRate.WINDOW; i++) {
            assertThat(rate.shouldRead()).isTrue();
            rate.record(i % PrecheckRate.WORTH_IT == 0 && i > 0);
        }
        assertThat(decide(rate, PrecheckRate.SAMPLE * 10, false)).isEqualTo(10);
    }

    @Test
    void readsEveryDecisionAgainOnceSampledReadsRefuseOften() {
        PrecheckRate rate = new PrecheckRate();
        decide(rate, PrecheckRate.WINDOW, false);
        assertThat(decide(rate, PrecheckRate.SAMPLE, true)).as("sampled").isEqualTo(1);
        decide(rate, PrecheckRate.WINDOW * PrecheckRate.SAMPLE, true);
        assertThat(decide(rate, 100, true)).as("read again").isEqualTo(100);
    }

    @Test
    void eachWindowCountsOnlyItsOwnRefusals() {
        PrecheckRate rate = new PrecheckRate();
        for (int i = 0; i < PrecheckRate.WINDOW; i++) {
            rate.record(i % PrecheckRate.WORTH_IT == 0);
        }
        assertThat(decide(rate, PrecheckRate.WINDOW, false)).as("a quarter refused: every decision read")
                .isEqualTo(PrecheckRate.WINDOW);
        // The second window refused nothing: the first window's 64 refusals must not carry over.
        assertThat(decide(rate, PrecheckRate.SAMPLE * 4, false)).isEqualTo(4);
    }
}
