package dev.csatkit.engine;

import static dev.csatkit.engine.EngineFixture.T0;
import static dev.csatkit.engine.EngineFixture.call;
import static dev.csatkit.engine.EngineFixture.company;
import static dev.csatkit.engine.EngineFixture.contact;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.csatkit.InvalidConfigurationException;
import dev.csatkit.InvalidDefinitionException;
import dev.csatkit.channels.spi.ChannelKind;
import dev.csatkit.engine.EngineFixture.ScriptedChannel;
import dev.csatkit.engine.EngineFixture.TestClock;
import dev.csatkit.policy.FrequencyCap;
import dev.csatkit.policy.Sampling;
import dev.csatkit.survey.MissingLanguage;
import dev.csatkit.survey.SurveyDefinition;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class DecisionRulesTest {

    final TestClock clock = new TestClock(T0);
    final ScriptedChannel sms = EngineFixture.sms();
    final List<SurveyEvent> events = new ArrayList<>();

    SurveyEngine engine(UnaryOperator<SurveyProfile.Builder> tune) {
        return EngineFixture.smsEngine(clock, sms, events::add, tune);
    }

    static SkipReason reason(Decision d) {
        assertThat(d).isInstanceOf(Decision.Skipped.class);
        return ((Decision.Skipped) d).reason();
    }

    @Test
    void a_resolved_call_is_scheduled_now_with_the_agent_credited() {
        SurveyEngine e = engine(b -> b);
        Decision d = e.decide(call("c1", contact("k1", "+46701234567")).build());
        assertThat(d).isInstanceOf(Decision.Scheduled.class);
        Decision.Scheduled s = (Decision.Scheduled) d;
        assertThat(s.sendAt()).isEqualTo(T0);
        assertThat(s.channelId()).isEqualTo("sms");
        assertThat(e.survey(s.surveyKey()).orElseThrow().agent()).contains("a-1");
        assertThat(e.survey(s.surveyKey()).orElseThrow().team()).contains("Blue");
        assertThat(events).hasSize(1).first().isInstanceOf(SurveyEvent.Scheduled.class);
    }

    @Test
    void only_resolved_interactions() {
        SurveyEngine e = engine(b -> b);
        Decision d = e.decide(call("c1", contact("k1", "+46701234567")).ending(Ending.ABANDONED).build());
        assertThat(reason(d)).isEqualTo(SkipReason.NOT_RESOLVED);
        assertThat(((Decision.Skipped) d).detail()).contains("ABANDONED");
        assertThat(events).hasSize(1).first().isInstanceOf(SurveyEvent.Skipped.class);
    }

    @Test
    void channels_and_entry_points_can_be_switched_off() {
        SurveyEngine e = engine(b -> b.disable(Medium.VOICE).disableEntryPoint("+15550199"));
        assertThat(reason(e.decide(call("c1", contact("k1", "+46701234567")).build())))
                .isEqualTo(SkipReason.CHANNEL_DISABLED);
        SurveyEngine e2 = engine(b -> b.disableEntryPoint("+15550199"));
        assertThat(reason(e2.decide(call("c2", contact("k2", "+46701234568")).entryPoint("+15550199").build())))
                .isEqualTo(SkipReason.ENTRY_POINT_DISABLED);
        assertThat(e2.decide(call("c3", contact("k3", "+46701234569")).build()))
                .isInstanceOf(Decision.Scheduled.class);
    }

    @Test
    void inbound_only_profiles_skip_outbound_interactions() {
        SurveyEngine e = engine(b -> b.inboundOnly(true));
        assertThat(reason(e.decide(call("c1", contact("k1", "+46701234567")).direction(Direction.OUTBOUND).build())))
                .isEqualTo(SkipReason.NOT_INBOUND);
    }

    @Test
    void virtual_agents_are_skipped_unless_included_and_no_agent_is_skipped() {
        Interaction bot = call("c1", contact("k1", "+46701234567")).agent(Agent.virtual("bot", "Bot")).build();
        assertThat(reason(engine(b -> b).decide(bot))).isEqualTo(SkipReason.AGENT_TYPE);
        assertThat(engine(b -> b.includeVirtualAgents(true)).decide(bot)).isInstanceOf(Decision.Scheduled.class);
        Interaction nobody = Interaction.builder("c2", contact("k2", "+46701234568"), Medium.VOICE).build();
        assertThat(reason(engine(b -> b).decide(nobody))).isEqualTo(SkipReason.AGENT_TYPE);
    }

    @Test
    void short_agent_work_is_skipped() {
        SurveyEngine e = engine(b -> b.minHandleTime(Duration.ofSeconds(30)));
        Decision d = e.decide(call("c1", contact("k1", "+46701234567")).handleTime(Duration.ofSeconds(29)).build());
        assertThat(reason(d)).isEqualTo(SkipReason.TOO_SHORT);
        assertThat(e.decide(call("c2", contact("k2", "+46701234568")).handleTime(Duration.ofSeconds(30)).build()))
                .isInstanceOf(Decision.Scheduled.class);
    }

    @Test
    void the_host_rule_decides_eligibility_and_a_failing_rule_skips() {
        SurveyEngine e = engine(b -> b.eligibility(c -> "yes".equals(c.attributes().get("designated"))));
        assertThat(reason(e.decide(call("c1", contact("k1", "+46701234567")).build())))
                .isEqualTo(SkipReason.INELIGIBLE_CONTACT);
        Contact designated = Contact.builder("k2").phone("+46701234568").attribute("designated", "yes").build();
        assertThat(e.decide(call("c2", designated).build())).isInstanceOf(Decision.Scheduled.class);
        SurveyEngine broken = engine(b -> b.eligibility(c -> {
            throw new IllegalStateException("crm down");
        }));
        assertThat(reason(broken.decide(call("c3", contact("k3", "+46701234569")).build())))
                .isEqualTo(SkipReason.INELIGIBLE_CONTACT);
    }

    @Test
    void an_agent_never_rates_themself() {
        SurveyEngine e = engine(b -> b);
        Contact agentAsContact = contact("a-1", "+46701234567");
        assertThat(reason(e.decide(call("c1", agentAsContact).build()))).isEqualTo(SkipReason.SELF_RATING);
        Agent withPhone = EngineFixture.alice().withAddress("+46701234599");
        assertThat(reason(e.decide(call("c2", contact("k2", "+46701234599")).agent(withPhone).build())))
                .isEqualTo(SkipReason.SELF_RATING);
    }

    @Test
    void a_missing_or_unusable_address_is_skipped() {
        SurveyEngine e = engine(b -> b);
        Contact noPhone = Contact.builder("k1").email("k1@example.com").build();
        assertThat(reason(e.decide(call("c1", noPhone).build()))).isEqualTo(SkipReason.NO_ADDRESS);
        Contact badPhone = Contact.builder("k2").phone("0701234567").build();
        Decision d = e.decide(call("c2", badPhone).build());
        assertThat(reason(d)).isEqualTo(SkipReason.INVALID_ADDRESS);
        assertThat(((Decision.Skipped) d).detail()).doesNotContain("0701234567");
    }

    @Test
    void opted_out_addresses_are_skipped() {
        SurveyEngine e = engine(b -> b);
        e.receive(EngineFixture.text(sms, "+46701234567", "STOP", T0));
        Decision d = e.decide(call("c1", contact("k1", "+46701234567")).build());
        assertThat(reason(d)).isEqualTo(SkipReason.OPTED_OUT);
        assertThat(((Decision.Skipped) d).detail()).doesNotContain("+46701234567");
    }

    @Test
    void language_falls_back_or_skips_as_the_survey_says() {
        Contact german = Contact.builder("k1").phone("+46701234567").locale(Locale.GERMAN).build();
        SurveyEngine fallback = engine(b -> b);
        assertThat(fallback.decide(call("c1", german).build())).isInstanceOf(Decision.Scheduled.class);
        assertThat(fallback.surveyFor("c1").orElseThrow().locale()).isEqualTo(Locale.ENGLISH);
        SurveyDefinition skipping = EngineFixture.smsSurvey("s2", MissingLanguage.SKIP);
        SurveyEngine skip = SurveyEngine.builder().clock(clock).channel(sms).profile(SurveyProfile
                .builder(skipping, ChannelKind.SMS).acknowledgeSendingRules("ops@example.com", T0).placeholders(company())
                .build()).build();
        assertThat(reason(skip.decide(call("c2", german).build()))).isEqualTo(SkipReason.NO_LANGUAGE);
        Contact canadian = Contact.builder("k3").phone("+46701234569").locale(Locale.CANADA_FRENCH).build();
        assertThat(skip.decide(call("c3", canadian).build())).isInstanceOf(Decision.Scheduled.class);
        assertThat(skip.surveyFor("c3").orElseThrow().locale()).isEqualTo(Locale.FRENCH);
    }

    @Test
    void sampling_is_deterministic_so_a_replay_gets_the_same_answer() {
        SurveyEngine e = engine(b -> b.sampling(Sampling.percent(30)).noFrequencyCap());
        int scheduled = 0;
        for (int i = 0; i < 2000; i++) {
            Decision d = e.decide(call("c" + i, contact("k" + i, "+4670100" + String.format("%04d", i))).build());
            boolean in = Sampling.percent(30).includes("c" + i, "after-call");
            assertThat(d instanceof Decision.Scheduled).isEqualTo(in);
            if (!in) {
                assertThat(reason(d)).isEqualTo(SkipReason.NOT_SAMPLED);
                assertThat(reason(e.decide(call("c" + i, contact("k" + i, "+4670100" + String.format("%04d", i)))
                        .build()))).isEqualTo(SkipReason.NOT_SAMPLED);
            } else {
                scheduled++;
            }
        }
        assertThat(scheduled).isBetween(520, 680);
    }

    @Test
    void quiet_hours_defer_to_the_morning_in_the_contacts_zone() {
        clock.set(Instant.parse("2026-03-02T21:30:00Z"));
        SurveyEngine e = engine(b -> b);
        Contact stockholm = Contact.builder("k1").phone("+46701234567").zone(ZoneId.of("Europe/Stockholm")).build();
        Decision d = e.decide(call("c1", stockholm).between(clock.instant().minusSeconds(300), clock.instant()).build());
        assertThat(((Decision.Scheduled) d).sendAt()).isEqualTo(Instant.parse("2026-03-03T07:00:00Z"));
        SurveyEngine anyHour = engine(SurveyProfile.Builder::noQuietHours);
        Decision now = anyHour.decide(call("c2", contact("k2", "+46701234568"))
                .between(clock.instant().minusSeconds(300), clock.instant()).build());
        assertThat(((Decision.Scheduled) now).sendAt()).isEqualTo(clock.instant());
    }

    @Test
    void a_delay_counts_from_the_end_of_the_interaction() {
        SurveyEngine e = engine(b -> b.delay(Duration.ofHours(24)).noQuietHours());
        Decision d = e.decide(call("t1", contact("k1", "+46701234567")).build());
        assertThat(((Decision.Scheduled) d).sendAt()).isEqualTo(T0.plus(Duration.ofHours(24)));
    }

    @Test
    void the_frequency_cap_holds_a_contact_for_its_window_and_replays_are_duplicates() {
        SurveyEngine e = engine(b -> b.frequencyCap(FrequencyCap.perSurvey(Duration.ofHours(2))));
        Contact k = contact("k1", "+46701234567");
        assertThat(e.decide(call("c1", k).build())).isInstanceOf(Decision.Scheduled.class);
        assertThat(reason(e.decide(call("c1", k).build()))).isEqualTo(SkipReason.DUPLICATE);
        Decision capped = e.decide(call("c2", k).build());
        assertThat(reason(capped)).isEqualTo(SkipReason.FREQUENCY_CAPPED);
        assertThat(reason(e.decide(call("c2", k).build()))).isEqualTo(SkipReason.FREQUENCY_CAPPED);
        clock.advance(Duration.ofHours(2));
        assertThat(e.decide(call("c3", k).build())).isInstanceOf(Decision.Scheduled.class);
        assertThat(reason(e.decide(call("c1", k).build()))).isEqualTo(SkipReason.DUPLICATE);
    }

    @Test
    void with_no_cap_an_interaction_is_still_surveyed_once() {
        SurveyEngine e = engine(SurveyProfile.Builder::noFrequencyCap);
        Contact k = contact("k1", "+46701234567");
        assertThat(e.decide(call("c1", k).build())).isInstanceOf(Decision.Scheduled.class);
        assertThat(e.decide(call("c2", k).build())).isInstanceOf(Decision.Scheduled.class);
        assertThat(reason(e.decide(call("c1", k).build()))).isEqualTo(SkipReason.DUPLICATE);
    }

    @Test
    void a_cap_across_surveys_counts_every_profile() {
        SurveyProfile calls = SurveyProfile.builder(EngineFixture.smsSurvey("calls"), ChannelKind.SMS)
                .acknowledgeSendingRules("ops@example.com", EngineFixture.T0)
                .route(Route.media(Medium.VOICE)).placeholders(company())
                .frequencyCap(FrequencyCap.acrossSurveys(Duration.ofDays(7))).build();
        SurveyProfile chats = SurveyProfile.builder(EngineFixture.smsSurvey("chats"), ChannelKind.CHAT)
                .route(Route.media(Medium.CHAT)).placeholders(company())
                .frequencyCap(FrequencyCap.acrossSurveys(Duration.ofDays(7))).build();
        SurveyEngine e = SurveyEngine.builder().clock(clock).channel(sms).channel(EngineFixture.chat())
                .profile(calls).profile(chats).build();
        Contact k = contact("k1", "+46701234567");
        assertThat(e.decide(call("c1", k).build())).isInstanceOf(Decision.Scheduled.class);
        Decision chat = e.decide(Interaction.builder("chat1", k, Medium.CHAT).agent(EngineFixture.alice()).build());
        assertThat(reason(chat)).isEqualTo(SkipReason.FREQUENCY_CAPPED);
        assertThat(chat.surveyId()).contains("chats");
    }

    @Test
    void ten_profiles_route_by_entry_point_brand_and_channel() {
        SurveyEngine.Builder b = SurveyEngine.builder().clock(clock).channel(sms);
        for (int i = 0; i < 10; i++) {
            b.profile(SurveyProfile.builder(EngineFixture.smsSurvey("line-" + i), ChannelKind.SMS)
                    .acknowledgeSendingRules("ops@example.com", EngineFixture.T0)
                    .route(Route.media(Medium.VOICE).entryPoints("+1555010" + i)).placeholders(company()).build());
        }
        b.profile(SurveyProfile.builder(EngineFixture.smsSurvey("brand-b"), ChannelKind.SMS)
                .acknowledgeSendingRules("ops@example.com", EngineFixture.T0)
                .route(Route.ANY.brands("b")).placeholders(company()).build());
        SurveyEngine e = b.build();
        for (int i = 0; i < 10; i++) {
            Decision d = e.decide(call("c" + i, contact("k" + i, "+4670123456" + i)).entryPoint("+1555010" + i).build());
            assertThat(d.surveyId()).contains("line-" + i);
        }
        Decision brand = e.decide(call("cb", contact("kb", "+46701234599")).entryPoint("+19990000").brand("b").build());
        assertThat(brand.surveyId()).contains("brand-b");
        Decision none = e.decide(call("cn", contact("kn", "+46701234598")).entryPoint("+19990000").build());
        assertThat(reason(none)).isEqualTo(SkipReason.NO_SURVEY);
    }

    @Test
    void the_rules_run_in_order_and_the_first_no_is_the_reason() {
        SurveyEngine e = engine(b -> b.minHandleTime(Duration.ofMinutes(10)).sampling(Sampling.percent(0)));
        e.receive(EngineFixture.text(sms, "+46701234567", "STOP", T0));
        Interaction all = call("c1", contact("k1", "+46701234567")).ending(Ending.TRANSFERRED).build();
        assertThat(reason(e.decide(all))).isEqualTo(SkipReason.NOT_RESOLVED);
        Interaction shortCall = call("c2", contact("k1", "+46701234567")).build();
        assertThat(reason(e.decide(shortCall))).isEqualTo(SkipReason.TOO_SHORT);
        Interaction optedOut = call("c3", contact("k1", "+46701234567")).handleTime(Duration.ofHours(1)).build();
        assertThat(reason(e.decide(optedOut))).isEqualTo(SkipReason.OPTED_OUT);
        Interaction other = call("c4", contact("k2", "+46701234568")).handleTime(Duration.ofHours(1)).build();
        assertThat(reason(e.decide(other))).isEqualTo(SkipReason.NOT_SAMPLED);
    }

    @Test
    void keypad_surveys_follow_inbound_calls_the_agent_ended() {
        SurveyProfile keypad = SurveyProfile.builder(EngineFixture.keypadSurvey("ivr"), ChannelKind.VOICE_DTMF).build();
        SurveyEngine e = SurveyEngine.builder().clock(clock).channel(EngineFixture.keypad()).profile(keypad).build();
        assertThat(e.decide(call("c1", contact("k1", "+46701234567")).build())).isInstanceOf(Decision.Scheduled.class);
        assertThat(reason(e.decide(call("c2", contact("k2", "+46701234568")).hangUp(HangUp.CONTACT).build())))
                .isEqualTo(SkipReason.CONTACT_HUNG_UP);
        assertThat(reason(e.decide(call("c3", contact("k3", "+46701234569")).direction(Direction.OUTBOUND).build())))
                .isEqualTo(SkipReason.NOT_INBOUND);
        Interaction chat = Interaction.builder("c4", contact("k4", "+46701234560"), Medium.CHAT)
                .agent(EngineFixture.alice()).build();
        assertThat(reason(e.decide(chat))).isEqualTo(SkipReason.NOT_INBOUND);
    }

    @Test
    void configuration_errors_name_the_field_and_rule() {
        assertThatThrownBy(() -> SurveyProfile.builder(EngineFixture.keypadSurvey("ivr"), ChannelKind.VOICE_DTMF)
                .delay(Duration.ofMinutes(5)).build())
                .isInstanceOf(InvalidDefinitionException.class).hasMessageContaining("delay");
        assertThatThrownBy(() -> SurveyProfile.builder(EngineFixture.smsSurvey("s"), ChannelKind.VOICE_DTMF).build())
                .isInstanceOf(InvalidDefinitionException.class).hasMessageContaining("sendOn");
        SurveyProfile noCompany = SurveyProfile.builder(EngineFixture.smsSurvey("s"), ChannelKind.SMS)
                .acknowledgeSendingRules("ops@example.com", EngineFixture.T0).build();
        assertThatThrownBy(() -> SurveyEngine.builder().channel(sms).profile(noCompany).build())
                .isInstanceOf(InvalidConfigurationException.class).hasMessageContaining("company");
        SurveyProfile p = SurveyProfile.builder(EngineFixture.smsSurvey("s"), ChannelKind.CHAT).placeholders(company())
                .build();
        assertThatThrownBy(() -> SurveyEngine.builder().channel(sms).profile(p).build())
                .isInstanceOf(InvalidConfigurationException.class).hasMessageContaining("needs a channel");
        SurveyProfile mail = SurveyProfile.builder(EngineFixture.smsSurvey("m"), ChannelKind.EMAIL)
                .placeholders(company()).build();
        assertThatThrownBy(() -> SurveyEngine.builder().channel(EngineFixture.email()).profile(mail).build())
                .isInstanceOf(InvalidConfigurationException.class).hasMessageContaining("emailLinks");
    }
}
