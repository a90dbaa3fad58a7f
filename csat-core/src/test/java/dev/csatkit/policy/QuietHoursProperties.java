package dev.csatkit.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

class QuietHoursProperties {

    @Provide
    Arbitrary<ZoneId> zones() {
        return Arbitraries.of(ZoneId.getAvailableZoneIds()).map(ZoneId::of);
    }

    @Property(tries = 10_000)
    void deferredSendsLandOutsideQuietHoursWithinADay(
            @ForAll @IntRange(min = 0, max = 1439) int startMinute, @ForAll @IntRange(min = 1, max = 1439) int length,
            @ForAll @LongRange(min = 1_577_836_800L, max = 2_208_988_800L) long epochSecond,
            @ForAll("zones") ZoneId zone) {
        QuietHours q = new QuietHours(LocalTime.ofSecondOfDay(startMinute * 60L),
                LocalTime.ofSecondOfDay(((startMinute + length) % 1440) * 60L));
        Instant due = Instant.ofEpochSecond(epochSecond);
        Instant send = q.nextAllowed(due, zone);
        assertThat(send).isAfterOrEqualTo(due);
        assertThat(Duration.between(due, send)).isLessThanOrEqualTo(Duration.ofHours(26));
        assertThat(q.contains(send.atZone(zone).toLocalTime())).isFalse();
        // Never dropped, never moved twice: the deferred time is itself allowed.
        assertThat(q.nextAllowed(send, zone)).isEqualTo(send);
    }
}
