package dev.csatkit.channel;

import java.util.Objects;

/**
 * The outcome of checking an email link's token: valid, or rejected with a reason. A closed
 * family: switch over it.
 */
public sealed interface LinkVerification permits LinkVerification.Valid, LinkVerification.Rejected {

    /** @return whether the token passed every check */
    default boolean isValid() {
        return this instanceof Valid;
    }

    /**
     * The token is genuine, unexpired, unused and for the expected survey.
     *
     * @param claims what the token asserts
     * @param keyId the id of the key that signed it
     */
    record Valid(LinkClaims claims, String keyId) implements LinkVerification {
        /** Checks the components are present. */
        public Valid {
            Objects.requireNonNull(claims, "claims");
            Objects.requireNonNull(keyId, "keyId");
        }
    }

    /**
     * The token was refused.
     *
     * @param reason which check failed
     * @param detail a sentence for logs and support; it never contains the recipient
     */
    record Rejected(Reason reason, String detail) implements LinkVerification {
        /** Checks the components are present. */
        public Rejected {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(detail, "detail");
        }
    }

    /** Why a token was refused, in the order the checks run. */
    enum Reason {
        /** Not a token this library made: wrong shape, bad encoding, wrong version or too long. */
        MALFORMED,
        /** Signed with a key id the ring does not hold: forged, or signed with a retired key. */
        UNKNOWN_KEY,
        /** The signature does not match: the token was forged or altered after signing. */
        BAD_SIGNATURE,
        /** Genuine, but signed for another survey than the one being answered. */
        WRONG_SURVEY,
        /** Genuine, but past its expiry. */
        EXPIRED,
        /** Genuine, but a rating from the same message was already submitted. */
        ALREADY_USED
    }
}
