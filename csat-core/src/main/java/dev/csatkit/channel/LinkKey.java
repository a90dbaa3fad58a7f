package dev.csatkit.channel;

import dev.csatkit.InvalidConfigurationException;
import dev.csatkit.Violation;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * A secret the host owns for signing email links, with an id so that keys can be rotated: the
 * id travels in every token, and verification picks the key by it.
 *
 * <p>Generate 32 random bytes or more once per key, keep them in the host's secret store and
 * never log them; {@link #toString()} does not show the secret.
 */
public final class LinkKey {

    /** The fewest secret bytes accepted: HMAC-SHA256 wants a key as long as its output. */
    public static final int MIN_SECRET_BYTES = 32;

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,32}");

    private final String id;
    private final byte[] secret;

    private LinkKey(String id, byte[] secret) {
        this.id = id;
        this.secret = secret.clone();
    }

    /**
     * @param id 1–32 letters, digits, {@code _} or {@code -}, such as {@code 2025-06}
     * @param secret at least 32 random bytes; copied
     * @return the key
     * @throws InvalidConfigurationException when the id is malformed or the secret short
     */
    public static LinkKey of(String id, byte[] secret) {
        if (id == null || !ID.matcher(id).matches()) {
            throw new InvalidConfigurationException(Violation.of("linkKey.id", id,
                    "must be 1–32 letters, digits, '_' or '-'"));
        }
        if (secret == null || secret.length < MIN_SECRET_BYTES) {
            throw new InvalidConfigurationException(new Violation("linkKey." + id + ".secret",
                    secret == null ? "(missing)" : secret.length + " bytes",
                    "must be at least " + MIN_SECRET_BYTES + " random bytes"));
        }
        return new LinkKey(id, secret);
    }

    /**
     * @param id the key's id
     * @param base64Secret the secret in standard or URL-safe Base64
     * @return the key
     * @throws InvalidConfigurationException when the id or the secret is unusable
     */
    public static LinkKey fromBase64(String id, String base64Secret) {
        byte[] secret;
        try {
            secret = Base64.getDecoder().decode(base64Secret.replace('-', '+').replace('_', '/').strip());
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigurationException(new Violation("linkKey." + id + ".secret", "(hidden)",
                    "must be Base64"));
        }
        return of(id, secret);
    }

    /** @return the key's id */
    public String id() {
        return id;
    }

    /** @return a copy of the secret */
    public byte[] secret() {
        return secret.clone();
    }

    byte[] secretUnsafe() {
        return secret;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LinkKey k && k.id.equals(id) && MessageDigest.isEqual(k.secret, secret);
    }

    @Override
    public int hashCode() {
        return id.hashCode() * 31 + Arrays.hashCode(secret);
    }

    /** @return the id only; the secret is never shown */
    @Override
    public String toString() {
        return "LinkKey[" + id + "]";
    }
}
