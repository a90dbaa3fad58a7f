package dev.csatkit.engine;

import static dev.csatkit.engine.EngineFixture.T0;
import static dev.csatkit.engine.EngineFixture.company;
import static dev.csatkit.engine.EngineFixture.contact;
import static org.assertj.core.api.Assertions.assertThat;

import dev.csatkit.channels.spi.ChannelKind;
import dev.csatkit.channels.spi.InboundReply;
import dev.csatkit.channels.spi.ReplyContent;
import dev.csatkit.engine.EngineFixture.ScriptedChannel;
import dev.csatkit.engine.EngineFixture.TestClock;
import dev.csatkit.store.ApplyResult;
import dev.csatkit.store.ForwardingSurveyStore;
import dev.csatkit.store.InMemorySurveyStore;
import dev.csatkit.store.Transition;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Replies that find no survey, the wrong one, or a survey that keeps changing. */
class ReplyRouterEdgesTest {

    final TestClock clock = new TestClock(T0);
    final ScriptedChannel chat = EngineFixture.chat();
    final ScriptedChannel mail = EngineFixture.email();

    SurveyEngine engine(dev.csatkit.store.SurveyStore store) {
        return SurveyEngine.builder().clock(clock).store(store).channel(chat).channel(mail)
                .emailLinks((key, to, value, expires) -> "https://example.com/r?s=" + key + "&v=" + value)
                .profile(SurveyProfile.builder(EngineFixture.smsSurvey("chat"), ChannelKind.CHAT)
                        .route(Route.media(Medium.CHAT)).placeholders(company()).noFrequencyCap().build())
                .profile(SurveyProfile.builder(EngineFixture.smsSurvey("mail"), ChannelKind.EMAIL)
                        .route(Route.media(Medium.TICKET)).placeholders(company()).noFrequencyCap().build())
                .build();
    }

    String mailedSurvey(SurveyEngine e) {
        Decision.Scheduled m = (Decision.Scheduled) e.decide(Interaction.builder("ticket-1",
                contact("k1", "+46701234567"), Medium.TICKET).agent(EngineFixture.alice()).build());
        e.dispatchDue();
        return m.surveyKey();
    }

    @Test
    void aLinkCountsOnlyOnItsSurveysChannelAndFromItsRecipient() {
        SurveyEngine e = engine(new InMemorySurveyStore());
        String key = mailedSurvey(e);
        // The same ballot coming in on the chat channel names a survey that channel never sent.
        assertThat(e.receive(new InboundReply("chat", "k1@example.com", "bot", new ReplyContent.Link(key, 5), "l1",
                T0))).isEqualTo(new ReplyOutcome.Unmatched("no survey was sent to k***@e***.com on chat"));
        assertThat(e.receive(new InboundReply("mail", "someone@else.com", "csat@example.com",
                new ReplyContent.Link(key, 1), "l2", T0)))
                .isEqualTo(new ReplyOutcome.Unmatched("the link of survey " + key + " was not sent to this address"));
        assertThat(e.survey(key).orElseThrow().rating()).isEmpty();
        assertThat(e.receive(new InboundReply("mail", "k1@example.com", "csat@example.com",
                new ReplyContent.Link(key, 4), "l3", T0))).isEqualTo(new ReplyOutcome.Rated(key, 4, false));
    }

    @Test
    void aLinkValueOffTheScaleIsInvalid() {
        SurveyEngine e = engine(new InMemorySurveyStore());
        String key = mailedSurvey(e);
        ReplyOutcome o = e.receive(new InboundReply("mail", "k1@example.com", "csat@example.com",
                new ReplyContent.Link(key, 9), "l1", T0));
        assertThat(o).isInstanceOfSatisfying(ReplyOutcome.Invalid.class, i -> {
            assertThat(i.surveyKey()).isEqualTo(key);
            assertThat(i.detail()).startsWith("9 is not on the scale ");
        });
        assertThat(e.survey(key).orElseThrow().rating()).isEmpty();
        assertThat(e.receive(new InboundReply("mail", "k1@example.com", "csat@example.com",
                new ReplyContent.Link(key, 5), "l2", T0))).isEqualTo(new ReplyOutcome.Rated(key, 5, false));
    }

    @Test
    void aReplyWhoseWritesAreAlwaysStaleIsTriedThirtyTwoTimes() {
        AtomicInteger applies = new AtomicInteger();
        ForwardingSurveyStore stale = new ForwardingSurveyStore(new InMemorySurveyStore()) {
            @Override
            public ApplyResult apply(Transition transition) {
                applies.incrementAndGet();
                return new ApplyResult.Stale();
            }
        };
        SurveyEngine e = engine(stale);
        assertThat(e.receive(new InboundReply("chat", "chat-k9", "bot", new ReplyContent.Text("STOP"), "s1", T0)))
                .isEqualTo(new ReplyOutcome.Unmatched("the survey was busy; the reply was not applied"));
        assertThat(applies).hasValue(32);
    }

    @Test
    void aReplyTheStoreHasAlreadyRecordedIsADuplicate() {
        AtomicInteger applies = new AtomicInteger();
        ForwardingSurveyStore recorded = new ForwardingSurveyStore(new InMemorySurveyStore()) {
            @Override
            public ApplyResult apply(Transition transition) {
                // The dispatch goes through; every reply was written before by another instance.
                return transition.inboundId().isPresent() && applies.incrementAndGet() > 0 ? new ApplyResult.Duplicate()
                        : super.apply(transition);
            }
        };
        SurveyEngine e = engine(recorded);
        String key = mailedSurvey(e);
        assertThat(e.receive(new InboundReply("mail", "k1@example.com", "csat@example.com",
                new ReplyContent.Link(key, 4), "l1", T0))).isEqualTo(new ReplyOutcome.Duplicate("l1"));
        assertThat(e.receive(new InboundReply("chat", "chat-k9", "bot", new ReplyContent.Text("STOP"), "s1", T0)))
                .isEqualTo(new ReplyOutcome.Duplicate("s1"));
        assertThat(applies).hasValue(2);
    }

    @Test
    void aPossibleOptOutIsAskedAboutOnChatButHonouredByEmail() {
        SurveyEngine e = SurveyEngine.builder().clock(clock).channel(chat).channel(mail)
                .emailLinks((key, to, value, expires) -> "https://example.com/r?s=" + key + "&v=" + value)
                .profile(SurveyProfile.builder(EngineFixture.smsSurvey("chat"), ChannelKind.CHAT)
                        .route(Route.media(Medium.CHAT)).placeholders(company()).noFrequencyCap()
                        .possibleOptOut(PossibleOptOut.ASK_ONCE).build())
                .profile(SurveyProfile.builder(EngineFixture.smsSurvey("mail"), ChannelKind.EMAIL)
                        .route(Route.media(Medium.TICKET)).placeholders(company()).noFrequencyCap()
                        .possibleOptOut(PossibleOptOut.ASK_ONCE).build())
                .build();
        e.decide(Interaction.builder("chat-1", contact("k1", "+46701234567"), Medium.CHAT)
                .agent(EngineFixture.alice()).build());
        e.decide(Interaction.builder("ticket-1", contact("k2", "+46701234568"), Medium.TICKET)
                .agent(EngineFixture.alice()).build());
        e.dispatchDue();
        assertThat(e.receive(new InboundReply("chat", "chat-k1", "bot", new ReplyContent.Text("stop, it was great, 5"),
                "c1", T0))).isInstanceOf(ReplyOutcome.OptOutAsked.class);
        assertThat(e.receive(new InboundReply("mail", "k2@example.com", "csat@example.com",
                new ReplyContent.Text("stop, it was great, 5"), "m1", T0))).isEqualTo(new ReplyOutcome.OptedOut(true));
    }
}
