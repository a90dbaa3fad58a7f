package dev.csatkit.store.postgres.e2e;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock that runs {@code speed} times faster than the wall clock from a shared start: every JVM
 * on the machine given the same start and speed reads the same simulated time, so two processes
 * agree on due times, leases and cap windows, and a five-minute lease passes in seconds.
 */
public final class ScaledClock extends Clock {

    private final Instant origin;
    private final Instant wallStart;
    private final long speed;

    /**
     * @param origin the simulated time at {@code wallStart}
     * @param wallStart the wall-clock instant the simulation started
     * @param speed how many simulated seconds pass per real second
     */
    public ScaledClock(Instant origin, Instant wallStart, long speed) {
        this.origin = origin;
        this.wallStart = wallStart;
        this.speed = speed;
    }

    @Override
    public Instant instant() {
        return origin.plus(Duration.between(wallStart, Instant.now()).multipliedBy(speed));
    }

    /**
     * @param simulated a simulated duration
     * @return the real time it takes
     */
    public Duration real(Duration simulated) {
        return simulated.dividedBy(speed);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
