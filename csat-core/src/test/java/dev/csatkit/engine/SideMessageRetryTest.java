package dev.csatkit.engine;

import static dev.csatkit.engine.EngineFixture.T0;
import static dev.csatkit.engine.EngineFixture.call;
import static dev.csatkit.engine.EngineFixture.contact;
import static org.assertj.core.api.Assertions.assertThat;

import dev.csatkit.channels.spi.ChannelKind;
import dev.csatkit.channels.spi.DeliveryResult;
import dev.csatkit.engine.EngineFixture.Attempt;
import dev.csatkit.engine.EngineFixture.ScriptedChannel;
import dev.csatkit.engine.EngineFixture.TestClock;
import dev.csatkit.store.InMemorySurveyStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A side message (here the confirmation of a rating) that the channel does not take at once. */
class SideMessageRetryTest {

    static final String PHONE = "+46701234567";

    final TestClock clock = new TestClock(T0);
    final ScriptedChannel sms = EngineFixture.sms().stampedBy(clock);

    SurveyEngine engine() {
        return EngineFixture.smsEngine(clock, sms, e -> { }, b -> b.noQuietHours());
    }

    List<Attempt> confirmations() {
        return sms.logged().stream().filter(a -> a.text().startsWith("Thanks, we got your")).toList();
    }

    /** Dispatches once a minute for the given minutes. */
    void minutes(SurveyEngine e, int n) {
        for (int i = 0; i < n; i++) {
            clock.advance(Duration.ofMinutes(1));
            e.dispatchDue();
        }
    }

    String rated(SurveyEngine e) {
        Decision.Scheduled d = (Decision.Scheduled) e.decide(call("c1", contact("k1", PHONE)).build());
        e.dispatchDue();
        e.receive(EngineFixture.text(sms, PHONE, "5", clock.instant()));
        return d.surveyKey();
    }

    @Test
    void aBusyChannelGetsItAgainAfterOneTwoFourAndEightMinutesThenItIsGivenUp() {
        sms.policy = m -> EngineFixture.text(m).startsWith("Thanks") ? new DeliveryResult.RetryLater(Optional.empty(),
                "busy") : null;
        SurveyEngine e = engine();
        String key = rated(e);
        minutes(e, 40);
        assertThat(confirmations()).extracting(Attempt::at).containsExactly(T0, T0.plusSeconds(60),
                T0.plusSeconds(180), T0.plusSeconds(420), T0.plusSeconds(900));
        assertThat(confirmations()).extracting(a -> a.message().correlationIds())
                .containsOnly(Map.of("surveyKey", key));
    }

    @Test
    void theChannelsOwnDelayIsKept() {
        sms.policy = m -> EngineFixture.text(m).startsWith("Thanks") && confirmations().isEmpty()
                ? new DeliveryResult.RetryLater(Optional.of(Duration.ofMinutes(10)), "busy") : null;
        SurveyEngine e = engine();
        rated(e);
        minutes(e, 30);
        assertThat(confirmations()).extracting(Attempt::at).containsExactly(T0, T0.plusSeconds(600));
        assertThat(confirmations().get(1).result()).isInstanceOf(DeliveryResult.Accepted.class);
    }

    @Test
    void aRefusalForGoodIsNotTriedAgain() {
        sms.policy = m -> EngineFixture.text(m).startsWith("Thanks") ? new DeliveryResult.FailedPermanently("no")
                : null;
        SurveyEngine e = engine();
        rated(e);
        minutes(e, 20);
        assertThat(confirmations()).extracting(Attempt::at).containsExactly(T0);
    }

    @Test
    void aSurveyOnAChannelNoLongerItsOwnGoesOnTheSurveysOtherChannel() {
        InMemorySurveyStore store = new InMemorySurveyStore();
        SurveyProfile.Builder p = SurveyProfile.builder(EngineFixture.smsSurvey("after-call"), ChannelKind.SMS)
                .acknowledgeSendingRules("ops@example.com", T0).placeholders(EngineFixture.company()).noQuietHours();
        SurveyEngine before = SurveyEngine.builder().clock(clock).store(store).channel(sms).profile(p.build()).build();
        before.decide(call("c1", contact("k1", PHONE)).build());
        // The host replaced the channel the survey was scheduled on.
        ScriptedChannel other = new ScriptedChannel("sms-2", ChannelKind.SMS, sms.caps);
        SurveyEngine after = SurveyEngine.builder().clock(clock).store(store).channel(other).profile(p.build())
                .build();
        assertThat(after.dispatchDue().sent()).isEqualTo(1);
        assertThat(other.delivered).singleElement().extracting(m -> m.recipient()).isEqualTo(PHONE);
        assertThat(sms.attempts).isEmpty();
    }
}
