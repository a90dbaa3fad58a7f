package dev.csatkit.score;

/**
 * A plain-words reading of a CSAT figure; the thresholds come from {@link Bands}.
 */
public enum Band {
    /** At or above the good threshold (70 by default): customers generally get good service. */
    GOOD,
    /** Between the fair and the good threshold (50 to 70 by default): room to improve. */
    FAIR,
    /** Below the fair threshold (50 by default): a change is needed. */
    POOR;

    /** @return the lower-case name used in exports: {@code good}, {@code fair}, {@code poor} */
    public String key() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
