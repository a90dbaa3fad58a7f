package dev.csatkit.channel;

import dev.csatkit.internal.Checks;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * What an email link's token asserts: this recipient rates this survey with this value, until
 * this time.
 *
 * <p>Tokens travel in URLs, which proxies and browsers log: prefer an opaque contact or response
 * id for {@code recipient} over an email address.
 *
 * @param surveyId the survey the rating is for; 1–128 characters, one line
 * @param recipient the host's identifier of the person asked; 1–320 characters, one line
 * @param value the rating the link stands for
 * @param expiresAt when the link stops working; kept to the second
 */
public record LinkClaims(String surveyId, String recipient, int value, Instant expiresAt) {

    /** The longest survey id, in characters. */
    public static final int MAX_SURVEY_ID = 128;
    /** The longest recipient, in characters. */
    public static final int MAX_RECIPIENT = 320;

    /**
     * @throws dev.csatkit.InvalidDefinitionException naming each broken rule
     */
    public LinkClaims {
        Checks checks = Checks.of("link claims");
        checks.line("surveyId", surveyId, MAX_SURVEY_ID);
        checks.line("recipient", recipient, MAX_RECIPIENT);
        checks.check(expiresAt != null, "expiresAt", expiresAt, "must be given");
        checks.throwIfAny();
        expiresAt = Objects.requireNonNull(expiresAt).truncatedTo(ChronoUnit.SECONDS);
    }
}
