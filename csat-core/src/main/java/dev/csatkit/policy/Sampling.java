package dev.csatkit.policy;

import dev.csatkit.InvalidConfigurationException;
import dev.csatkit.Violation;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;

/**
 * Surveys a fixed share of interactions or of contacts ({@link Unit}), decided from the
 * interaction's (or the contact's) id and the survey id alone: a retried or replayed event gets
 * the same answer on any node, and ids are spread uniformly however they look ({@code T-1},
 * {@code T-2}, … or UUIDs).
 *
 * <p>The share has a resolution of one in a million (0.0001 %). The hash is 64-bit FNV-1a over
 * the UTF-8 bytes of both ids, finished with the SplitMix64 mixer so that ids differing in one
 * character land far apart.
 *
 * @param partsPerMillion how many of every million interactions are surveyed, 0 to 1 000 000
 */
public record Sampling(int partsPerMillion) {

    /**
     * What a share is a share of.
     */
    public enum Unit {
        /** Each interaction is in or out of the sample on its own. */
        INTERACTION,
        /**
         * Each contact is in or out of the sample for a survey, whatever the interaction: a contact
         * sampled is surveyed after every interaction (within the frequency cap), one left out
         * never is, so a share of the contacts hears from the survey.
         */
        CONTACT
    }

    /** One million: every interaction. */
    public static final int ALL = 1_000_000;

    /** Validates the share. */
    public Sampling {
        if (partsPerMillion < 0 || partsPerMillion > ALL) {
            throw new InvalidConfigurationException(Violation.of("sampling", partsPerMillion + " ppm",
                    "must be between 0 and 100 percent"));
        }
    }

    /** @return a sampling that surveys every interaction */
    public static Sampling all() {
        return new Sampling(ALL);
    }

    /**
     * @param percent the share to survey, 0–100, with at most four decimals ({@code 12.5})
     * @return the sampling
     * @throws InvalidConfigurationException when the share is out of range or too precise
     */
    public static Sampling percent(double percent) {
        if (!(percent >= 0 && percent <= 100)) {
            throw new InvalidConfigurationException(Violation.of("sampling", percent + "%",
                    "must be between 0 and 100 percent"));
        }
        BigDecimal ppm = BigDecimal.valueOf(percent).movePointRight(4);
        if (ppm.stripTrailingZeros().scale() > 0) {
            throw new InvalidConfigurationException(Violation.of("sampling", percent + "%",
                    "must have at most four decimals"));
        }
        return new Sampling(ppm.intValueExact());
    }

    /** @return the share surveyed, in percent */
    public double percent() {
        return partsPerMillion / 10_000.0;
    }

    /**
     * @param interactionId the host's interaction id
     * @param surveyId the survey's id
     * @return whether this interaction is in the sample for this survey
     */
    public boolean includes(String interactionId, String surveyId) {
        return partsPerMillion == ALL || (partsPerMillion > 0 && bucket(interactionId, surveyId) < partsPerMillion);
    }

    /**
     * @param unit what the share is a share of
     * @param interactionId the host's interaction id
     * @param contactId the host's contact id
     * @param surveyId the survey's id
     * @return whether the interaction, or its contact, is in the sample for this survey
     */
    public boolean includes(Unit unit, String interactionId, String contactId, String surveyId) {
        return includes(unit == Unit.CONTACT ? CONTACT_PREFIX + contactId : interactionId, surveyId);
    }

    /**
     * Set before a contact's id, so that a contact's answer is not bound to that of an interaction
     * that happens to share its id; it starts with a noncharacter, which ids in practice never do.
     */
    private static final String CONTACT_PREFIX = "\uFFFFcontact:";

    /**
     * The interaction's place in the sample, uniform over 0 (inclusive) to 1 000 000 (exclusive).
     *
     * @param interactionId the host's interaction id
     * @param surveyId the survey's id
     * @return the bucket
     */
    public static int bucket(String interactionId, String surveyId) {
        long h = 0xcbf29ce484222325L;
        h = fnv(h, surveyId);
        h = (h ^ 0xFF) * 0x100000001b3L; // a byte that UTF-8 never produces separates the ids
        h = fnv(h, interactionId);
        return (int) Long.remainderUnsigned(mix(h), ALL);
    }

    private static long fnv(long h, String s) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        for (byte b : bytes) {
            h = (h ^ (b & 0xFF)) * 0x100000001b3L;
        }
        return h;
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
