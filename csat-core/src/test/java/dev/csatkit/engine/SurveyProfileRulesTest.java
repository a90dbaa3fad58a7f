package dev.csatkit.engine;

import static dev.csatkit.engine.EngineFixture.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.csatkit.InvalidDefinitionException;
import dev.csatkit.Violation;
import dev.csatkit.channels.spi.ChannelKind;
import dev.csatkit.policy.QuietHours;
import java.time.Duration;
import java.time.LocalTime;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** Each rule of a survey profile, on both sides of its edge, and the builder's defaults. */
class SurveyProfileRulesTest {

    static SurveyProfile.Builder chat() {
        return SurveyProfile.builder(EngineFixture.smsSurvey("after-call"), ChannelKind.CHAT);
    }

    static SurveyProfile.Builder keypad() {
        return SurveyProfile.builder(EngineFixture.keypadSurvey("ivr"), ChannelKind.VOICE_DTMF);
    }

    static List<String> broken(UnaryOperator<SurveyProfile.Builder> tune) {
        try {
            tune.apply(chat()).build();
        } catch (InvalidDefinitionException e) {
            return e.violations().stream().map(Violation::field).toList();
        }
        return List.of();
    }

    @Test
    void theDelayRunsFromZeroToThirtyDays() {
        assertThat(broken(b -> b.delay(Duration.ZERO))).isEmpty();
        assertThat(broken(b -> b.delay(Duration.ofDays(30)))).isEmpty();
        assertThat(broken(b -> b.delay(Duration.ofDays(30).plusNanos(1)))).containsExactly("delay");
        assertThat(broken(b -> b.delay(Duration.ofNanos(-1)))).containsExactly("delay");
    }

    @Test
    void theAnswerWindowRunsFromOneSecondToNinetyDays() {
        assertThat(broken(b -> b.answerWindow(Duration.ofSeconds(1)))).isEmpty();
        assertThat(broken(b -> b.answerWindow(Duration.ofDays(90)))).isEmpty();
        assertThat(broken(b -> b.answerWindow(Duration.ofMillis(999)))).containsExactly("answerWindow");
        assertThat(broken(b -> b.answerWindow(Duration.ofDays(90).plusNanos(1)))).containsExactly("answerWindow");
    }

    @Test
    void theCommentWindowRunsFromZeroToNinetyDays() {
        assertThat(broken(b -> b.commentWindow(Duration.ZERO))).isEmpty();
        assertThat(broken(b -> b.commentWindow(Duration.ofDays(90)))).isEmpty();
        assertThat(broken(b -> b.commentWindow(Duration.ofNanos(-1)))).containsExactly("commentWindow");
        assertThat(broken(b -> b.commentWindow(Duration.ofDays(90).plusNanos(1)))).containsExactly("commentWindow");
    }

    @Test
    void aReminderComesAfterAMomentAndBeforeTheWindowCloses() {
        assertThat(broken(b -> b.answerWindow(Duration.ofHours(2)).reminderAfter(Duration.ofNanos(1)))).isEmpty();
        assertThat(broken(b -> b.answerWindow(Duration.ofHours(2)).reminderAfter(Duration.ofHours(2).minusNanos(1))))
                .isEmpty();
        assertThat(broken(b -> b.answerWindow(Duration.ofHours(2)).reminderAfter(Duration.ofHours(2))))
                .containsExactly("reminderAfter");
        assertThat(broken(b -> b.reminderAfter(Duration.ZERO))).containsExactly("reminderAfter");
        assertThat(broken(b -> b.reminderAfter(Duration.ofNanos(-1)))).containsExactly("reminderAfter");
        assertThat(chat().build().reminderAfter()).isEmpty();
        assertThat(chat().reminderAfter(Duration.ofHours(1)).build().reminderAfter()).contains(Duration.ofHours(1));
    }

    @Test
    void invalidRepliesAndNoInputsRunFromZeroToTen() {
        assertThat(broken(b -> b.maxInvalidReplies(0).maxNoInputs(0))).isEmpty();
        assertThat(broken(b -> b.maxInvalidReplies(10).maxNoInputs(10))).isEmpty();
        assertThat(broken(b -> b.maxInvalidReplies(-1))).containsExactly("maxInvalidReplies");
        assertThat(broken(b -> b.maxInvalidReplies(11))).containsExactly("maxInvalidReplies");
        assertThat(broken(b -> b.maxNoInputs(-1))).containsExactly("maxNoInputs");
        assertThat(broken(b -> b.maxNoInputs(11))).containsExactly("maxNoInputs");
        SurveyProfile p = chat().maxInvalidReplies(4).maxNoInputs(3).build();
        assertThat(p.maxInvalidReplies()).isEqualTo(4);
        assertThat(p.maxNoInputs()).isEqualTo(3);
    }

    @Test
    void theHandleTimeAndTheLowScoreMustFit() {
        assertThat(broken(b -> b.minHandleTime(Duration.ZERO))).isEmpty();
        assertThat(broken(b -> b.minHandleTime(Duration.ofNanos(-1)))).containsExactly("minHandleTime");
        assertThat(broken(b -> b.lowScoreThreshold(1))).isEmpty();
        assertThat(broken(b -> b.lowScoreThreshold(5))).isEmpty();
        assertThat(broken(b -> b.lowScoreThreshold(0))).containsExactly("lowScoreThreshold");
        assertThat(broken(b -> b.lowScoreThreshold(6))).containsExactly("lowScoreThreshold");
    }

    @Test
    void everyBrokenRuleIsNamedInOrder() {
        assertThat(broken(b -> b.minHandleTime(Duration.ofSeconds(-1)).delay(Duration.ofDays(31))
                .answerWindow(Duration.ZERO).commentWindow(Duration.ofDays(-1)).reminderAfter(Duration.ZERO)
                .maxInvalidReplies(11).maxNoInputs(11).lowScoreThreshold(9)))
                .containsExactly("minHandleTime", "delay", "answerWindow", "commentWindow", "reminderAfter",
                        "maxInvalidReplies", "maxNoInputs", "lowScoreThreshold");
    }

    @Test
    void theSurveyMustGoOnTheProfilesChannel() {
        assertThatThrownBy(() -> SurveyProfile.builder(EngineFixture.smsSurvey("after-call"), ChannelKind.VOICE_DTMF)
                .build()).isInstanceOf(InvalidDefinitionException.class)
                .hasMessageContaining("sendOn = VOICE_DTMF: must be one of the survey's channels [SMS, EMAIL, CHAT]");
    }

    @Test
    void aTextMessageSurveyNeedsTheSendingRulesAcknowledged() {
        SurveyProfile.Builder sms = SurveyProfile.builder(EngineFixture.smsSurvey("after-call"), ChannelKind.SMS);
        assertThatThrownBy(sms::build).isInstanceOf(InvalidDefinitionException.class)
                .satisfies(e -> assertThat(((InvalidDefinitionException) e).violations()).extracting(Violation::field)
                        .containsExactly("sendingRules"));
        SurveyProfile p = sms.acknowledgeSendingRules("ops@example.com", T0).build();
        assertThat(p.sendingRules()).contains(SendingRulesAcknowledgement.of("ops@example.com", T0));
        // Other channels need none.
        assertThat(chat().build().sendingRules()).isEmpty();
        assertThat(chat().sendingRules(SendingRulesAcknowledgement.of("ops", T0)).build().sendingRules()).isPresent();
    }

    @Test
    void aKeypadSurveyFollowsInboundCallsAtOnceWithoutQuietHours() {
        SurveyProfile p = keypad().build();
        assertThat(p.inboundOnly()).isTrue();
        assertThat(p.quietHours()).isEmpty();
        assertThat(p.answerWindow()).isEqualTo(Duration.ofMinutes(5));
        assertThatThrownBy(() -> keypad().delay(Duration.ofSeconds(1)).build())
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessageContaining("delay = PT1S: must be zero: a keypad survey follows the call at once");
        assertThatThrownBy(() -> keypad().quietHours(QuietHours.SMS_DEFAULT).build())
                .hasMessageContaining("quietHours = \"21:00–08:00\": must be empty");
        assertThatThrownBy(() -> keypad().inboundOnly(false).build())
                .hasMessageContaining("inboundOnly = false: must be true");
        // Other channels take a delay, quiet hours and outbound interactions.
        SurveyProfile c = chat().delay(Duration.ofMinutes(5)).quietHours(QuietHours.SMS_DEFAULT).inboundOnly(false)
                .build();
        assertThat(c.delay()).isEqualTo(Duration.ofMinutes(5));
        assertThat(c.quietHours()).contains(QuietHours.SMS_DEFAULT);
        assertThat(c.inboundOnly()).isFalse();
    }

    @Test
    void theDefaultsFollowTheChannel() {
        SurveyProfile c = chat().build();
        assertThat(c.answerWindow()).isEqualTo(Duration.ofHours(24));
        assertThat(c.quietHours()).isEmpty();
        assertThat(c.inboundOnly()).isFalse();
        assertThat(c.commentWindow()).isEqualTo(Duration.ofHours(1));
        assertThat(c.maxInvalidReplies()).isEqualTo(2);
        assertThat(c.maxNoInputs()).isEqualTo(2);
        assertThat(c.frequencyCap()).contains(SurveyProfile.DEFAULT_CAP);
        assertThat(c.releaseCapOnFailure()).isTrue();
        assertThat(c.countLateReplies()).isFalse();
        assertThat(c.possibleOptOut()).isEqualTo(PossibleOptOut.OPT_OUT);
        assertThat(c.retry()).isEqualTo(RetryPolicy.DEFAULT);
        assertThat(c.channelId()).isEmpty();
        assertThat(c.id()).isEqualTo("after-call");
        // The five-point scale's highest dissatisfied value.
        assertThat(c.lowScoreThreshold()).isEqualTo(2);
        assertThat(keypad().build().lowScoreThreshold()).isEqualTo(3);
        assertThat(SurveyProfile.builder(EngineFixture.smsSurvey("m"), ChannelKind.EMAIL).build().answerWindow())
                .isEqualTo(Duration.ofDays(7));
        SurveyProfile sms = SurveyProfile.builder(EngineFixture.smsSurvey("s"), ChannelKind.SMS)
                .acknowledgeSendingRules("ops", T0).build();
        assertThat(sms.answerWindow()).isEqualTo(Duration.ofHours(24));
        assertThat(sms.quietHours()).contains(QuietHours.SMS_DEFAULT);
        assertThat(chat().noFrequencyCap().build().frequencyCap()).isEmpty();
        assertThat(chat().releaseCapOnFailure(false).countLateReplies(true).build())
                .satisfies(p -> {
                    assertThat(p.releaseCapOnFailure()).isFalse();
                    assertThat(p.countLateReplies()).isTrue();
                });
    }

    @Test
    void anotherChannelMakesAProfileOfItsOwnWithThatChannelsDefaults() {
        Route calls = Route.media(Medium.VOICE);
        Route mails = Route.media(Medium.EMAIL);
        SurveyProfile.Builder b = SurveyProfile.builder(EngineFixture.smsSurvey("after-call"), ChannelKind.SMS)
                .acknowledgeSendingRules("ops", T0).channelId("sms-1").route(calls).alsoOn(ChannelKind.EMAIL, mails)
                .alsoOn(ChannelKind.CHAT, Route.media(Medium.CHAT));
        List<SurveyProfile> all = b.buildAll();
        assertThat(all).extracting(SurveyProfile::sendOn)
                .containsExactly(ChannelKind.SMS, ChannelKind.EMAIL, ChannelKind.CHAT);
        assertThat(all.get(0).channelId()).contains("sms-1");
        assertThat(all.get(0).route()).isEqualTo(calls);
        assertThat(all.get(0).quietHours()).contains(QuietHours.SMS_DEFAULT);
        assertThat(all.get(1).channelId()).isEmpty();
        assertThat(all.get(1).route()).isEqualTo(mails);
        assertThat(all.get(1).quietHours()).isEmpty();
        assertThat(all.get(1).answerWindow()).isEqualTo(Duration.ofDays(7));
        // Only a keypad profile follows inbound calls alone unless the host says otherwise.
        assertThat(all).extracting(SurveyProfile::inboundOnly).containsExactly(false, false, false);
        // The builder is as it was: building again gives the same profiles.
        assertThat(b.buildAll()).isEqualTo(all);
        assertThatThrownBy(b::build).isInstanceOf(InvalidDefinitionException.class)
                .hasMessageContaining("call buildAll() instead of build()");
    }

    @Test
    void quietHoursAndDirectionSetByTheHostHoldOnEveryChannel() {
        QuietHours night = new QuietHours(LocalTime.of(22, 0), LocalTime.of(7, 0));
        List<SurveyProfile> all = SurveyProfile.builder(EngineFixture.smsSurvey("after-call"), ChannelKind.CHAT)
                .route(Route.media(Medium.CHAT)).quietHours(night).inboundOnly(true)
                .alsoOn(ChannelKind.SMS, Route.media(Medium.VOICE)).sendingRules(SendingRulesAcknowledgement.of("o", T0))
                .buildAll();
        assertThat(all).extracting(SurveyProfile::quietHours).containsExactly(
                java.util.Optional.of(night), java.util.Optional.of(night));
        assertThat(all).extracting(SurveyProfile::inboundOnly).containsExactly(true, true);
        List<SurveyProfile> quiet = SurveyProfile.builder(EngineFixture.smsSurvey("after-call"), ChannelKind.CHAT)
                .route(Route.media(Medium.CHAT)).noQuietHours()
                .alsoOn(ChannelKind.SMS, Route.media(Medium.VOICE)).sendingRules(SendingRulesAcknowledgement.of("o", T0))
                .buildAll();
        assertThat(quiet).extracting(SurveyProfile::quietHours).containsOnly(java.util.Optional.empty());
        List<SurveyProfile> keypadToo = SurveyProfile.builder(EngineFixture.smsSurvey("after-call"), ChannelKind.CHAT)
                .route(Route.media(Medium.CHAT)).buildAll();
        assertThat(keypadToo).hasSize(1);
    }

    @Test
    void eachOtherChannelOnceAndNeverUnrouted() {
        SurveyProfile.Builder b = chat();
        assertThatThrownBy(() -> b.alsoOn(ChannelKind.CHAT, Route.ANY)).isInstanceOf(InvalidDefinitionException.class)
                .hasMessageContaining("must name each kind of channel once");
        b.alsoOn(ChannelKind.EMAIL, Route.media(Medium.EMAIL));
        assertThatThrownBy(() -> b.alsoOn(ChannelKind.EMAIL, Route.ANY)).isInstanceOf(InvalidDefinitionException.class)
                .hasMessageContaining("must name each kind of channel once");
        assertThatThrownBy(b::buildAll).isInstanceOf(InvalidDefinitionException.class)
                .hasMessageContaining("route = \"Route.ANY\": must be narrowed");
        assertThat(chat().buildAll()).hasSize(1);
    }

    @Test
    void disabledMediaAndEntryPointsAreKept() {
        SurveyProfile p = chat().disable(Medium.EMAIL).disable(Medium.VOICE).disableEntryPoint("+15550100").build();
        assertThat(p.disabledMedia()).containsExactlyInAnyOrder(Medium.EMAIL, Medium.VOICE);
        assertThat(p.disabledEntryPoints()).containsExactly("+15550100");
        assertThat(chat().build().disabledMedia()).isEmpty();
    }
}
