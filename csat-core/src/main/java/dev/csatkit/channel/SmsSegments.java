package dev.csatkit.channel;

import dev.csatkit.InvalidDefinitionException;
import dev.csatkit.Violation;
import dev.csatkit.internal.channel.Gsm7;
import java.util.Optional;

/**
 * Counts the SMS segments a text takes, exactly as a carrier bills them.
 *
 * <ul>
 *   <li>GSM-7 when every character is in the GSM 03.38 alphabet; an extension character
 *       ({@code ^ { } \ [ ] ~ | €} and form feed) takes two septets. One message holds 160
 *       septets; a longer text is split into segments of 153, and an extension character's two
 *       septets are never split across segments.</li>
 *   <li>UCS-2 otherwise: 70 UTF-16 units in one message, 67 per segment of a longer one; a
 *       surrogate pair (an emoji, for instance) is never split across segments.</li>
 * </ul>
 *
 * <p>Total: any {@link CharSequence}, including unpaired surrogates, gets a count.
 */
public final class SmsSegments {

    private SmsSegments() {
    }

    /**
     * Counts a text.
     *
     * @param text the full message
     * @return its encoding, length and segments
     */
    public static SegmentCount count(CharSequence text) {
        int length = text.length();
        int septets = 0;
        boolean gsm = true;
        for (int i = 0; i < length; i++) {
            int w = Gsm7.septets(text.charAt(i));
            if (w == 0) {
                gsm = false;
                break;
            }
            septets += w;
        }
        int characters = Character.codePointCount(text, 0, length);
        if (gsm) {
            return new SegmentCount(SmsEncoding.GSM_7, characters, septets,
                    septets <= SmsEncoding.GSM_7.singleCapacity() ? (septets == 0 ? 0 : 1) : gsmSegments(text));
        }
        return new SegmentCount(SmsEncoding.UCS_2, characters, length,
                length <= SmsEncoding.UCS_2.singleCapacity() ? 1 : ucs2Segments(text));
    }

    private static int gsmSegments(CharSequence text) {
        int cap = SmsEncoding.GSM_7.segmentCapacity();
        int segments = 1;
        int used = 0;
        for (int i = 0; i < text.length(); i++) {
            int w = Gsm7.septets(text.charAt(i));
            if (used + w > cap) {
                segments++;
                used = 0;
            }
            used += w;
        }
        return segments;
    }

    private static int ucs2Segments(CharSequence text) {
        int cap = SmsEncoding.UCS_2.segmentCapacity();
        int segments = 1;
        int used = 0;
        for (int i = 0; i < text.length(); ) {
            char c = text.charAt(i);
            int w = Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1)) ? 2 : 1;
            if (used + w > cap) {
                segments++;
                used = 0;
            }
            used += w;
            i += w;
        }
        return segments;
    }

    /**
     * Checks a text against a channel's segment limit.
     *
     * @param field the path of the text, for the violation ({@code messages.fr.prompt})
     * @param text the full message as it will be sent
     * @param maxSegments the channel's limit ({@code ChannelCapabilities.maxSmsSegments()}); 0
     *     means the channel does not send SMS
     * @return a violation naming the count when the text does not fit, empty when it does
     */
    public static Optional<Violation> check(String field, CharSequence text, int maxSegments) {
        if (maxSegments <= 0) {
            return Optional.of(Violation.of(field, text, "cannot be sent: the channel does not send SMS"));
        }
        SegmentCount count = count(text);
        if (count.segments() == 0) {
            return Optional.of(Violation.of(field, text, "must not be empty"));
        }
        if (count.segments() > maxSegments) {
            return Optional.of(Violation.of(field, text, "needs " + count.describe() + " but the channel allows at most "
                    + maxSegments + (maxSegments == 1 ? " segment" : " segments")));
        }
        return Optional.empty();
    }

    /**
     * Like {@link #check}, but throws.
     *
     * @param field the path of the text
     * @param text the full message
     * @param maxSegments the channel's limit
     * @return the count, when the text fits
     * @throws InvalidDefinitionException naming the count and the limit when it does not
     */
    public static SegmentCount requireWithin(String field, CharSequence text, int maxSegments) {
        Optional<Violation> problem = check(field, text, maxSegments);
        if (problem.isPresent()) {
            throw new InvalidDefinitionException("SMS message", problem.get());
        }
        return count(text);
    }
}
