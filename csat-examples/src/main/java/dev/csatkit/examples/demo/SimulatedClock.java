package dev.csatkit.examples.demo;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * The simulation's clock: it stands still until the simulation moves it, so a simulated week
 * passes in seconds and every component that reads it — engine, adapters, link tokens — sees the
 * same time. It only moves forward.
 */
final class SimulatedClock extends Clock {

    private volatile Instant now;

    /**
     * @param start the first instant
     */
    SimulatedClock(Instant start) {
        this.now = Objects.requireNonNull(start, "start");
    }

    /**
     * Moves the clock to a later instant; an earlier one is ignored, so events never see time go
     * back.
     *
     * @param to the new time
     */
    void moveTo(Instant to) {
        if (to.isAfter(now)) {
            now = to;
        }
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        // Every reader of this clock wants instants; a zone would only matter for toString().
        return Clock.fixed(now, zone);
    }
}
