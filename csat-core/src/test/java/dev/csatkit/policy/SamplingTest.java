package dev.csatkit.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.csatkit.InvalidConfigurationException;
import org.junit.jupiter.api.Test;

class SamplingTest {

    /** Pinned: how many of T-0 … T-999 a 50 % sample takes. */
    private static final int IN_HALF_OF_THE_FIRST_THOUSAND = 505;

    @Test
    void percentHasFourDecimalsOfResolution() {
        assertThat(Sampling.percent(12.5).partsPerMillion()).isEqualTo(125_000);
        assertThat(Sampling.percent(0.0001).partsPerMillion()).isEqualTo(1);
        assertThat(Sampling.percent(100).percent()).isEqualTo(100.0);
        assertThatThrownBy(() -> Sampling.percent(0.00001)).isInstanceOf(InvalidConfigurationException.class)
                .hasMessage("Invalid configuration: sampling = \"1.0E-5%\": must have at most four decimals");
        assertThatThrownBy(() -> Sampling.percent(100.5)).hasMessage(
                "Invalid configuration: sampling = \"100.5%\": must be between 0 and 100 percent");
        assertThatThrownBy(() -> Sampling.percent(Double.NaN)).hasMessageContaining("must be between 0 and 100");
        assertThatThrownBy(() -> new Sampling(-1)).hasMessageContaining("must be between 0 and 100");
    }

    @Test
    void theSameIdsAlwaysGetTheSameAnswer() {
        // The answer is the bucket against the share, nothing else: no state, no randomness.
        Sampling half = Sampling.percent(50);
        int in = 0;
        for (int i = 0; i < 1000; i++) {
            String id = "T-" + i;
            int bucket = Sampling.bucket(id, "csat");
            assertThat(half.includes(id, "csat")).as(id).isEqualTo(bucket < 500_000);
            assertThat(new Sampling(bucket).includes(id, "csat")).as("a share ending at its bucket").isFalse();
            assertThat(new Sampling(bucket + 1).includes(id, "csat")).as("a share just past it").isTrue();
            in += half.includes(id, "csat") ? 1 : 0;
        }
        assertThat(in).as("T-0 … T-999 in a 50 % sample").isEqualTo(IN_HALF_OF_THE_FIRST_THOUSAND);
    }

    @Test
    void bucketsArePinnedAcrossReleasesAndJvms() {
        // A replayed event must get the answer it got last year, on any node: these never change.
        assertThat(Sampling.bucket("T-1", "csat")).isEqualTo(326_528);
        assertThat(Sampling.bucket("", "")).isEqualTo(624_141);
        assertThat(Sampling.bucket("call-0000001", "after-call")).isEqualTo(960_397);
        assertThat(Sampling.bucket("ticket-42", "after-ticket-email")).isEqualTo(795_771);
        assertThat(Sampling.bucket("i", "s")).isEqualTo(880_884);
        // And the answer follows from the bucket, both ways round.
        assertThat(Sampling.percent(50).includes("T-1", "csat")).isTrue();
        assertThat(Sampling.percent(32.6528).includes("T-1", "csat")).isFalse();
        assertThat(Sampling.percent(32.6529).includes("T-1", "csat")).isTrue();
    }

    @Test
    void noneAndAllAreExact() {
        Sampling none = new Sampling(0);
        Sampling all = Sampling.all();
        for (int i = 0; i < 10_000; i++) {
            assertThat(none.includes("i" + i, "s")).isFalse();
            assertThat(all.includes("i" + i, "s")).isTrue();
        }
    }

    @Test
    void sequentialIdsAreSampledAtTheConfiguredRate() {
        Sampling tenth = Sampling.percent(10);
        int n = 200_000;
        int in = 0;
        for (int i = 0; i < n; i++) {
            if (tenth.includes(Integer.toString(i), "post-call")) {
                in++;
            }
        }
        // 10 % of 200 000 = 20 000; the standard deviation is about 134, so ±1 % is over 7 sigma.
        assertThat(in).isBetween(19_800, 20_200);
    }

    @Test
    void surveysSampleIndependently() {
        Sampling half = Sampling.percent(50);
        int both = 0;
        for (int i = 0; i < 100_000; i++) {
            if (half.includes("c" + i, "a") && half.includes("c" + i, "b")) {
                both++;
            }
        }
        assertThat(both).isBetween(24_000, 26_000);
    }

    @Test
    void contactsAreSampledAtTheConfiguredRate() {
        Sampling tenPercent = Sampling.percent(10);
        int in = 0;
        int contacts = 100_000;
        for (int c = 0; c < contacts; c++) {
            in += tenPercent.includes(Sampling.Unit.CONTACT, "ticket-" + c, "crm-" + c, "after-purchase") ? 1 : 0;
        }
        // 10 000 expected; the binomial standard deviation is under 100.
        assertThat(in).isBetween(9_600, 10_400);
    }

    @Test
    void aContactAndAnInteractionThatShareAnIdAreSampledApart() {
        Sampling half = Sampling.percent(50);
        int differ = 0;
        for (int i = 0; i < 1_000; i++) {
            String id = "id-" + i;
            differ += half.includes(Sampling.Unit.CONTACT, id, id, "s") != half.includes(id, "s") ? 1 : 0;
        }
        assertThat(differ).as("about half the ids get a different answer as contact and as interaction")
                .isBetween(400, 600);
    }
}
