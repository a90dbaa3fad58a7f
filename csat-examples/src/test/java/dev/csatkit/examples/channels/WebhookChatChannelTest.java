package dev.csatkit.examples.channels;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.csatkit.channels.spi.Channel;
import dev.csatkit.channels.spi.ChannelContext;
import dev.csatkit.channels.spi.DeliveryResult;
import dev.csatkit.channels.spi.MessageContent;
import dev.csatkit.channels.spi.OutboundMessage;
import dev.csatkit.channels.spi.QuickReply;
import dev.csatkit.channels.spi.ReplyContent;
import dev.csatkit.channels.tck.ChannelContractTest;
import dev.csatkit.channels.tck.CustomerReply;
import dev.csatkit.channels.tck.Delivery;
import dev.csatkit.channels.tck.ProviderFault;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WebhookChatChannelTest extends ChannelContractTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SECRET = "webhook-secret-for-tests";

    /** The chat platform: a real HTTP server on the loopback that records what it accepted. */
    static final class Platform implements AutoCloseable {
        final List<JsonNode> accepted = new CopyOnWriteArrayList<>();
        final AtomicReference<ProviderFault> nextFault = new AtomicReference<>();
        final CountDownLatch release = new CountDownLatch(1);
        final HttpEndpoint http;

        Platform() throws IOException {
            http = new HttpEndpoint("127.0.0.1", 0, "/send", exchange -> {
                String body = HttpEndpoint.body(exchange);
                ProviderFault fault = nextFault.getAndSet(null);
                if (fault == ProviderFault.HANG) {
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return;
                }
                if (fault == ProviderFault.TRANSIENT) {
                    exchange.getResponseHeaders().set("Retry-After", "7");
                    HttpEndpoint.respond(exchange, 503, "application/json", "{\"error\":\"overloaded\"}");
                    return;
                }
                if (fault == ProviderFault.PERMANENT) {
                    HttpEndpoint.respond(exchange, 404, "application/json", "{\"error\":\"no such user\"}");
                    return;
                }
                ObjectNode record = (ObjectNode) JSON.readTree(body);
                record.put("idempotencyKey", exchange.getRequestHeaders().getFirst("Idempotency-Key"));
                accepted.add(record);
                HttpEndpoint.respond(exchange, 200, "application/json", "{\"id\":\"msg-" + UUID.randomUUID() + "\"}");
            });
        }

        @Override
        public void close() {
            release.countDown();
            http.close();
        }
    }

    private final Platform platform;
    private WebhookChatChannel chat;
    private final HttpClient client = HttpClient.newHttpClient();

    WebhookChatChannelTest() throws IOException {
        platform = new Platform();
    }

    @AfterEach
    void stopPlatform() {
        platform.close();
    }

    @Override
    protected Channel createChannel(ChannelContext context) throws IOException {
        chat = new WebhookChatChannel(context, 5, platform.http.uri(), "127.0.0.1", 0, Optional.of(SECRET));
        return chat;
    }

    @Override
    protected List<Delivery> deliveries() {
        List<Delivery> out = new ArrayList<>();
        for (JsonNode r : platform.accepted) {
            List<QuickReply> buttons = new ArrayList<>();
            r.get("buttons").forEach(b -> buttons.add(new QuickReply(b.get("label").asText(), b.get("payload").asText())));
            out.add(new Delivery(r.get("to").asText(), r.get("idempotencyKey").asText(),
                    new MessageContent.Chat(r.get("text").asText(), buttons)));
        }
        return out;
    }

    @Override
    protected OutboundMessage arrangeFault(ProviderFault fault, OutboundMessage message) {
        platform.nextFault.set(fault);
        return message;
    }

    @Override
    protected void replyFromCustomer(CustomerReply reply) throws Exception {
        ObjectNode body = JSON.createObjectNode().put("id", reply.providerMessageId()).put("from", reply.from())
                .put("to", reply.to());
        if (reply.content() instanceof ReplyContent.Button b) {
            body.put("payload", b.payload());
        } else {
            body.put("text", ((ReplyContent.Text) reply.content()).text());
        }
        HttpResponse<String> r = post(body.toString(), true);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }

    private HttpResponse<String> post(String body, boolean signed) throws Exception {
        HttpRequest.Builder req = HttpRequest.newBuilder(chat.webhookUri())
                .header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (signed) {
            req.header(WebhookChatChannel.SIGNATURE_HEADER, "sha256="
                    + HexFormat.of().formatHex(WebhookChatChannel.sign(SECRET.getBytes(StandardCharsets.UTF_8), body)));
        }
        return client.send(req.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    // ---- beyond the kit -------------------------------------------------------------------

    @Test
    void retryAfterBecomesTheSuggestedDelay() throws Exception {
        platform.nextFault.set(ProviderFault.TRANSIENT);
        DeliveryResult r = chat.send(message("delay-1", 1, "Rate us")).toCompletableFuture().get(5, TimeUnit.SECONDS);
        assertThat(r).isInstanceOfSatisfying(DeliveryResult.RetryLater.class, retry -> {
            assertThat(retry.delay()).contains(Duration.ofSeconds(7));
            assertThat(retry.reason()).isEqualTo("HTTP 503: {\"error\":\"overloaded\"}");
        });
    }

    @Test
    void unsignedOrForgedWebhooksAreRefused() throws Exception {
        String body = "{\"id\":\"w1\",\"from\":\"user-1\",\"to\":\"csat-bot\",\"text\":\"5\"}";
        assertThat(post(body, false).statusCode()).isEqualTo(401);
        HttpResponse<String> forged = client.send(HttpRequest.newBuilder(chat.webhookUri())
                .header(WebhookChatChannel.SIGNATURE_HEADER, "sha256=" + "00".repeat(32))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(forged.statusCode()).isEqualTo(401);
        assertThat(post(body, true).statusCode()).isEqualTo(200);
    }

    @Test
    void malformedWebhooksAreRefusedNamingTheField() throws Exception {
        HttpResponse<String> both = post("{\"id\":\"w1\",\"from\":\"u\",\"to\":\"b\",\"text\":\"5\",\"payload\":\"csat:5\"}", true);
        assertThat(both.statusCode()).isEqualTo(400);
        assertThat(both.body()).isEqualTo("{\"error\":\"exactly one of \\\"text\\\" and \\\"payload\\\" must be given\"}");
        HttpResponse<String> noId = post("{\"from\":\"u\",\"to\":\"b\",\"text\":\"5\"}", true);
        assertThat(noId.body()).contains("\\\"id\\\" must be a non-blank string");
        assertThat(post("[1,2]", true).body()).contains("the body must be a JSON object");
        assertThat(post("{\"id\":\"w2\",\"from\":\"+44 20 7946 0958\",\"to\":\"b\",\"text\":7}", true).body())
                .contains("\\\"text\\\" must be a string");
        HttpResponse<String> get = client.send(HttpRequest.newBuilder(chat.webhookUri()).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(get.statusCode()).isEqualTo(405);
    }

    @Test
    void anUnreachablePlatformIsRetriedLater() throws Exception {
        ChannelContext ctx = ChannelContext.builder("chat-down").sendTimeout(Duration.ofSeconds(2)).build();
        URI closed;
        try (Platform gone = new Platform()) {
            closed = gone.http.uri();
        }
        try (WebhookChatChannel down = new WebhookChatChannel(ctx, 3, closed, "127.0.0.1", 0, Optional.empty())) {
            DeliveryResult r = down.send(OutboundMessage.of("user-1", "k1", new MessageContent.Chat("Rate us", List.of())))
                    .toCompletableFuture().get(5, TimeUnit.SECONDS);
            assertThat(r).isInstanceOfSatisfying(DeliveryResult.RetryLater.class, retry ->
                    assertThat(retry.reason()).startsWith("the chat platform could not be reached"));
        }
    }
}
