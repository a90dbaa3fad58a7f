package dev.csatkit.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.csatkit.InvalidConfigurationException;
import dev.csatkit.InvalidDefinitionException;
import dev.csatkit.channel.LinkVerification.Reason;
import dev.csatkit.channel.LinkVerification.Rejected;
import dev.csatkit.channel.LinkVerification.Valid;
import dev.csatkit.internal.channel.CaffeineUsedTokenStore;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LinkTokensTest {

    static final Instant NOW = Instant.parse("2025-06-01T10:00:00Z");

    static LinkKey key(String id, int seed) {
        byte[] secret = new byte[32];
        Arrays.fill(secret, (byte) seed);
        return LinkKey.of(id, secret);
    }

    /** A clock the test moves by hand. */
    static final class TestClock extends Clock {
        final AtomicReference<Instant> now = new AtomicReference<>(NOW);

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }

        void advance(Duration d) {
            now.updateAndGet(t -> t.plus(d));
        }
    }

    private final TestClock clock = new TestClock();
    private final LinkKey k1 = key("k1", 1);
    private UsedTokenStore used;
    private LinkTokens tokens;
    private final LinkClaims claims = new LinkClaims("survey-1", "contact-42", 4, NOW.plus(Duration.ofDays(7)));

    @BeforeEach
    void setUp() {
        used = UsedTokenStore.inMemory(clock);
        tokens = new LinkTokens(LinkKeyRing.of(k1), used, clock);
    }

    private static Reason reason(LinkVerification v) {
        assertThat(v).isInstanceOf(Rejected.class);
        return ((Rejected) v).reason();
    }

    @Test
    void aGenuineTokenOpensWithItsClaims() {
        String token = tokens.sign(claims);
        assertThat(token).matches("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]{43}");
        assertThat(tokens.open(token, "survey-1")).isEqualTo(new Valid(claims, "k1"));
    }

    @Test
    void openingNeverRecordsOnlySubmitDoes() {
        String token = tokens.sign(claims);
        for (int scanner = 0; scanner < 5; scanner++) {
            assertThat(tokens.open(token, "survey-1").isValid()).as("a mail scanner opening the link").isTrue();
        }
        assertThat(tokens.submit(token, "survey-1")).isEqualTo(new Valid(claims, "k1"));
        assertThat(used.isUsed(LinkTokens.ballotId(claims))).isTrue();
    }

    @Test
    void aSecondSubmitIsAlreadyUsedAndSoIsEveryOtherLinkOfTheMessage() {
        String four = tokens.sign(claims);
        String five = tokens.sign(new LinkClaims("survey-1", "contact-42", 5, claims.expiresAt()));
        assertThat(tokens.submit(four, "survey-1").isValid()).isTrue();
        assertThat(tokens.submit(four, "survey-1")).isEqualTo(new Rejected(Reason.ALREADY_USED,
                "a rating from this message was already submitted"));
        assertThat(reason(tokens.submit(five, "survey-1"))).isEqualTo(Reason.ALREADY_USED);
        assertThat(reason(tokens.open(five, "survey-1"))).as("the page shows it was answered").isEqualTo(Reason.ALREADY_USED);
    }

    @Test
    void anotherRecipientsBallotIsIndependent() {
        tokens.submit(tokens.sign(claims), "survey-1");
        String other = tokens.sign(new LinkClaims("survey-1", "contact-43", 4, claims.expiresAt()));
        assertThat(tokens.submit(other, "survey-1").isValid()).isTrue();
    }

    @Test
    void aTokenForOneSurveyNeverRatesAnother() {
        String token = tokens.sign(claims);
        assertThat(tokens.open(token, "survey-2")).isEqualTo(new Rejected(Reason.WRONG_SURVEY,
                "the token was signed for survey \"survey-1\", not \"survey-2\""));
        assertThat(reason(tokens.submit(token, "survey-2"))).isEqualTo(Reason.WRONG_SURVEY);
        assertThat(tokens.submit(token, "survey-1").isValid()).as("not used up by the wrong survey").isTrue();
    }

    @Test
    void anExpiredTokenIsRefused() {
        String token = tokens.sign(claims);
        clock.advance(Duration.ofDays(7).minusSeconds(1));
        assertThat(tokens.open(token, "survey-1").isValid()).isTrue();
        clock.advance(Duration.ofSeconds(1));
        assertThat(tokens.submit(token, "survey-1")).isEqualTo(new Rejected(Reason.EXPIRED,
                "the token expired at 2025-06-08T10:00:00Z; it is now 2025-06-08T10:00:00Z"));
    }

    @Test
    void aForgedTokenIsRefused() {
        LinkTokens forger = new LinkTokens(LinkKeyRing.of(key("k1", 9)), UsedTokenStore.inMemory(clock), clock);
        String forged = forger.sign(claims);
        assertThat(tokens.open(forged, "survey-1")).isEqualTo(new Rejected(Reason.BAD_SIGNATURE,
                "the signature does not match key \"k1\": the token was forged or altered"));
    }

    @Test
    void anAlteredTokenIsRefused() {
        String token = tokens.sign(claims);
        String payload = token.substring(0, token.indexOf('.'));
        byte[] bytes = Base64.getUrlDecoder().decode(payload);
        bytes[bytes.length - 9] ^= 1; // the value's lowest bit: 4 becomes 5
        String altered = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes) + token.substring(token.indexOf('.'));
        assertThat(reason(tokens.submit(altered, "survey-1"))).isEqualTo(Reason.BAD_SIGNATURE);
    }

    @Test
    void aTokenSignedWithAKeyNotInTheRingIsRefused() {
        LinkTokens other = new LinkTokens(LinkKeyRing.of(key("k9", 1)), UsedTokenStore.inMemory(clock), clock);
        assertThat(tokens.open(other.sign(claims), "survey-1")).isEqualTo(new Rejected(Reason.UNKNOWN_KEY,
                "the token names key \"k9\", which is not in the key ring [k1]"));
    }

    @Test
    void malformedTokensAreRefusedWithoutThrowing() {
        for (String bad : new String[] {"", ".", "abc", "a.b.c", "%%%.$$$", "AQ.AQ", "x".repeat(3000),
                tokens.sign(claims) + "=", "Ag" + tokens.sign(claims).substring(2)}) {
            assertThat(reason(tokens.open(bad, "survey-1"))).as(bad).isEqualTo(Reason.MALFORMED);
        }
        assertThat(tokens.open(null, "survey-1")).isEqualTo(new Rejected(Reason.MALFORMED, "no token was given"));
    }

    @Test
    void keysRotateWithoutBreakingLinksInFlight() {
        LinkKey k2 = key("k2", 2);
        String old = tokens.sign(claims);
        LinkTokens rotated = new LinkTokens(LinkKeyRing.of(k2, k1), used, clock);
        String fresh = rotated.sign(new LinkClaims("survey-1", "contact-7", 3, claims.expiresAt()));
        assertThat(rotated.open(old, "survey-1")).isEqualTo(new Valid(claims, "k1"));
        assertThat(((Valid) rotated.open(fresh, "survey-1")).keyId()).isEqualTo("k2");
        LinkTokens retired = new LinkTokens(LinkKeyRing.of(k2), used, clock);
        assertThat(reason(retired.open(old, "survey-1"))).isEqualTo(Reason.UNKNOWN_KEY);
    }

    @Test
    void signingAnExpiredClaimIsRefused() {
        assertThatThrownBy(() -> tokens.sign(new LinkClaims("s", "r", 1, NOW)))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("Invalid link claims: expiresAt = 2025-06-01T10:00:00Z: "
                        + "must be after the current time 2025-06-01T10:00:00Z");
    }

    @Test
    void claimsAreValidated() {
        assertThatThrownBy(() -> new LinkClaims(" ", "line\nbreak", 1, null))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("Invalid link claims (3 problems):\n"
                        + "  - surveyId = \" \": must not be blank\n"
                        + "  - recipient = \"line\\nbreak\": must be one line without control characters; found U+000A\n"
                        + "  - expiresAt = (missing): must be given");
        assertThatThrownBy(() -> new LinkClaims("s", "x\uD83D", 1, NOW))
                .hasMessage("Invalid link claims: recipient = \"x\\uD83D\": must be well-formed Unicode (no unpaired surrogate)");
        assertThatThrownBy(() -> new LinkClaims("s".repeat(129), "r", 1, NOW))
                .hasMessageEndingWith("must be at most 128 characters");
        assertThat(new LinkClaims("s", "r", 1, Instant.parse("2025-01-01T00:00:00.987Z")).expiresAt())
                .isEqualTo(Instant.parse("2025-01-01T00:00:00Z"));
    }

    @Test
    void keysAreValidatedAndNeverShown() {
        assertThatThrownBy(() -> LinkKey.of("k1", new byte[16]))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessage("Invalid configuration: linkKey.k1.secret = 16 bytes: must be at least 32 random bytes");
        assertThatThrownBy(() -> LinkKey.of("k 1", new byte[32]))
                .hasMessage("Invalid configuration: linkKey.id = \"k 1\": must be 1–32 letters, digits, '_' or '-'");
        assertThatThrownBy(() -> LinkKey.fromBase64("k1", "***"))
                .hasMessage("Invalid configuration: linkKey.k1.secret = (hidden): must be Base64");
        assertThatThrownBy(() -> LinkKeyRing.of(k1, key("k1", 5)))
                .hasMessage("Invalid configuration: linkKeys = \"k1\": key id is used by two keys; every key needs its own id");
        String b64 = Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII));
        LinkKey decoded = LinkKey.fromBase64("k3", b64);
        assertThat(decoded.toString()).isEqualTo("LinkKey[k3]");
        assertThat(decoded).isEqualTo(LinkKey.fromBase64("k3", b64)).isNotEqualTo(k1);
        assertThat(decoded.hashCode()).isEqualTo(LinkKey.fromBase64("k3", b64).hashCode());
        assertThat(LinkKeyRing.of(k1, decoded).ids()).containsExactly("k1", "k3");
    }

    @Test
    void usedBallotsAreForgottenWhenTheirLinksExpire() {
        CaffeineUsedTokenStore store = new CaffeineUsedTokenStore(clock);
        assertThat(store.markUsed("b1", NOW.plusSeconds(60))).isTrue();
        assertThat(store.markUsed("b1", NOW.plusSeconds(60))).isFalse();
        assertThat(store.markUsed("b2", NOW.plusSeconds(120))).isTrue();
        assertThat(store.size()).isEqualTo(2);
        clock.advance(Duration.ofSeconds(60));
        assertThat(store.isUsed("b1")).isFalse();
        assertThat(store.isUsed("b2")).isTrue();
        assertThat(store.size()).isEqualTo(1);
    }

    @Test
    void concurrentSubmitsRecordOnce() throws Exception {
        String token = tokens.sign(claims);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            java.util.List<java.util.concurrent.Future<LinkVerification>> results = new java.util.ArrayList<>();
            for (int i = 0; i < 32; i++) {
                results.add(pool.submit(() -> tokens.submit(token, "survey-1")));
            }
            int valid = 0;
            for (var f : results) {
                valid += f.get().isValid() ? 1 : 0;
            }
            assertThat(valid).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    /** A token in the wire format with any key id, signed with {@code secret}. */
    private static String craft(String keyId, byte[] secret) {
        return dev.csatkit.internal.channel.LinkTokenCodec.encode(keyId, secret, "survey-1", "contact-42", 4,
                Instant.parse("2030-01-01T00:00:00Z").getEpochSecond());
    }

    @Test
    void aKeyIdOutsideTheSafeAlphabetIsMalformedAndNeverReachesADetail() {
        for (String keyId : new String[] {"k1\nINFO forged line", "k1\u001B[2J", "ключ", "k1 k2", "x".repeat(33)}) {
            LinkVerification v = tokens.open(craft(keyId, new byte[32]), "survey-1");
            assertThat(v).isInstanceOfSatisfying(Rejected.class, r -> {
                assertThat(r.reason()).isEqualTo(Reason.MALFORMED);
                assertThat(r.detail()).doesNotContain(keyId).doesNotContain("\n").doesNotContain("\u001B");
            });
        }
        assertThat(reason(tokens.open(craft("k-9_Z", new byte[32]), "survey-1"))).isEqualTo(Reason.UNKNOWN_KEY);
    }

    @Test
    void theRequestsSurveyIdIsEscapedInTheDetail() {
        String token = tokens.sign(claims);
        Rejected r = (Rejected) tokens.open(token, "survey-2\n2025-06-01 INFO rating recorded\u001B[2J");
        assertThat(r.reason()).isEqualTo(Reason.WRONG_SURVEY);
        assertThat(r.detail()).doesNotContain("\n").doesNotContain("\u001B")
                .isEqualTo("the token was signed for survey \"survey-1\", not "
                        + "\"survey-2\\n2025-06-01 INFO rating recorded\\u001B[2J\"");
    }
}
