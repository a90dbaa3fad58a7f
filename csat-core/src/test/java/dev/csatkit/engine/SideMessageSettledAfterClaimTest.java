package dev.csatkit.engine;

import static dev.csatkit.engine.EngineFixture.T0;
import static dev.csatkit.engine.EngineFixture.call;
import static dev.csatkit.engine.EngineFixture.contact;
import static dev.csatkit.engine.EngineFixture.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.csatkit.channels.spi.ChannelKind;
import dev.csatkit.channels.spi.DeliveryResult;
import dev.csatkit.engine.EngineFixture.ScriptedChannel;
import dev.csatkit.engine.EngineFixture.TestClock;
import dev.csatkit.store.ForwardingSurveyStore;
import dev.csatkit.store.InMemorySurveyStore;
import dev.csatkit.store.OutboxMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * A side message's lease runs out while the send the reply started is still waiting for the
 * channel (the engine's clock may run fast, as in a simulation), a dispatch claims it, and the
 * channel's answer is written before that dispatch gets to the message. The dispatch then holds a
 * claim on a message already settled: it must not send it again under its key.
 *
 * <p>The store is the hook: right after the claim returns, the channel's held answer is given on
 * the dispatcher's own thread, which writes it at once, before the dispatch goes on with what it
 * claimed. Everything runs on one thread, in this order.
 */
class SideMessageSettledAfterClaimTest {

    static final String PHONE = "+46701234567";

    final TestClock clock = new TestClock(T0);
    final ScriptedChannel sms = EngineFixture.sms().stampedBy(clock);
    /** Runs once, after the next claim of side messages that returned any. */
    final AtomicReference<Runnable> afterClaim = new AtomicReference<>();
    final AtomicInteger hooked = new AtomicInteger();

    SurveyEngine engine() {
        ForwardingSurveyStore store = new ForwardingSurveyStore(new InMemorySurveyStore()) {
            @Override
            public List<OutboxMessage> claimOutbox(Instant now, int limit, Instant leaseUntil) {
                List<OutboxMessage> claimed = super.claimOutbox(now, limit, leaseUntil);
                Runnable r = claimed.isEmpty() ? null : afterClaim.getAndSet(null);
                if (r != null) {
                    r.run();
                    hooked.incrementAndGet();
                }
                return claimed;
            }
        };
        SurveyProfile profile = SurveyProfile.builder(EngineFixture.smsSurvey("after-call"), ChannelKind.SMS)
                .acknowledgeSendingRules("ops@example.com", T0).placeholders(EngineFixture.company())
                .noQuietHours().build();
        return SurveyEngine.builder().clock(clock).store(store).channel(sms).profile(profile).build();
    }

    /**
     * Sends the survey, then has an unreadable reply write the invalid-reply notice, whose send
     * hangs; moves the clock past the notice's lease and, after the next claim, has the channel
     * answer the held send with {@code answer}.
     *
     * @return the survey's key
     */
    String noticeUnderWayPastItsLease(SurveyEngine engine, DeliveryResult answer) {
        Decision d = engine.decide(call("call-1", contact("k-1", PHONE)).build());
        String key = ((Decision.Scheduled) d).surveyKey();
        engine.dispatchDue();
        sms.hang = m -> m.idempotencyKey().contains(":invalid:");

        ReplyOutcome outcome = engine.receive(text(sms, PHONE, "banana", clock.instant()));

        assertThat(outcome).isInstanceOf(ReplyOutcome.Invalid.class);
        assertThat(sms.hung).as("the notice's send, still waiting for the channel").hasSize(1);
        clock.advance(Duration.ofMinutes(10)); // the default lease is 5 minutes
        afterClaim.set(() -> {
            sms.hang = m -> false;
            sms.release(answer); // written here and now, on this thread
        });
        return key;
    }

    @Test
    void aSideMessageAcceptedAfterADispatchClaimedItIsNotSentAgain() {
        SurveyEngine engine = engine();
        String key = noticeUnderWayPastItsLease(engine, new DeliveryResult.Accepted("p-notice"));

        engine.dispatchDue();
        clock.advance(Duration.ofHours(1));
        engine.dispatchDue(); // nothing is left in the outbox to send

        assertThat(hooked).as("the answer was written between the claim and the send").hasValue(1);
        assertThat(sms.attemptsPerKey()).as("sends per idempotency key")
                .isEqualTo(Map.of(key + ":prompt", 1L, key + ":invalid:1", 1L));
    }

    @Test
    void aSideMessageToBeRetriedIsNotSentBeforeItsRetryByAClaimOfTheAttemptBefore() {
        SurveyEngine engine = engine();
        String key = noticeUnderWayPastItsLease(engine,
                new DeliveryResult.RetryLater(Optional.empty(), "carrier busy"));

        engine.dispatchDue();

        assertThat(hooked).as("the answer was written between the claim and the send").hasValue(1);
        assertThat(sms.attemptsPerKey().get(key + ":invalid:1")).as("sends of the notice before its retry")
                .isEqualTo(1L);
        clock.advance(Duration.ofMinutes(2)); // the first retry waits a minute
        engine.dispatchDue();
        clock.advance(Duration.ofHours(1));
        engine.dispatchDue();
        assertThat(sms.attemptsPerKey()).as("sends per idempotency key")
                .isEqualTo(Map.of(key + ":prompt", 1L, key + ":invalid:1", 2L));
        assertThat(sms.acceptedPerKey()).as("accepted per idempotency key")
                .isEqualTo(Map.of(key + ":prompt", 1L, key + ":invalid:1", 1L));
    }
}
