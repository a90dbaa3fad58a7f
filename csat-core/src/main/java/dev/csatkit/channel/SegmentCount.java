package dev.csatkit.channel;

import dev.csatkit.internal.Checks;
import java.util.Objects;

/**
 * How a text is sent as SMS: the encoding, its length and the number of segments it takes.
 *
 * @param encoding GSM-7 when every character allows it, UCS-2 otherwise
 * @param characters the number of characters (Unicode code points) in the text
 * @param units the encoded length: septets for GSM-7 (an extension character counts twice),
 *     UTF-16 code units for UCS-2 (a character outside the Basic Multilingual Plane, such as most
 *     emoji, counts twice)
 * @param segments the number of SMS the carrier bills: 0 for an empty text, 1 when the units
 *     fit in one message, otherwise the number of concatenated segments
 */
public record SegmentCount(SmsEncoding encoding, int characters, int units, int segments) {

    /**
     * @throws dev.csatkit.InvalidDefinitionException when a count is negative
     */
    public SegmentCount {
        Objects.requireNonNull(encoding, "encoding");
        Checks checks = Checks.of("segment count");
        checks.check(characters >= 0, "characters", characters, "must not be negative");
        checks.check(units >= characters, "units", units,
                "must be at least the number of characters");
        checks.check(segments >= 0, "segments", segments, "must not be negative");
        checks.throwIfAny();
    }

    /** @return whether the text fits in a single SMS */
    public boolean isSingle() {
        return segments <= 1;
    }

    /** @return e.g. {@code "3 segments (UCS-2, 150 characters, 154 units)"} */
    public String describe() {
        return segments + (segments == 1 ? " segment" : " segments") + " ("
                + (encoding == SmsEncoding.GSM_7 ? "GSM-7" : "UCS-2") + ", " + characters + " characters, "
                + units + (encoding == SmsEncoding.GSM_7 ? " septets)" : " UTF-16 units)");
    }
}
