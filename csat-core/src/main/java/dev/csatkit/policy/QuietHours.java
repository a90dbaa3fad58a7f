package dev.csatkit.policy;

import dev.csatkit.InvalidConfigurationException;
import dev.csatkit.Violation;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.zone.ZoneOffsetTransition;
import java.util.Objects;

/**
 * A daily period, in the contact's own time zone, when no survey is sent. A send that falls
 * inside it is deferred to the end of the period, never dropped.
 *
 * <p>The period may wrap midnight: {@code 21:00–08:00} means from 21:00 to 08:00 the next
 * morning. The start is inclusive and the end exclusive. On days when a clock change skips the
 * end time, the send goes at the first valid instant after the gap.
 *
 * @param start when quiet hours begin, local time
 * @param end when they end, local time; must differ from {@code start}
 */
public record QuietHours(LocalTime start, LocalTime end) {

    /** The usual default for SMS: 21:00 to 08:00. */
    public static final QuietHours SMS_DEFAULT = new QuietHours(LocalTime.of(21, 0), LocalTime.of(8, 0));

    /** Validates that the period is not empty. */
    public QuietHours {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (start.equals(end)) {
            throw new InvalidConfigurationException(Violation.of("quietHours", start + "–" + end,
                    "start and end must differ; to never send, disable the channel instead"));
        }
    }

    /**
     * @param time a local time
     * @return whether it falls inside quiet hours
     */
    public boolean contains(LocalTime time) {
        return containsNanoOfDay(time.toNanoOfDay());
    }

    private boolean containsNanoOfDay(long nano) {
        long from = start.toNanoOfDay();
        long to = end.toNanoOfDay();
        return from < to ? nano >= from && nano < to : nano >= from || nano < to;
    }

    /**
     * The earliest instant at or after {@code at} that is outside quiet hours in {@code zone}.
     *
     * @param at when the send is due
     * @param zone the contact's time zone
     * @return {@code at} itself when it is outside quiet hours, else the end of the period
     */
    public Instant nextAllowed(Instant at, ZoneId zone) {
        // Most sends fall outside quiet hours: find that out from the offset alone, without
        // building a ZonedDateTime, since every decision asks.
        int offset = zone.getRules().getOffset(at).getTotalSeconds();
        long secondOfDay = Math.floorMod(at.getEpochSecond() + offset, 86_400L);
        if (!containsNanoOfDay(secondOfDay * 1_000_000_000L + at.getNano())) {
            return at;
        }
        ZonedDateTime local = at.atZone(zone);
        LocalDate endDay = local.toLocalTime().isBefore(end) ? local.toLocalDate() : local.toLocalDate().plusDays(1);
        LocalDateTime localEnd = LocalDateTime.of(endDay, end);
        ZoneOffsetTransition gap = zone.getRules().getTransition(localEnd);
        if (gap != null && gap.isGap()) {
            // The wall clock jumps past the end time: quiet hours end at the jump itself.
            return gap.getInstant();
        }
        return localEnd.atZone(zone).toInstant();
    }

    @Override
    public String toString() {
        return start + "–" + end;
    }
}
