package dev.csatkit.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.csatkit.InvalidConfigurationException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** The exact ends of every policy's range. */
class PolicyEdgesTest {

    @Test
    void quietHoursStartAtTheirStartAndAreOverAtTheirEnd() {
        QuietHours day = new QuietHours(LocalTime.of(9, 0), LocalTime.of(17, 0));
        assertThat(day.contains(LocalTime.of(9, 0))).isTrue();
        assertThat(day.contains(LocalTime.of(8, 59, 59, 999_999_999))).isFalse();
        assertThat(day.contains(LocalTime.of(16, 59, 59, 999_999_999))).isTrue();
        assertThat(day.contains(LocalTime.of(17, 0))).isFalse();
        QuietHours night = new QuietHours(LocalTime.of(21, 0), LocalTime.of(8, 0));
        assertThat(night.contains(LocalTime.of(21, 0))).isTrue();
        assertThat(night.contains(LocalTime.of(20, 59, 59, 999_999_999))).isFalse();
        assertThat(night.contains(LocalTime.of(7, 59, 59, 999_999_999))).isTrue();
        assertThat(night.contains(LocalTime.of(8, 0))).isFalse();
        assertThat(night.contains(LocalTime.MIDNIGHT)).isTrue();
    }

    @Test
    void quietHoursAreJudgedOnTheContactsWallClockEastOfGreenwichToo() {
        QuietHours night = new QuietHours(LocalTime.of(21, 0), LocalTime.of(8, 0));
        ZoneId tokyo = ZoneId.of("Asia/Tokyo"); // +09:00, no clock changes
        // 10:00 UTC is 19:00 in Tokyo: allowed as it is.
        Instant evening = Instant.parse("2026-06-01T10:00:00Z");
        assertThat(night.nextAllowed(evening, tokyo)).isEqualTo(evening);
        // 13:00 UTC is 22:00 in Tokyo: wait for 08:00 there, 23:00 UTC.
        assertThat(night.nextAllowed(Instant.parse("2026-06-01T13:00:00Z"), tokyo))
                .isEqualTo(Instant.parse("2026-06-01T23:00:00Z"));
        // West of Greenwich: 01:00 UTC is 21:00 in New York (EDT), the first quiet instant.
        ZoneId newYork = ZoneId.of("America/New_York");
        assertThat(night.nextAllowed(Instant.parse("2026-06-01T01:00:00Z"), newYork))
                .isEqualTo(Instant.parse("2026-06-01T12:00:00Z"));
        assertThat(night.nextAllowed(Instant.parse("2026-06-01T00:59:59Z"), newYork))
                .isEqualTo(Instant.parse("2026-06-01T00:59:59Z"));
        // The end itself is already allowed.
        assertThat(night.nextAllowed(Instant.parse("2026-06-01T23:00:00Z"), tokyo))
                .isEqualTo(Instant.parse("2026-06-01T23:00:00Z"));
    }

    @Test
    void aSendAFractionOfASecondIntoQuietHoursWaits() {
        QuietHours day = new QuietHours(LocalTime.of(9, 0), LocalTime.of(17, 0));
        ZoneId utc = ZoneId.of("UTC");
        assertThat(day.nextAllowed(Instant.parse("2026-06-01T09:00:00.300Z"), utc))
                .isEqualTo(Instant.parse("2026-06-01T17:00:00Z"));
        assertThat(day.nextAllowed(Instant.parse("2026-06-01T08:59:59.700Z"), utc))
                .isEqualTo(Instant.parse("2026-06-01T08:59:59.700Z"));
    }

    @Test
    void aFrequencyCapWindowMayBeExactlyItsShortestOrLongest() {
        assertThat(FrequencyCap.perSurvey(FrequencyCap.MIN_WINDOW).window()).isEqualTo(Duration.ofMinutes(1));
        assertThat(FrequencyCap.acrossSurveys(FrequencyCap.MAX_WINDOW).window()).isEqualTo(Duration.ofDays(366));
        assertThatThrownBy(() -> FrequencyCap.perSurvey(Duration.ofSeconds(59)))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessage("Invalid configuration: frequencyCap.window = PT59S: must be between 1 minute and 366 days");
        assertThatThrownBy(() -> FrequencyCap.perSurvey(Duration.ofDays(366).plusNanos(1)))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageEndingWith("must be between 1 minute and 366 days");
    }

    @Test
    void aSampleOfNothingIsAllowedAndTakesNothing() {
        assertThat(Sampling.percent(0).partsPerMillion()).isZero();
        assertThat(Sampling.percent(0).includes("i", "s")).isFalse();
        assertThat(Sampling.percent(100).partsPerMillion()).isEqualTo(Sampling.ALL);
        assertThat(new Sampling(Sampling.ALL).includes("i", "s")).isTrue();
        assertThatThrownBy(() -> new Sampling(Sampling.ALL + 1)).isInstanceOf(InvalidConfigurationException.class)
                .hasMessage("Invalid configuration: sampling = \"1000001 ppm\": must be between 0 and 100 percent");
        assertThatThrownBy(() -> Sampling.percent(-0.0001)).isInstanceOf(InvalidConfigurationException.class);
    }
}
