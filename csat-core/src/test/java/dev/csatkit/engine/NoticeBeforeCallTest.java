package dev.csatkit.engine;

import static dev.csatkit.engine.EngineFixture.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.csatkit.InvalidDefinitionException;
import dev.csatkit.channels.spi.AudioStage.Phase;
import dev.csatkit.channels.spi.ChannelKind;
import dev.csatkit.channels.spi.MessageContent;
import dev.csatkit.engine.EngineFixture.ScriptedChannel;
import dev.csatkit.engine.EngineFixture.TestClock;
import dev.csatkit.policy.Sampling;
import dev.csatkit.scale.RatingScales;
import dev.csatkit.survey.AudioStage;
import dev.csatkit.survey.DefaultMessages;
import dev.csatkit.survey.KeypadAudio;
import dev.csatkit.survey.MessageSet;
import dev.csatkit.survey.MissingLanguage;
import dev.csatkit.survey.SurveyDefinition;
import java.util.Locale;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** The keypad survey's notice, asked for when a call is routed, and not played again after the call. */
class NoticeBeforeCallTest {

    private static final String SURVEYED = "+15550100";
    private static final String SWITCHED_OFF = "+15550111";
    private static final String SMS_AFTER = "+15550200";
    private static final String NO_NOTICE = "+15550300";

    private final TestClock clock = new TestClock(T0);
    private final ScriptedChannel ivr = EngineFixture.keypad();
    private final ScriptedChannel sms = EngineFixture.sms();

    private static MessageSet keypadSet(Locale locale, Optional<AudioStage> notice) {
        MessageSet defaults = DefaultMessages.forChannel(ChannelKind.VOICE_DTMF, Locale.ENGLISH).orElseThrow();
        MessageSet.Builder b = MessageSet.builder().prompt(defaults.prompt().source())
                .confirmation(defaults.confirmation().source()).invalidReply(defaults.invalidReply().source())
                .thankYou(defaults.thankYou().source()).optOutInstructions("Reply STOP to opt out.");
        notice.ifPresent(n -> b.keypad(KeypadAudio.builder().notice(n).build()));
        return b.build();
    }

    private static SurveyDefinition withNotice(MissingLanguage missing) {
        return SurveyDefinition.builder("after-call").name("After call").scale(RatingScales.keypadNine())
                .channels(ChannelKind.VOICE_DTMF, ChannelKind.SMS).defaultLocale(Locale.ENGLISH)
                .messages(Locale.ENGLISH, keypadSet(Locale.ENGLISH,
                        Optional.of(AudioStage.Speech.of("This call to {company} may be followed by a short survey."))))
                .messages(Locale.FRENCH, keypadSet(Locale.FRENCH, Optional.of(AudioStage.Clip.of("prompts/avis.wav"))))
                .onMissingLanguage(missing)
                .build();
    }

    private SurveyEngine engine(MissingLanguage missing, UnaryOperator<SurveyProfile.Builder> tune) {
        SurveyProfile keypad = tune.apply(SurveyProfile.builder(withNotice(missing), ChannelKind.VOICE_DTMF)
                .route(Route.media(Medium.VOICE).entryPoints(SURVEYED, SWITCHED_OFF))
                .disableEntryPoint(SWITCHED_OFF).placeholders(EngineFixture.company())).build();
        // The same survey, with its notice, sent by SMS after calls to another number: no notice there.
        SurveyProfile bySms = SurveyProfile.builder(withNotice(missing), ChannelKind.SMS)
                .route(Route.media(Medium.VOICE).entryPoints(SMS_AFTER))
                .acknowledgeSendingRules("ops@example.com", T0).placeholders(EngineFixture.company()).build();
        SurveyDefinition silent = SurveyDefinition.builder("no-notice").name("No notice")
                .scale(RatingScales.keypadNine()).channels(ChannelKind.VOICE_DTMF).defaultLocale(Locale.ENGLISH)
                .messages(Locale.ENGLISH, keypadSet(Locale.ENGLISH, Optional.empty())).build();
        SurveyProfile noNotice = SurveyProfile.builder(silent, ChannelKind.VOICE_DTMF)
                .route(Route.media(Medium.VOICE).entryPoints(NO_NOTICE)).build();
        return SurveyEngine.builder().clock(clock).channel(ivr).channel(sms).profile(keypad).profile(bySms)
                .profile(noNotice).build();
    }

    private SurveyEngine engine() {
        return engine(MissingLanguage.USE_DEFAULT, b -> b);
    }

    @Test
    void the_notice_of_the_survey_that_would_follow_the_call_in_the_caller_s_language() {
        SurveyEngine engine = engine();

        CallNotice english = engine.noticeBeforeCall(RoutedCall.of(Locale.ENGLISH).entryPoint(SURVEYED)).orElseThrow();
        assertThat(english.surveyId()).isEqualTo("after-call");
        assertThat(english.channelId()).isEqualTo("ivr");
        assertThat(english.locale()).isEqualTo(Locale.ENGLISH);
        assertThat(english.stage().phase()).isEqualTo(Phase.ANNOUNCEMENT);
        assertThat(english.stage().audio()).isEqualTo("This call to Acme may be followed by a short survey.");
        assertThat(english.spoken()).isTrue();

        CallNotice french = engine.noticeBeforeCall(RoutedCall.of(Locale.CANADA_FRENCH).entryPoint(SURVEYED))
                .orElseThrow();
        assertThat(french.locale()).isEqualTo(Locale.FRENCH);
        assertThat(french.stage().audio()).isEqualTo("prompts/avis.wav");
        assertThat(french.spoken()).isFalse();

        // A language the survey has no messages in falls back as the survey after the call does.
        assertThat(engine.noticeBeforeCall(RoutedCall.of(Locale.GERMAN).entryPoint(SURVEYED)))
                .map(CallNotice::locale).contains(Locale.ENGLISH);
    }

    @Test
    void no_notice_when_no_keypad_survey_with_a_notice_would_follow_the_call() {
        SurveyEngine engine = engine();
        assertThat(engine.noticeBeforeCall(RoutedCall.of(Locale.ENGLISH).entryPoint(SWITCHED_OFF))).isEmpty();
        assertThat(engine.noticeBeforeCall(RoutedCall.of(Locale.ENGLISH).entryPoint(SMS_AFTER))).isEmpty();
        assertThat(engine.noticeBeforeCall(RoutedCall.of(Locale.ENGLISH).entryPoint(NO_NOTICE))).isEmpty();
        assertThat(engine.noticeBeforeCall(RoutedCall.of(Locale.ENGLISH).entryPoint("+15559999"))).isEmpty();
        assertThat(engine.noticeBeforeCall(RoutedCall.of(Locale.ENGLISH))).isEmpty();
    }

    @Test
    void no_notice_for_a_caller_whose_language_the_survey_skips() {
        SurveyEngine engine = engine(MissingLanguage.SKIP, b -> b);
        assertThat(engine.noticeBeforeCall(RoutedCall.of(Locale.GERMAN).entryPoint(SURVEYED))).isEmpty();
        assertThat(engine.noticeBeforeCall(RoutedCall.of(Locale.FRENCH).entryPoint(SURVEYED))).isPresent();
    }

    @Test
    void the_routing_follows_brands_too() {
        SurveyEngine engine = engine(MissingLanguage.USE_DEFAULT,
                b -> b.route(Route.media(Medium.VOICE).entryPoints(SURVEYED).brands("acme")));
        assertThat(engine.noticeBeforeCall(RoutedCall.of(Locale.ENGLISH).entryPoint(SURVEYED).brand("acme")))
                .isPresent();
        assertThat(engine.noticeBeforeCall(RoutedCall.of(Locale.ENGLISH).entryPoint(SURVEYED).brand("other")))
                .isEmpty();
    }

    @Test
    void sampling_is_not_consulted_and_nothing_is_scheduled_or_held() {
        SurveyEngine engine = engine(MissingLanguage.USE_DEFAULT, b -> b.sampling(Sampling.percent(0)));
        assertThat(engine.noticeBeforeCall(RoutedCall.of(Locale.ENGLISH).entryPoint(SURVEYED))).isPresent();
        assertThat(engine.decide(EngineFixture.call("c-0", EngineFixture.contact("ann", "+15550001")).build()))
                .isInstanceOfSatisfying(Decision.Skipped.class,
                        d -> assertThat(d.reason()).isEqualTo(SkipReason.NOT_SAMPLED));

        SurveyEngine sampled = engine();
        for (int i = 0; i < 3; i++) {
            sampled.noticeBeforeCall(RoutedCall.of(Locale.ENGLISH).entryPoint(SURVEYED));
        }
        assertThat(sampled.dispatchDue().isEmpty()).isTrue();
        assertThat(sampled.responses()).isEmpty();
        // No cap was held by asking: the call is surveyed when it ends.
        assertThat(sampled.decide(EngineFixture.call("c-1", EngineFixture.contact("ann", "+15550001")).build()))
                .isInstanceOf(Decision.Scheduled.class);
    }

    @Test
    void the_survey_after_the_call_does_not_play_the_notice_the_caller_already_heard() {
        SurveyEngine engine = engine();
        engine.decide(EngineFixture.call("heard", EngineFixture.contact("ann", "+15550001"))
                .noticePlayedBeforeCall().build());
        engine.decide(EngineFixture.call("not-heard", EngineFixture.contact("bob", "+15550002")).build());
        engine.dispatchDue();

        assertThat(ivr.delivered).hasSize(2);
        MessageContent.Keypad heard = keypadTo("+15550001");
        MessageContent.Keypad notHeard = keypadTo("+15550002");
        assertThat(heard.stages()).extracting(s -> s.phase()).doesNotContain(Phase.ANNOUNCEMENT)
                .first().isEqualTo(Phase.PROMPT);
        assertThat(notHeard.stages()).extracting(s -> s.phase()).first().isEqualTo(Phase.ANNOUNCEMENT);
        assertThat(heard.stages()).hasSize(notHeard.stages().size() - 1);
    }

    @Test
    void a_routed_call_with_a_broken_entry_point_is_refused_naming_the_field() {
        assertThatThrownBy(() -> RoutedCall.of(Locale.ENGLISH).entryPoint("+1555\n0100"))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessageContaining("entryPoint")
                .hasMessageNotContaining("+1555\n0100");
        assertThatThrownBy(() -> RoutedCall.of(Locale.ENGLISH).brand(""))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessageContaining("brand");
    }

    private MessageContent.Keypad keypadTo(String phone) {
        return ivr.delivered.stream().filter(m -> m.recipient().equals(phone)).map(m -> (MessageContent.Keypad) m.content())
                .findFirst().orElseThrow();
    }
}
