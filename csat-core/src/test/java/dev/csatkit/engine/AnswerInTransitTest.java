package dev.csatkit.engine;

import static dev.csatkit.engine.EngineFixture.T0;
import static dev.csatkit.engine.EngineFixture.call;
import static dev.csatkit.engine.EngineFixture.contact;
import static dev.csatkit.engine.EngineFixture.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.csatkit.engine.EngineFixture.Attempt;
import dev.csatkit.engine.EngineFixture.ScriptedChannel;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A channel's answer has come but is not recorded yet when the send's lease runs out (the engine's
 * clock may run fast, as in a simulation), and another dispatch claims the message: it must wait
 * for the answer being recorded, not send the message again under its key.
 *
 * <p>The clock is the hook: the engine reads it first thing when it records an answer, so a clock
 * that, on the channel's answering thread, moves past the lease and runs a dispatch on another
 * thread puts that dispatch exactly between the answer and its record.
 */
class AnswerInTransitTest {

    static final String PHONE = "+46701234567";

    final ExecutorService answering = Executors.newFixedThreadPool(2, r -> {
        Thread t = new Thread(r, "provider-answer");
        t.setDaemon(true);
        return t;
    });
    final HookClock clock = new HookClock(T0);
    final ScriptedChannel sms = EngineFixture.sms().stampedBy(clock);
    final AtomicInteger hooked = new AtomicInteger();

    @AfterEach
    void stop() {
        answering.shutdownNow();
    }

    SurveyEngine engine() {
        sms.answerOn = java.util.Optional.of(answering);
        sms.answerOnceAttached = true;
        return EngineFixture.smsEngine(clock, sms, e -> { }, SurveyProfile.Builder::noQuietHours);
    }

    /** On the next reading from the answering thread: past the lease, then a dispatch on another thread. */
    void dispatchBetweenAnswerAndRecord(SurveyEngine engine) {
        clock.onAnswer(() -> {
            clock.advance(Duration.ofMinutes(10)); // the default lease is 5 minutes
            Thread other = new Thread(engine::dispatchDue, "second-dispatcher");
            other.start();
            try {
                other.join(20_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            hooked.incrementAndGet();
        });
    }

    Map<String, Long> attemptsPerKey() {
        return sms.logged().stream().collect(Collectors.groupingBy(a -> a.message().idempotencyKey(),
                Collectors.counting()));
    }

    @Test
    void aSurveyWhoseAnswerIsBeingRecordedIsNotSentAgain() {
        SurveyEngine engine = engine();
        Decision d = engine.decide(call("call-1", contact("k-1", PHONE)).build());
        assertThat(d).isInstanceOf(Decision.Scheduled.class);
        dispatchBetweenAnswerAndRecord(engine);

        engine.dispatchDue();

        assertThat(hooked).as("the second dispatch ran between the answer and its record").hasValue(1);
        assertThat(attemptsPerKey()).as("attempts per idempotency key").hasSize(1).allSatisfy((k, n) ->
                assertThat(n).as(k).isEqualTo(1L));
    }

    @Test
    void aSideMessageWhoseAnswerIsBeingRecordedIsNotSentAgain() {
        SurveyEngine engine = engine();
        engine.decide(call("call-1", contact("k-1", PHONE)).build());
        engine.dispatchDue();
        assertThat(sms.logged()).hasSize(1);
        dispatchBetweenAnswerAndRecord(engine);

        ReplyOutcome outcome = engine.receive(text(sms, PHONE, "banana", clock.instant()));

        assertThat(outcome).isInstanceOf(ReplyOutcome.Invalid.class);
        waitFor(() -> hooked.get() == 1);
        List<Attempt> attempts = sms.logged();
        assertThat(attempts.get(1).text()).startsWith("Please reply with a number from 1 to 5.");
        // The second dispatch finds the notice under way and leaves it to its answer.
        assertThat(attemptsPerKey()).as("attempts per idempotency key").hasSize(2).allSatisfy((k, n) ->
                assertThat(n).as(k).isEqualTo(1L));
    }

    private static void waitFor(java.util.function.BooleanSupplier done) {
        long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!done.getAsBoolean() && System.nanoTime() < until) {
            Thread.onSpinWait();
        }
        assertThat(done.getAsBoolean()).as("done within 20 s").isTrue();
    }

    /** A clock that runs a hook once, on the first reading from the channel's answering thread. */
    static final class HookClock extends Clock {
        private final AtomicReference<Instant> now;
        private final AtomicReference<Runnable> hook = new AtomicReference<>();

        HookClock(Instant start) {
            now = new AtomicReference<>(start);
        }

        void advance(Duration d) {
            now.updateAndGet(t -> t.plus(d));
        }

        void onAnswer(Runnable r) {
            hook.set(r);
        }

        @Override
        public Instant instant() {
            if (Thread.currentThread().getName().equals("provider-answer")) {
                Runnable r = hook.getAndSet(null);
                if (r != null) {
                    r.run();
                }
            }
            return now.get();
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
