package dev.csatkit.engine;

import static dev.csatkit.engine.EngineFixture.T0;
import static dev.csatkit.engine.EngineFixture.company;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.csatkit.InvalidDefinitionException;
import dev.csatkit.Violation;
import dev.csatkit.channels.spi.ChannelKind;
import dev.csatkit.engine.EngineFixture.TestClock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** An SMS survey needs someone's acknowledgement of the rules for sending text messages. */
class SendingRulesTest {

    static final Instant READ_AT = Instant.parse("2026-02-27T16:45:00Z");

    @Test
    void an_sms_profile_without_the_acknowledgement_is_refused_naming_the_field() {
        SurveyProfile.Builder b = SurveyProfile.builder(EngineFixture.smsSurvey("s"), ChannelKind.SMS)
                .placeholders(company());
        assertThatThrownBy(b::build).isInstanceOf(InvalidDefinitionException.class)
                .hasMessageContaining("sendingRules")
                .hasMessageContaining("acknowledgeSendingRules")
                .satisfies(e -> assertThat(((InvalidDefinitionException) e).violations())
                        .extracting(Violation::field).containsExactly("sendingRules"));
    }

    @Test
    void one_builder_call_acknowledges_the_shipped_notice_and_the_profile_keeps_it() {
        SurveyProfile p = SurveyProfile.builder(EngineFixture.smsSurvey("s"), ChannelKind.SMS)
                .acknowledgeSendingRules("Dana Ops", READ_AT).placeholders(company()).build();
        assertThat(p.sendingRules()).contains(new SendingRulesAcknowledgement("Dana Ops", READ_AT,
                SendingRulesAcknowledgement.NOTICE_VERSION));
    }

    @Test
    void a_hosts_own_notice_is_kept_by_its_version() {
        SendingRulesAcknowledgement own = new SendingRulesAcknowledgement("legal-42", READ_AT, "acme-sms-terms/2025-11");
        SurveyProfile p = SurveyProfile.builder(EngineFixture.smsSurvey("s"), ChannelKind.SMS).sendingRules(own)
                .placeholders(company()).build();
        assertThat(p.sendingRules()).contains(own);
    }

    @Test
    void other_channels_need_no_acknowledgement() {
        assertThat(SurveyProfile.builder(EngineFixture.smsSurvey("c"), ChannelKind.CHAT).build().sendingRules())
                .isEmpty();
    }

    @Test
    void who_acknowledged_and_the_notice_must_each_be_one_non_blank_line() {
        assertThatThrownBy(() -> SendingRulesAcknowledgement.of(" ", READ_AT))
                .isInstanceOf(InvalidDefinitionException.class).hasMessageContaining("by");
        assertThatThrownBy(() -> new SendingRulesAcknowledgement("Dana", READ_AT, "v1\nv2"))
                .isInstanceOf(InvalidDefinitionException.class).hasMessageContaining("notice");
        assertThatThrownBy(() -> SendingRulesAcknowledgement.of("x".repeat(257), READ_AT))
                .isInstanceOf(InvalidDefinitionException.class).hasMessageContaining("at most 256");
    }

    @Test
    void the_engine_shows_each_sms_profiles_acknowledgement_in_an_event_when_it_is_built() {
        List<SurveyEvent> events = new ArrayList<>();
        TestClock clock = new TestClock(T0);
        SurveyEngine.builder().clock(clock).channel(EngineFixture.sms()).channel(EngineFixture.chat())
                .profile(SurveyProfile.builder(EngineFixture.smsSurvey("after-call"), ChannelKind.SMS)
                        .acknowledgeSendingRules("dana@acme.example", READ_AT).placeholders(company()).build())
                .profile(SurveyProfile.builder(EngineFixture.smsSurvey("after-chat"), ChannelKind.CHAT)
                        .placeholders(company()).build())
                .listener(events::add).build();
        assertThat(events).containsExactly(new SurveyEvent.SendingRulesAcknowledged("after-call", "sms",
                SendingRulesAcknowledgement.of("dana@acme.example", READ_AT), T0));
        // An operator's email is personal data: masked where the event meets a log line.
        assertThat(events.get(0).toString()).doesNotContain("dana@acme.example")
                .contains(SendingRulesAcknowledgement.NOTICE_VERSION).contains(READ_AT.toString());
    }
}
