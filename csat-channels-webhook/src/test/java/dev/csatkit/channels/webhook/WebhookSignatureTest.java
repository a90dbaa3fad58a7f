package dev.csatkit.channels.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.csatkit.channels.webhook.WebhookSignature.Verdict;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The signature a platform computes, pinned to a reference value (HMAC-SHA256 of
 * {@code t + "." + body}, computed outside this code), and the verdicts at the edges of each rule:
 * the header's length, the number of signatures read, and the tolerance.
 */
class WebhookSignatureTest {

    private static final byte[] SECRET = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final Instant T = Instant.ofEpochSecond(1_772_442_000L);
    private static final byte[] BODY = "{\"from\":\"+447700900123\",\"text\":\"5\"}".getBytes(StandardCharsets.UTF_8);
    private static final String V1 = "68476a296143abc7c7d724dfd10f920132b0ba556df1d75f98d838d6fe9a3428";
    private static final Duration FIVE_MINUTES = Duration.ofMinutes(5);

    @Test
    void theSignatureCoversTheTimestampAndTheBody() {
        assertThat(WebhookSignature.sign(SECRET, T, BODY)).isEqualTo("t=1772442000,v1=" + V1);
        assertThat(WebhookSignature.verify(SECRET, "t=1772442000,v1=" + V1, BODY, T, FIVE_MINUTES))
                .isEqualTo(Verdict.VALID);
        assertThat(WebhookSignature.verify(SECRET, "t=1772442001,v1=" + V1, BODY, T, FIVE_MINUTES))
                .as("the same signature under another time").isEqualTo(Verdict.MISMATCH);
    }

    @Test
    void theTimestampMayBeAsFarFromNowAsTheToleranceEitherWayAndNoFurther() {
        for (long skew : new long[] {-300, 300}) {
            Instant at = T.plusSeconds(skew);
            assertThat(WebhookSignature.verify(SECRET, WebhookSignature.sign(SECRET, at, BODY), BODY, T, FIVE_MINUTES))
                    .as("%d s", skew).isEqualTo(Verdict.VALID);
        }
        for (long skew : new long[] {-301, 301}) {
            Instant at = T.plusSeconds(skew);
            assertThat(WebhookSignature.verify(SECRET, WebhookSignature.sign(SECRET, at, BODY), BODY, T, FIVE_MINUTES))
                    .as("%d s", skew).isEqualTo(Verdict.OUTSIDE_TOLERANCE);
        }
    }

    @Test
    void aHeaderOf512CharactersIsReadAndALongerOneIsNot() {
        String valid = "t=1772442000,v1=" + V1;
        String padded = valid + "," + " ".repeat(512 - valid.length() - 1);
        assertThat(padded).hasSize(512);
        assertThat(WebhookSignature.verify(SECRET, padded, BODY, T, FIVE_MINUTES)).isEqualTo(Verdict.VALID);
        assertThat(WebhookSignature.verify(SECRET, padded + " ", BODY, T, FIVE_MINUTES)).isEqualTo(Verdict.MALFORMED);
    }

    @Test
    void upToFourSignaturesAreReadSoAKeyRotationCanSendOldAndNew() {
        String other = "v1=" + "0".repeat(64);
        String fourth = "t=1772442000," + other + "," + other + "," + other + ",v1=" + V1;
        assertThat(WebhookSignature.verify(SECRET, fourth, BODY, T, FIVE_MINUTES)).isEqualTo(Verdict.VALID);
        String fifth = "t=1772442000," + other + "," + other + "," + other + "," + other + ",v1=" + V1;
        assertThat(WebhookSignature.verify(SECRET, fifth, BODY, T, FIVE_MINUTES)).as("the fifth is not read")
                .isEqualTo(Verdict.MISMATCH);
    }

    @Test
    void whatIsNotASignatureHeaderIsMalformed() {
        assertThat(WebhookSignature.verify(SECRET, null, BODY, T, FIVE_MINUTES)).isEqualTo(Verdict.MALFORMED);
        assertThat(WebhookSignature.verify(SECRET, "v1=" + V1, BODY, T, FIVE_MINUTES)).isEqualTo(Verdict.MALFORMED);
        assertThat(WebhookSignature.verify(SECRET, "t=1772442000", BODY, T, FIVE_MINUTES)).isEqualTo(Verdict.MALFORMED);
        assertThat(WebhookSignature.verify(SECRET, "t=1772442000,v1=" + "zz".repeat(32), BODY, T, FIVE_MINUTES))
                .isEqualTo(Verdict.MALFORMED);
        assertThat(WebhookSignature.verify(SECRET, "t=17724420001234,v1=" + V1, BODY, T, FIVE_MINUTES))
                .as("a timestamp of more than twelve digits").isEqualTo(Verdict.MALFORMED);
    }
}
