package dev.csatkit.scale;

/**
 * The feeling a scale point expresses. Along a scale, polarity never goes back down: no positive
 * point sits below a neutral or negative one.
 */
public enum Polarity {
    /** The customer was unhappy. */
    NEGATIVE,
    /** Neither happy nor unhappy. */
    NEUTRAL,
    /** The customer was happy. */
    POSITIVE
}
