package dev.csatkit.channels.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.csatkit.channels.spi.Channel;
import dev.csatkit.channels.spi.ChannelContext;
import dev.csatkit.channels.spi.DeliveryResult;
import dev.csatkit.channels.spi.MessageContent;
import dev.csatkit.channels.spi.OutboundMessage;
import dev.csatkit.channels.spi.QuickReply;
import dev.csatkit.channels.support.HttpEndpoint;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * How the channel reads the chat platform's answer, at the edges of each rule, against a real
 * HTTP server on the loopback that answers what the test tells it: which statuses accept, retry
 * or fail, {@code Retry-After}, how much of a body a reason quotes; and what the platform
 * receives. Also the builder's and the provider's limits.
 */
class WebhookDeliveryTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] SECRET = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    private final AtomicReference<HttpEndpoint.Response> answer = new AtomicReference<>();
    private final AtomicReference<JsonNode> received = new AtomicReference<>();
    private final List<AutoCloseable> open = new ArrayList<>();
    private final HttpEndpoint platform;

    WebhookDeliveryTest() throws IOException {
        platform = HttpEndpoint.builder().route("/send", Set.of("POST"), request -> {
            received.set(JSON.readTree(request.bodyText()));
            return answer.get();
        }).start();
    }

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
        platform.close();
    }

    private WebhookChatChannel channel(UnaryOperator<WebhookChatChannel.Builder> settings) throws IOException {
        WebhookChatChannel c = settings.apply(WebhookChatChannel.builder(ChannelContext.builder("chat")
                .sendTimeout(Duration.ofSeconds(5)).build(), platform.uri("/send")).secret(SECRET)).start();
        open.add(c);
        return c;
    }

    private DeliveryResult send(HttpEndpoint.Response response) throws Exception {
        answer.set(response);
        OutboundMessage m = new OutboundMessage("visitor-42", Optional.empty(), "survey-1:prompt",
                Map.of("survey", "survey-1"), new MessageContent.Chat("How did we do?",
                List.of(new QuickReply("Great", "5"), new QuickReply("Bad", "1"))));
        return channel(b -> b).send(m).toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void thePlatformReceivesTheTextTheButtonsAndTheCorrelationIds() throws Exception {
        assertThat(send(HttpEndpoint.Response.json(200, "{\"id\":\"m-1\"}"))).isEqualTo(DeliveryResult.accepted("m-1"));
        assertThat(received.get()).isEqualTo(JSON.readTree("{\"to\":\"visitor-42\",\"text\":\"How did we do?\","
                + "\"buttons\":[{\"label\":\"Great\",\"payload\":\"5\"},{\"label\":\"Bad\",\"payload\":\"1\"}],"
                + "\"correlation\":{\"survey\":\"survey-1\"}}"));
    }

    @Test
    void everyTwoHundredStatusWithAnIdAcceptsAndThreeHundredDoesNot() throws Exception {
        assertThat(send(HttpEndpoint.Response.json(299, "{\"id\":\"m-299\"}"))).isEqualTo(DeliveryResult.accepted("m-299"));
        assertThat(send(HttpEndpoint.Response.json(300, "{\"id\":\"m-300\"}"))).isEqualTo(
                DeliveryResult.failedPermanently("HTTP 300: {\"id\":\"m-300\"}"));
        assertThat(send(HttpEndpoint.Response.json(200, "{\"id\":\" \"}"))).isEqualTo(DeliveryResult.retryLater(
                "the chat platform accepted the message without an id: HTTP 200: {\"id\":\" \"}"));
        assertThat(send(HttpEndpoint.Response.json(200, "{\"id\":7}"))).isEqualTo(DeliveryResult.retryLater(
                "the chat platform accepted the message without an id: HTTP 200: {\"id\":7}"));
        assertThat(send(HttpEndpoint.Response.text(200, "ok"))).isEqualTo(DeliveryResult.retryLater(
                "the chat platform accepted the message with a body that is not JSON: HTTP 200: ok"));
    }

    @Test
    void fiveHundredAndUpAndTheThrottlingStatusesAreRetriedAndOtherRefusalsAreFinal() throws Exception {
        assertThat(send(HttpEndpoint.Response.json(500, "{}"))).isEqualTo(DeliveryResult.retryLater("HTTP 500: {}"));
        assertThat(send(HttpEndpoint.Response.json(408, "{}"))).isEqualTo(DeliveryResult.retryLater("HTTP 408: {}"));
        assertThat(send(HttpEndpoint.Response.json(425, "{}"))).isEqualTo(DeliveryResult.retryLater("HTTP 425: {}"));
        assertThat(send(HttpEndpoint.Response.json(429, "{}"))).isEqualTo(DeliveryResult.retryLater("HTTP 429: {}"));
        assertThat(send(HttpEndpoint.Response.json(499, "{}"))).isEqualTo(
                DeliveryResult.failedPermanently("HTTP 499: {}"));
        assertThat(send(HttpEndpoint.Response.json(400, "{}"))).isEqualTo(
                DeliveryResult.failedPermanently("HTTP 400: {}"));
    }

    @Test
    void retryAfterInSecondsFromZeroOnIsTheDelayAndAnythingElseIsIgnored() throws Exception {
        assertThat(send(HttpEndpoint.Response.json(503, "{}").withHeader("Retry-After", "0")))
                .isEqualTo(DeliveryResult.retryAfter(Duration.ZERO, "HTTP 503: {}"));
        assertThat(send(HttpEndpoint.Response.json(429, "{}").withHeader("Retry-After", " 120 ")))
                .isEqualTo(DeliveryResult.retryAfter(Duration.ofMinutes(2), "HTTP 429: {}"));
        assertThat(send(HttpEndpoint.Response.json(503, "{}").withHeader("Retry-After", "-1")))
                .isEqualTo(DeliveryResult.retryLater("HTTP 503: {}"));
        assertThat(send(HttpEndpoint.Response.json(503, "{}").withHeader("Retry-After", "Wed, 21 Oct 2026 07:28:00 GMT")))
                .isEqualTo(DeliveryResult.retryLater("HTTP 503: {}"));
    }

    @Test
    void aReasonQuotesTwoHundredCharactersOfTheBodyAtMost() throws Exception {
        String exactly = "e".repeat(200);
        assertThat(send(HttpEndpoint.Response.text(404, exactly)))
                .isEqualTo(DeliveryResult.failedPermanently("HTTP 404: " + exactly));
        assertThat(send(HttpEndpoint.Response.text(404, exactly + "f")))
                .isEqualTo(DeliveryResult.failedPermanently("HTTP 404: " + exactly + "…"));
    }

    @Test
    void theBuilderTakesEachSettingAtBothEndsOfItsRange() throws IOException {
        assertThat(channel(b -> b.secret(new byte[WebhookChatChannel.MIN_SECRET_BYTES]).tolerance(Duration.ofSeconds(1))
                .maxButtons(0)).capabilities().maxButtons()).isZero();
        assertThat(channel(b -> b.tolerance(WebhookChatChannel.MAX_TOLERANCE).maxButtons(100)).capabilities()
                .maxButtons()).isEqualTo(100);
        assertThatThrownBy(() -> channel(b -> b.secret(new byte[WebhookChatChannel.MIN_SECRET_BYTES - 1])))
                .hasMessage("Invalid configuration: webhook.secret = (hidden, 31 bytes): must be at least 32 random bytes");
        assertThatThrownBy(() -> channel(b -> b.tolerance(Duration.ofMillis(999))))
                .hasMessage("Invalid configuration: webhook.tolerance = PT0.999S: must be between PT1S and PT5M");
        assertThatThrownBy(() -> channel(b -> b.tolerance(Duration.ofMinutes(5).plusMillis(1))))
                .hasMessage("Invalid configuration: webhook.tolerance = PT5M0.001S: must be between PT1S and PT5M");
        assertThatThrownBy(() -> channel(b -> b.maxButtons(-1)))
                .hasMessage("Invalid configuration: maxButtons = -1: must be between 0 and 100");
        assertThatThrownBy(() -> channel(b -> b.maxButtons(101)))
                .hasMessage("Invalid configuration: maxButtons = 101: must be between 0 and 100");
    }

    @Test
    void theProviderReadsItsSettings() throws Exception {
        WebhookChatProvider provider = new WebhookChatProvider();
        assertThat(provider.type()).isEqualTo("webhook-chat");
        Channel byDefault = provider.create(ChannelContext.builder("chat").setting("send.url", platform.uri("/send")
                .toString()).setting("webhook.secret", new String(SECRET, StandardCharsets.US_ASCII)).build());
        open.add((AutoCloseable) byDefault);
        assertThat(byDefault.capabilities().maxButtons()).isEqualTo(10);
        Channel unsigned = provider.create(ChannelContext.builder("chat").setting("send.url", platform.uri("/send")
                .toString()).setting("webhook.unsigned", " true ").setting("maxButtons", " 3 ").build());
        open.add((AutoCloseable) unsigned);
        assertThat(unsigned.capabilities().maxButtons()).isEqualTo(3);
        assertThatThrownBy(() -> provider.create(ChannelContext.builder("chat").setting("send.url", "http://127.0.0.1:9/s")
                .setting("webhook.unsigned", "yes").build()))
                .hasMessage("settings.webhook.unsigned = \"yes\": must be true or false");
        assertThatThrownBy(() -> provider.create(ChannelContext.builder("chat").setting("send.url", "http://127.0.0.1:9/s")
                .setting("webhook.secret", new String(SECRET, StandardCharsets.US_ASCII)).setting("webhook.unsigned", "false")
                .setting("maxButtons", "x").build())).isInstanceOf(IllegalArgumentException.class);
    }
}
