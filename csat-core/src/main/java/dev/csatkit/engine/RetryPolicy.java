package dev.csatkit.engine;

import dev.csatkit.InvalidConfigurationException;
import dev.csatkit.Violation;
import dev.csatkit.policy.Sampling;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How a send the channel answered with "retry later" is tried again: exponential backoff with
 * jitter, up to a number of attempts. The jitter is drawn from the survey's id and the attempt
 * number, not from a random source, so a replayed run waits exactly as long.
 *
 * @param maxAttempts how many sends in all, 1–20
 * @param initialBackoff the wait before the second attempt
 * @param maxBackoff the longest wait
 * @param multiplier how much each wait grows, 1–10
 * @param jitter the share of a wait that is randomised, 0–1: {@code 0.2} waits 80–120 %
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff, double multiplier,
        double jitter) {

    /** Five attempts, from one minute doubling up to one hour, with 20 % jitter. */
    public static final RetryPolicy DEFAULT = new RetryPolicy(5, Duration.ofMinutes(1), Duration.ofHours(1), 2, 0.2);

    /**
     * Validates the policy.
     *
     * @throws InvalidConfigurationException naming every broken rule
     */
    public RetryPolicy {
        Objects.requireNonNull(initialBackoff, "initialBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        List<Violation> v = new ArrayList<>();
        if (maxAttempts < 1 || maxAttempts > 20) {
            v.add(Violation.of("retry.maxAttempts", maxAttempts, "must be between 1 and 20"));
        }
        if (initialBackoff.isNegative() || initialBackoff.isZero()) {
            v.add(Violation.of("retry.initialBackoff", initialBackoff, "must be positive"));
        }
        if (maxBackoff.compareTo(initialBackoff) < 0) {
            v.add(Violation.of("retry.maxBackoff", maxBackoff, "must not be shorter than initialBackoff"));
        }
        if (!(multiplier >= 1 && multiplier <= 10)) {
            v.add(Violation.of("retry.multiplier", multiplier, "must be between 1 and 10"));
        }
        if (!(jitter >= 0 && jitter <= 1)) {
            v.add(Violation.of("retry.jitter", jitter, "must be between 0 and 1"));
        }
        if (!v.isEmpty()) {
            throw new InvalidConfigurationException(v);
        }
    }

    /**
     * The wait after a failed attempt.
     *
     * @param attempt the attempt that failed, from 1
     * @param seed what makes the jitter differ between surveys (the survey's id)
     * @return the wait, between {@code (1 - jitter)} and {@code (1 + jitter)} times the backoff,
     *     never more than {@link #maxBackoff()}
     */
    public Duration backoff(int attempt, String seed) {
        double base = initialBackoff.toMillis() * Math.pow(multiplier, Math.max(0, attempt - 1));
        base = Math.min(base, maxBackoff.toMillis());
        // A uniform draw in [0, 1) from the seed, reproducible across runs and machines.
        double u = Sampling.bucket(seed, Integer.toString(attempt)) / (double) Sampling.ALL;
        double millis = base * (1 - jitter + 2 * jitter * u);
        return Duration.ofMillis(Math.max(1, Math.min((long) millis, maxBackoff.toMillis())));
    }
}
