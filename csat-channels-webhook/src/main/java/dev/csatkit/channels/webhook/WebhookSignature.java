package dev.csatkit.channels.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * The signature of an inbound webhook call, in the form the large chat and payment platforms
 * use: header {@value WebhookChatChannel#SIGNATURE_HEADER} with value
 * {@code t=<unix seconds>,v1=<hex HMAC-SHA256>}, where the HMAC is computed with the shared secret
 * over the ASCII timestamp, a {@code .} and the body's bytes exactly as sent.
 *
 * <p>Signing the bytes, not a decoded and re-encoded form, means no two bodies share a signature;
 * signing the timestamp with them means an old call cannot be replayed once it is outside the
 * tolerance. During a secret rotation the platform may send several {@code v1} values; one match
 * is enough.
 */
public final class WebhookSignature {

    /** The most {@code v1} values read from one header. */
    public static final int MAX_SIGNATURES = 4;

    private WebhookSignature() {
    }

    /** What a check found. */
    public enum Verdict {
        /** The signature matches and the timestamp is within the tolerance. */
        VALID,
        /** No header, or not of the form {@code t=…,v1=…}. */
        MALFORMED,
        /** The timestamp is further from now than the tolerance allows. */
        OUTSIDE_TOLERANCE,
        /** No signature matches the body: another secret, or an altered body. */
        MISMATCH
    }

    /**
     * Signs a body as the platform must.
     *
     * @param secret the shared secret
     * @param timestamp when the call is made
     * @param body the body's bytes, exactly as they will be sent
     * @return the header value, {@code t=…,v1=…}
     */
    public static String sign(byte[] secret, Instant timestamp, byte[] body) {
        long t = timestamp.getEpochSecond();
        return "t=" + t + ",v1=" + HexFormat.of().formatHex(mac(secret, t, body));
    }

    /**
     * Checks a call's signature.
     *
     * @param secret the shared secret
     * @param header the header's value, if the call had one
     * @param body the body's bytes as received
     * @param now the current time
     * @param tolerance how far the timestamp may be from now, either way
     * @return the verdict
     */
    public static Verdict verify(byte[] secret, @Nullable String header, byte[] body, Instant now, Duration tolerance) {
        Objects.requireNonNull(now, "now");
        if (header == null || header.length() > 512) {
            return Verdict.MALFORMED;
        }
        Long t = null;
        List<byte[]> given = new ArrayList<>();
        for (String part : header.split(",")) {
            String p = part.strip();
            if (p.startsWith("t=") && t == null && p.substring(2).matches("[0-9]{1,12}")) {
                t = Long.parseLong(p.substring(2));
            } else if (p.startsWith("v1=") && p.length() == 3 + 64 && given.size() < MAX_SIGNATURES) {
                try {
                    given.add(HexFormat.of().parseHex(p.substring(3)));
                } catch (IllegalArgumentException e) {
                    return Verdict.MALFORMED;
                }
            }
        }
        if (t == null || given.isEmpty()) {
            return Verdict.MALFORMED;
        }
        long skew = Math.abs(now.getEpochSecond() - t);
        if (skew > tolerance.getSeconds()) {
            return Verdict.OUTSIDE_TOLERANCE;
        }
        byte[] expected = mac(secret, t, body);
        boolean match = false;
        for (byte[] g : given) {
            match |= MessageDigest.isEqual(expected, g);
        }
        return match ? Verdict.VALID : Verdict.MISMATCH;
    }

    private static byte[] mac(byte[] secret, long timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            mac.update((timestamp + ".").getBytes(StandardCharsets.US_ASCII));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java runtime has HmacSHA256", e);
        }
    }
}
