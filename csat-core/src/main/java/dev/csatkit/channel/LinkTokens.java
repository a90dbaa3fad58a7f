package dev.csatkit.channel;

import dev.csatkit.InvalidDefinitionException;
import dev.csatkit.Violation;
import dev.csatkit.channel.LinkVerification.Reason;
import dev.csatkit.channel.LinkVerification.Rejected;
import dev.csatkit.internal.channel.LinkTokenCodec;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Signs and checks the tokens in email survey links, and runs the two steps of answering by
 * link.
 *
 * <p>A token is HMAC-SHA256 over the survey, the recipient, the value and the expiry, with the
 * host's signing key ({@link LinkKeyRing}); it is URL-safe as it is. Checking refuses, in this
 * order, a malformed token, an unknown key, a bad signature (forged or altered), another survey,
 * an expired token, and a ballot already used. A key id outside the alphabet {@link LinkKey}
 * allows makes a token malformed, and a token naming an unknown key costs the same MAC as one with
 * a bad signature; a page should still answer every refusal of a bad token alike, so that
 * nothing tells the two apart. Every {@link LinkVerification.Rejected#detail()} is one line, with
 * whatever came from the request escaped.
 *
 * <p><b>Two steps.</b> Mail scanners open every link in a message, so opening must not record
 * anything:
 * <ol>
 *   <li>{@link #open} when the link is followed ({@code GET}): checks the token and tells the
 *       host which rating to pre-select on a confirmation page; nothing is recorded;</li>
 *   <li>{@link #submit} when the customer confirms ({@code POST} from that page): checks again
 *       and marks the ballot used, atomically; only a {@link LinkVerification.Valid} from here
 *       is a rating to record.</li>
 * </ol>
 *
 * <p>Instances are thread-safe; time comes from the injected clock.
 */
public final class LinkTokens {

    private final LinkKeyRing keys;
    private final UsedTokenStore used;
    private final Clock clock;

    /**
     * @param keys the signing key and every key that still verifies
     * @param used where submitted ballots are remembered; shared by every instance of the host
     * @param clock the time source for expiry
     */
    public LinkTokens(LinkKeyRing keys, UsedTokenStore used, Clock clock) {
        this.keys = Objects.requireNonNull(keys, "keys");
        this.used = Objects.requireNonNull(used, "used");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Signs a link with the ring's signing key.
     *
     * @param claims what the link asserts
     * @return the token, URL-safe (letters, digits, {@code -}, {@code _} and one {@code .})
     * @throws InvalidDefinitionException when the claims have already expired
     */
    public String sign(LinkClaims claims) {
        Instant now = clock.instant();
        if (!claims.expiresAt().isAfter(now)) {
            throw new InvalidDefinitionException("link claims", Violation.of("expiresAt", claims.expiresAt(),
                    "must be after the current time " + now));
        }
        LinkKey key = keys.signing();
        return LinkTokenCodec.encode(key.id(), key.secretUnsafe(), claims.surveyId(), claims.recipient(),
                claims.value(), claims.expiresAt().getEpochSecond());
    }

    /**
     * Step one: a link was followed. Checks the token without recording anything.
     *
     * @param token the token from the link, as received; {@code null} is refused as malformed
     * @param surveyId the survey the link's page belongs to
     * @return {@link LinkVerification.Valid} with the rating to pre-select, or why it was refused
     */
    public LinkVerification open(@Nullable String token, String surveyId) {
        return check(token, surveyId, false);
    }

    /**
     * Step two: the customer confirmed. Checks the token and marks its ballot used; a second
     * submit of any link of the same message is refused as
     * {@link LinkVerification.Reason#ALREADY_USED}.
     *
     * @param token the token, as received
     * @param surveyId the survey the page belongs to
     * @return {@link LinkVerification.Valid} with the rating to record, or why it was refused
     */
    public LinkVerification submit(@Nullable String token, String surveyId) {
        return check(token, surveyId, true);
    }

    /**
     * @param claims a link's claims
     * @return the id of the ballot the link belongs to, as kept in the {@link UsedTokenStore}
     */
    public static String ballotId(LinkClaims claims) {
        return LinkTokenCodec.ballotId(claims.surveyId(), claims.recipient(), claims.expiresAt().getEpochSecond());
    }

    private LinkVerification check(@Nullable String token, String surveyId, boolean consume) {
        if (token == null) {
            return new Rejected(Reason.MALFORMED, "no token was given");
        }
        Optional<LinkTokenCodec.Decoded> decoded = LinkTokenCodec.decode(token);
        if (decoded.isEmpty()) {
            return new Rejected(Reason.MALFORMED, "the token is not a well-formed version-"
                    + LinkTokenCodec.VERSION + " link token (" + token.length() + " characters)");
        }
        LinkTokenCodec.Decoded d = decoded.get();
        Optional<LinkKey> key = keys.key(d.keyId());
        if (key.isEmpty()) {
            LinkTokenCodec.spendMacTime(d);
            return new Rejected(Reason.UNKNOWN_KEY, "the token names key \"" + d.keyId()
                    + "\", which is not in the key ring " + keys.ids());
        }
        if (!LinkTokenCodec.macMatches(d, key.get().secretUnsafe())) {
            return new Rejected(Reason.BAD_SIGNATURE, "the signature does not match key \"" + d.keyId()
                    + "\": the token was forged or altered");
        }
        if (!d.surveyId().equals(surveyId)) {
            // The survey id comes from the request: shown escaped and shortened, never as sent.
            return new Rejected(Reason.WRONG_SURVEY, "the token was signed for survey " + Violation.display(d.surveyId())
                    + ", not " + Violation.display(surveyId));
        }
        LinkClaims claims;
        try {
            claims = new LinkClaims(d.surveyId(), d.recipient(), d.value(), Instant.ofEpochSecond(d.expiresEpochSecond()));
        } catch (InvalidDefinitionException | DateTimeException e) {
            return new Rejected(Reason.MALFORMED, "the signed claims are out of range");
        }
        Instant now = clock.instant();
        if (!now.isBefore(claims.expiresAt())) {
            return new Rejected(Reason.EXPIRED, "the token expired at " + claims.expiresAt() + "; it is now " + now);
        }
        String ballot = ballotId(claims);
        boolean fresh = consume ? used.markUsed(ballot, claims.expiresAt()) : !used.isUsed(ballot);
        if (!fresh) {
            return new Rejected(Reason.ALREADY_USED, "a rating from this message was already submitted");
        }
        return new LinkVerification.Valid(claims, d.keyId());
    }
}
