package dev.csatkit.engine;

import static dev.csatkit.engine.EngineFixture.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.csatkit.channels.spi.ChannelKind;
import dev.csatkit.reply.InvalidReason;
import dev.csatkit.reply.KeypadReply;
import dev.csatkit.reply.ParsedReply;
import dev.csatkit.score.Answer;
import dev.csatkit.score.SurveyResponse;
import dev.csatkit.store.CapHold;
import dev.csatkit.store.OpenSurvey;
import dev.csatkit.store.OutboxMessage;
import dev.csatkit.store.ReplyRecord;
import dev.csatkit.store.SurveyState;
import dev.csatkit.survey.Question;
import dev.csatkit.scale.RatingScales;
import dev.csatkit.survey.SurveyDefinition;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Single steps of the state machine on their edges: the last attempt, deferrals and retries with
 * and without their cap holds, the close reasons, the last invalid reply still answered, a late
 * rating, an opt-out before the send, the keypad's last miss, and which replies skip a further
 * question.
 */
class SurveyMachineStepsTest {

    static final Instant NOW = T0.plusSeconds(3_600);
    static final Instant LEASE = NOW.plusSeconds(60);
    static final Instant ANSWER_BY = NOW.plus(Duration.ofDays(1));
    static final CapHold HOLD = new CapHold("cap:k1", T0.plus(Duration.ofDays(7)));

    static SurveyProfile smsProfile() {
        return SurveyProfile.builder(EngineFixture.smsSurvey("after-call"), ChannelKind.SMS)
                .acknowledgeSendingRules("ops", T0).build();
    }

    static SurveyMachine.Context sms() {
        return new SurveyMachine.Context(ProfileRuntime.of(smsProfile(), EngineFixture.sms()), NOW, LEASE,
                h -> Duration.ofDays(7));
    }

    static SurveyMachine.Context keypad() {
        return new SurveyMachine.Context(ProfileRuntime.of(SurveyProfile.builder(EngineFixture.keypadSurvey("ivr"),
                ChannelKind.VOICE_DTMF).build(), EngineFixture.keypad()), NOW, LEASE, h -> Duration.ofDays(7));
    }

    /** The SMS survey with a further question the customer may skip. */
    static SurveyMachine.Context severalSms() {
        SurveyProfile p = SurveyProfile.builder(SeveralQuestionsEngineTest.survey("after-call",
                SeveralQuestionsEngineTest.speed(true)), ChannelKind.SMS)
                .acknowledgeSendingRules("ops", T0).build();
        return new SurveyMachine.Context(ProfileRuntime.of(p, EngineFixture.sms()), NOW, LEASE,
                h -> Duration.ofDays(7));
    }

    /** The keypad survey with a further question the caller may skip. */
    static SurveyMachine.Context severalKeypad() {
        Question speed = Question.builder("speed").scale(RatingScales.keypadNine()).skippable(true)
                .prompt(Locale.ENGLISH, "How fast was our answer, {scale.min} to {scale.max}?").build();
        SurveyDefinition d = EngineFixture.keypadSurvey("ivr");
        SurveyDefinition two = new SurveyDefinition(d.id(), d.name(), d.scale(), d.channels(), d.defaultLocale(),
                d.messages(), d.customPlaceholders(), d.onMissingLanguage(), d.keypadAnswerWindow(), List.of(speed));
        return new SurveyMachine.Context(ProfileRuntime.of(SurveyProfile.builder(two, ChannelKind.VOICE_DTMF).build(),
                EngineFixture.keypad()), NOW, LEASE, h -> Duration.ofDays(7));
    }

    static OpenSurvey.Builder scheduled() {
        return OpenSurvey.builder("s-1", "after-call", "c-1", T0).contactId("k1")
                .channel(ChannelKind.SMS, "sms", "+447700900123").locale(Locale.ENGLISH).holds(List.of(HOLD));
    }

    static OpenSurvey.Builder awaiting() {
        return scheduled().state(SurveyState.AWAITING_REPLY).attempts(1).sentAt(T0).window(ANSWER_BY, ANSWER_BY);
    }

    static OpenSurvey.Builder awaitingCall() {
        return OpenSurvey.builder("s-2", "ivr", "c-2", T0).contactId("k2")
                .channel(ChannelKind.VOICE_DTMF, "keypad", "+447700900124").locale(Locale.ENGLISH)
                .state(SurveyState.AWAITING_REPLY).attempts(1).sentAt(T0).window(ANSWER_BY, ANSWER_BY);
    }

    @Test
    void theLastAttemptIsNotStartedAgain() {
        int max = RetryPolicy.DEFAULT.maxAttempts();
        SurveyMachine.Step last = SurveyMachine.startSend(sms(), scheduled().attempts(max).build());
        assertThat(last.next().state()).isEqualTo(SurveyState.FAILED);
        assertThat(last.next().endReason()).contains("gave up after 5 attempts: the channel did not answer");
        SurveyMachine.Step before = SurveyMachine.startSend(sms(), scheduled().attempts(max - 1).build());
        assertThat(before.next().state()).isEqualTo(SurveyState.SENDING);
        assertThat(before.next().attempts()).isEqualTo(5);
    }

    @Test
    void aDeferredReminderLeavesTheSurveyAwaitingAndItsHoldsAsTheyAre() {
        Instant until = NOW.plus(Duration.ofHours(8));
        SurveyMachine.Step step = SurveyMachine.defer(sms(), awaiting().build(), until, "quiet hours");
        assertThat(step.next().state()).isEqualTo(SurveyState.AWAITING_REPLY);
        assertThat(step.next().reminderAt()).contains(until);
        assertThat(step.next().retryAt()).isEmpty();
        assertThat(step.holds()).isEmpty();
        assertThat(step.next().holds()).containsExactly(HOLD);
    }

    @Test
    void aDeferredSendMovesItsHoldsUnlessAnotherSurveyHoldsTheCap() {
        Instant until = NOW.plus(Duration.ofHours(8));
        SurveyMachine.Step moved = SurveyMachine.defer(sms(), scheduled().build(), until, "quiet hours");
        assertThat(moved.next().state()).isEqualTo(SurveyState.SCHEDULED);
        assertThat(moved.next().retryAt()).contains(until);
        assertThat(moved.next().holds()).containsExactly(new CapHold("cap:k1", until.plus(Duration.ofDays(7))));
        assertThat(moved.holds()).hasSize(1);
        SurveyMachine.Step kept = SurveyMachine.deferKeepingHolds(sms(), scheduled().build(), until, "capped");
        assertThat(kept.next().retryAt()).contains(until);
        assertThat(kept.next().holds()).containsExactly(HOLD);
        assertThat(kept.holds()).isEmpty();
    }

    @Test
    void aRetryWaitsTheBackoffAtLeastAndMovesItsHoldsOnlyWhenAsked() {
        OpenSurvey sending = scheduled().state(SurveyState.SENDING).attempts(1).build();
        Duration backoff = RetryPolicy.DEFAULT.backoff(1, "s-1");
        SurveyMachine.Step shortAsk = SurveyMachine.retry(sms(), sending, "busy", Optional.of(Duration.ofSeconds(1)));
        assertThat(shortAsk.next().retryAt()).contains(NOW.plus(backoff));
        assertThat(shortAsk.holds()).hasSize(1);
        assertThat(shortAsk.next().holds()).containsExactly(new CapHold("cap:k1",
                NOW.plus(backoff).plus(Duration.ofDays(7))));
        SurveyMachine.Step longAsk = SurveyMachine.retryKeepingHolds(sms(), sending, "busy",
                Optional.of(Duration.ofHours(2)));
        assertThat(longAsk.next().retryAt()).contains(NOW.plus(Duration.ofHours(2)));
        assertThat(longAsk.holds()).isEmpty();
        assertThat(longAsk.next().holds()).containsExactly(HOLD);
    }

    @Test
    void anOptOutBeforeTheSendLeavesNoResponseAndSaysSo() {
        SurveyMachine.Step unsent = SurveyMachine.optedOutBeforeSend(sms(), scheduled().build());
        assertThat(unsent.next().endReason()).contains("the contact opted out before it was sent");
        assertThat(unsent.response()).isNull();
        SurveyMachine.Step sent = SurveyMachine.optedOutBeforeSend(sms(), awaiting().build());
        assertThat(sent.next().endReason()).contains("the contact opted out");
        assertThat(sent.response()).isNotNull();
        assertThat(sent.response().sentAt()).isEqualTo(T0);
    }

    @Test
    void anUnratedSurveyClosesSayingWhetherAnythingWasRead() {
        assertThat(SurveyMachine.close(sms(), awaiting().build()).next().endReason())
                .contains("no reply in the answer window");
        assertThat(SurveyMachine.close(sms(), awaiting().invalidReplies(1).build()).next().endReason())
                .contains("no readable rating in the answer window");
    }

    @Test
    void anUnreadableReplySkipsOnlyAQuestionStillToBeAnswered() {
        SurveyMachine.Context two = severalSms();
        SurveyMachine.Step skipped = SurveyMachine.read(two, awaiting().state(SurveyState.RATED).rating(4, NOW)
                .question(1).build(), new ParsedReply.Comment("no idea", false), NOW);
        assertThat(skipped.outcome()).isEqualTo(new ReplyOutcome.Skipped("s-1", "speed"));
        SurveyMachine.Step past = SurveyMachine.read(two, awaiting().state(SurveyState.RATED).rating(4, NOW)
                .question(2).build(), new ParsedReply.Invalid(InvalidReason.OUT_OF_RANGE, "7 is not on the scale",
                false), NOW);
        assertThat(past.outcome()).isInstanceOf(ReplyOutcome.Invalid.class);
        assertThat(past.next().invalidReplies()).isEqualTo(1);
    }

    @Test
    void noKeySkipsOnlyAQuestionStillToBeAnswered() {
        SurveyMachine.Context two = severalKeypad();
        SurveyMachine.Step skipped = SurveyMachine.keys(two, awaitingCall().state(SurveyState.RATED).rating(4, NOW)
                .question(1).build(), new KeypadReply.NoInput(Duration.ofSeconds(5)), NOW);
        assertThat(skipped.outcome()).isEqualTo(new ReplyOutcome.Skipped("s-2", "speed"));
        SurveyMachine.Step past = SurveyMachine.keys(two, awaitingCall().state(SurveyState.RATED).rating(4, NOW)
                .question(2).build(), new KeypadReply.NoInput(Duration.ofSeconds(5)), NOW);
        assertThat(past.outcome()).isInstanceOf(ReplyOutcome.Invalid.class);
        assertThat(past.next().noInputs()).isEqualTo(1);
    }

    @Test
    void aLateRatingWritesTheSurveyOnlyWhenItIsTheResponse() {
        Instant late = ANSWER_BY.plusSeconds(1);
        SurveyMachine.Step first = SurveyMachine.read(sms(), awaiting().build(),
                new ParsedReply.Rating(4, Optional.empty(), false), late);
        assertThat(first.response().late()).isTrue();
        assertThat(first.next()).isNotNull();
        SurveyMachine.Step afterInvalid = SurveyMachine.read(sms(), awaiting().invalidReplies(1).build(),
                new ParsedReply.Rating(4, Optional.empty(), false), late);
        assertThat(afterInvalid.response()).isNull();
        assertThat(afterInvalid.next()).isNull();
    }

    @Test
    void anOptOutSaysWhetherItWasTheFirst() {
        assertThat(SurveyMachine.optOut(sms(), awaiting().build(), NOW, false, Optional.empty()).outcome())
                .isEqualTo(new ReplyOutcome.OptedOut(true));
        assertThat(SurveyMachine.optOut(sms(), awaiting().build(), NOW, true, Optional.empty()).outcome())
                .isEqualTo(new ReplyOutcome.OptedOut(false));
    }

    @Test
    void theKeypadsLastMissEndsTheCallNamingWhatWasMissed() {
        SurveyMachine.Step silent = SurveyMachine.keys(keypad(), awaitingCall().noInputs(2).build(),
                new KeypadReply.NoInput(Duration.ofSeconds(5)), NOW);
        assertThat(silent.next().state()).isEqualTo(SurveyState.EXPIRED);
        assertThat(silent.next().endReason()).contains("no key pressed 3 times");
        assertThat(silent.events()).singleElement().isInstanceOf(SurveyEvent.Expired.class);
        assertThat(silent.reply().kind()).isEqualTo(ReplyRecord.Kind.NO_INPUT);
        SurveyMachine.Step wrong = SurveyMachine.keys(keypad(), awaitingCall().invalidReplies(2).build(),
                new KeypadReply.InvalidKey("0", "no such key"), NOW);
        assertThat(wrong.next().endReason()).contains("no valid key pressed 3 times");
        assertThat(wrong.reply().kind()).isEqualTo(ReplyRecord.Kind.INVALID);
        SurveyMachine.Step rated = SurveyMachine.keys(keypad(), awaitingCall().state(SurveyState.RATED)
                .rating(4, NOW.minusSeconds(5)).invalidReplies(2).build(), new KeypadReply.InvalidKey("0", "no such key"),
                NOW);
        assertThat(rated.next().state()).isEqualTo(SurveyState.ANSWERED);
        assertThat(rated.events()).singleElement().isInstanceOf(SurveyEvent.Answered.class);
    }

    @Test
    void keysUpToTheLongestKeptGoIntoTheHistory() {
        String most = "1".repeat(SurveyResponse.MAX_KEYS);
        assertThat(SurveyMachine.keys(keypad(), awaitingCall().build(), new KeypadReply.InvalidKey(most, "no such key"),
                NOW).reply().keys()).contains(most);
        assertThat(SurveyMachine.keys(keypad(), awaitingCall().build(),
                new KeypadReply.InvalidKey(most + "1", "no such key"), NOW).reply().keys()).isEmpty();
        assertThat(SurveyMachine.keys(keypad(), awaitingCall().build(), new KeypadReply.InvalidKey("", "no key"),
                NOW).reply().keys()).isEmpty();
    }

    @Test
    void aCommentAsLongAsAResponseKeepsIsKeptWholeEvenEndingInAHalfPair() {
        String halfAtEnd = "a".repeat(SurveyResponse.MAX_COMMENT_LENGTH - 1) + '\uD83D';
        assertThat(SurveyMachine.clip(halfAtEnd)).isEqualTo(halfAtEnd);
    }

    @Test
    void aSkippedQuestionKeepsTheTextAsTheCommentAndRecordsWhatCame() {
        SurveyMachine.Step typed = SurveyMachine.read(severalSms(), awaiting().state(SurveyState.RATED).rating(4, NOW)
                .question(1).build(), new ParsedReply.Comment("no idea", false), NOW);
        assertThat(typed.next().comment()).contains("no idea");
        assertThat(typed.reply().kind()).isEqualTo(ReplyRecord.Kind.COMMENT);
        SurveyMachine.Step silent = SurveyMachine.keys(severalKeypad(), awaitingCall().state(SurveyState.RATED)
                .rating(4, NOW).question(1).build(), new KeypadReply.NoInput(Duration.ofSeconds(5)), NOW);
        assertThat(silent.next().comment()).isEmpty();
        assertThat(silent.reply().kind()).isEqualTo(ReplyRecord.Kind.INVALID);
    }

    @Test
    void theCommentWindowCountsFromTheLatestAnswer() {
        OpenSurvey answered = awaiting().state(SurveyState.RATED).rating(4, NOW).question(2)
                .answers(List.of(new Answer("speed", 7, NOW.plus(Duration.ofMinutes(90))))).build();
        SurveyMachine.Step step = SurveyMachine.read(severalSms(), answered, new ParsedReply.Comment("and slow", false),
                NOW.plus(Duration.ofHours(2)));
        assertThat(step.outcome()).isEqualTo(new ReplyOutcome.Commented("s-1"));
        assertThat(step.next().comment()).contains("and slow");
    }

    @Test
    void aFurtherAnswerGivenAgainIsAReplacementAndItsCommentFollowsTheFirst() {
        OpenSurvey answered = awaiting().state(SurveyState.RATED).rating(4, NOW.minusSeconds(600)).question(2)
                .answers(List.of(new Answer("speed", 7, NOW.minusSeconds(300)))).build();
        SurveyMachine.Step again = SurveyMachine.read(severalSms(), answered,
                new ParsedReply.Rating(9, Optional.empty(), false), NOW);
        assertThat(again.outcome()).isEqualTo(new ReplyOutcome.Answered("s-1", "speed", 9, true));
        OpenSurvey asking = awaiting().state(SurveyState.RATED).rating(4, NOW.minusSeconds(600)).question(1)
                .comment("slow").build();
        SurveyMachine.Step first = SurveyMachine.read(severalSms(), asking,
                new ParsedReply.Rating(8, Optional.of("quick though"), false), NOW);
        assertThat(first.outcome()).isEqualTo(new ReplyOutcome.Answered("s-1", "speed", 8, false));
        assertThat(first.next().comment()).contains("slow\nquick though");
        assertThat(first.events()).filteredOn(SurveyEvent.Commented.class::isInstance)
                .singleElement().extracting(e -> ((SurveyEvent.Commented) e).comment()).isEqualTo("quick though");
    }

    @Test
    void aCommentAfterTheRatingFollowsTheOneBefore() {
        OpenSurvey rated = awaiting().state(SurveyState.RATED).rating(4, NOW.minusSeconds(600)).comment("slow").build();
        SurveyMachine.Step step = SurveyMachine.read(sms(), rated, new ParsedReply.Comment("and rude", false), NOW);
        assertThat(step.next().comment()).contains("slow\nand rude");
    }

    @Test
    void aRatingWithACommentFollowsTheTextBeforeItAndSaysSo() {
        SurveyMachine.Step step = SurveyMachine.read(sms(), awaiting().comment("first").build(),
                new ParsedReply.Rating(2, Optional.of("rude"), false), NOW);
        assertThat(step.next().comment()).contains("first\nrude");
        assertThat(step.events()).filteredOn(SurveyEvent.Commented.class::isInstance)
                .singleElement().extracting(e -> ((SurveyEvent.Commented) e).comment()).isEqualTo("rude");
    }

    @Test
    void aOneQuestionRatingNamesNoQuestionAndAskTheFollowingInvalidReplyAsThePrimarys() {
        SurveyMachine.Step rated = SurveyMachine.read(sms(), awaiting().build(),
                new ParsedReply.Rating(4, Optional.empty(), false), NOW);
        assertThat(rated.next().question()).isZero();
        assertThat(rated.reply().question()).isEmpty();
        SurveyMachine.Step invalid = SurveyMachine.read(sms(), rated.next(),
                new ParsedReply.Invalid(InvalidReason.OUT_OF_RANGE, "7 is not on the scale", false), NOW);
        assertThat(invalid.outbox()).extracting(OutboxMessage::key).containsExactly("s-1:invalid:1");
    }

    @Test
    void theLastAnswerKeepsTheLaterOfTheAnswerAndCommentWindows() {
        OpenSurvey longWindow = awaiting().state(SurveyState.RATED).rating(4, NOW).question(1).build();
        SurveyMachine.Step a = SurveyMachine.read(severalSms(), longWindow,
                new ParsedReply.Rating(8, Optional.empty(), false), NOW);
        assertThat(a.next().closesAt()).contains(ANSWER_BY);
        OpenSurvey shortWindow = awaiting().state(SurveyState.RATED).rating(4, NOW).question(1)
                .window(NOW.plusSeconds(600), NOW.plusSeconds(600)).build();
        SurveyMachine.Step b = SurveyMachine.read(severalSms(), shortWindow,
                new ParsedReply.Rating(8, Optional.empty(), false), NOW);
        assertThat(b.next().closesAt()).contains(NOW.plus(Duration.ofHours(1)));
    }

    @Test
    void theLastAnswerAsksTheFollowUpOnce() {
        OpenSurvey notAsked = awaiting().state(SurveyState.RATED).rating(4, NOW).question(1).build();
        SurveyMachine.Step first = SurveyMachine.read(severalSms(), notAsked,
                new ParsedReply.Rating(8, Optional.empty(), false), NOW);
        assertThat(first.next().followUpAsked()).isTrue();
        assertThat(first.outbox()).extracting(OutboxMessage::purpose)
                .containsExactly(OutboxMessage.Purpose.CONFIRMATION, OutboxMessage.Purpose.FOLLOW_UP);
        OpenSurvey asked = awaiting().state(SurveyState.RATED).rating(4, NOW).question(1).followUpAsked(true).build();
        SurveyMachine.Step again = SurveyMachine.read(severalSms(), asked,
                new ParsedReply.Rating(8, Optional.empty(), false), NOW);
        assertThat(again.next().followUpAsked()).isTrue();
        assertThat(again.outbox()).extracting(OutboxMessage::purpose)
                .containsExactly(OutboxMessage.Purpose.CONFIRMATION);
    }

    @Test
    void anEmailPagesAnswerToAQuestionAnsweredBeforeIsAReplacement() {
        SurveyProfile mail = SurveyProfile.builder(SeveralQuestionsEngineTest.survey("after-call",
                SeveralQuestionsEngineTest.effort(), SeveralQuestionsEngineTest.speed(true)), ChannelKind.EMAIL).build();
        SurveyMachine.Context c = new SurveyMachine.Context(ProfileRuntime.of(mail, EngineFixture.email()), NOW, LEASE,
                h -> Duration.ofDays(7));
        OpenSurvey before = OpenSurvey.builder("s-3", "after-call", "c-3", T0).contactId("k3")
                .channel(ChannelKind.EMAIL, "email", "ann@example.com").locale(Locale.ENGLISH)
                .state(SurveyState.RATED).attempts(1).sentAt(T0).window(ANSWER_BY, ANSWER_BY)
                .rating(3, NOW.minusSeconds(60)).question(3)
                .answers(List.of(new Answer("effort", 2, NOW.minusSeconds(60)))).build();
        SurveyMachine.Step again = SurveyMachine.readLink(c, before, new ParsedReply.Rating(4, Optional.empty(), false),
                java.util.Map.of("effort", 3, "speed", 9), NOW);
        assertThat(again.events()).filteredOn(SurveyEvent.QuestionAnswered.class::isInstance)
                .map(e -> ((SurveyEvent.QuestionAnswered) e).question() + "=" + ((SurveyEvent.QuestionAnswered) e)
                        .replaced())
                .containsExactly("effort=true", "speed=false");
    }
}
