package dev.csatkit.policy;

import dev.csatkit.InvalidConfigurationException;
import dev.csatkit.Violation;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A daily period, in the contact's own time zone, when no survey is sent. A send that falls
 * inside it is deferred to the end of the period, never dropped.
 *
 * <p>The period may wrap midnight: {@code 21:00–08:00} means from 21:00 to 08:00 the next
 * morning. The start is inclusive and the end exclusive. On days when a clock change skips the
 * end time, the send goes at the first valid instant after the gap; see
 * {@link #nextAllowed(Instant, ZoneId)} for clocks going back.
 *
 * @param start when quiet hours begin, local time
 * @param end when they end, local time; must differ from {@code start}
 */
public record QuietHours(LocalTime start, LocalTime end) {

    /** The usual default for SMS: 21:00 to 08:00. */
    public static final QuietHours SMS_DEFAULT = new QuietHours(LocalTime.of(21, 0), LocalTime.of(8, 0));

    // A clock change can skip the whole allowed part of a day, so look beyond tomorrow.
    private static final int SEARCH_DAYS = 7;

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
     * <p>Quiet hours follow the wall clock. When clocks go back, the repeated hour is judged
     * again on its second pass: quiet hours ending at 01:30 on a night London turns 02:00 BST
     * back to 01:00 GMT end at 01:30 BST, and a send due at 01:10 GMT waits for 01:30 GMT. A
     * clock turned back to a time outside quiet hours ends them at the change itself.
     *
     * @param at when the send is due
     * @param zone the contact's time zone
     * @return {@code at} itself when it is outside quiet hours, else the first instant after it
     *     whose wall-clock time is outside them; never before {@code at}
     */
    public Instant nextAllowed(Instant at, ZoneId zone) {
        ZoneRules rules = zone.getRules();
        // Most sends fall outside quiet hours: find that out from the offset alone, without
        // building a ZonedDateTime, since every decision asks.
        if (allowed(at, rules)) {
            return at;
        }
        // The wall clock leaves quiet hours either by reaching the end time or by a clock change
        // jumping out of them; the earliest such instant after {@code at} is the answer.
        LocalDate today = LocalDate.ofInstant(at, zone);
        Instant horizon = at.plus(SEARCH_DAYS, ChronoUnit.DAYS);
        @Nullable Instant best = null;
        for (int d = -1; d <= SEARCH_DAYS; d++) {
            LocalDateTime localEnd = LocalDateTime.of(today.plusDays(d), end);
            // Empty in a gap, two offsets in an overlap: the end time happens as often as the clock shows it.
            for (ZoneOffset offset : rules.getValidOffsets(localEnd)) {
                Instant candidate = localEnd.toInstant(offset);
                if (candidate.isAfter(at) && (best == null || candidate.isBefore(best)) && allowed(candidate, rules)) {
                    best = candidate;
                }
            }
            if (best != null) {
                // A later day's end comes later still: no clock change moves by more than a day.
                break;
            }
        }
        Instant limit = best != null ? best : horizon;
        for (ZoneOffsetTransition t = rules.nextTransition(at); t != null && t.getInstant().isBefore(limit);
                t = rules.nextTransition(t.getInstant())) {
            if (allowed(t.getInstant(), rules)) {
                return t.getInstant();
            }
        }
        if (best == null) {
            // Unreachable with real zone rules: no clock change skips the allowed part of a week of days.
            throw new IllegalStateException("no time outside quiet hours " + this + " in " + zone + " within "
                    + SEARCH_DAYS + " days of " + at);
        }
        return best;
    }

    private boolean allowed(Instant at, ZoneRules rules) {
        int offset = rules.getOffset(at).getTotalSeconds();
        long secondOfDay = Math.floorMod(at.getEpochSecond() + offset, 86_400L);
        return !containsNanoOfDay(secondOfDay * 1_000_000_000L + at.getNano());
    }

    /** @return the period as {@code start–end}, such as {@code 21:00–08:00} */
    @Override
    public String toString() {
        return start + "–" + end;
    }
}
