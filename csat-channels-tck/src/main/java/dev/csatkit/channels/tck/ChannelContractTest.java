package dev.csatkit.channels.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.csatkit.channels.spi.Channel;
import dev.csatkit.channels.spi.ChannelContext;
import dev.csatkit.channels.spi.ChannelKind;
import dev.csatkit.channels.spi.DeliveryResult;
import dev.csatkit.channels.spi.InboundReply;
import dev.csatkit.channels.spi.KeyPress;
import dev.csatkit.channels.spi.MessageContent;
import dev.csatkit.channels.spi.OutboundMessage;
import dev.csatkit.channels.spi.ReplyContent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The channel contract, as tests. Extend this class in your adapter's test sources and implement
 * the four hooks; every test here then runs against your adapter:
 *
 * <pre>{@code
 * class MySmsChannelTest extends ChannelContractTest {
 *     private final FakeSmsProvider provider = FakeSmsProvider.start();   // yours: see below
 *
 *     protected Channel createChannel(ChannelContext context) {
 *         return new MySmsChannel(context, provider.url());
 *     }
 *     protected List<Delivery> deliveries() { return provider.receivedMessages(); }
 *     protected OutboundMessage arrangeFault(ProviderFault fault, OutboundMessage message) {
 *         provider.failNextRequest(fault);
 *         return message;
 *     }
 *     protected void replyFromCustomer(CustomerReply reply) { provider.postInboundWebhook(reply); }
 * }
 * }</pre>
 *
 * <p><b>The provider side is yours to write.</b> The kit cannot know your provider's protocol, so
 * the adapter's author stands up a stand-in for it that the adapter talks to as it would to the
 * real one: best a small server on 127.0.0.1 speaking the provider's HTTP API (the JDK's
 * {@code com.sun.net.httpserver} is enough), an in-process mail server for SMTP, or the provider's
 * own sandbox. It records what arrives ({@link #deliveries()}), can be told to fail the next
 * request ({@link #arrangeFault}) and can call the adapter's inbound side as the provider's
 * webhook would ({@link #replyFromCustomer}). The reference adapters' tests are worked examples:
 * a GreenMail server for SMTP email, an HTTP chat platform for the webhook chat.
 *
 * <p>The kit creates a fresh channel for every test, with the context from
 * {@link #context()}: channel id {@value #CHANNEL_ID}, a clock fixed at {@link #NOW}, the send
 * timeout of {@link #sendTimeout()} and an inbound listener the kit reads. Each failure message
 * says what the adapter must change.
 *
 * <p><b>It fails rather than pass having checked nothing.</b> A test class in which every check
 * was aborted or disabled fails when it ends. The kit is JUnit 5: under a Surefire older than
 * 3.0 (Maven 3.8 picks 2.12.4 when the POM names no version) JUnit 5 does not run at all; then a
 * public test class fails through {@link #testWithTheJUnitPlatform()}, and a package-private one
 * shows "Tests run: 0". Name {@code maven-surefire-plugin} 3.x in your POM.
 */
@ExtendWith(KitRunCheck.class)
@SuppressWarnings("exports")   // KitRunCheck is the kit's own: JUnit instantiates it, no client names it
public abstract class ChannelContractTest {

    /** The id the kit gives the channel under test. */
    public static final String CHANNEL_ID = "tck-channel";

    /** The instant of the kit's fixed clock. */
    public static final Instant NOW = Instant.parse("2025-06-01T10:00:00Z");

    private static final Duration GRACE = Duration.ofSeconds(3);

    private final BlockingQueue<InboundReply> inbound = new LinkedBlockingQueue<>();
    private Channel channel;

    /** For subclasses: an adapter's test class. */
    protected ChannelContractTest() {
    }

    // ---- hooks ---------------------------------------------------------------------------

    /**
     * Creates the adapter under test, connected to its (local, real or recorded) provider.
     *
     * @param context the channel id, clock, send timeout and inbound listener to use
     * @return the channel
     * @throws Exception when the provider side cannot be set up
     */
    protected abstract Channel createChannel(ChannelContext context) throws Exception;

    /**
     * Returns every message the provider received since the channel was created, in the order
     * received, rebuilt from what the provider saw.
     *
     * @return the deliveries
     * @throws Exception when the provider side cannot be read
     */
    protected abstract List<Delivery> deliveries() throws Exception;

    /**
     * Makes the provider fail the next send in the way described, once; the send after it must
     * work again. When the fault is provoked by content rather than by the provider's state (an
     * address the provider refuses), return a changed message; otherwise return it as it is.
     *
     * @param fault the failure to arrange
     * @param message the message the kit is about to send
     * @return the message to send
     * @throws Exception when the fault cannot be arranged
     */
    protected abstract OutboundMessage arrangeFault(ProviderFault fault, OutboundMessage message) throws Exception;

    /**
     * Sends a customer's reply through the provider's real inbound path, and returns once the
     * adapter has handed it to its listener or dropped it.
     *
     * @param reply the reply, as the provider would carry it
     * @throws Exception when the reply cannot be sent
     */
    protected abstract void replyFromCustomer(CustomerReply reply) throws Exception;

    /**
     * @return the send timeout the channel is created with; override to give a slow provider
     *     more time
     */
    protected Duration sendTimeout() {
        return Duration.ofSeconds(1);
    }

    /**
     * @param n a small number
     * @return the n-th recipient address of the channel's kind; override when the provider
     *     accepts only certain addresses
     */
    protected String recipient(int n) {
        return switch (channel.kind()) {
            case SMS, VOICE_DTMF -> "+4420794609" + String.format("%02d", n % 100);
            case EMAIL -> "customer" + n + "@example.com";
            case CHAT -> "user-" + n;
        };
    }

    /**
     * @return the channel's own address, where customers' replies go; override to match the
     *     adapter's configuration
     */
    protected String channelAddress() {
        return switch (channel.kind()) {
            case SMS, VOICE_DTMF -> "+15550100";
            case EMAIL -> "surveys@example.com";
            case CHAT -> "csat-bot";
        };
    }

    /**
     * @param n a small number
     * @return the n-th customer address as the provider writes it in an inbound event, and as
     *     the adapter must normalise it; phone numbers come with separators
     */
    protected Map.Entry<String, String> customerAddress(int n) {
        String canonical = recipient(n);
        if (channel.kind() == ChannelKind.SMS || channel.kind() == ChannelKind.VOICE_DTMF) {
            String d = canonical.substring(1);
            String raw = "+" + d.substring(0, 2) + " (" + d.substring(2, 4) + ") " + d.substring(4, 8) + "-" + d.substring(8);
            return Map.entry(raw, canonical);
        }
        return Map.entry(canonical, canonical);
    }

    /** @return the context the channel is created with */
    protected ChannelContext context() {
        return ChannelContext.builder(CHANNEL_ID)
                .clock(Clock.fixed(NOW, ZoneOffset.UTC))
                .sendTimeout(sendTimeout())
                .inbound(inbound::add)
                .build();
    }

    /** @return the channel under test */
    protected final Channel channel() {
        return channel;
    }

    @BeforeEach
    final void createChannelUnderTest() throws Exception {
        channel = createChannel(context());
        assertThat(channel).as("createChannel must return a channel").isNotNull();
        assertThat(channel.id()).as("Channel.id() must return the id from ChannelContext.channelId()")
                .isEqualTo(CHANNEL_ID);
    }

    @AfterEach
    final void closeChannelUnderTest() throws Exception {
        if (channel instanceof AutoCloseable closeable) {
            closeable.close();
        }
    }

    /**
     * Not a JUnit 5 test: JUnit 5 never calls it. Surefire before 3.0 runs JUnit 5 classes as
     * plain objects, calling their public {@code test…} methods; there this one fails, so that the
     * build says why the kit's checks did not run instead of passing with none.
     *
     * @throws AssertionError always
     */
    public void testWithTheJUnitPlatform() {
        throw new AssertionError("The channel kit's checks are JUnit 5 tests, and this build did not run them on the"
                + " JUnit Platform: it runs test classes as plain objects, as Surefire before 3.0 does (Maven 3.8 uses"
                + " Surefire 2.12.4 unless the POM names a version). Add maven-surefire-plugin 3.x to the POM's"
                + " build plugins.");
    }

    // ---- helpers -------------------------------------------------------------------------

    /**
     * @param key the idempotency key
     * @param n which recipient
     * @param text the text
     * @return a message of the channel's kind
     */
    protected OutboundMessage message(String key, int n, String text) {
        return new OutboundMessage(recipient(n), Optional.empty(), key, Map.of("surveyId", "tck-survey"),
                SampleContent.of(channel.kind(), channel.capabilities(), text));
    }

    private DeliveryResult await(CompletionStage<DeliveryResult> stage, String what) throws Exception {
        Duration limit = sendTimeout().plus(GRACE);
        try {
            DeliveryResult result = stage.toCompletableFuture().get(limit.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(result).as("%s: the stage completed with null; complete it with a DeliveryResult", what).isNotNull();
            return result;
        } catch (TimeoutException e) {
            return fail("%s: the stage did not complete within the send timeout (%s) plus %s. Bound every provider "
                    + "call with the timeout from ChannelContext.sendTimeout() and complete with RetryLater when it "
                    + "passes.", what, sendTimeout(), GRACE);
        } catch (ExecutionException e) {
            return fail("%s: the stage completed exceptionally with %s. Provider errors must complete normally with "
                    + "RetryLater or FailedPermanently.", what, e.getCause());
        }
    }

    private DeliveryResult send(OutboundMessage m, String what) throws Exception {
        CompletionStage<DeliveryResult> stage = channel.send(m);
        assertThat(stage).as("%s: send returned null; return a CompletionStage", what).isNotNull();
        return await(stage, what);
    }

    private static String accepted(DeliveryResult result, String what) {
        if (result instanceof DeliveryResult.Accepted a) {
            return a.providerMessageId();
        }
        return fail("%s: expected Accepted but the adapter answered %s. A working provider must lead to "
                + "Accepted(providerMessageId).", what, result);
    }

    private List<Delivery> deliveriesTo(String recipient) throws Exception {
        return deliveries().stream().filter(d -> d.recipient().equals(recipient)).toList();
    }

    // ---- outbound --------------------------------------------------------------------------

    static Stream<Arguments> scripts() {
        return SampleContent.TEXTS.entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scripts")
    void contentArrivesIntact(String script, String text) throws Exception {
        OutboundMessage m = message("intact-" + Math.abs(script.hashCode()), 1, text);
        accepted(send(m, script + " text"), script + " text");
        List<Delivery> got = deliveriesTo(m.recipient());
        assertThat(got).as("the provider should have received exactly one message for %s after one send; it "
                + "received %d. Check that deliveries() reports what reached the provider.", m.recipient(), got.size())
                .hasSize(1);
        MessageContent received = got.get(0).content();
        assertThat(received).as("the %s text was changed on its way to the provider. Encode UTF-8 end to end "
                + "(HTTP bodies, MIME charsets, console and file writers) and do not trim, normalise or escape "
                + "the content.", script).isEqualTo(m.content());
    }

    @Test
    void idempotencyKeyIsPassedOn() throws Exception {
        OutboundMessage m = message("key-passed-on-0001", 2, "Rate us 1-5");
        accepted(send(m, "a send"), "a send");
        assertThat(deliveriesTo(m.recipient())).as("one delivery expected").hasSize(1);
        assertThat(deliveriesTo(m.recipient()).get(0).idempotencyKey())
                .as("the provider did not receive the message's idempotency key. Pass "
                        + "OutboundMessage.idempotencyKey() to the provider (an Idempotency-Key header, a message "
                        + "header, a client reference) so that it can drop duplicates too.")
                .isEqualTo(m.idempotencyKey());
    }

    @Test
    void aResendWithTheSameKeyIsNotDeliveredTwice() throws Exception {
        OutboundMessage m = message("resend-0001", 3, "Rate us 1-5");
        String first = accepted(send(m, "the first send"), "the first send");
        DeliveryResult second = send(m, "the resend");
        assertThat(second).as("a resend of an accepted key must answer the first send's result, with the same "
                + "provider message id").isEqualTo(DeliveryResult.accepted(first));
        assertThat(deliveriesTo(m.recipient())).as("a resend with an idempotency key that was already accepted "
                + "reached the provider again. Remember accepted keys (for at least as long as the host may retry) "
                + "and answer a repeat with the first result instead of sending.").hasSize(1);
    }

    @Test
    void concurrentResendsWithTheSameKeyAreDeliveredOnce() throws Exception {
        OutboundMessage m = message("resend-concurrent-0001", 4, "Rate us 1-5");
        List<DeliveryResult> results = inParallel(8, i -> m);
        Set<DeliveryResult> distinct = new HashSet<>(results);
        assertThat(distinct).as("8 simultaneous sends with one idempotency key must all answer the same Accepted; "
                + "got %s. Make the check-and-send for a key atomic (one in-flight send per key, the others wait "
                + "for its result).", results).hasSize(1);
        accepted(results.get(0), "simultaneous sends");
        assertThat(deliveriesTo(m.recipient())).as("simultaneous sends with one idempotency key reached the "
                + "provider more than once").hasSize(1);
    }

    @Test
    void differentKeysAreDeliveredSeparately() throws Exception {
        OutboundMessage a = message("separate-a", 5, "Rate us 1-5");
        OutboundMessage b = a.withIdempotencyKey("separate-b");
        String idA = accepted(send(a, "the first key"), "the first key");
        String idB = accepted(send(b, "the second key"), "the second key");
        assertThat(idA).as("two different sends got the same provider message id").isNotEqualTo(idB);
        assertThat(deliveriesTo(a.recipient())).as("two sends of the same content with different idempotency "
                + "keys are two messages; deduplicate by key, never by content").hasSize(2);
    }

    @Test
    void contentOfAnotherKindFailsPermanently() throws Exception {
        OutboundMessage m = new OutboundMessage(recipient(6), Optional.empty(), "wrong-kind-0001", Map.of(),
                SampleContent.ofAnotherKind(channel.kind()));
        DeliveryResult r = send(m, "content of another kind");
        assertThat(r).as("a %s channel was given %s content; answer FailedPermanently naming both kinds",
                channel.kind(), m.kind()).isInstanceOf(DeliveryResult.FailedPermanently.class);
        assertThat(deliveries()).as("content of another kind must not reach the provider").isEmpty();
    }

    // ---- provider errors -----------------------------------------------------------------

    @Test
    void aTransientProviderErrorMeansRetryLaterAndTheRetryIsDelivered() throws Exception {
        OutboundMessage m = arrangeFault(ProviderFault.TRANSIENT, message("transient-0001", 7, "Rate us 1-5"));
        DeliveryResult r = send(m, "a send the provider failed temporarily");
        assertThat(r).as("a temporary provider failure (throttling, outage, 4xx SMTP, 429/503 HTTP, refused "
                + "connection) must answer RetryLater, got %s", r).isInstanceOf(DeliveryResult.RetryLater.class);
        assertThat(deliveriesTo(m.recipient())).as("nothing should have been delivered yet").isEmpty();
        accepted(send(m, "the retry with the same key"), "the retry with the same key after RetryLater "
                + "(do not remember keys whose send did not succeed)");
        assertThat(deliveriesTo(m.recipient())).as("the retry after RetryLater must be delivered, once").hasSize(1);
    }

    @Test
    void aPermanentProviderErrorMeansFailedPermanently() throws Exception {
        OutboundMessage m = arrangeFault(ProviderFault.PERMANENT, message("permanent-0001", 8, "Rate us 1-5"));
        DeliveryResult r = send(m, "a send the provider refused");
        assertThat(r).as("a permanent refusal (unknown or blocked address, 5xx SMTP, 4xx HTTP other than 408/429) "
                + "must answer FailedPermanently with the reason, got %s", r)
                .isInstanceOf(DeliveryResult.FailedPermanently.class);
        assertThat(deliveriesTo(m.recipient())).as("a refused message must not count as delivered").isEmpty();
    }

    @Test
    void aSendNeverBlocksPastItsTimeout() throws Exception {
        OutboundMessage m = arrangeFault(ProviderFault.HANG, message("hang-0001", 9, "Rate us 1-5"));
        long start = System.nanoTime();
        CompletionStage<DeliveryResult> stage = channel.send(m);
        Duration call = Duration.ofNanos(System.nanoTime() - start);
        assertThat(call).as("send() blocked the caller for %s while the provider hung. Return the stage at once "
                + "and talk to the provider on another thread or with a non-blocking client.", call)
                .isLessThan(sendTimeout());
        DeliveryResult r = await(stage, "a send to a provider that does not answer");
        Duration total = Duration.ofNanos(System.nanoTime() - start);
        assertThat(r).as("a send the provider never answered must complete with RetryLater (the outcome is unknown; "
                + "the idempotency key makes the retry safe), got %s", r).isInstanceOf(DeliveryResult.RetryLater.class);
        assertThat(total).as("the timed-out send completed after %s, long past its timeout %s", total, sendTimeout())
                .isLessThan(sendTimeout().plus(GRACE));
    }

    @Test
    void concurrentSendsAreSafe() throws Exception {
        int sends = 32;
        List<DeliveryResult> results = inParallel(sends,
                i -> message("concurrent-" + i, 10 + i, "Message " + i + " — Сообщение " + i + " 😀"));
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < sends; i++) {
            ids.add(accepted(results.get(i), "concurrent send " + i));
        }
        assertThat(ids).as("concurrent sends must get distinct provider message ids").hasSize(sends);
        for (int i = 0; i < sends; i++) {
            OutboundMessage expected = message("concurrent-" + i, 10 + i, "Message " + i + " — Сообщение " + i + " 😀");
            List<Delivery> got = deliveriesTo(expected.recipient());
            assertThat(got).as("concurrent send %d should reach %s once; shared mutable state in the adapter "
                    + "(a shared buffer, a non-thread-safe client) mixes or drops messages", i, expected.recipient())
                    .hasSize(1);
            assertThat(got.get(0).content()).as("concurrent send %d arrived with another send's content", i)
                    .isEqualTo(expected.content());
            assertThat(got.get(0).idempotencyKey()).isEqualTo(expected.idempotencyKey());
        }
    }

    private interface MessageFactory {
        OutboundMessage create(int i);
    }

    private List<DeliveryResult> inParallel(int count, MessageFactory messages) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<CompletionStage<DeliveryResult>>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                OutboundMessage m = messages.create(i);
                futures.add(pool.submit(() -> {
                    start.await();
                    return channel.send(m);
                }));
            }
            start.countDown();
            List<DeliveryResult> results = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                results.add(await(futures.get(i).get(), "concurrent send " + i));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    // ---- inbound ---------------------------------------------------------------------------

    /** @return a reply of each form the channel's kind receives, by name */
    protected Map<String, ReplyContent> sampleReplies() {
        return switch (channel.kind()) {
            case SMS -> Map.of("a digit", new ReplyContent.Text("5"),
                    "text in Cyrillic with emoji", new ReplyContent.Text("Отлично, 5 👍🏽"),
                    "decomposed accents", new ReplyContent.Text("Tre\u0300s bien, cinq"));
            case CHAT -> channel.capabilities().maxButtons() > 0
                    ? Map.of("text", new ReplyContent.Text("４ – 很好 ⭐⭐⭐⭐"), "a button", new ReplyContent.Button("csat:5"))
                    : Map.of("text", new ReplyContent.Text("４ – 很好 ⭐⭐⭐⭐"));
            case VOICE_DTMF -> Map.of(
                    "one key", new ReplyContent.Keys(List.of(new KeyPress('4', Duration.ofMillis(1200)))),
                    "digits then hash", new ReplyContent.Keys(List.of(new KeyPress('1', Duration.ofMillis(800)),
                            new KeyPress('0', Duration.ofMillis(1300)), new KeyPress('#', Duration.ofMillis(2100)))),
                    "star and an invalid key", new ReplyContent.Keys(List.of(new KeyPress('*', Duration.ofMillis(300)),
                            new KeyPress('A', Duration.ofMillis(900)), new KeyPress('9', Duration.ofMillis(14_900)))),
                    "no input", new ReplyContent.Keys(List.of()));
            case EMAIL -> Map.of("a confirmed link", new ReplyContent.Link("tck-survey", 4));
        };
    }

    @Test
    void inboundRepliesAreNormalised() throws Exception {
        int n = 40;
        for (Map.Entry<String, ReplyContent> sample : sampleReplies().entrySet()) {
            Map.Entry<String, String> from = customerAddress(n);
            String id = "in-" + n;
            replyFromCustomer(new CustomerReply(from.getKey(), channelAddress(), sample.getValue(), id));
            InboundReply got = inbound.poll(GRACE.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(got).as("a customer's reply (%s) did not reach the InboundListener from the context within %s",
                    sample.getKey(), GRACE).isNotNull();
            assertThat(got.channelId()).as("InboundReply.channelId must be the channel's id").isEqualTo(CHANNEL_ID);
            assertThat(got.sender()).as("InboundReply.sender must be the customer's address in canonical form "
                    + "(E.164 without separators for phone numbers); the provider wrote %s", from.getKey())
                    .isEqualTo(from.getValue());
            assertThat(got.recipient()).as("InboundReply.recipient must be the channel's own address the reply was "
                    + "sent to (do not swap sender and recipient)").isEqualTo(channelAddress());
            assertThat(got.content()).as("the reply (%s) was changed on its way in; decode UTF-8, keep every key "
                    + "with its timing, '#', '*' and keys outside the key map, and map buttons to Button",
                    sample.getKey()).isEqualTo(sample.getValue());
            assertThat(got.providerMessageId()).as("InboundReply.providerMessageId must be the provider's id for "
                    + "the event").isNotBlank();
            assertThat(got.receivedAt()).as("InboundReply.receivedAt must come from ChannelContext.clock(), not "
                    + "from the system clock or the provider's timestamp").isEqualTo(NOW);
            assertThat(inbound).as("one reply must produce one InboundReply").isEmpty();
            n++;
        }
    }

    @Test
    void anEventDeliveredTwiceKeepsItsProviderMessageId() throws Exception {
        Map.Entry<String, ReplyContent> sample = sampleReplies().entrySet().iterator().next();
        CustomerReply reply = new CustomerReply(customerAddress(60).getKey(), channelAddress(), sample.getValue(), "dup-1");
        replyFromCustomer(reply);
        replyFromCustomer(reply);
        List<InboundReply> got = new ArrayList<>();
        InboundReply first = inbound.poll(GRACE.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(first).as("a customer's reply did not reach the InboundListener").isNotNull();
        got.add(first);
        inbound.drainTo(got);
        assertThat(got).as("the same provider event delivered twice must give at most two replies").hasSizeLessThanOrEqualTo(2);
        assertThat(got.stream().map(InboundReply::providerMessageId).distinct()).as("a provider event delivered "
                + "twice must keep one providerMessageId, so the host handles it once; derive it from the event, "
                + "never generate it per delivery").hasSize(1);
    }
}
