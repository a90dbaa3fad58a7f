package dev.csatkit.internal.channel;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The wire form of an email-link token: {@code base64url(payload) "." base64url(mac)}, where the
 * payload holds a version byte, the key id (1–32 letters, digits, {@code _} or {@code -}, as
 * {@code LinkKey} allows) and the claims, each text length-prefixed so that no
 * two claim sets share an encoding, and the MAC is HMAC-SHA256 over a domain label and the
 * payload.
 */
public final class LinkTokenCodec {

    /** The only payload version this code writes and reads. */
    public static final byte VERSION = 1;
    /** Tokens longer than this are refused without decoding. */
    public static final int MAX_TOKEN_LENGTH = 2600;

    private static final byte[] DOMAIN = "csat-link\0".getBytes(StandardCharsets.US_ASCII);
    // The alphabet LinkKey allows: a token naming anything else is malformed, so no key id from
    // outside can carry a line break or an escape sequence into a log line.
    private static final java.util.regex.Pattern KEY_ID = java.util.regex.Pattern.compile("[A-Za-z0-9_-]{1,32}");
    private static final int MAC_BYTES = 32;
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();

    private LinkTokenCodec() {
    }

    /**
     * The decoded parts of a token, before its MAC is checked.
     *
     * @param keyId the signing key's id
     * @param surveyId the survey
     * @param recipient the recipient
     * @param value the rating
     * @param expiresEpochSecond the expiry
     * @param payload the signed bytes
     * @param mac the MAC as sent
     */
    public record Decoded(String keyId, String surveyId, String recipient, int value, long expiresEpochSecond,
            byte[] payload, byte[] mac) {
    }

    /**
     * @return the token for these parts, signed with {@code secret}
     */
    public static String encode(String keyId, byte[] secret, String surveyId, String recipient, int value,
            long expiresEpochSecond) {
        byte[] k = keyId.getBytes(StandardCharsets.US_ASCII);
        byte[] s = surveyId.getBytes(StandardCharsets.UTF_8);
        byte[] r = recipient.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(1 + 1 + k.length + 2 + s.length + 2 + r.length + 4 + 8);
        b.put(VERSION).put((byte) k.length).put(k)
                .putShort((short) s.length).put(s)
                .putShort((short) r.length).put(r)
                .putInt(value).putLong(expiresEpochSecond);
        byte[] payload = b.array();
        return B64.encodeToString(payload) + "." + B64.encodeToString(mac(secret, payload));
    }

    /**
     * Decodes a token's structure; never throws.
     *
     * @param token any text
     * @return its parts, or empty when it is not a well-formed token of this version
     */
    public static Optional<Decoded> decode(String token) {
        if (token.length() > MAX_TOKEN_LENGTH) {
            return Optional.empty();
        }
        int dot = token.indexOf('.');
        if (dot <= 0 || dot != token.lastIndexOf('.')) {
            return Optional.empty();
        }
        try {
            byte[] payload = B64D.decode(token.substring(0, dot));
            byte[] mac = B64D.decode(token.substring(dot + 1));
            // Only the canonical spelling is accepted: unused trailing bits or padding would
            // otherwise let several strings stand for one token.
            if (mac.length != MAC_BYTES || !(B64.encodeToString(payload) + "." + B64.encodeToString(mac)).equals(token)) {
                return Optional.empty();
            }
            ByteBuffer b = ByteBuffer.wrap(payload);
            if (b.get() != VERSION) {
                return Optional.empty();
            }
            String keyId = text(b, b.get() & 0xFF);
            if (!KEY_ID.matcher(keyId).matches()) {
                return Optional.empty();
            }
            String surveyId = text(b, b.getShort() & 0xFFFF);
            String recipient = text(b, b.getShort() & 0xFFFF);
            int value = b.getInt();
            long expires = b.getLong();
            if (b.hasRemaining()) {
                return Optional.empty();
            }
            return Optional.of(new Decoded(keyId, surveyId, recipient, value, expires, payload, mac));
        } catch (IllegalArgumentException | BufferUnderflowException | CharacterCodingException e) {
            return Optional.empty();
        }
    }

    private static String text(ByteBuffer b, int length) throws CharacterCodingException {
        if (length > b.remaining()) {
            throw new BufferUnderflowException();
        }
        ByteBuffer slice = b.slice();
        slice.limit(length);
        b.position(b.position() + length);
        CharBuffer chars = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(slice);
        return chars.toString();
    }

    /**
     * @return whether {@code decoded}'s MAC is right for {@code secret}, compared in constant time
     */
    public static boolean macMatches(Decoded decoded, byte[] secret) {
        return MessageDigest.isEqual(mac(secret, decoded.payload()), decoded.mac());
    }

    /**
     * @return the id shared by every link of one message: a hash of survey, recipient and expiry
     */
    public static String ballotId(String surveyId, String recipient, long expiresEpochSecond) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] s = surveyId.getBytes(StandardCharsets.UTF_8);
            byte[] r = recipient.getBytes(StandardCharsets.UTF_8);
            sha.update(ByteBuffer.allocate(4 + s.length + 4 + r.length + 8)
                    .putInt(s.length).put(s).putInt(r.length).put(r).putLong(expiresEpochSecond).array());
            return B64.encodeToString(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /**
     * Computes a MAC the caller throws away, so that a token naming an unknown key takes as long
     * to refuse as one with a bad signature.
     *
     * @param decoded the token's parts
     */
    public static void spendMacTime(Decoded decoded) {
        MessageDigest.isEqual(mac(UNKNOWN_KEY_SECRET, decoded.payload()), decoded.mac());
    }

    private static final byte[] UNKNOWN_KEY_SECRET = new byte[MAC_BYTES];

    private static byte[] mac(byte[] secret, byte[] payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            mac.update(DOMAIN);
            return mac.doFinal(payload);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java runtime has HmacSHA256", e);
        }
    }
}
