package dev.csatkit.channels.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.csatkit.channels.spi.Channel;
import dev.csatkit.channels.spi.ChannelCapabilities;
import dev.csatkit.channels.spi.ChannelContext;
import dev.csatkit.channels.spi.ChannelKind;
import dev.csatkit.channels.spi.DeliveryResult;
import dev.csatkit.channels.spi.InboundReply;
import dev.csatkit.channels.spi.MessageContent;
import dev.csatkit.channels.spi.OutboundMessage;
import dev.csatkit.channels.spi.ReplyContent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.Events;

/**
 * Runs the kit against an in-memory SMS adapter, correct and with one flaw at a time, to check
 * that the kit passes a correct adapter and catches each flaw with a message that says what to
 * fix.
 */
class ChannelContractTestTest {

    enum Flaw { NO_DEDUPE, BLOCKS, ASCII_ONLY, EVERYTHING_PERMANENT, SYSTEM_CLOCK, DROPS_KEY }

    /** An SMS "provider" in memory and an adapter over it with optional flaws. */
    static final class MemoryChannel implements Channel, AutoCloseable {
        final ChannelContext context;
        final Set<Flaw> flaws;
        final List<Delivery> delivered = new CopyOnWriteArrayList<>();
        final AtomicReference<ProviderFault> nextFault = new AtomicReference<>();
        final CountDownLatch release = new CountDownLatch(1);
        final Map<String, CompletableFuture<DeliveryResult>> sent = new ConcurrentHashMap<>();

        MemoryChannel(ChannelContext context, Set<Flaw> flaws) {
            this.context = context;
            this.flaws = flaws;
        }

        @Override
        public String id() {
            return context.channelId();
        }

        @Override
        public ChannelKind kind() {
            return ChannelKind.SMS;
        }

        @Override
        public ChannelCapabilities capabilities() {
            return ChannelCapabilities.sms(3);
        }

        @Override
        public CompletionStage<DeliveryResult> send(OutboundMessage m) {
            if (m.kind() != ChannelKind.SMS) {
                return CompletableFuture.completedFuture(DeliveryResult.failedPermanently("not SMS"));
            }
            if (flaws.contains(Flaw.NO_DEDUPE)) {
                return provider(m);
            }
            CompletableFuture<DeliveryResult> mine = new CompletableFuture<>();
            CompletableFuture<DeliveryResult> earlier = sent.putIfAbsent(m.idempotencyKey(), mine);
            if (earlier != null) {
                return earlier;
            }
            provider(m).whenComplete((r, e) -> {
                if (!(r instanceof DeliveryResult.Accepted)) {
                    sent.remove(m.idempotencyKey(), mine);
                }
                mine.complete(r);
            });
            return mine;
        }

        private CompletableFuture<DeliveryResult> provider(OutboundMessage m) {
            ProviderFault fault = nextFault.getAndSet(null);
            if (fault == ProviderFault.HANG) {
                if (flaws.contains(Flaw.BLOCKS)) {
                    await();
                    return CompletableFuture.completedFuture(DeliveryResult.retryLater("late"));
                }
                return CompletableFuture.supplyAsync(() -> {
                    await();
                    return DeliveryResult.retryLater("late");
                }).completeOnTimeout(DeliveryResult.retryLater("timeout"), context.sendTimeout().toMillis(),
                        TimeUnit.MILLISECONDS);
            }
            if (fault != null) {
                return CompletableFuture.completedFuture(fault == ProviderFault.TRANSIENT
                        && !flaws.contains(Flaw.EVERYTHING_PERMANENT)
                        ? DeliveryResult.retryLater("busy") : DeliveryResult.failedPermanently("refused"));
            }
            String text = ((MessageContent.Sms) m.content()).text();
            if (flaws.contains(Flaw.ASCII_ONLY)) {
                text = text.replaceAll("[^\\x00-\\x7F]", "?");
            }
            delivered.add(new Delivery(m.recipient(), flaws.contains(Flaw.DROPS_KEY) ? "" : m.idempotencyKey(),
                    new MessageContent.Sms(text)));
            return CompletableFuture.completedFuture(DeliveryResult.accepted(UUID.randomUUID().toString()));
        }

        private void await() {
            try {
                release.await(3, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        void receive(CustomerReply r) {
            Instant at = flaws.contains(Flaw.SYSTEM_CLOCK) ? Instant.now() : context.clock().instant();
            context.inbound().onReply(new InboundReply(id(), r.from().replaceAll("[^+0-9]", ""), r.to(), r.content(),
                    r.providerMessageId(), at));
        }

        @Override
        public void close() {
            release.countDown();
        }
    }

    /** The kit over a {@link MemoryChannel}; subclasses choose its flaws. */
    abstract static class MemoryKit extends ChannelContractTest {
        private final Set<Flaw> flaws;
        MemoryChannel memory;

        MemoryKit(Flaw... flaws) {
            this.flaws = flaws.length == 0 ? EnumSet.noneOf(Flaw.class) : EnumSet.of(flaws[0], flaws);
        }

        @Override
        protected Channel createChannel(ChannelContext context) {
            memory = new MemoryChannel(context, flaws);
            return memory;
        }

        @Override
        protected List<Delivery> deliveries() {
            return new ArrayList<>(memory.delivered);
        }

        @Override
        protected OutboundMessage arrangeFault(ProviderFault fault, OutboundMessage message) {
            memory.nextFault.set(fault);
            return message;
        }

        @Override
        protected void replyFromCustomer(CustomerReply reply) {
            memory.receive(reply);
        }
    }

    static class Correct extends MemoryKit {
    }

    static class NoDedupe extends MemoryKit {
        NoDedupe() {
            super(Flaw.NO_DEDUPE);
        }
    }

    static class Blocks extends MemoryKit {
        Blocks() {
            super(Flaw.BLOCKS);
        }
    }

    static class AsciiOnly extends MemoryKit {
        AsciiOnly() {
            super(Flaw.ASCII_ONLY);
        }
    }

    static class EverythingPermanent extends MemoryKit {
        EverythingPermanent() {
            super(Flaw.EVERYTHING_PERMANENT);
        }
    }

    static class SystemClock extends MemoryKit {
        SystemClock() {
            super(Flaw.SYSTEM_CLOCK);
        }
    }

    static class DropsKey extends MemoryKit {
        DropsKey() {
            super(Flaw.DROPS_KEY);
        }
    }

    /** An adapter test whose provider never starts: it aborts each check instead of failing it. */
    static class ProviderNeverStarts extends MemoryKit {
        @Override
        protected Channel createChannel(ChannelContext context) {
            org.junit.jupiter.api.Assumptions.abort("no provider sandbox on this machine");
            return super.createChannel(context);
        }
    }

    private static Events run(Class<?> kit) {
        return EngineTestKit.engine("junit-jupiter").selectors(selectClass(kit)).execute().testEvents();
    }

    /** @return failed test method names mapped to their failure messages */
    private static Map<String, String> failures(Class<?> kit) {
        return run(kit).failed().stream().collect(Collectors.toMap(
                e -> e.getTestDescriptor().getDisplayName(),
                ChannelContractTestTest::message, (a, b) -> a + "\n" + b));
    }

    private static String message(Event e) {
        return e.getPayload(org.junit.platform.engine.TestExecutionResult.class)
                .flatMap(org.junit.platform.engine.TestExecutionResult::getThrowable)
                .map(Throwable::getMessage).orElse("");
    }

    @Test
    void aCorrectAdapterPassesEveryCheck() {
        Events events = run(Correct.class);
        assertThat(failures(Correct.class)).isEmpty();
        assertThat(events.succeeded().count()).isEqualTo(SampleContent.TEXTS.size() + 11);
    }

    @Test
    void aClassThatRanNoCheckFailsLoudly() {
        org.junit.platform.testkit.engine.EngineExecutionResults results = EngineTestKit.engine("junit-jupiter")
                .selectors(selectClass(ProviderNeverStarts.class)).execute();
        assertThat(results.testEvents().aborted().count()).isEqualTo(SampleContent.TEXTS.size() + 11);
        assertThat(results.testEvents().succeeded().count()).isZero();
        List<String> failed = results.containerEvents().failed().stream().map(ChannelContractTestTest::message).toList();
        assertThat(failed).singleElement().asString()
                .startsWith(ProviderNeverStarts.class.getName() + " ran none of the channel kit's checks to an outcome")
                .contains("a provider that cannot start must fail, not abort");

        org.junit.platform.testkit.engine.EngineExecutionResults correct = EngineTestKit.engine("junit-jupiter")
                .selectors(selectClass(Correct.class)).execute();
        assertThat(correct.containerEvents().failed().count()).as("a class whose checks ran passes").isZero();
    }

    @Test
    void withoutTheJUnitPlatformAPublicTestClassFailsWithTheReason() {
        assertThat(java.util.Arrays.stream(ChannelContractTest.class.getMethods())
                .filter(m -> m.getName().startsWith("test") && m.getParameterCount() == 0).map(m -> m.getName()))
                .as("the one method a plain-object runner (Surefire before 3.0) calls").containsExactly("testWithTheJUnitPlatform");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new Correct().testWithTheJUnitPlatform())
                .isInstanceOf(AssertionError.class).hasMessageContaining("Add maven-surefire-plugin 3.x");
        assertThat(run(Correct.class).stream().map(e -> e.getTestDescriptor().getDisplayName()))
                .as("JUnit 5 does not run it").doesNotContain("testWithTheJUnitPlatform()");
    }

    @Test
    void resendingAnAcceptedKeyIsCaught() {
        Map<String, String> f = failures(NoDedupe.class);
        assertThat(f).containsOnlyKeys("aResendWithTheSameKeyIsNotDeliveredTwice()",
                "concurrentResendsWithTheSameKeyAreDeliveredOnce()");
        assertThat(f.get("aResendWithTheSameKeyIsNotDeliveredTwice()"))
                .contains("a resend of an accepted key must answer the first send's result");
    }

    @Test
    void blockingTheCallerIsCaught() {
        assertThat(failures(Blocks.class)).containsOnlyKeys("aSendNeverBlocksPastItsTimeout()")
                .hasValueSatisfying(new org.assertj.core.api.Condition<>(
                        m -> m.contains("Return the stage at once"), "tells to return at once"));
    }

    @Test
    void manglingNonAsciiTextIsCaughtPerScript() {
        Map<String, String> f = failures(AsciiOnly.class);
        assertThat(f).containsKeys("Cyrillic", "Emoji", "Arabic").doesNotContainKeys("Latin", "Several lines");
        assertThat(f.get("Cyrillic")).contains("the Cyrillic text was changed on its way to the provider. Encode UTF-8 end to end");
    }

    @Test
    void misclassifiedErrorsAreCaught() {
        assertThat(failures(EverythingPermanent.class))
                .containsOnlyKeys("aTransientProviderErrorMeansRetryLaterAndTheRetryIsDelivered()")
                .hasValueSatisfying(new org.assertj.core.api.Condition<>(
                        m -> m.contains("must answer RetryLater"), "names the expected result"));
    }

    @Test
    void readingTheSystemClockIsCaught() {
        assertThat(failures(SystemClock.class)).containsOnlyKeys("inboundRepliesAreNormalised()")
                .hasValueSatisfying(new org.assertj.core.api.Condition<>(
                        m -> m.contains("must come from ChannelContext.clock()"), "names the clock"));
    }

    @Test
    void droppingTheIdempotencyKeyIsCaught() {
        Map<String, String> f = failures(DropsKey.class);
        assertThat(f).containsKeys("idempotencyKeyIsPassedOn()");
        assertThat(f.get("idempotencyKeyIsPassedOn()")).contains("Pass OutboundMessage.idempotencyKey() to the provider");
    }
}
