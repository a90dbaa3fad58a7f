package dev.csatkit.engine;

import static dev.csatkit.engine.EngineFixture.T0;
import static dev.csatkit.engine.EngineFixture.call;
import static dev.csatkit.engine.EngineFixture.contact;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.csatkit.InvalidConfigurationException;
import dev.csatkit.channels.spi.ChannelKind;
import dev.csatkit.engine.EngineFixture.ScriptedChannel;
import dev.csatkit.engine.EngineFixture.TestClock;
import dev.csatkit.scale.RatingScales;
import dev.csatkit.store.MoodAssessment;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The agent's mood assessment goes with a survey on any channel, as Talkdesk pairs it with its SMS survey. */
class MoodOnAnyProfileTest {

    static final String PHONE = "+46701234567";
    final TestClock clock = new TestClock(T0);
    final ScriptedChannel sms = EngineFixture.sms();

    @Test
    void a_call_followed_by_an_sms_survey_gets_the_agents_mood_beside_the_customers_rating() {
        SurveyEngine e = EngineFixture.smsEngine(clock, sms, ev -> { },
                b -> b.noQuietHours().moodScale(RatingScales.threeFaces()));
        Interaction c = call("call-1", contact("crm-1", PHONE)).build();
        e.decide(c);
        e.dispatchDue();
        e.receive(EngineFixture.text(sms, PHONE, "2", clock.instant()));

        MoodAssessment mood = e.recordMood(c, 1);
        assertThat(mood).isEqualTo(new MoodAssessment("call-1", "after-call", "a-1", Optional.of("Blue"),
                RatingScales.threeFaces().id(), 1, T0));
        assertThat(e.moods()).containsExactly(mood);
        assertThat(e.responses()).singleElement().satisfies(r -> assertThat(r.score()).hasValue(2));
    }

    @Test
    void a_chat_profile_takes_a_mood_scale_too_and_checks_the_value() {
        ScriptedChannel chat = EngineFixture.chat();
        SurveyEngine e = SurveyEngine.builder().clock(clock).channel(chat)
                .profile(SurveyProfile.builder(EngineFixture.smsSurvey("after-chat"), ChannelKind.CHAT)
                        .placeholders(EngineFixture.company()).moodScale(RatingScales.fivePoint()).build())
                .build();
        Interaction c = Interaction.builder("chat-1", contact("crm-2", PHONE), Medium.CHAT)
                .agent(EngineFixture.alice()).between(T0.minusSeconds(300), T0).build();
        assertThat(e.recordMood(c, 5).value()).isEqualTo(5);
        assertThatThrownBy(() -> e.recordMood(c, 6)).isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("mood").hasMessageContaining("five");
    }

    @Test
    void an_interaction_routed_to_a_profile_without_a_mood_scale_is_refused() {
        SurveyEngine e = EngineFixture.smsEngine(clock, sms, ev -> { }, b -> b);
        assertThatThrownBy(() -> e.recordMood(call("call-1", contact("crm-1", PHONE)).build(), 1))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("must be routed to a survey profile with a mood scale");
    }
}
