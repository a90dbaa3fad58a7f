package dev.csatkit.channels.webhook;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.csatkit.InvalidConfigurationException;
import dev.csatkit.Violation;
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
import dev.csatkit.channels.support.BaseChannel;
import dev.csatkit.channels.support.HttpEndpoint;
import dev.csatkit.channels.support.HttpEndpoint.Request;
import dev.csatkit.channels.support.HttpEndpoint.Response;
import dev.csatkit.channels.support.Masking;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chat over webhooks: messages are posted as JSON to the chat platform's send URL, and the
 * platform posts customers' replies as JSON to the channel's webhook.
 *
 * <p>Outbound: {@code POST <sendUrl>} with header {@code Idempotency-Key} and body
 * {@code {"to","text","buttons":[{"label","payload"}],"correlation":{...}}}; a 2xx answer with
 * {@code {"id"}} is accepted; 408, 425, 429 and 5xx are retried later (honouring
 * {@code Retry-After} in seconds); any other 4xx fails permanently.
 *
 * <p>Inbound: {@code POST /webhook} with {@code Content-Type: application/json} and exactly one
 * JSON object, {@code {"id","from","to","text"}} or {@code {"id","from","to","payload"}} for a
 * tapped button, nothing after it. The call must be signed ({@link WebhookSignature}: header
 * {@value #SIGNATURE_HEADER}, {@code t=…,v1=…} over the raw body) with a secret of at least
 * {@value #MIN_SECRET_BYTES} bytes, and its timestamp must be within five minutes of the channel's
 * clock. A call repeated within those five minutes carries the same reply id, which the engine
 * records as a duplicate (it keeps ids far longer than five minutes); a call repeated later is
 * refused for its timestamp, so no recorded call can be replayed once its id is forgotten. Answers
 * 200, 400 naming the bad field, 401 (unsigned, forged, or outside the tolerance), 405, 413 (over
 * 64 KiB) or 415 (not JSON).
 *
 * <p>Without a secret the channel does not start: anyone who can reach the webhook could then
 * rate any customer's survey. {@link Builder#unsignedForLocalDevelopment()} starts it unsigned
 * anyway, for local development, and logs a warning when it starts.
 */
public final class WebhookChatChannel extends BaseChannel {

    /** The header carrying the webhook call's signature. */
    public static final String SIGNATURE_HEADER = "Csat-Signature";
    /** The path of the inbound webhook. */
    public static final String WEBHOOK_PATH = "/webhook";
    /** The fewest secret bytes accepted: HMAC-SHA256 wants a key as long as its output. */
    public static final int MIN_SECRET_BYTES = 32;
    /** The longest a signed call may be from the channel's clock, either way. */
    public static final Duration MAX_TOLERANCE = Duration.ofMinutes(5);

    private static final Logger LOG = LoggerFactory.getLogger(WebhookChatChannel.class);
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();

    private final URI sendUrl;
    private final HttpClient http;
    private final HttpEndpoint webhook;
    private final byte @Nullable [] secret;
    private final Duration tolerance;

    private WebhookChatChannel(Builder b) throws IOException {
        super(b.context, ChannelKind.CHAT, ChannelCapabilities.chat(b.maxButtons));
        this.sendUrl = Objects.requireNonNull(b.sendUrl, "sendUrl");
        this.secret = b.secret;
        this.tolerance = b.tolerance;
        this.http = HttpClient.newBuilder().connectTimeout(context.sendTimeout()).build();
        this.webhook = b.http.name("webhook-" + context.channelId()).route(WEBHOOK_PATH, Set.of("POST"), this::receive)
                .errorPage((status, reason) -> error(status, reason)).start();
        if (secret == null) {
            LOG.warn("{}: the webhook at {} accepts UNSIGNED replies: anyone who can reach it can rate any "
                    + "customer's survey. Use this for local development only; give the channel the platform's "
                    + "signing secret everywhere else.", id(), webhook.uri(WEBHOOK_PATH));
        }
    }

    /**
     * Starts configuring a channel.
     *
     * @param context the channel's context
     * @param sendUrl the platform's send URL
     * @return a builder: 10 quick-reply buttons, the webhook on 127.0.0.1 at any free port, no secret yet
     */
    public static Builder builder(ChannelContext context, URI sendUrl) {
        return new Builder(context, sendUrl);
    }

    /** Configures and starts a {@link WebhookChatChannel}. */
    public static final class Builder {
        private final ChannelContext context;
        private final URI sendUrl;
        private final HttpEndpoint.Builder http = HttpEndpoint.builder();
        private int maxButtons = 10;
        private byte @Nullable [] secret;
        private boolean unsigned;
        private Duration tolerance = MAX_TOLERANCE;

        private Builder(ChannelContext context, URI sendUrl) {
            this.context = Objects.requireNonNull(context, "context");
            this.sendUrl = Objects.requireNonNull(sendUrl, "sendUrl");
        }

        /** @param value the platform's quick-reply limit, 0–100 @return this builder */
        public Builder maxButtons(int value) {
            this.maxButtons = value;
            return this;
        }

        /** @param host the address the webhook binds @param port its port, 0 for any free one @return this builder */
        public Builder bind(String host, int port) {
            http.bind(host, port);
            return this;
        }

        /**
         * @param value the secret shared with the platform, at least {@value #MIN_SECRET_BYTES}
         *     random bytes; copied
         * @return this builder
         */
        public Builder secret(byte[] value) {
            this.secret = value.clone();
            return this;
        }

        /**
         * Runs the webhook without signatures: anyone who can reach it can rate any survey. For
         * local development only; a warning is logged when the channel starts.
         *
         * @return this builder
         */
        public Builder unsignedForLocalDevelopment() {
            this.unsigned = true;
            return this;
        }

        /** @param value how far a call's timestamp may be from the clock, 1 s to 5 minutes @return this builder */
        public Builder tolerance(Duration value) {
            this.tolerance = Objects.requireNonNull(value, "tolerance");
            return this;
        }

        /** @param value the time a webhook call has to arrive whole @return this builder */
        public Builder readTimeout(Duration value) {
            http.readTimeout(value);
            return this;
        }

        /** @param value the most connections open at once on the webhook @return this builder */
        public Builder maxConnections(int value) {
            http.maxConnections(value);
            return this;
        }

        /**
         * Checks the settings, starts the webhook and returns the channel.
         *
         * @return the channel
         * @throws InvalidConfigurationException when there is no secret (and unsigned mode was not
         *     chosen), the secret is short, both were given, or the tolerance is out of range
         * @throws IOException when the webhook's port cannot be bound
         */
        public WebhookChatChannel start() throws IOException {
            List<Violation> problems = new ArrayList<>();
            byte[] s = secret;
            if (s == null && !unsigned) {
                problems.add(Violation.of("webhook.secret", null, "must be given: at least " + MIN_SECRET_BYTES
                        + " bytes shared with the chat platform, which signs every reply with it (for local "
                        + "development only, unsignedForLocalDevelopment() runs without)"));
            } else if (s != null && unsigned) {
                problems.add(new Violation("webhook.secret", "(hidden)",
                        "must not be given when the webhook runs unsigned; choose one"));
            } else if (s != null && s.length < MIN_SECRET_BYTES) {
                problems.add(new Violation("webhook.secret", "(hidden, " + s.length + " bytes)",
                        "must be at least " + MIN_SECRET_BYTES + " random bytes"));
            }
            if (tolerance.compareTo(Duration.ofSeconds(1)) < 0 || tolerance.compareTo(MAX_TOLERANCE) > 0) {
                problems.add(Violation.of("webhook.tolerance", tolerance, "must be between PT1S and PT5M"));
            }
            if (maxButtons < 0 || maxButtons > 100) {
                problems.add(Violation.of("maxButtons", maxButtons, "must be between 0 and 100"));
            }
            if (!problems.isEmpty()) {
                throw new InvalidConfigurationException(problems);
            }
            return new WebhookChatChannel(this);
        }
    }

    /** @return the URL the platform should post replies to */
    public URI webhookUri() {
        return webhook.uri(WEBHOOK_PATH);
    }

    /** @return whether inbound calls must be signed */
    public boolean signed() {
        return secret != null;
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
            JsonNode id;
            try {
                id = JSON.readTree(response.body()).get("id");
            } catch (JsonProcessingException e) {
                return DeliveryResult.retryLater("the chat platform accepted the message with a body that is not JSON: "
                        + detail);
            }
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

    private Response receive(Request request) {
        Optional<String> type = request.mediaType();
        if (!type.equals(Optional.of("application/json"))
                || request.charset().map(c -> !c.equals("utf-8")).orElse(false)) {
            return refuse(415, "the body must be sent as application/json in UTF-8");
        }
        byte[] body = request.body();
        byte[] key = secret;
        if (key != null) {
            String header = request.header(SIGNATURE_HEADER).orElse(null);
            Instant now = context.clock().instant();
            WebhookSignature.Verdict verdict = WebhookSignature.verify(key, header, body, now, tolerance);
            switch (verdict) {
                case MALFORMED:
                    return refuse(401, "missing or malformed " + SIGNATURE_HEADER + " (t=<unix seconds>,v1=<hex HMAC-SHA256>)");
                case OUTSIDE_TOLERANCE:
                    return refuse(401, "the signature's timestamp is more than " + tolerance.toSeconds()
                            + " s from now; sign each call when it is sent");
                case MISMATCH:
                    return refuse(401, "the signature does not match the body");
                default:
                    break;
            }
        }
        InboundReply reply;
        try {
            reply = parse(JSON.readTree(request.bodyText()));
        } catch (JsonProcessingException e) {
            // The parser's message can quote the body: it is not passed on.
            return refuse(400, "the body must be exactly one well-formed JSON object");
        } catch (IllegalArgumentException e) {
            return refuse(400, String.valueOf(e.getMessage()));
        }
        context.inbound().onReply(reply);
        return Response.json(200, "{\"status\":\"ok\"}");
    }

    private Response refuse(int status, String reason) {
        LOG.warn("{}: refused a webhook call ({}): {}", id(), status, Masking.text(reason));
        return error(status, reason);
    }

    private static Response error(int status, String reason) {
        return Response.json(status, JSON.createObjectNode().put("error", Masking.text(reason)).toString());
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

    /** Stops the webhook and the send threads. */
    @Override
    public void close() {
        webhook.close();
        super.close();
    }
}
