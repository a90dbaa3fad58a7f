package dev.csatkit.channels.support;

import static org.assertj.core.api.Assertions.assertThat;

import dev.csatkit.channels.spi.ChannelCapabilities;
import dev.csatkit.channels.spi.ChannelContext;
import dev.csatkit.channels.spi.ChannelKind;
import dev.csatkit.channels.spi.DeliveryResult;
import dev.csatkit.channels.spi.MessageContent;
import dev.csatkit.channels.spi.OutboundMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What every adapter built on {@link BaseChannel} gets: the kind check, one delivery per
 * idempotency key while it is accepted or in flight, a new delivery after any other answer, the
 * send timeout, errors turned into {@code RetryLater}, and daemon worker threads named after the
 * channel.
 */
class BaseChannelTest {

    /** An SMS adapter whose provider answers from a script, one answer per delivery. */
    private static final class ScriptedSms extends BaseChannel {
        final Queue<Object> script = new ConcurrentLinkedQueue<>();
        final List<String> delivered = java.util.Collections.synchronizedList(new ArrayList<>());
        final List<String> threads = java.util.Collections.synchronizedList(new ArrayList<>());
        final CountDownLatch release = new CountDownLatch(1);

        ScriptedSms(Duration timeout, int rememberedKeys) {
            super(ChannelContext.builder("sms-test").sendTimeout(timeout).build(), ChannelKind.SMS,
                    ChannelCapabilities.sms(1), rememberedKeys);
        }

        @Override
        protected DeliveryResult deliver(OutboundMessage message) throws Exception {
            delivered.add(message.idempotencyKey());
            Thread t = Thread.currentThread();
            threads.add(t.getName() + (t.isDaemon() ? " daemon" : " user"));
            Object next = script.poll();
            if (next instanceof Exception e) {
                throw e;
            }
            if ("block".equals(next)) {
                release.await(10, TimeUnit.SECONDS);
                return DeliveryResult.accepted("late");
            }
            return next instanceof DeliveryResult r ? r : DeliveryResult.accepted("p-" + message.idempotencyKey());
        }
    }

    private final List<ScriptedSms> channels = new ArrayList<>();

    private ScriptedSms channel(Duration timeout) {
        return channel(timeout, BaseChannel.REMEMBERED_KEYS);
    }

    private ScriptedSms channel(Duration timeout, int rememberedKeys) {
        ScriptedSms c = new ScriptedSms(timeout, rememberedKeys);
        channels.add(c);
        return c;
    }

    @AfterEach
    void close() {
        for (ScriptedSms c : channels) {
            c.release.countDown();
            c.close();
        }
    }

    private static OutboundMessage sms(String key) {
        return OutboundMessage.of("+447700900123", key, new MessageContent.Sms("How did we do? Reply 1-5"));
    }

    private static DeliveryResult result(CompletableFuture<DeliveryResult> f) throws Exception {
        return f.get(5, TimeUnit.SECONDS);
    }

    private static DeliveryResult send(BaseChannel c, OutboundMessage m) throws Exception {
        return result(c.send(m).toCompletableFuture());
    }

    @Test
    void contentOfAnotherKindFailsPermanentlyWithoutADelivery() throws Exception {
        ScriptedSms c = channel(Duration.ofSeconds(5));
        OutboundMessage email = OutboundMessage.of("jane@example.com", "k1",
                new MessageContent.Email("Your visit", "How did we do?", java.util.Optional.empty()));
        assertThat(send(c, email)).isEqualTo(DeliveryResult.failedPermanently(
                "channel sms-test sends SMS content, not EMAIL"));
        assertThat(c.delivered).isEmpty();
        assertThat(c.id()).isEqualTo("sms-test");
        assertThat(c.kind()).isEqualTo(ChannelKind.SMS);
        assertThat(c.capabilities()).isEqualTo(ChannelCapabilities.sms(1));
    }

    @Test
    void anAcceptedKeyIsDeliveredOnceAndAnsweredAgainWithTheSameResult() throws Exception {
        ScriptedSms c = channel(Duration.ofSeconds(5));
        assertThat(send(c, sms("k1"))).isEqualTo(DeliveryResult.accepted("p-k1"));
        assertThat(send(c, sms("k1"))).isEqualTo(DeliveryResult.accepted("p-k1"));
        assertThat(send(c, sms("k2"))).isEqualTo(DeliveryResult.accepted("p-k2"));
        assertThat(c.delivered).containsExactly("k1", "k2");
        assertThat(c.threads).allSatisfy(t -> assertThat(t).matches("sms-test-send-\\d+ daemon"));
    }

    @Test
    void aKeyInFlightIsDeliveredOnceForEverySendOfIt() throws Exception {
        ScriptedSms c = channel(Duration.ofSeconds(5));
        c.script.add("block");
        CompletableFuture<DeliveryResult> first = c.send(sms("k1")).toCompletableFuture();
        CompletableFuture<DeliveryResult> second = c.send(sms("k1")).toCompletableFuture();
        c.release.countDown();
        assertThat(result(first)).isEqualTo(DeliveryResult.accepted("late"));
        assertThat(result(second)).isEqualTo(DeliveryResult.accepted("late"));
        assertThat(c.delivered).containsExactly("k1");
    }

    @Test
    void aKeyWhoseSendDidNotSucceedIsDeliveredAgain() throws Exception {
        ScriptedSms c = channel(Duration.ofSeconds(5));
        c.script.add(DeliveryResult.retryLater("busy"));
        c.script.add(DeliveryResult.failedPermanently("blocked number"));
        assertThat(send(c, sms("k1"))).isEqualTo(DeliveryResult.retryLater("busy"));
        assertThat(send(c, sms("k1"))).isEqualTo(DeliveryResult.failedPermanently("blocked number"));
        assertThat(send(c, sms("k1"))).isEqualTo(DeliveryResult.accepted("p-k1"));
        assertThat(send(c, sms("k1"))).isEqualTo(DeliveryResult.accepted("p-k1"));
        assertThat(c.delivered).containsExactly("k1", "k1", "k1");
    }

    @Test
    void errorsAreRetriedLaterWithTheirMessageMasked() throws Exception {
        ScriptedSms c = channel(Duration.ofSeconds(5));
        c.script.add(new IllegalStateException("provider said no to +447700900123\nINFO forged"));
        c.script.add(new InterruptedException("stop"));
        assertThat(send(c, sms("k1"))).isEqualTo(DeliveryResult.retryLater(
                "unexpected error: provider said no to +44***23\\nINFO forged"));
        assertThat(send(c, sms("k1"))).isEqualTo(DeliveryResult.retryLater("the send was interrupted"));
        assertThat(send(c, sms("k1"))).isEqualTo(DeliveryResult.accepted("p-k1"));
    }

    @Test
    void aProviderThatDoesNotAnswerInTimeIsRetriedLaterAndItsKeyFreed() throws Exception {
        ScriptedSms c = channel(Duration.ofMillis(100));
        c.script.add("block");
        assertThat(send(c, sms("k1"))).isEqualTo(DeliveryResult.retryLater(
                "the provider did not answer within PT0.1S"));
        c.release.countDown();
        assertThat(send(c, sms("k1"))).isEqualTo(DeliveryResult.accepted("p-k1"));
        assertThat(c.delivered).containsExactly("k1", "k1");
    }

    @Test
    void theNewestAcceptedKeysAreRemembered() throws Exception {
        ScriptedSms c = channel(Duration.ofSeconds(5), 3);
        for (String key : List.of("k0", "k1", "k2")) {
            send(c, sms(key));
        }
        send(c, sms("k0"));
        assertThat(c.delivered).as("the oldest of as many as are remembered").containsExactly("k0", "k1", "k2");
        send(c, sms("k3"));
        send(c, sms("k0"));
        send(c, sms("k2"));
        assertThat(c.delivered).as("k0 pushed out by one more key, and delivered again")
                .containsExactly("k0", "k1", "k2", "k3", "k0");
    }
}
