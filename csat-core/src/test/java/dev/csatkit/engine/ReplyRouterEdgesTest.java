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
}
