package dev.csatkit.examples.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.csatkit.channels.spi.QuickReply;
import dev.csatkit.channels.support.HttpEndpoint;
import dev.csatkit.channels.webhook.WebhookChatChannel;
import dev.csatkit.channels.webhook.WebhookSignature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A stand-in for a chat platform's messaging API, served in this process on the JDK's HTTP server
 * at 127.0.0.1, so that {@link WebhookChatChannel} runs unchanged: the channel posts messages to
 * it, and it posts customers' replies to the channel's webhook, signed with the shared secret.
 *
 * <p>It answers as a platform would: an id for each message, a 429 with {@code Retry-After} now
 * and then on a survey's first attempt, and a 410 for a conversation that was closed.
 */
final class ChatPlatform implements AutoCloseable {

    /** The path messages are posted to. */
    static final String PATH = "/v1/messages";

    /**
     * One message delivered to a customer.
     *
     * @param to the customer's chat id
     * @param text the text
     * @param buttons the quick replies offered
     */
    record Message(String to, String text, List<QuickReply> buttons) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpEndpoint endpoint;
    private final byte[] secret;
    private final Clock clock;
    private final int throttleOneIn;
    private final Map<String, Message> byKey = new ConcurrentHashMap<>();
    private final Set<String> throttled = ConcurrentHashMap.newKeySet();
    private final Set<String> closed = ConcurrentHashMap.newKeySet();

    /**
     * Starts the platform on a free port of 127.0.0.1.
     *
     * @param secret the secret shared with the channel, which signs webhook bodies
     * @param clock the time the platform signs its calls with
     * @param throttleOneIn about one survey in this many is throttled on its first attempt
     * @throws UncheckedIOException when no port can be bound
     */
    ChatPlatform(byte[] secret, Clock clock, int throttleOneIn) {
        this.secret = secret.clone();
        this.clock = clock;
        this.throttleOneIn = throttleOneIn;
        try {
            this.endpoint = HttpEndpoint.builder().name("chat-platform").route(PATH, Set.of("POST"), this::handle).start();
        } catch (IOException e) {
            throw new UncheckedIOException("the chat platform stand-in could not start on 127.0.0.1", e);
        }
    }

    /** @return the URL {@link WebhookChatChannel} sends to */
    URI sendUri() {
        return endpoint.uri(PATH);
    }

    /**
     * Closes a customer's conversation: messages to it are refused from now on.
     *
     * @param chatId the customer's chat id
     */
    void closeConversation(String chatId) {
        closed.add(chatId);
    }

    private HttpEndpoint.Response handle(HttpEndpoint.Request request) throws IOException {
        String key = request.header("Idempotency-Key").orElse("");
        JsonNode body = JSON.readTree(request.bodyText());
        String to = body.path("to").asText();
        if (closed.contains(to)) {
            return HttpEndpoint.Response.json(410, "{\"error\":\"conversation closed\"}");
        }
        if (key.endsWith(":prompt") && Math.floorMod(key.hashCode(), throttleOneIn) == 0 && throttled.add(key)) {
            return HttpEndpoint.Response.json(429, "{\"error\":\"rate limited\"}").withHeader("Retry-After", "120");
        }
        List<QuickReply> buttons = new ArrayList<>();
        body.path("buttons").forEach(b -> buttons.add(new QuickReply(b.path("label").asText(),
                b.path("payload").asText())));
        byKey.put(key, new Message(to, body.path("text").asText(), buttons));
        return HttpEndpoint.Response.json(200, "{\"id\":\"msg-" + Integer.toHexString(key.hashCode()) + "\"}");
    }

    /**
     * @param idempotencyKey the key a message was sent with
     * @return the message, if the platform delivered it
     */
    Optional<Message> delivered(String idempotencyKey) {
        return Optional.ofNullable(byKey.get(idempotencyKey));
    }

    /**
     * Posts what a customer typed or tapped to the channel's webhook, signed, as the platform
     * does; returns once the channel has handed it on.
     *
     * @param webhook the channel's webhook
     * @param id the platform's id for the reply; the same id again is a redelivery
     * @param from the customer's chat id
     * @param text what they typed, or empty when they tapped a button
     * @param payload the tapped button's payload, or empty when they typed
     * @return the webhook's HTTP status
     */
    int post(URI webhook, String id, String from, Optional<String> text, Optional<String> payload) {
        ObjectNode body = JSON.createObjectNode().put("id", id).put("from", from).put("to", "helpdesk");
        text.ifPresent(t -> body.put("text", t));
        payload.ifPresent(p -> body.put("payload", p));
        String json = body.toString();
        return Browser.post(webhook, Map.of("Content-Type", "application/json; charset=utf-8",
                WebhookChatChannel.SIGNATURE_HEADER,
                WebhookSignature.sign(secret, clock.instant(), json.getBytes(StandardCharsets.UTF_8))), json).status();
    }

    /** Stops serving. */
    @Override
    public void close() {
        endpoint.close();
    }
}
