package dev.csatkit.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

class QuietHoursProperties {

    static final long FROM = 1_577_836_800L; // 2020-01-01
    static final long UNTIL = 2_208_988_800L; // 2040-01-01

    /** Zones whose clocks change: by an hour, by half an hour, at midnight, twice in a month. */
    static final List<String> DST_ZONES = List.of("Europe/London", "America/New_York", "Australia/Lord_Howe",
            "Europe/Stockholm", "America/Santiago", "Pacific/Chatham", "America/St_Johns", "America/Havana",
            "Africa/Casablanca", "Asia/Jerusalem", "Pacific/Auckland", "Asia/Tehran");

    /** A send due in a zone. */
    record Due(ZoneId zone, Instant at) {
    }

    @Provide
    Arbitrary<ZoneId> zones() {
        return Arbitraries.of(ZoneId.getAvailableZoneIds()).map(ZoneId::of);
    }

    @Provide
    Arbitrary<Due> dues() {
        return Arbitraries.of(DST_ZONES).map(ZoneId::of).flatMap(zone -> Arbitraries.oneOf(
                Arbitraries.longs().between(FROM, UNTIL).map(Instant::ofEpochSecond),
                nearAClockChange(zone)).map(at -> new Due(zone, at)));
    }

    /** Quiet hours on the minute, often on the half hour, where clock changes and their ends meet. */
    @Provide
    Arbitrary<QuietHours> windows() {
        Arbitrary<Integer> minute = Arbitraries.oneOf(Arbitraries.integers().between(0, 1439),
                Arbitraries.integers().between(0, 47).map(h -> h * 30));
        return Arbitraries.integers().between(0, 1439).flatMap(start -> minute.filter(end -> !end.equals(start))
                .map(end -> new QuietHours(LocalTime.ofSecondOfDay(start * 60L), LocalTime.ofSecondOfDay(end * 60L))));
    }

    private static Arbitrary<Instant> nearAClockChange(ZoneId zone) {
        ZoneRules rules = zone.getRules();
        List<Instant> changes = new ArrayList<>();
        for (ZoneOffsetTransition t = rules.nextTransition(Instant.ofEpochSecond(FROM));
                t != null && t.getInstant().getEpochSecond() < UNTIL; t = rules.nextTransition(t.getInstant())) {
            changes.add(t.getInstant());
        }
        return Arbitraries.of(changes).flatMap(t -> Arbitraries.longs().between(-30 * 3600L, 30 * 3600L).map(t::plusSeconds));
    }

    @Property(tries = 10_000)
    void deferredSendsLandOutsideQuietHoursWithinTwoDays(
            @ForAll @IntRange(min = 0, max = 1439) int startMinute, @ForAll @IntRange(min = 1, max = 1439) int length,
            @ForAll @LongRange(min = FROM, max = UNTIL) long epochSecond,
            @ForAll("zones") ZoneId zone) {
        QuietHours q = new QuietHours(LocalTime.ofSecondOfDay(startMinute * 60L),
                LocalTime.ofSecondOfDay(((startMinute + length) % 1440) * 60L));
        Instant due = Instant.ofEpochSecond(epochSecond);
        Instant send = q.nextAllowed(due, zone);
        assertThat(send).isAfterOrEqualTo(due);
        // A day at most, unless a clock change skips the whole allowed part of a day.
        assertThat(Duration.between(due, send)).isLessThanOrEqualTo(Duration.ofHours(50));
        assertThat(q.contains(send.atZone(zone).toLocalTime())).isFalse();
        // Never dropped, never moved twice: the deferred time is itself allowed.
        assertThat(q.nextAllowed(send, zone)).isEqualTo(send);
    }

    @Property(tries = 3_000)
    void theSendGoesAtTheFirstAllowedMinuteAroundClockChanges(@ForAll("windows") QuietHours q,
            @ForAll("dues") Due due) {
        Instant send = q.nextAllowed(due.at(), due.zone());
        assertThat(send).isAfterOrEqualTo(due.at());
        assertThat(q.contains(send.atZone(due.zone()).toLocalTime())).as("sent inside quiet hours").isFalse();
        if (!q.contains(due.at().atZone(due.zone()).toLocalTime())) {
            assertThat(send).isEqualTo(due.at());
            return;
        }
        // Quiet hours and clock changes fall on whole minutes, so an earlier allowed time would
        // show on a whole minute between the two.
        for (Instant m = due.at().truncatedTo(ChronoUnit.MINUTES).plus(1, ChronoUnit.MINUTES); m.isBefore(send);
                m = m.plus(1, ChronoUnit.MINUTES)) {
            assertThat(q.contains(m.atZone(due.zone()).toLocalTime())).as("%s is allowed and before %s", m, send)
                    .isTrue();
        }
    }
}
