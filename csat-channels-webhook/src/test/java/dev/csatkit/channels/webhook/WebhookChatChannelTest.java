package dev.csatkit.channels.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.csatkit.InvalidConfigurationException;
import dev.csatkit.channels.spi.Channel;
import dev.csatkit.channels.spi.ChannelContext;
import dev.csatkit.channels.spi.DeliveryResult;
import dev.csatkit.channels.spi.InboundReply;
import dev.csatkit.channels.spi.MessageContent;
import dev.csatkit.channels.spi.OutboundMessage;
import dev.csatkit.channels.spi.QuickReply;
import dev.csatkit.channels.spi.ReplyContent;
import dev.csatkit.channels.support.HttpEndpoint;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The webhook chat channel against the channel test kit, with a chat platform on 127.0.0.1 that
 * signs its calls, and as a hostile client sees its webhook.
 */
class WebhookChatChannelTest extends ChannelContractTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    static final byte[] SECRET = "a-webhook-secret-of-32-bytes-or-more!".getBytes(StandardCharsets.UTF_8);
    private static final String ISSUE_BODY = "{\"id\":\"x\",\"from\":\"visitor-42\",\"to\":\"any\",\"text\":\"1 terrible agent\"}";

    /** The chat platform: a real HTTP server on the loopback that records what it accepted. */
    static final class Platform implements AutoCloseable {
        final List<JsonNode> accepted = new CopyOnWriteArrayList<>();
        final AtomicReference<ProviderFault> nextFault = new AtomicReference<>();
        final CountDownLatch release = new CountDownLatch(1);
        final HttpEndpoint http;

        Platform() throws IOException {
            http = HttpEndpoint.builder().route("/send", Set.of("POST"), request -> {
                ProviderFault fault = nextFault.getAndSet(null);
                if (fault == ProviderFault.HANG) {
                    release.await();
                    return HttpEndpoint.Response.json(504, "{}");
                }
                if (fault == ProviderFault.TRANSIENT) {
                    return HttpEndpoint.Response.json(503, "{\"error\":\"overloaded\"}").withHeader("Retry-After", "7");
                }
                if (fault == ProviderFault.PERMANENT) {
                    return HttpEndpoint.Response.json(404, "{\"error\":\"no such user\"}");
                }
                ObjectNode record = (ObjectNode) JSON.readTree(request.bodyText());
                record.put("idempotencyKey", request.header("Idempotency-Key").orElse(""));
                accepted.add(record);
                return HttpEndpoint.Response.json(200, "{\"id\":\"msg-" + UUID.randomUUID() + "\"}");
            }).workers(16).start();
        }

        @Override
        public void close() {
            release.countDown();
            http.close();
        }
    }

    /** A clock the test moves by hand. */
    static final class HandClock extends Clock {
        private volatile Instant now;

        HandClock(Instant start) {
            now = start;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final Platform platform;
    private WebhookChatChannel chat;
    private final List<WebhookChatChannel> others = new ArrayList<>();
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    WebhookChatChannelTest() throws IOException {
        platform = new Platform();
    }

    @AfterEach
    void stopPlatform() {
        others.forEach(WebhookChatChannel::close);
        platform.close();
    }

    @Override
    protected Channel createChannel(ChannelContext context) throws IOException {
        chat = WebhookChatChannel.builder(context, platform.http.uri("/send")).maxButtons(5).secret(SECRET).start();
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
        byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> r = post(chat, "application/json; charset=utf-8", bytes,
                WebhookSignature.sign(SECRET, NOW, bytes));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }

    private HttpResponse<String> post(WebhookChatChannel to, String contentType, byte[] body, String signature)
            throws Exception {
        HttpRequest.Builder req = HttpRequest.newBuilder(to.webhookUri()).timeout(Duration.ofSeconds(5))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            req.header("Content-Type", contentType);
        }
        if (signature != null) {
            req.header(WebhookChatChannel.SIGNATURE_HEADER, signature);
        }
        return client.send(req.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private HttpResponse<String> signed(String body) throws Exception {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return post(chat, "application/json", bytes, WebhookSignature.sign(SECRET, NOW, bytes));
    }

    private WebhookChatChannel another(ChannelContext context, WebhookChatChannel.Builder b) throws IOException {
        WebhookChatChannel c = b.start();
        others.add(c);
        return c;
    }

    // ---- beyond the kit -------------------------------------------------------------------

    @Test
    void anUnsignedWebhookDoesNotStartByDefault() {
        ChannelContext ctx = ChannelContext.builder("chat").build();
        assertThatThrownBy(() -> WebhookChatChannel.builder(ctx, platform.http.uri("/send")).start())
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageStartingWith("Invalid configuration: webhook.secret = (missing): must be given: at least 32 "
                        + "bytes shared with the chat platform");
        assertThatThrownBy(() -> WebhookChatChannel.builder(ctx, platform.http.uri("/send"))
                .secret("short secret".getBytes(StandardCharsets.UTF_8)).start())
                .hasMessage("Invalid configuration: webhook.secret = (hidden, 12 bytes): must be at least 32 random bytes");
        assertThatThrownBy(() -> new WebhookChatProvider().create(ChannelContext.builder("chat")
                .setting("send.url", "http://127.0.0.1:9/send").build()))
                .isInstanceOf(InvalidConfigurationException.class);
    }

    @Test
    void anUnsignedReplyIsRefusedAndReachesNobody() throws Exception {
        List<InboundReply> got = new CopyOnWriteArrayList<>();
        WebhookChatChannel c = another(null, WebhookChatChannel.builder(ChannelContext.builder("chat")
                .inbound(got::add).build(), platform.http.uri("/send")).secret(SECRET));
        HttpResponse<String> r = post(c, "application/json", ISSUE_BODY.getBytes(StandardCharsets.UTF_8), null);
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.body()).contains("missing or malformed Csat-Signature");
        HttpResponse<String> old = post(c, "application/json", ISSUE_BODY.getBytes(StandardCharsets.UTF_8),
                "sha256=" + "00".repeat(32));
        assertThat(old.statusCode()).as("the old header form").isEqualTo(401);
        assertThat(got).isEmpty();
    }

    @Test
    void unsignedModeMustBeChosenAndSaysSoInTheLog() throws Exception {
        List<InboundReply> got = new CopyOnWriteArrayList<>();
        WebhookChatChannel c = another(null, WebhookChatChannel.builder(ChannelContext.builder("chat-dev")
                .inbound(got::add).build(), platform.http.uri("/send")).unsignedForLocalDevelopment());
        assertThat(c.signed()).isFalse();
        assertThat(post(c, "application/json", ISSUE_BODY.getBytes(StandardCharsets.UTF_8), null).statusCode())
                .isEqualTo(200);
        assertThat(got).hasSize(1);
        Path log = Path.of("target/tests.log");
        assertThat(Files.readString(log, StandardCharsets.UTF_8)).contains(
                "WARN dev.csatkit.channels.webhook.WebhookChatChannel - chat-dev: the webhook at http://127.0.0.1:"
                + c.webhookUri().getPort() + "/webhook accepts UNSIGNED replies");
        assertThatThrownBy(() -> WebhookChatChannel.builder(ChannelContext.builder("chat").build(),
                platform.http.uri("/send")).unsignedForLocalDevelopment().secret(SECRET).start())
                .hasMessageContaining("must not be given when the webhook runs unsigned");
    }

    @Test
    void theSignatureCoversTheBytesReceived() throws Exception {
        // Two bodies that decode to the same text (each invalid byte becomes U+FFFD) but differ as bytes.
        byte[] signedBody = "{\"id\":\"b1\",\"from\":\"u\",\"to\":\"b\",\"text\":\"5 \u00ff\"}".getBytes(StandardCharsets.ISO_8859_1);
        byte[] sentBody = signedBody.clone();
        sentBody[sentBody.length - 3] = (byte) 0xFE;
        String signature = WebhookSignature.sign(SECRET, NOW, signedBody);
        assertThat(post(chat, "application/json", sentBody, signature).statusCode()).isEqualTo(401);
        assertThat(post(chat, "application/json", signedBody, signature).statusCode())
                .as("signed, but not UTF-8").isEqualTo(400);
    }

    @Test
    void aSignedCallCannotBeReplayedOnceOutsideTheTolerance() throws Exception {
        HandClock clock = new HandClock(NOW);
        List<InboundReply> got = new CopyOnWriteArrayList<>();
        WebhookChatChannel c = another(null, WebhookChatChannel.builder(ChannelContext.builder("chat")
                .clock(clock).inbound(got::add).build(), platform.http.uri("/send")).secret(SECRET));
        byte[] body = "{\"id\":\"r1\",\"from\":\"visitor-42\",\"to\":\"bot\",\"text\":\"5\"}".getBytes(StandardCharsets.UTF_8);
        String signature = WebhookSignature.sign(SECRET, clock.instant(), body);

        assertThat(post(c, "application/json", body, signature).statusCode()).isEqualTo(200);
        clock.advance(Duration.ofMinutes(4));
        assertThat(post(c, "application/json", body, signature).statusCode()).as("within the tolerance").isEqualTo(200);
        assertThat(got).as("a repeat within the tolerance keeps its reply id, which the engine drops as a duplicate")
                .hasSize(2).extracting(InboundReply::providerMessageId).containsOnly("r1");

        clock.advance(Duration.ofMinutes(1).plusSeconds(1));
        HttpResponse<String> replay = post(c, "application/json", body, signature);
        assertThat(replay.statusCode()).as("replayed after the tolerance").isEqualTo(401);
        assertThat(replay.body()).contains("more than 300 s from now");
        assertThat(post(c, "application/json", body, WebhookSignature.sign(SECRET, clock.instant().plus(Duration.ofMinutes(6)),
                body)).statusCode()).as("signed in the future").isEqualTo(401);
        assertThat(got).as("nothing outside the tolerance was handed on").hasSize(2);
        // The platform's redelivery, signed afresh, is accepted (the engine drops its repeated id).
        assertThat(post(c, "application/json", body, WebhookSignature.sign(SECRET, clock.instant(), body)).statusCode())
                .isEqualTo(200);
        assertThat(got).hasSize(3);
    }

    @Test
    void onlyOneJsonObjectOfTypeJsonIsRead() throws Exception {
        String one = "{\"id\":\"w9\",\"from\":\"u\",\"to\":\"b\",\"text\":\"5\"}";
        assertThat(signed(one + " {\"id\":\"w10\"}").statusCode()).as("trailing data").isEqualTo(400);
        assertThat(signed(one + "garbage").statusCode()).isEqualTo(400);
        assertThat(signed("{\"id\":\"w9\",\"id\":\"w11\",\"from\":\"u\",\"to\":\"b\",\"text\":\"5\"}").statusCode())
                .as("a repeated field").isEqualTo(400);
        byte[] bytes = one.getBytes(StandardCharsets.UTF_8);
        String sig = WebhookSignature.sign(SECRET, NOW, bytes);
        assertThat(post(chat, "text/plain", bytes, sig).statusCode()).isEqualTo(415);
        assertThat(post(chat, null, bytes, sig).statusCode()).isEqualTo(415);
        assertThat(post(chat, "application/json; charset=iso-8859-1", bytes, sig).statusCode()).isEqualTo(415);
        byte[] big = ("{\"id\":\"w12\",\"from\":\"u\",\"to\":\"b\",\"text\":\"" + "x".repeat(70_000) + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        assertThat(post(chat, "application/json", big, WebhookSignature.sign(SECRET, NOW, big)).statusCode())
                .as("over 64 KiB").isEqualTo(413);
        assertThat(client.send(HttpRequest.newBuilder(chat.webhookUri()).GET().build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(405);
        assertThat(client.send(HttpRequest.newBuilder(URI.create(chat.webhookUri() + "/extra"))
                .POST(HttpRequest.BodyPublishers.ofString(one)).build(), HttpResponse.BodyHandlers.ofString())
                .statusCode()).as("exact path").isEqualTo(404);
        assertThat(signed(one).statusCode()).isEqualTo(200);
    }

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
    void malformedWebhooksAreRefusedNamingTheFieldWithoutPersonalData() throws Exception {
        HttpResponse<String> both = signed("{\"id\":\"w1\",\"from\":\"u\",\"to\":\"b\",\"text\":\"5\",\"payload\":\"csat:5\"}");
        assertThat(both.statusCode()).isEqualTo(400);
        assertThat(both.body()).isEqualTo("{\"error\":\"exactly one of \\\"text\\\" and \\\"payload\\\" must be given\"}");
        assertThat(signed("{\"from\":\"u\",\"to\":\"b\",\"text\":\"5\"}").body()).contains("\\\"id\\\" must be a non-blank string");
        assertThat(signed("[1,2]").body()).contains("the body must be a JSON object");
        assertThat(signed("{\"id\":\"w2\",\"from\":\"+44 7700 900123\",\"to\":\"b\",\"text\":7}").body())
                .contains("\\\"text\\\" must be a string");
        HttpResponse<String> bad = signed("{\"id\":\"w3\",\"from\":\"jane.roe@example.com\\u0007\",\"to\":\"b\",\"text\":\"Jane was rude\"}");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("sender = \\\"j***@e***.com").doesNotContain("roe").doesNotContain("rude");
        HttpResponse<String> broken = signed("{\"id\":\"w4\",\"text\":\"Jane Roe was rude, call +447700900123\"");
        assertThat(broken.body()).isEqualTo("{\"error\":\"the body must be exactly one well-formed JSON object\"}");
    }

    @Test
    void anUnreachablePlatformIsRetriedLater() throws Exception {
        ChannelContext ctx = ChannelContext.builder("chat-down").sendTimeout(Duration.ofSeconds(2)).build();
        URI closed;
        try (Platform gone = new Platform()) {
            closed = gone.http.uri("/send");
        }
        WebhookChatChannel down = another(ctx, WebhookChatChannel.builder(ctx, closed).maxButtons(3).secret(SECRET));
        DeliveryResult r = down.send(OutboundMessage.of("user-1", "k1", new MessageContent.Chat("Rate us", List.of())))
                .toCompletableFuture().get(5, TimeUnit.SECONDS);
        assertThat(r).isInstanceOfSatisfying(DeliveryResult.RetryLater.class, retry ->
                assertThat(retry.reason()).startsWith("the chat platform could not be reached"));
    }

    @Test
    void theProviderCreatesTheChannelFromSettings() throws Exception {
        WebhookChatChannel c = (WebhookChatChannel) new WebhookChatProvider().create(ChannelContext.builder("chat-1")
                .setting("send.url", "http://127.0.0.1:9/send").setting("maxButtons", "3")
                .setting("webhook.secret", new String(SECRET, StandardCharsets.UTF_8)).build());
        others.add(c);
        assertThat(c.capabilities().maxButtons()).isEqualTo(3);
        assertThat(c.signed()).isTrue();
    }
}
