package dev.csatkit.engine;

import static dev.csatkit.engine.EngineFixture.T0;
import static dev.csatkit.engine.EngineFixture.call;
import static dev.csatkit.engine.EngineFixture.company;
import static dev.csatkit.engine.EngineFixture.contact;
import static dev.csatkit.engine.EngineFixture.smsSurvey;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.csatkit.channels.spi.ChannelKind;
import dev.csatkit.channels.spi.InboundReply;
import dev.csatkit.channels.spi.ReplyContent;
import dev.csatkit.engine.EngineFixture.ScriptedChannel;
import dev.csatkit.engine.EngineFixture.TestClock;
import dev.csatkit.policy.FrequencyCap;
import dev.csatkit.score.SurveyResponse;
import dev.csatkit.store.ApplyResult;
import dev.csatkit.store.ForwardingSurveyStore;
import dev.csatkit.store.InMemorySurveyStore;
import dev.csatkit.store.OpenSurvey;
import dev.csatkit.store.OutboxMessage;
import dev.csatkit.store.ReplyRecord;
import dev.csatkit.store.ScheduleRequest;
import dev.csatkit.store.ScheduleResult;
import dev.csatkit.store.SurveyState;
import dev.csatkit.store.SurveyStore;
import dev.csatkit.store.Transition;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * A store operation that fails leaves nothing half done: every step of a decision, a send's
 * result or a reply is one atomic operation, so the failure loses nothing and the retry (the
 * feed's replay, the provider's redelivery, the next dispatch) completes it exactly once.
 */
class EngineStoreFailureTest {

    static final String PHONE = "+46701234567";

    final TestClock clock = new TestClock(T0);
    final ScriptedChannel sms = EngineFixture.sms();
    final List<SurveyEvent> events = new CopyOnWriteArrayList<>();
    final FlakyStore store = new FlakyStore(new InMemorySurveyStore());
    final SurveyEngine engine = SurveyEngine.builder().clock(clock).channel(sms).store(store).listener(events::add)
            .profile(SurveyProfile.builder(smsSurvey("after-call"), ChannelKind.SMS)
                    .acknowledgeSendingRules("ops@example.com", EngineFixture.T0).placeholders(company())
                    .noQuietHours().frequencyCap(FrequencyCap.acrossSurveys(Duration.ofDays(1))).build())
            .build();

    @Test
    void a_decision_whose_schedule_fails_writes_nothing_so_the_replay_is_scheduled() {
        Interaction first = call("c1", contact("k-1", PHONE)).build();
        store.failNext("schedule", t -> true);
        assertThatThrownBy(() -> engine.decide(first)).isInstanceOf(StoreDown.class);

        // Neither the interaction's claim nor the contact's cap stayed behind.
        assertThat(engine.decide(first)).isInstanceOf(Decision.Scheduled.class);
    }

    @Test
    void a_reply_whose_write_fails_is_read_again_when_the_provider_delivers_it_again() {
        Decision.Scheduled d = (Decision.Scheduled) engine.decide(call("c1", contact("k-1", PHONE)).build());
        engine.dispatchDue();
        InboundReply rating = new InboundReply("sms", PHONE, "+15550100", new ReplyContent.Text("2"), "m-1",
                clock.instant());

        store.failNext("apply", t -> t.inboundId().isPresent());
        assertThatThrownBy(() -> engine.receive(rating)).as("a store failure reaches the adapter, which answers the "
                + "provider with an error so that it delivers the message again").isInstanceOf(StoreDown.class);
        OpenSurvey unchanged = engine.survey(d.surveyKey()).orElseThrow();
        assertThat(unchanged.state()).isEqualTo(SurveyState.AWAITING_REPLY);
        assertThat(engine.history(d.surveyKey())).isEmpty();
        assertThat(events).noneMatch(e -> e instanceof SurveyEvent.Rated);

        assertThat(engine.receive(rating)).as("the redelivery is read, not taken for a duplicate")
                .isEqualTo(new ReplyOutcome.Rated(d.surveyKey(), 2, false));
        assertThat(engine.receive(rating)).isEqualTo(new ReplyOutcome.Duplicate("m-1"));
        assertThat(engine.responses()).extracting(SurveyResponse::score).containsExactly(java.util.OptionalInt.of(2));
        assertThat(engine.history(d.surveyKey())).extracting(ReplyRecord::kind).containsExactly(ReplyRecord.Kind.RATING);
        assertThat(events).filteredOn(e -> e instanceof SurveyEvent.Rated).hasSize(1);
        assertThat(events).filteredOn(e -> e instanceof SurveyEvent.LowScore).hasSize(1);
    }

    @Test
    void a_send_whose_result_cannot_be_written_is_taken_over_after_its_lease_under_the_same_key() {
        Decision.Scheduled d = (Decision.Scheduled) engine.decide(call("c1", contact("k-1", PHONE)).build());
        store.failNext("apply", t -> t.next().map(n -> n.state() == SurveyState.AWAITING_REPLY).orElse(false));

        assertThat(engine.dispatchDue().sent()).as("the dispatch goes on; the result is not counted").isZero();
        assertThat(engine.survey(d.surveyKey()).orElseThrow().state()).isEqualTo(SurveyState.SENDING);
        clock.advance(Duration.ofMinutes(5));
        assertThat(engine.dispatchDue().sent()).isEqualTo(1);

        assertThat(engine.survey(d.surveyKey()).orElseThrow().state()).isEqualTo(SurveyState.AWAITING_REPLY);
        assertThat(sms.attemptsPerKey()).as("both tries under the prompt's one key")
                .containsOnlyKeys(d.surveyKey() + ":prompt");
        assertThat(events).filteredOn(e -> e instanceof SurveyEvent.Sent).hasSize(1);
    }

    @Test
    void a_confirmation_whose_outbox_settle_fails_is_sent_again_from_the_outbox_under_its_key() {
        Decision.Scheduled d = (Decision.Scheduled) engine.decide(call("c1", contact("k-1", PHONE)).build());
        engine.dispatchDue();
        store.failNextSettle();
        assertThat(engine.receive(new InboundReply("sms", PHONE, "+15550100", new ReplyContent.Text("5"), "m-2",
                clock.instant()))).isEqualTo(new ReplyOutcome.Rated(d.surveyKey(), 5, false));

        clock.advance(Duration.ofMinutes(6));
        engine.dispatchDue();
        List<String> confirmations = sms.logged().stream().map(a -> a.message().idempotencyKey())
                .filter(k -> k.contains(":confirm:")).toList();
        assertThat(confirmations).as("sent, its settle lost, and sent again from the outbox under the same key")
                .hasSize(2).containsOnly(confirmations.get(0));
        clock.advance(Duration.ofHours(1));
        engine.dispatchDue();
        assertThat(sms.logged().stream().filter(a -> a.message().idempotencyKey().contains(":confirm:")))
                .as("settled the second time: never again").hasSize(2);
    }

    @Test
    void a_claimed_side_message_the_store_cannot_check_stays_in_the_outbox_and_goes_after_its_lease() {
        Decision.Scheduled d = (Decision.Scheduled) engine.decide(call("c1", contact("k-1", PHONE)).build());
        engine.dispatchDue();
        String confirmation = d.surveyKey() + ":confirm:";
        sms.policy = m -> m.idempotencyKey().startsWith(confirmation)
                ? new dev.csatkit.channels.spi.DeliveryResult.RetryLater(Optional.empty(), "carrier busy") : null;
        engine.receive(new InboundReply("sms", PHONE, "+15550100", new ReplyContent.Text("5"), "m-1", clock.instant()));
        sms.policy = m -> null;
        assertThat(confirmations()).as("the confirmation's first try, answered RetryLater").isEqualTo(1);

        clock.advance(Duration.ofMinutes(2)); // its retry waits a minute
        store.failNextSettle(); // the check before the send: is the claimed message still unsettled?
        engine.dispatchDue();
        assertThat(confirmations()).as("not sent while the store could not tell").isEqualTo(1);
        clock.advance(Duration.ofMinutes(4));
        engine.dispatchDue();
        assertThat(confirmations()).as("still leased to the dispatch that claimed it").isEqualTo(1);

        clock.advance(Duration.ofMinutes(2)); // past the 5-minute lease
        engine.dispatchDue();
        clock.advance(Duration.ofHours(1));
        engine.dispatchDue();
        assertThat(confirmations()).as("sent again once its lease ran out, then settled").isEqualTo(2);
        assertThat(sms.accepted()).filteredOn(a -> a.message().idempotencyKey().startsWith(confirmation))
                .as("accepted once").hasSize(1);
    }

    private long confirmations() {
        return sms.logged().stream().filter(a -> a.message().idempotencyKey().contains(":confirm:")).count();
    }

    /** What a store throws when it is down. */
    static final class StoreDown extends RuntimeException {
        StoreDown(String operation) {
            super("the store is down during " + operation);
        }
    }

    /** A store that fails chosen operations once, then works: a database that blinked. */
    static final class FlakyStore extends ForwardingSurveyStore {
        private volatile String failing = "";
        private volatile Predicate<Transition> when = t -> false;
        private volatile boolean failSettle;

        FlakyStore(SurveyStore delegate) {
            super(delegate);
        }

        void failNext(String operation, Predicate<Transition> matching) {
            failing = operation;
            when = matching;
        }

        void failNextSettle() {
            failSettle = true;
        }

        private void maybeFail(String operation, Optional<Transition> t) {
            if (failing.equals(operation) && t.map(when::test).orElse(true)) {
                failing = "";
                throw new StoreDown(operation);
            }
        }

        @Override
        public ScheduleResult schedule(ScheduleRequest request) {
            maybeFail("schedule", Optional.empty());
            return super.schedule(request);
        }

        @Override
        public ApplyResult apply(Transition transition) {
            maybeFail("apply", Optional.of(transition));
            return super.apply(transition);
        }

        @Override
        public boolean settleOutbox(OutboxMessage message, Optional<OutboxMessage> next) {
            if (failSettle) {
                failSettle = false;
                throw new StoreDown("settleOutbox");
            }
            return super.settleOutbox(message, next);
        }
    }
}
