package dev.csatkit.engine;

import static dev.csatkit.engine.EngineFixture.T0;
import static org.assertj.core.api.Assertions.assertThat;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.csatkit.InvalidConfigurationException;
import dev.csatkit.InvalidDefinitionException;
import dev.csatkit.channels.spi.ChannelKind;
import dev.csatkit.policy.QuietHours;
import dev.csatkit.engine.EngineFixture.ScriptedChannel;
import dev.csatkit.engine.EngineFixture.TestClock;
import dev.csatkit.scale.RatingScales;
import dev.csatkit.score.Dimension;
import dev.csatkit.score.Report;
import dev.csatkit.score.ReportSpec;
import dev.csatkit.score.Segment;
import dev.csatkit.score.SurveyResponse;
import dev.csatkit.survey.SurveyDefinition;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** One survey definition sent on two channels: one survey in the reports, with a channel dimension. */
class SeveralChannelsTest {

    private final TestClock clock = new TestClock(T0);
    private final ScriptedChannel sms = EngineFixture.sms().stampedBy(clock);
    private final ScriptedChannel chat = EngineFixture.chat().stampedBy(clock);
    private final SurveyDefinition survey = EngineFixture.smsSurvey("after-contact");

    private SurveyEngine twoProfiles() {
        return twoProfiles(b -> b);
    }

    /** The two-profile form: one builder per channel, the same definition in both. */
    private SurveyEngine twoProfiles(java.util.function.UnaryOperator<SurveyProfile.Builder> tune) {
        SurveyProfile bySms = tune.apply(SurveyProfile.builder(survey, ChannelKind.SMS).route(Route.media(Medium.VOICE))
                .acknowledgeSendingRules("ops@example.com", T0).placeholders(EngineFixture.company())).build();
        SurveyProfile byChat = tune.apply(SurveyProfile.builder(survey, ChannelKind.CHAT).route(Route.media(Medium.CHAT))
                .placeholders(EngineFixture.company())).build();
        return SurveyEngine.builder().clock(clock).channel(sms).channel(chat).profile(bySms).profile(byChat).build();
    }

    /** The direct form: one builder, the survey also on chat. */
    private List<SurveyProfile> alsoOnChat(java.util.function.UnaryOperator<SurveyProfile.Builder> tune) {
        return tune.apply(SurveyProfile.builder(survey, ChannelKind.SMS).route(Route.media(Medium.VOICE))
                .alsoOn(ChannelKind.CHAT, Route.media(Medium.CHAT, Medium.MESSAGING))
                .acknowledgeSendingRules("ops@example.com", T0).placeholders(EngineFixture.company())).buildAll();
    }

    private static Interaction chatWith(String id, Contact c) {
        return Interaction.builder(id, c, Medium.CHAT).agent(EngineFixture.alice())
                .between(T0.minus(Duration.ofMinutes(6)), T0).build();
    }

    @Test
    void one_definition_on_two_channels_is_one_survey_with_a_channel_dimension() {
        SurveyEngine engine = twoProfiles();
        Contact ann = EngineFixture.contact("ann", "+15550001");
        Contact bob = EngineFixture.contact("bob", "+15550002");

        Decision onSms = engine.decide(EngineFixture.call("call-1", ann).build());
        Decision onChat = engine.decide(chatWith("chat-1", bob));
        assertThat(onSms).isInstanceOfSatisfying(Decision.Scheduled.class, d -> {
            assertThat(d.survey()).isEqualTo("after-contact");
            assertThat(d.channel()).isEqualTo(ChannelKind.SMS);
        });
        assertThat(onChat).isInstanceOfSatisfying(Decision.Scheduled.class, d -> {
            assertThat(d.survey()).isEqualTo("after-contact");
            assertThat(d.channel()).isEqualTo(ChannelKind.CHAT);
        });

        engine.dispatchDue();
        assertThat(sms.delivered).hasSize(1);
        assertThat(chat.delivered).hasSize(1);

        clock.advance(Duration.ofMinutes(2));
        engine.receive(EngineFixture.text(sms, "+15550001", "5", clock.instant()));
        engine.receive(EngineFixture.text(chat, "chat-bob", "2", clock.instant()));
        clock.advance(Duration.ofDays(2));
        engine.dispatchDue();

        List<SurveyResponse> responses = engine.responses();
        assertThat(responses).extracting(SurveyResponse::surveyId).containsOnly("after-contact");
        assertThat(responses).extracting(r -> r.segment(Dimension.CHANNEL)).containsExactlyInAnyOrder("sms", "chat");

        Report bySurvey = Report.of(ReportSpec.builder(RatingScales.fivePoint()).by(Dimension.SURVEY).build(),
                responses);
        assertThat(bySurvey.segments()).hasSize(1);
        Segment one = bySurvey.segments().get(0);
        assertThat(one.key().get(Dimension.SURVEY)).isEqualTo("after-contact");
        assertThat(one.tally().responses()).isEqualTo(2);

        Report byChannel = Report.of(ReportSpec.builder(RatingScales.fivePoint())
                .by(Dimension.SURVEY, Dimension.CHANNEL).build(), responses);
        Map<String, Long> perChannel = byChannel.segments().stream().collect(Collectors.toMap(
                s -> s.key().get(Dimension.CHANNEL), s -> s.tally().responses()));
        assertThat(perChannel).isEqualTo(Map.of("sms", 1L, "chat", 1L));
        assertThat(perChannel.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(one.tally().responses());
        assertThat(byChannel.segments()).extracting(s -> s.key().get(Dimension.SURVEY)).containsOnly("after-contact");
    }

    @Test
    void a_contact_surveyed_on_chat_is_not_surveyed_again_by_sms_inside_the_cap_window() {
        SurveyEngine engine = twoProfiles();
        Contact ann = EngineFixture.contact("ann", "+15550001");
        assertThat(engine.decide(chatWith("chat-1", ann))).isInstanceOf(Decision.Scheduled.class);
        engine.dispatchDue();
        clock.advance(Duration.ofHours(3));
        Interaction call = Interaction.builder("call-1", ann, Medium.VOICE).agent(EngineFixture.alice())
                .entryPoint("+15550100").between(clock.instant().minus(Duration.ofMinutes(5)), clock.instant())
                .hangUp(HangUp.AGENT).build();
        assertThat(engine.decide(call)).isInstanceOfSatisfying(Decision.Skipped.class,
                d -> assertThat(d.reason()).isEqualTo(SkipReason.FREQUENCY_CAPPED));
        engine.dispatchDue();
        assertThat(sms.delivered).isEmpty();
    }

    @Test
    void a_cap_per_survey_holds_across_the_survey_s_channels_too() {
        SurveyEngine engine = twoProfiles(b -> b.frequencyCap(dev.csatkit.policy.FrequencyCap.perSurvey(
                Duration.ofDays(7))));
        Contact ann = EngineFixture.contact("ann", "+15550001");
        assertThat(engine.decide(EngineFixture.call("call-1", ann).build())).isInstanceOf(Decision.Scheduled.class);
        engine.dispatchDue();
        clock.advance(Duration.ofDays(3));
        assertThat(engine.decide(Interaction.builder("chat-1", ann, Medium.CHAT).agent(EngineFixture.alice())
                .between(clock.instant().minus(Duration.ofMinutes(5)), clock.instant()).build()))
                .isInstanceOfSatisfying(Decision.Skipped.class,
                        d -> assertThat(d.reason()).isEqualTo(SkipReason.FREQUENCY_CAPPED));
    }

    @Test
    void a_host_that_switches_the_cap_off_surveys_the_contact_on_both_channels() {
        SurveyEngine engine = twoProfiles(SurveyProfile.Builder::noFrequencyCap);
        Contact ann = EngineFixture.contact("ann", "+15550001");
        assertThat(engine.decide(chatWith("chat-1", ann))).isInstanceOf(Decision.Scheduled.class);
        assertThat(engine.decide(EngineFixture.call("call-1", ann).build())).isInstanceOf(Decision.Scheduled.class);
        engine.dispatchDue();
        assertThat(sms.delivered).hasSize(1);
        assertThat(chat.delivered).hasSize(1);
    }

    @Test
    void also_on_builds_one_profile_per_channel_with_the_same_survey_and_each_channel_s_defaults() {
        List<SurveyProfile> profiles = alsoOnChat(b -> b);
        assertThat(profiles).extracting(SurveyProfile::id).containsExactly("after-contact", "after-contact");
        assertThat(profiles).extracting(SurveyProfile::sendOn).containsExactly(ChannelKind.SMS, ChannelKind.CHAT);
        assertThat(profiles.get(1).route()).isEqualTo(Route.media(Medium.CHAT, Medium.MESSAGING));
        assertThat(profiles.get(0).quietHours()).contains(QuietHours.SMS_DEFAULT);
        assertThat(profiles.get(1).quietHours()).isEmpty();
        assertThat(profiles.get(0).answerWindow()).isEqualTo(profiles.get(1).answerWindow());
        assertThat(profiles.get(1).placeholders()).isEqualTo(EngineFixture.company());

        SurveyEngine engine = SurveyEngine.builder().clock(clock).channel(sms).channel(chat).profiles(profiles).build();
        Contact ann = EngineFixture.contact("ann", "+15550001");
        Contact bob = EngineFixture.contact("bob", "+15550002");
        assertThat(engine.decide(EngineFixture.call("call-1", ann).build())).isInstanceOfSatisfying(
                Decision.Scheduled.class, d -> assertThat(d.channelId()).isEqualTo("sms"));
        assertThat(engine.requestSurvey(SurveyRequest.of(chatWith("chat-1", bob), "after-contact")))
                .isInstanceOfSatisfying(Decision.Scheduled.class, d -> assertThat(d.channelId()).isEqualTo("chat"));
        engine.dispatchDue();
        engine.receive(EngineFixture.text(chat, "chat-bob", "4", clock.instant()));
        engine.receive(EngineFixture.text(sms, "+15550001", "1", clock.instant()));
        assertThat(engine.responses()).extracting(r -> r.segment(Dimension.CHANNEL) + "=" + r.score().orElseThrow())
                .containsExactlyInAnyOrder("sms=1", "chat=4");
        assertThat(engine.surveyFor("chat-1").orElseThrow().surveyId()).isEqualTo("after-contact");
    }

    @Test
    void an_explicit_setting_holds_on_every_channel() {
        List<SurveyProfile> profiles = alsoOnChat(b -> b.quietHours(QuietHours.SMS_DEFAULT).inboundOnly(true));
        assertThat(profiles).allSatisfy(p -> {
            assertThat(p.quietHours()).contains(QuietHours.SMS_DEFAULT);
            assertThat(p.inboundOnly()).isTrue();
        });
    }

    @Test
    void a_builder_for_several_channels_refuses_what_would_lose_interactions_or_channels() {
        assertThatThrownBy(() -> SurveyProfile.builder(survey, ChannelKind.SMS)
                .acknowledgeSendingRules("ops@example.com", T0).alsoOn(ChannelKind.CHAT, Route.media(Medium.CHAT))
                .buildAll())
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessageContaining("route = \"Route.ANY\": must be narrowed");
        assertThatThrownBy(() -> SurveyProfile.builder(survey, ChannelKind.SMS).route(Route.media(Medium.VOICE))
                .acknowledgeSendingRules("ops@example.com", T0).alsoOn(ChannelKind.CHAT, Route.media(Medium.CHAT))
                .build())
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessageContaining("alsoOn = [CHAT]: makes one profile per channel: call buildAll()");
        assertThatThrownBy(() -> SurveyProfile.builder(survey, ChannelKind.SMS)
                .alsoOn(ChannelKind.SMS, Route.media(Medium.CHAT)))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessageContaining("alsoOn = SMS: must name each kind of channel once");
        assertThatThrownBy(() -> SurveyProfile.builder(survey, ChannelKind.SMS)
                .alsoOn(ChannelKind.CHAT, Route.media(Medium.CHAT)).alsoOn(ChannelKind.CHAT, Route.media(Medium.EMAIL)))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessageContaining("alsoOn = CHAT: must name each kind of channel once");
        SurveyDefinition smsOnly = SurveyDefinition.builder("sms-only").name("SMS only").scale(RatingScales.fivePoint())
                .channels(ChannelKind.SMS).defaultLocale(java.util.Locale.ENGLISH)
                .messages(java.util.Locale.ENGLISH, survey.messages().get(java.util.Locale.ENGLISH)).build();
        assertThatThrownBy(() -> SurveyProfile.builder(smsOnly, ChannelKind.SMS).route(Route.media(Medium.VOICE))
                .acknowledgeSendingRules("ops@example.com", T0).alsoOn(ChannelKind.CHAT, Route.media(Medium.CHAT))
                .buildAll())
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessageContaining("sendOn = CHAT: must be one of the survey's channels");
    }

    @Test
    void two_profiles_of_one_survey_on_one_channel_are_refused_naming_the_channel() {
        SurveyProfile first = SurveyProfile.builder(survey, ChannelKind.CHAT).route(Route.media(Medium.CHAT))
                .placeholders(EngineFixture.company()).build();
        SurveyProfile second = SurveyProfile.builder(survey, ChannelKind.CHAT).route(Route.media(Medium.MESSAGING))
                .placeholders(EngineFixture.company()).build();
        assertThatThrownBy(() -> SurveyEngine.builder().clock(clock).channel(chat).profile(first).profile(second)
                .build())
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("profiles[after-contact].channelId = \"chat\": must differ between the profiles "
                        + "of one survey: survey after-contact already goes on channel chat");
    }

    @Test
    void electric_s_case_a_survey_on_every_resolved_ticket_by_email_and_every_chat_on_chat() {
        ScriptedChannel mail = EngineFixture.email().stampedBy(clock);
        List<SurveyProfile> profiles = SurveyProfile.builder(survey, ChannelKind.EMAIL)
                .route(Route.media(Medium.TICKET, Medium.EMAIL))
                .alsoOn(ChannelKind.CHAT, Route.media(Medium.CHAT))
                .placeholders(EngineFixture.company()).noFrequencyCap().buildAll();
        SurveyEngine engine = SurveyEngine.builder().clock(clock).channel(mail).channel(chat).profiles(profiles)
                .emailLinks((key, to, value, expires) -> "https://example.com/r?s=" + key + "&v=" + value).build();
        Contact ann = EngineFixture.contact("ann", "+15550001");
        Decision.Scheduled ticket = (Decision.Scheduled) engine.decide(Interaction.builder("t-1", ann, Medium.TICKET)
                .agent(EngineFixture.alice()).between(T0.minus(Duration.ofHours(1)), T0).build());
        Decision.Scheduled chatted = (Decision.Scheduled) engine.decide(chatWith("c-1", ann));
        assertThat(List.of(ticket.channelId(), chatted.channelId())).containsExactly("mail", "chat");
        engine.dispatchDue();
        assertThat(EngineFixture.text(mail.delivered.get(0))).contains("https://example.com/r?s=" + ticket.surveyKey());

        assertThat(engine.receive(new dev.csatkit.channels.spi.InboundReply("mail", "ann@example.com",
                "csat@example.com", new dev.csatkit.channels.spi.ReplyContent.Link(ticket.surveyKey(), 5), "ballot-1",
                clock.instant()))).isEqualTo(new ReplyOutcome.Rated(ticket.surveyKey(), 5, false));
        assertThat(engine.receive(EngineFixture.text(chat, "chat-ann", "3", clock.instant())))
                .isEqualTo(new ReplyOutcome.Rated(chatted.surveyKey(), 3, false));

        Report report = Report.of(ReportSpec.builder(RatingScales.fivePoint()).by(Dimension.SURVEY, Dimension.CHANNEL)
                .build(), engine.responses());
        assertThat(report.segments()).extracting(x -> x.key().toString()).containsExactlyInAnyOrder(
                "survey=after-contact, channel=email", "survey=after-contact, channel=chat");
        assertThat(report.overall().responses()).isEqualTo(2);
    }
}
