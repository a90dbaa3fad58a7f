package dev.csatkit.examples.channels;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import dev.csatkit.channel.PhoneNumber;
import dev.csatkit.channels.spi.ChannelCapabilities;
import dev.csatkit.channels.spi.ChannelContext;
import dev.csatkit.channels.spi.ChannelKind;
import dev.csatkit.channels.spi.DeliveryResult;
import dev.csatkit.channels.spi.InboundReply;
import dev.csatkit.channels.spi.MessageContent;
import dev.csatkit.channels.spi.OutboundMessage;
import dev.csatkit.channels.spi.QuickReply;
import dev.csatkit.channels.spi.ReplyContent;
import dev.csatkit.internal.channel.Masking;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chat over webhooks: messages are posted as JSON to the chat platform's send URL, and the
 * platform posts customers' replies as JSON to an endpoint on the JDK's HTTP server.
 *
 * <p>Outbound: {@code POST <sendUrl>} with header {@code Idempotency-Key} and body
 * {@code {"to","text","buttons":[{"label","payload"}],"correlation":{...}}}; a 2xx answer with
 * {@code {"id"}} is accepted; 408, 425, 429 and 5xx are retried later (honouring
 * {@code Retry-After} in seconds); any other 4xx fails permanently.
 *
 * <p>Inbound: {@code POST /webhook} with {@code {"id","from","to","text"}} or
 * {@code {"id","from","to","payload"}} for a tapped button. When a secret is configured, the
 * body must be signed: header {@value #SIGNATURE_HEADER} {@code sha256=<hex HMAC-SHA256 of the
 * body>}. Answers 200, 400 naming the bad field, or 401.
 */
public final class WebhookChatChannel extends ReferenceChannel {

    /** The header carrying the webhook body's signature. */
    public static final String SIGNATURE_HEADER = "X-Signature";
    /** The path of the inbound webhook. */
    public static final String WEBHOOK_PATH = "/webhook";

    private static final Logger LOG = LoggerFactory.getLogger(WebhookChatChannel.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI sendUrl;
    private final HttpClient http;
    private final HttpEndpoint webhook;
    private final byte @Nullable [] secret;

    /**
     * Creates the channel and starts its webhook.
     *
     * @param context the channel's context
     * @param maxButtons the platform's quick-reply limit
     * @param sendUrl the platform's send URL
     * @param webhookHost the address the webhook binds, such as {@code 127.0.0.1}
     * @param webhookPort the webhook's port, 0 for any free port
     * @param webhookSecret the shared secret that signs inbound bodies, if the platform signs
     * @throws IOException when the webhook's port cannot be bound
     */
    public WebhookChatChannel(ChannelContext context, int maxButtons, URI sendUrl, String webhookHost, int webhookPort,
            Optional<String> webhookSecret) throws IOException {
        super(context, ChannelKind.CHAT, ChannelCapabilities.chat(maxButtons));
        this.sendUrl = Objects.requireNonNull(sendUrl, "sendUrl");
        this.secret = webhookSecret.map(s -> s.getBytes(StandardCharsets.UTF_8)).orElse(null);
        this.http = HttpClient.newBuilder().connectTimeout(context.sendTimeout()).build();
        this.webhook = new HttpEndpoint(webhookHost, webhookPort, WEBHOOK_PATH, this::receive);
    }

    /** @return the URL the platform should post replies to */
    public URI webhookUri() {
        return webhook.uri();
    }

    @Override
    protected DeliveryResult deliver(OutboundMessage message) throws IOException, InterruptedException {
        MessageContent.Chat chat = (MessageContent.Chat) message.content();
        ObjectNode body = JSON.createObjectNode().put("to", message.recipient()).put("text", chat.text());
        ArrayNode buttons = body.putArray("buttons");
        for (QuickReply b : chat.buttons()) {
            buttons.addObject().put("label", b.label()).put("payload", b.payload());
        }
        ObjectNode correlation = body.putObject("correlation");
        message.correlationIds().forEach(correlation::put);
        HttpRequest request = HttpRequest.newBuilder(sendUrl)
                .timeout(context.sendTimeout())
                .header("Content-Type", "application/json; charset=utf-8")
                .header("Idempotency-Key", message.idempotencyKey())
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body), StandardCharsets.UTF_8))
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            return DeliveryResult.retryLater("the chat platform could not be reached: " + Masking.text(e.toString()));
        }
        int status = response.statusCode();
        String detail = "HTTP " + status + ": " + Masking.text(abbreviate(response.body()));
        if (status >= 200 && status < 300) {
            JsonNode id = JSON.readTree(response.body()).get("id");
            if (id == null || !id.isTextual() || id.asText().isBlank()) {
                return DeliveryResult.retryLater("the chat platform accepted the message without an id: " + detail);
            }
            return DeliveryResult.accepted(id.asText());
        }
        if (status == 408 || status == 425 || status == 429 || status >= 500) {
            Optional<Duration> delay = response.headers().firstValue("Retry-After").flatMap(WebhookChatChannel::seconds);
            return delay.isPresent() ? DeliveryResult.retryAfter(delay.get(), detail) : DeliveryResult.retryLater(detail);
        }
        return DeliveryResult.failedPermanently(detail);
    }

    private static Optional<Duration> seconds(String header) {
        try {
            long s = Long.parseLong(header.strip());
            return s >= 0 ? Optional.of(Duration.ofSeconds(s)) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 200 ? s : s.substring(0, 200) + "…";
    }

    private void receive(HttpExchange exchange) throws IOException {
        if (!"POST".equals(exchange.getRequestMethod())) {
            exchange.getResponseHeaders().set("Allow", "POST");
            HttpEndpoint.respond(exchange, 405, "application/json", "{\"error\":\"POST only\"}");
            return;
        }
        String body = HttpEndpoint.body(exchange);
        byte[] key = secret;
        if (key != null && !signatureMatches(key, body, exchange.getRequestHeaders().getFirst(SIGNATURE_HEADER))) {
            HttpEndpoint.respond(exchange, 401, "application/json", "{\"error\":\"bad or missing " + SIGNATURE_HEADER + "\"}");
            return;
        }
        InboundReply reply;
        try {
            reply = parse(JSON.readTree(body));
        } catch (IOException | IllegalArgumentException e) {
            LOG.warn("{}: refused webhook body: {}", id(), Masking.text(e.getMessage()));
            HttpEndpoint.respond(exchange, 400, "application/json",
                    JSON.createObjectNode().put("error", Masking.text(e.getMessage())).toString());
            return;
        }
        context.inbound().onReply(reply);
        HttpEndpoint.respond(exchange, 200, "application/json", "{\"status\":\"ok\"}");
    }

    private InboundReply parse(JsonNode node) {
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("the body must be a JSON object");
        }
        String text = optional(node, "text");
        String payload = optional(node, "payload");
        if ((text == null) == (payload == null)) {
            throw new IllegalArgumentException("exactly one of \"text\" and \"payload\" must be given");
        }
        ReplyContent content = text != null ? new ReplyContent.Text(text) : new ReplyContent.Button(payload);
        String from = required(node, "from").strip();
        // A platform that identifies users by phone number gets them in canonical form.
        String sender = PhoneNumber.tryParse(from).map(PhoneNumber::e164).orElse(from);
        return new InboundReply(id(), sender, required(node, "to").strip(), content, required(node, "id"),
                context.clock().instant());
    }

    private static @Nullable String optional(JsonNode node, String name) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw new IllegalArgumentException("\"" + name + "\" must be a string");
        }
        return v.asText();
    }

    private static String required(JsonNode node, String name) {
        String v = optional(node, name);
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException("\"" + name + "\" must be a non-blank string");
        }
        return v;
    }

    private static boolean signatureMatches(byte[] key, String body, @Nullable String header) {
        if (header == null || !header.startsWith("sha256=")) {
            return false;
        }
        try {
            byte[] given = HexFormat.of().parseHex(header.substring("sha256=".length()));
            return MessageDigest.isEqual(sign(key, body), given);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * Signs a webhook body the way the platform must.
     *
     * @param secret the shared secret
     * @param body the body
     * @return the HMAC-SHA256 of the body
     */
    public static byte[] sign(byte[] secret, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return mac.doFinal(body.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java runtime has HmacSHA256", e);
        }
    }

    /** Stops the webhook and the send threads. */
    @Override
    public void close() {
        webhook.close();
        super.close();
    }
}
