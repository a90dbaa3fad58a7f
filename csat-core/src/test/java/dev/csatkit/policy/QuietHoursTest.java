package dev.csatkit.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

class QuietHoursTest {

    static final ZoneId STOCKHOLM = ZoneId.of("Europe/Stockholm");
    static final QuietHours NIGHT = QuietHours.SMS_DEFAULT;

    static Instant at(String local) {
        return ZonedDateTime.parse(local + "[Europe/Stockholm]").toInstant();
    }

    @Test
    void wrapsMidnight() {
        assertThat(NIGHT.contains(LocalTime.of(21, 0))).isTrue();
        assertThat(NIGHT.contains(LocalTime.of(23, 59))).isTrue();
        assertThat(NIGHT.contains(LocalTime.of(0, 0))).isTrue();
        assertThat(NIGHT.contains(LocalTime.of(7, 59, 59))).isTrue();
        assertThat(NIGHT.contains(LocalTime.of(8, 0))).isFalse();
        assertThat(NIGHT.contains(LocalTime.of(20, 59))).isFalse();
        QuietHours lunch = new QuietHours(LocalTime.of(12, 0), LocalTime.of(13, 0));
        assertThat(lunch.contains(LocalTime.of(12, 30))).isTrue();
        assertThat(lunch.contains(LocalTime.of(13, 0))).isFalse();
        assertThat(lunch.contains(LocalTime.of(11, 0))).isFalse();
    }

    @Test
    void defersToTheEndOfThePeriodInTheContactsZone() {
        assertThat(NIGHT.nextAllowed(at("2026-11-23T22:15:00+01:00"), STOCKHOLM))
                .isEqualTo(at("2026-11-24T08:00:00+01:00"));
        assertThat(NIGHT.nextAllowed(at("2026-11-24T03:00:00+01:00"), STOCKHOLM))
                .isEqualTo(at("2026-11-24T08:00:00+01:00"));
        Instant afternoon = at("2026-11-24T15:00:00+01:00");
        assertThat(NIGHT.nextAllowed(afternoon, STOCKHOLM)).isEqualTo(afternoon);
        // The same instant is daytime in Tokyo.
        assertThat(NIGHT.nextAllowed(at("2026-11-24T03:00:00+01:00"), ZoneId.of("Asia/Tokyo")))
                .isEqualTo(at("2026-11-24T03:00:00+01:00"));
    }

    @Test
    void aClockChangeInsideTheEndTimeMovesPastTheGap() {
        // On 2026-03-29 Stockholm skips 02:00-03:00; quiet hours ending at 02:30 end at 03:00 CEST.
        QuietHours q = new QuietHours(LocalTime.of(22, 0), LocalTime.of(2, 30));
        Instant deferred = q.nextAllowed(at("2026-03-28T23:00:00+01:00"), STOCKHOLM);
        assertThat(deferred).isEqualTo(at("2026-03-29T03:00:00+02:00"));
        // In autumn 02:30 happens twice; the first one ends quiet hours.
        Instant autumn = q.nextAllowed(at("2026-10-24T23:00:00+02:00"), STOCKHOLM);
        assertThat(autumn).isEqualTo(at("2026-10-25T02:30:00+02:00"));
    }

    @Test
    void quietHoursEndingInsideARepeatedHourNeverMoveASendBack() {
        // On 2026-10-25 London goes back from 02:00 BST to 01:00 GMT: 01:00-02:00 happens twice.
        ZoneId london = ZoneId.of("Europe/London");
        QuietHours q = new QuietHours(LocalTime.of(22, 0), LocalTime.of(1, 30));
        // 01:10 GMT, the second 01:10: quiet again, until the second 01:30.
        Instant secondPass = Instant.parse("2026-10-25T01:10:00Z");
        assertThat(q.nextAllowed(secondPass, london)).isEqualTo(Instant.parse("2026-10-25T01:30:00Z"));
        // From the evening before, the first 01:30 (BST) ends quiet hours.
        assertThat(q.nextAllowed(Instant.parse("2026-10-24T22:00:00Z"), london))
                .isEqualTo(Instant.parse("2026-10-25T00:30:00Z"));
        // Between the two passes the clock reads 01:30-02:00 BST: allowed as it is.
        Instant between = Instant.parse("2026-10-25T00:45:00Z");
        assertThat(q.nextAllowed(between, london)).isEqualTo(between);
    }

    @Test
    void clocksGoingBackOutOfQuietHoursEndThemAtTheChange() {
        // 01:30-03:00 London: at 02:00 BST the clock reads 01:00 GMT again, which is allowed.
        ZoneId london = ZoneId.of("Europe/London");
        QuietHours q = new QuietHours(LocalTime.of(1, 30), LocalTime.of(3, 0));
        assertThat(q.nextAllowed(Instant.parse("2026-10-25T00:40:00Z"), london))
                .isEqualTo(Instant.parse("2026-10-25T01:00:00Z"));
        // The second pass through 01:30 is quiet again, until 03:00 GMT.
        assertThat(q.nextAllowed(Instant.parse("2026-10-25T01:40:00Z"), london))
                .isEqualTo(Instant.parse("2026-10-25T03:00:00Z"));
    }

    @Test
    void anEmptyPeriodIsRejected() {
        assertThatThrownBy(() -> new QuietHours(LocalTime.NOON, LocalTime.NOON))
                .hasMessage("Invalid configuration: quietHours = \"12:00–12:00\": start and end must differ;"
                        + " to never send, disable the channel instead");
        assertThat(NIGHT).hasToString("21:00–08:00");
    }

    @Test
    void frequencyCapWindowsAndKeys() {
        assertThat(FrequencyCap.perSurvey(Duration.ofDays(30)).reservationKey("c1", "s1"))
                .isNotEqualTo(FrequencyCap.perSurvey(Duration.ofDays(30)).reservationKey("c1", "s2"));
        assertThat(FrequencyCap.acrossSurveys(Duration.ofDays(30)).reservationKey("c1", "s1"))
                .isEqualTo(FrequencyCap.acrossSurveys(Duration.ofDays(30)).reservationKey("c1", "s2"));
        assertThatThrownBy(() -> FrequencyCap.perSurvey(Duration.ofSeconds(59))).hasMessage(
                "Invalid configuration: frequencyCap.window = PT59S: must be between 1 minute and 366 days");
        assertThatThrownBy(() -> FrequencyCap.perSurvey(Duration.ofDays(367)))
                .hasMessageContaining("must be between 1 minute and 366 days");
    }
}
