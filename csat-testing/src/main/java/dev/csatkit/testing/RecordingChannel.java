package dev.csatkit.testing;

import dev.csatkit.channels.spi.Channel;
import dev.csatkit.channels.spi.ChannelCapabilities;
import dev.csatkit.channels.spi.ChannelKind;
import dev.csatkit.channels.spi.DeliveryResult;
import dev.csatkit.channels.spi.InboundListener;
import dev.csatkit.channels.spi.InboundReply;
import dev.csatkit.channels.spi.KeyPress;
import dev.csatkit.channels.spi.MessageContent;
import dev.csatkit.channels.spi.OutboundMessage;
import dev.csatkit.channels.spi.ReplyContent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A channel for tests: it delivers nothing, keeps every message it accepts, and writes the
 * customer's answers as a real adapter of its kind would hand them to the engine.
 *
 * <pre>{@code
 * RecordingChannel sms = RecordingChannel.sms("sms", clock);
 * SurveyEngine engine = SurveyEngine.builder().clock(clock).channel(sms).profile(...).build();
 * engine.decide(call);
 * engine.dispatchDue();
 * sms.lastTo("+447700900123").orElseThrow().text();                      // the survey's prompt
 * ReplyOutcome outcome = engine.receive(sms.textFrom("+447700900123", "5 thanks"));
 * }</pre>
 *
 * <p>One factory per channel kind, with the capabilities a typical provider of that kind has:
 * {@link #sms} (3 segments), {@link #email} (links and HTML), {@link #chat} (10 buttons) and
 * {@link #keypad}. Like a real adapter it honours the idempotency key: a message sent again
 * under an accepted key is answered {@code Accepted} with the first provider id and not recorded
 * twice. {@link #failNext} makes the next send fail as a provider would.
 *
 * <p>The reply builders ({@link #textFrom}, {@link #keysFrom}, {@link #buttonFrom},
 * {@link #linkFrom}) return the {@link InboundReply} to pass to {@code engine.receive}, which
 * returns what the engine made of it; or {@link #connect} the engine's listener and
 * {@link #answer} through it, as an adapter's callback thread would. Thread-safe.
 */
public final class RecordingChannel implements Channel {

    /**
     * One message the channel accepted.
     *
     * @param message the message as the engine sent it
     * @param at when, by the channel's clock
     * @param providerMessageId the id the channel answered with
     */
    public record Sent(OutboundMessage message, Instant at, String providerMessageId) {
        /** Checks that nothing is missing. */
        public Sent {
            Objects.requireNonNull(message, "message");
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(providerMessageId, "providerMessageId");
        }

        /** @return the recipient's address */
        public String to() {
            return message.recipient();
        }

        /**
         * @return the text a person reads or hears first: an SMS's or chat message's text, an
         *     email's plain text, a keypad call's prompt stage
         */
        public String text() {
            MessageContent c = message.content();
            if (c instanceof MessageContent.Sms s) {
                return s.text();
            } else if (c instanceof MessageContent.Chat ch) {
                return ch.text();
            } else if (c instanceof MessageContent.Email e) {
                return e.plainText();
            }
            MessageContent.Keypad k = (MessageContent.Keypad) c;
            return k.stage(dev.csatkit.channels.spi.AudioStage.Phase.PROMPT).map(s -> s.audio()).orElse("");
        }
    }

    private static final Map<ChannelKind, String> OWN_ADDRESS = Map.of(ChannelKind.SMS, "+15550100",
            ChannelKind.VOICE_DTMF, "+15550100", ChannelKind.EMAIL, "surveys@example.com", ChannelKind.CHAT, "csat-bot");

    private final String id;
    private final ChannelKind kind;
    private final ChannelCapabilities capabilities;
    private final Clock clock;
    private final String ownAddress;
    private final List<Sent> sent = new ArrayList<>();
    private final Map<String, String> acceptedKeys = new HashMap<>();
    private final Deque<DeliveryResult> failures = new ArrayDeque<>();
    private final AtomicLong sequence = new AtomicLong();
    private volatile InboundListener listener = InboundListener.ignoring();
    private volatile boolean connected;

    private RecordingChannel(String id, ChannelKind kind, ChannelCapabilities capabilities, Clock clock) {
        this.id = Objects.requireNonNull(id, "id");
        this.kind = Objects.requireNonNull(kind, "kind");
        this.capabilities = Objects.requireNonNull(capabilities, "capabilities");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.ownAddress = OWN_ADDRESS.get(kind);
    }

    /**
     * @param id the channel id, which replies carry and profiles name
     * @param kind the kind
     * @param capabilities what the channel can carry
     * @param clock the clock sends and replies are timed by; the engine's
     * @return a recording channel
     */
    public static RecordingChannel of(String id, ChannelKind kind, ChannelCapabilities capabilities, Clock clock) {
        return new RecordingChannel(id, kind, capabilities, clock);
    }

    /**
     * @param id the channel id
     * @param clock the engine's clock
     * @return an SMS channel of up to 3 segments a message
     */
    public static RecordingChannel sms(String id, Clock clock) {
        return of(id, ChannelKind.SMS, ChannelCapabilities.sms(3), clock);
    }

    /**
     * @param id the channel id
     * @param clock the engine's clock
     * @return an email channel with links and HTML
     */
    public static RecordingChannel email(String id, Clock clock) {
        return of(id, ChannelKind.EMAIL, ChannelCapabilities.email(), clock);
    }

    /**
     * @param id the channel id
     * @param clock the engine's clock
     * @return a chat channel with up to 10 quick-reply buttons
     */
    public static RecordingChannel chat(String id, Clock clock) {
        return of(id, ChannelKind.CHAT, ChannelCapabilities.chat(10), clock);
    }

    /**
     * @param id the channel id
     * @param clock the engine's clock
     * @return a phone-keypad (DTMF) channel
     */
    public static RecordingChannel keypad(String id, Clock clock) {
        return of(id, ChannelKind.VOICE_DTMF, ChannelCapabilities.keypad(), clock);
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public ChannelKind kind() {
        return kind;
    }

    @Override
    public ChannelCapabilities capabilities() {
        return capabilities;
    }

    @Override
    public synchronized CompletionStage<DeliveryResult> send(OutboundMessage message) {
        Objects.requireNonNull(message, "message");
        if (message.kind() != kind) {
            return CompletableFuture.completedFuture(DeliveryResult.failedPermanently(
                    "a " + kind + " channel cannot send " + message.kind() + " content"));
        }
        String earlier = acceptedKeys.get(message.idempotencyKey());
        if (earlier != null) {
            return CompletableFuture.completedFuture(DeliveryResult.accepted(earlier));
        }
        DeliveryResult failure = failures.poll();
        if (failure != null) {
            return CompletableFuture.completedFuture(failure);
        }
        String providerId = id + "-" + sequence.incrementAndGet();
        acceptedKeys.put(message.idempotencyKey(), providerId);
        sent.add(new Sent(message, clock.instant(), providerId));
        return CompletableFuture.completedFuture(DeliveryResult.accepted(providerId));
    }

    /**
     * Makes the next send (not a repeat of an accepted key) answer with this result instead of
     * being accepted; several calls queue up.
     *
     * @param result a {@code RetryLater} or {@code FailedPermanently}
     * @return this channel
     */
    public synchronized RecordingChannel failNext(DeliveryResult result) {
        if (result instanceof DeliveryResult.Accepted) {
            throw new IllegalArgumentException("failNext takes RetryLater or FailedPermanently, not " + result);
        }
        failures.add(Objects.requireNonNull(result, "result"));
        return this;
    }

    /** @return every accepted message, oldest first */
    public synchronized List<Sent> sent() {
        return List.copyOf(sent);
    }

    /**
     * @param recipient an address, as the engine sends to it (E.164 for phones)
     * @return the accepted messages to it, oldest first
     */
    public synchronized List<Sent> sentTo(String recipient) {
        return sent.stream().filter(s -> s.to().equals(recipient)).toList();
    }

    /**
     * @param recipient an address
     * @return the last message accepted for it
     */
    public synchronized Optional<Sent> lastTo(String recipient) {
        List<Sent> to = sentTo(recipient);
        return to.isEmpty() ? Optional.empty() : Optional.of(to.get(to.size() - 1));
    }

    /** Forgets what was sent; accepted keys are still recognised. */
    public synchronized void clear() {
        sent.clear();
    }

    // ------------------------------------------------------------------ the customer's side

    /**
     * A text reply: an SMS, a chat message or an email reply.
     *
     * @param from the customer's address, as the engine sent to it
     * @param text what they wrote
     * @return the reply as the adapter hands it in
     */
    public InboundReply textFrom(String from, String text) {
        return reply(from, new ReplyContent.Text(text));
    }

    /**
     * Keys pressed on a phone keypad, a second apart.
     *
     * @param from the caller's number
     * @param keys the keys, such as {@code "4"} or {@code "10#"}; empty for no input
     * @return the reply as the adapter hands it in
     */
    public InboundReply keysFrom(String from, String keys) {
        List<KeyPress> presses = new ArrayList<>();
        for (int i = 0; i < keys.length(); i++) {
            presses.add(new KeyPress(keys.charAt(i), Duration.ofSeconds(i + 1L)));
        }
        return reply(from, new ReplyContent.Keys(presses));
    }

    /**
     * A chat quick-reply button pressed.
     *
     * @param from the customer's chat address
     * @param payload the button's payload, such as {@code "5"}
     * @return the reply as the adapter hands it in
     */
    public InboundReply buttonFrom(String from, String payload) {
        return reply(from, new ReplyContent.Button(payload));
    }

    /**
     * A rating link in an email, followed and confirmed.
     *
     * @param from the customer's email address
     * @param surveyKey the survey the link belongs to
     * @param value the rating it records
     * @return the reply as the adapter hands it in
     */
    public InboundReply linkFrom(String from, String surveyKey, int value) {
        return reply(from, new ReplyContent.Link(surveyKey, value));
    }

    /**
     * Hands replies to a listener, such as {@code engine.inboundListener()}, for {@link #answer}.
     *
     * @param inbound the listener
     * @return this channel
     */
    public RecordingChannel connect(InboundListener inbound) {
        this.listener = Objects.requireNonNull(inbound, "inbound");
        this.connected = true;
        return this;
    }

    /**
     * Passes a reply to the connected listener, as an adapter's callback would.
     *
     * @param reply a reply from one of the builders
     * @throws IllegalStateException when no listener is connected
     */
    public void answer(InboundReply reply) {
        if (!connected) {
            throw new IllegalStateException("channel " + id + " has no listener: connect(engine.inboundListener())"
                    + " first, or pass the reply to engine.receive(...)");
        }
        listener.onReply(reply);
    }

    private InboundReply reply(String from, ReplyContent content) {
        // To the address the customer last heard from, as a reply to that message would go.
        String to = lastTo(from).flatMap(s -> s.message().sender()).orElse(ownAddress);
        return new InboundReply(id, from, to, content, id + "-in-" + sequence.incrementAndGet(), clock.instant());
    }
}
