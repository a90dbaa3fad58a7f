package dev.csatkit.score;

import dev.csatkit.InvalidConfigurationException;
import dev.csatkit.Violation;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The thresholds that turn a CSAT percentage into a {@link Band}: good at or above
 * {@code goodFrom}, fair at or above {@code fairFrom}, poor below.
 *
 * @param goodFrom the lowest good CSAT, 0–100
 * @param fairFrom the lowest fair CSAT, 0–100 and at most {@code goodFrom}
 */
public record Bands(double goodFrom, double fairFrom) {

    /** The usual reading: good at 70 % or more, fair from 50 % to 70 %, poor below 50 %. */
    public static final Bands DEFAULT = new Bands(70, 50);

    /**
     * Validates the thresholds.
     *
     * @throws InvalidConfigurationException naming each broken rule
     */
    public Bands {
        List<Violation> found = new ArrayList<>();
        if (!(goodFrom >= 0 && goodFrom <= 100)) {
            found.add(Violation.of("bands.goodFrom", goodFrom, "must be between 0 and 100"));
        }
        if (!(fairFrom >= 0 && fairFrom <= 100)) {
            found.add(Violation.of("bands.fairFrom", fairFrom, "must be between 0 and 100"));
        } else if (fairFrom > goodFrom) {
            found.add(Violation.of("bands.fairFrom", fairFrom, "must not be above goodFrom " + goodFrom));
        }
        if (!found.isEmpty()) {
            throw new InvalidConfigurationException(found);
        }
    }

    /**
     * @param csat a CSAT percentage
     * @return its band
     */
    public Band classify(double csat) {
        return csat >= goodFrom ? Band.GOOD : csat >= fairFrom ? Band.FAIR : Band.POOR;
    }

    /**
     * @param csat a CSAT percentage, or no data
     * @return its band, or empty when there is no data
     */
    public Optional<Band> classify(OptionalDouble csat) {
        return csat.isPresent() ? Optional.of(classify(csat.getAsDouble())) : Optional.empty();
    }
}
