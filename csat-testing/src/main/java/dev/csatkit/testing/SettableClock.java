package dev.csatkit.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock a test sets and moves by hand: nothing moves it but {@link #set} and {@link #advance}.
 * Give it to the engine and the channels, then step through delays, quiet hours, reminders and
 * answer windows without sleeping.
 *
 * <pre>{@code
 * SettableClock clock = SettableClock.at(Instant.parse("2026-03-02T10:00:00Z"));
 * SurveyEngine engine = SurveyEngine.builder().clock(clock)...build();
 * clock.advance(Duration.ofHours(4));   // the reminder is due
 * engine.dispatchDue();
 * }</pre>
 *
 * <p>Thread-safe: every reader sees the instant last set. {@link #withZone} gives a view in
 * another zone that moves with this clock.
 */
public final class SettableClock extends Clock {

    private final AtomicReference<Instant> now;
    private final ZoneId zone;

    private SettableClock(AtomicReference<Instant> now, ZoneId zone) {
        this.now = now;
        this.zone = zone;
    }

    /**
     * @param start the instant the clock shows until it is moved
     * @return a clock at {@code start}, in UTC
     */
    public static SettableClock at(Instant start) {
        return at(start, ZoneOffset.UTC);
    }

    /**
     * @param start the instant the clock shows until it is moved
     * @param zone the clock's zone
     * @return a clock at {@code start}
     */
    public static SettableClock at(Instant start, ZoneId zone) {
        return new SettableClock(new AtomicReference<>(Objects.requireNonNull(start, "start")),
                Objects.requireNonNull(zone, "zone"));
    }

    @Override
    public Instant instant() {
        return now.get();
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    /**
     * @param newZone a zone
     * @return a view of this clock in that zone: setting either moves both
     */
    @Override
    public SettableClock withZone(ZoneId newZone) {
        return new SettableClock(now, Objects.requireNonNull(newZone, "zone"));
    }

    /**
     * Sets the time; it may go back, as a real clock's can after a correction.
     *
     * @param instant the new time
     * @return this clock
     */
    public SettableClock set(Instant instant) {
        now.set(Objects.requireNonNull(instant, "instant"));
        return this;
    }

    /**
     * Moves the time on.
     *
     * @param duration how far; not negative (use {@link #set} to go back)
     * @return this clock
     * @throws IllegalArgumentException when the duration is negative
     */
    public SettableClock advance(Duration duration) {
        Objects.requireNonNull(duration, "duration");
        if (duration.isNegative()) {
            throw new IllegalArgumentException("duration = " + duration + ": must not be negative; use set() to go back");
        }
        now.updateAndGet(t -> t.plus(duration));
        return this;
    }

    @Override
    public String toString() {
        return "SettableClock[" + now.get() + ", " + zone + "]";
    }
}
