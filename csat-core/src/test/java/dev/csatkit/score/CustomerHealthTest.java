package dev.csatkit.score;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.csatkit.InvalidDefinitionException;
import dev.csatkit.export.HealthExport;
import dev.csatkit.scale.RatingScales;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The customer health example of docs/contact-centre-features.md, computed by hand. */
class CustomerHealthTest {

    static final Instant FROM = Instant.parse("2026-03-01T00:00:00Z");
    static final Instant TO = Instant.parse("2026-03-31T00:00:00Z");

    static SurveyResponse rated(String id, String key, int score, String day) {
        Instant at = Instant.parse("2026-" + day + "T09:00:00Z");
        return SurveyResponse.builder(id, "after-call", at.minusSeconds(600)).contactKey(key).rating(score, at).build();
    }

    static List<SurveyResponse> example() {
        return List.of(
                rated("i0", "ck-ann", 1, "02-20"),   // before the window: low, but not the last low
                rated("i1", "ck-ann", 2, "03-02"),   // earlier half, low
                rated("i2", "ck-ann", 4, "03-05"),   // earlier half
                rated("i3", "ck-ann", 5, "03-20"),   // later half
                rated("i4", "ck-ann", 4, "03-25"),   // later half
                rated("i5", "ck-bob", 5, "03-10"),
                rated("i6", "ck-bob", 1, "03-31"),   // at the window's end: not counted
                SurveyResponse.builder("i7", "after-call", FROM).rating(1, FROM.plusSeconds(60)).build()); // no key
    }

    @Test
    void the_worked_example() {
        List<CustomerHealth> health = CustomerHealth.of(RatingScales.fivePoint(), example(), FROM, TO, 3);
        assertThat(health).extracting(CustomerHealth::contactKey).containsExactly("ck-ann", "ck-bob");
        CustomerHealth ann = health.get(0);
        assertThat(ann.lastRatings()).extracting(CustomerHealth.Rating::score).containsExactly(4, 5, 4);
        // In the window: 2, 4, 5, 4: three satisfied of four = 75, less one dissatisfied = 50.
        assertThat(ann.ratings()).isEqualTo(4);
        assertThat(ann.csat()).hasValue(75.0);
        assertThat(ann.netCsat()).hasValue(50.0);
        // Halves split on 16 March: 2, 4 → 50; 5, 4 → 100; trend +50 points.
        assertThat(ann.earlierCsat()).hasValue(50.0);
        assertThat(ann.laterCsat()).hasValue(100.0);
        assertThat(ann.trend()).hasValue(50.0);
        // The last low score, 2 March 09:00, is 28 days 15 hours before the end.
        assertThat(ann.lastLowScoreAt()).contains(Instant.parse("2026-03-02T09:00:00Z"));
        assertThat(ann.sinceLastLowScore()).contains(Duration.ofDays(28).plusHours(15));

        CustomerHealth bob = health.get(1);
        assertThat(bob.csat()).hasValue(100.0);
        assertThat(bob.laterCsat()).isEmpty();
        assertThat(bob.trend()).isEmpty();
        assertThat(bob.lastLowScoreAt()).isEmpty();

        StringWriter json = new StringWriter();
        assertThat(HealthExport.writeJson(health.iterator(), json)).isEqualTo(2);
        assertThat(json.toString()).startsWith("[{\"contact_key\":\"ck-ann\",\"from\":\"2026-03-01T00:00:00Z\"")
                .contains("\"ratings\":4,\"csat\":75.0,\"net_csat\":50.0,\"earlier_csat\":50.0,\"later_csat\":100.0,"
                        + "\"trend\":50.0,\"last_low_score_at\":\"2026-03-02T09:00:00Z\","
                        + "\"seconds_since_last_low_score\":2473200}")
                .contains("\"trend\":null,\"last_low_score_at\":null,\"seconds_since_last_low_score\":null}]");
    }

    @Test
    void an_empty_window_or_too_many_last_ratings_is_refused() {
        assertThatThrownBy(() -> CustomerHealth.of(RatingScales.fivePoint(), example(), TO, FROM, 101))
                .isInstanceOf(InvalidDefinitionException.class).hasMessageContaining("from")
                .hasMessageContaining("must be before to").hasMessageContaining("lastRatings = 101");
        assertThat(CustomerHealth.of(RatingScales.fivePoint(), List.of(), FROM, TO, 0)).isEmpty();
    }
}
