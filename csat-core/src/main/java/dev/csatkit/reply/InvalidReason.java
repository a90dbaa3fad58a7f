package dev.csatkit.reply;

/**
 * Why a reply is not a rating, a comment or a keyword.
 */
public enum InvalidReason {
    /** Nothing but white space or invisible characters. */
    EMPTY,
    /** A clear number that is not a value of the scale: "7" or "0" on a 1–5 scale. */
    OUT_OF_RANGE,
    /**
     * The reply could mean more than one rating ("4 or 5", "3 4", "1-5", "4.5", "8/10" on a 1–5
     * scale, "not a 5"), or hedges or decorates its number (".5", "5٫5", "-+5", "4+", "~4", "5%",
     * "$5"). It is refused rather than guessed: a wrong rating is worse than none.
     */
    AMBIGUOUS,
    /** Punctuation, control characters or other marks with no rating and no words. */
    UNRECOGNIZED
}
