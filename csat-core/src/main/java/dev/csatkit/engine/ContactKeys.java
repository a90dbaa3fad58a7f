package dev.csatkit.engine;

import dev.csatkit.InvalidConfigurationException;
import dev.csatkit.Violation;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.util.HexFormat;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Turns a contact's id into the pseudonymous key that responses carry
 * ({@link dev.csatkit.score.SurveyResponse#contactKey()}): {@code ck-} and the first 10 bytes of
 * HMAC-SHA256(secret, id), in lower-case hex. The same id gives the same key under the same
 * secret, so a report groups per caller; the id itself never reaches a response or an export.
 *
 * <p>{@link #DEFAULT} uses a secret every copy of CSAT Kit shares: it keeps ids out of sight of a
 * casual reader of an export, but anyone holding a contact's id can compute its key. A host that
 * shares exports gives the engine a secret of its own with {@link #withSecret(byte[])}, and keeps
 * it: a new secret gives every contact a new key. Thread-safe.
 */
public final class ContactKeys {

    /** The shortest secret accepted, in bytes. */
    public static final int MIN_SECRET_BYTES = 16;
    /** The prefix of every key. */
    public static final String PREFIX = "ck-";

    /** Keys under the shared default secret, the UTF-8 bytes of {@code csat-kit/contact-key/1}. */
    public static final ContactKeys DEFAULT = new ContactKeys(
            "csat-kit/contact-key/1".getBytes(StandardCharsets.UTF_8));

    private static final int KEY_BYTES = 10;
    private final SecretKeySpec secret;

    private ContactKeys(byte[] secret) {
        this.secret = new SecretKeySpec(secret.clone(), "HmacSHA256");
    }

    /**
     * @param secret the host's secret, at least {@value #MIN_SECRET_BYTES} bytes; copied
     * @return keys under that secret
     * @throws InvalidConfigurationException when the secret is too short
     */
    public static ContactKeys withSecret(byte[] secret) {
        Objects.requireNonNull(secret, "secret");
        if (secret.length < MIN_SECRET_BYTES) {
            throw new InvalidConfigurationException(Violation.of("contactKeys.secret", secret.length + " bytes",
                    "must be at least " + MIN_SECRET_BYTES + " bytes"));
        }
        return new ContactKeys(secret);
    }

    /**
     * @param contactId a contact's id, as in {@link Contact#id()}
     * @return its key, such as {@code ck-3f2a…} (23 characters)
     */
    public String keyOf(String contactId) {
        Objects.requireNonNull(contactId, "contactId");
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(secret);
            byte[] digest = mac.doFinal(contactId.getBytes(StandardCharsets.UTF_8));
            return PREFIX + HexFormat.of().formatHex(digest, 0, KEY_BYTES);
        } catch (InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 refused the key", e);
        } catch (GeneralSecurityException e) {
            // Every Java platform must provide HmacSHA256.
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    /** @return {@code ContactKeys[secret=(hidden)]}: the secret is never shown */
    @Override
    public String toString() {
        return "ContactKeys[secret=(hidden)]";
    }
}
