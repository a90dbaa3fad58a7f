package dev.csatkit.examples.demo;

import dev.csatkit.InvalidConfigurationException;
import dev.csatkit.Violation;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * What to simulate.
 *
 * @param days how many days of helpdesk traffic, {@value #MIN_DAYS} to {@value #MAX_DAYS}
 * @param interactions how many interactions in all, {@value #MIN_INTERACTIONS} to
 *     {@value #MAX_INTERACTIONS}
 * @param seed the seed of every random choice: the same settings give the same run
 * @param start the first simulated instant, a Monday at midnight UTC by default
 */
public record DemoSettings(int days, int interactions, long seed, Instant start) {

    /** The fewest days. */
    public static final int MIN_DAYS = 1;
    /** The most days. */
    public static final int MAX_DAYS = 90;
    /** The fewest interactions. */
    public static final int MIN_INTERACTIONS = 1;
    /** The most interactions. */
    public static final int MAX_INTERACTIONS = 1_000_000;
    /** Monday 3 March 2025, midnight UTC. */
    public static final Instant DEFAULT_START = Instant.parse("2025-03-03T00:00:00Z");
    /** The default run: a week, 5 000 interactions, seed 42. */
    public static final DemoSettings DEFAULT = new DemoSettings(7, 5_000, 42, DEFAULT_START);

    /**
     * Validates the settings.
     *
     * @throws InvalidConfigurationException naming every field out of range
     */
    public DemoSettings {
        Objects.requireNonNull(start, "start");
        List<Violation> v = new ArrayList<>();
        if (days < MIN_DAYS || days > MAX_DAYS) {
            v.add(Violation.of("days", days, "must be between " + MIN_DAYS + " and " + MAX_DAYS));
        }
        if (interactions < MIN_INTERACTIONS || interactions > MAX_INTERACTIONS) {
            v.add(Violation.of("interactions", interactions, "must be between " + MIN_INTERACTIONS + " and "
                    + String.format(Locale.ROOT, "%,d", MAX_INTERACTIONS)));
        }
        if (!v.isEmpty()) {
            throw new InvalidConfigurationException(v);
        }
    }

    /** @return the end of the last simulated day, when interactions stop */
    public Instant end() {
        return start.plus(Duration.ofDays(days));
    }
}
