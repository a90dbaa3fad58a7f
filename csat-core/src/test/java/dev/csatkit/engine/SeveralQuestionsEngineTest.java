package dev.csatkit.engine;

import static dev.csatkit.engine.EngineFixture.T0;
import static dev.csatkit.engine.EngineFixture.call;
import static dev.csatkit.engine.EngineFixture.company;
import static dev.csatkit.engine.EngineFixture.contact;
import static dev.csatkit.engine.EngineFixture.keys;
import static org.assertj.core.api.Assertions.assertThat;

import dev.csatkit.channels.spi.AudioStage;
import dev.csatkit.channels.spi.ChannelKind;
import dev.csatkit.channels.spi.InboundReply;
import dev.csatkit.channels.spi.MessageContent;
import dev.csatkit.channels.spi.OutboundMessage;
import dev.csatkit.channels.spi.QuickReply;
import dev.csatkit.channels.spi.ReplyContent;
import dev.csatkit.engine.EngineFixture.ScriptedChannel;
import dev.csatkit.engine.EngineFixture.TestClock;
import dev.csatkit.scale.RatingScales;
import dev.csatkit.score.Answer;
import dev.csatkit.score.SurveyResponse;
import dev.csatkit.store.OpenSurvey;
import dev.csatkit.store.ReplyRecord;
import dev.csatkit.store.SurveyState;
import dev.csatkit.survey.Question;
import dev.csatkit.survey.SurveyDefinition;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Surveys of two and three questions on every channel: all answered, stopped after the first,
 * unreadable replies to the second, the window closing between questions, and a STOP in the
 * middle.
 */
class SeveralQuestionsEngineTest {

    static final String PHONE = "+46701234567";
    static final Duration WINDOW = Duration.ofHours(2);
    static final AtomicLong SEQ = new AtomicLong();

    static Question effort() {
        return Question.builder("effort").scale(RatingScales.threeFaces())
                .prompt(Locale.ENGLISH, "How easy was it to get help, {scale.min} to {scale.max}?")
                .prompt(Locale.FRENCH, "Était-ce facile, de {scale.min} à {scale.max} ?")
                .invalidReply(Locale.ENGLISH, "Please answer the effort question with {scale.min} to {scale.max}.")
                .build();
    }

    static Question speed(boolean skippable) {
        return Question.builder("speed").scale(RatingScales.zeroToTen()).skippable(skippable)
                .prompt(Locale.ENGLISH, "How fast was our answer, {scale.min} to {scale.max}?")
                .prompt(Locale.FRENCH, "Notre réponse était-elle rapide, de {scale.min} à {scale.max} ?")
                .build();
    }

    /** The shared English and French five-point survey with further questions. */
    static SurveyDefinition survey(String id, Question... more) {
        SurveyDefinition d = EngineFixture.smsSurvey(id);
        return new SurveyDefinition(d.id(), d.name(), d.scale(), d.channels(), d.defaultLocale(), d.messages(),
                d.customPlaceholders(), d.onMissingLanguage(), d.keypadAnswerWindow(), List.of(more));
    }

    // ------------------------------------------------------------------ text channels

    /** SMS and chat ask one question at a time; the scenarios are the same on both. */
    abstract static class TextChannel {
        final TestClock clock = new TestClock(T0);
        final List<SurveyEvent> events = new ArrayList<>();
        ScriptedChannel channel;
        SurveyEngine engine;
        String key;

        abstract ScriptedChannel channel();

        abstract ChannelKind kind();

        abstract Interaction interaction(String id);

        abstract String address();

        /** A rating as the customer gives it on this channel. */
        abstract ReplyContent rating(int value);

        void start(Question... more) {
            channel = channel();
            SurveyProfile.Builder profile = SurveyProfile.builder(SeveralQuestionsEngineTest.survey("several", more),
                    kind()).placeholders(company()).route(Route.ANY).noQuietHours().noFrequencyCap()
                    .answerWindow(WINDOW);
            if (kind() == ChannelKind.SMS) {
                profile.acknowledgeSendingRules("ops@example.com", T0);
            }
            engine = SurveyEngine.builder().clock(clock).channel(channel).listener(events::add)
                    .profile(profile.build()).build();
            key = ((Decision.Scheduled) engine.decide(interaction("i1"))).surveyKey();
            engine.dispatchDue();
            assertThat(channel.delivered).hasSize(1);
        }

        ReplyOutcome send(ReplyContent content) {
            return engine.receive(new InboundReply(channel.id, address(), "us", content, "r" + SEQ.incrementAndGet(),
                    clock.instant()));
        }

        ReplyOutcome say(String text) {
            return send(new ReplyContent.Text(text));
        }

        List<String> texts() {
            return channel.texts();
        }

        OpenSurvey survey() {
            return engine.survey(key).orElseThrow();
        }

        SurveyResponse response() {
            return engine.responses().stream().filter(r -> r.interactionId().equals("i1")).findFirst().orElseThrow();
        }

        /** Starts a survey of {@code n} questions: csat, effort (1-3) and, for three, speed (0-10). */
        void start(int n) {
            if (n == 2) {
                start(effort());
            } else {
                start(effort(), speed(false));
            }
        }

        @ParameterizedTest(name = "{0} questions")
        @ValueSource(ints = {2, 3})
        void allQuestionsAnsweredOneAtATimeThenConfirmedAndAskedForAComment(int n) {
            start(n);
            assertThat(send(rating(4))).isEqualTo(new ReplyOutcome.Rated(key, 4, false));
            assertThat(texts()).as("the next question, not yet the confirmation").hasSize(2);
            assertThat(texts().get(1)).startsWith("How easy was it to get help, 1 to 3?");
            assertThat(survey().question()).isEqualTo(1);
            assertThat(survey().state()).isEqualTo(SurveyState.RATED);
            clock.advance(Duration.ofMinutes(3));
            assertThat(send(rating(3))).isEqualTo(new ReplyOutcome.Answered(key, "effort", 3, false));
            if (n == 3) {
                assertThat(texts().get(2)).startsWith("How fast was our answer, 0 to 10?");
                assertThat(send(rating(9))).isEqualTo(new ReplyOutcome.Answered(key, "speed", 9, false));
            }
            assertThat(texts()).hasSize(n + 2);
            assertThat(texts().get(n)).isEqualTo("Thanks, we got your 1-5 rating.");
            assertThat(texts().get(n + 1)).contains("What could we do better");
            assertThat(survey().question()).isEqualTo(n);
            assertThat(say("Quick and kind")).isEqualTo(new ReplyOutcome.Commented(key));
            SurveyResponse r = response();
            assertThat(r.score()).hasValue(4);
            assertThat(r.answers()).first().isEqualTo(new Answer("effort", 3, T0.plus(Duration.ofMinutes(3))));
            assertThat(r.answers()).extracting(Answer::question).containsExactlyElementsOf(
                    n == 2 ? List.of("effort") : List.of("effort", "speed"));
            assertThat(r.comment()).contains("Quick and kind");
            List<Optional<String>> asked = new ArrayList<>(List.of(Optional.of("csat"), Optional.of("effort")));
            if (n == 3) {
                asked.add(Optional.of("speed"));
            }
            asked.add(Optional.empty());
            assertThat(engine.history(key)).extracting(ReplyRecord::question).containsExactlyElementsOf(asked);
            assertThat(events).filteredOn(e -> e instanceof SurveyEvent.QuestionAnswered).hasSize(n - 1);
            clock.advance(WINDOW.plusHours(1));
            engine.dispatchDue();
            assertThat(survey().state()).isEqualTo(SurveyState.ANSWERED);
            assertThat(survey().endReason()).contains("rated");
        }

        @ParameterizedTest(name = "{0} questions")
        @ValueSource(ints = {2, 3})
        void aCustomerWhoStopsAfterTheFirstAnswerStillCountsForIt(int n) {
            start(n);
            send(rating(2));
            clock.advance(WINDOW.plusMinutes(1));
            engine.dispatchDue();
            OpenSurvey s = survey();
            assertThat(s.state()).isEqualTo(SurveyState.ANSWERED);
            assertThat(s.endReason()).contains("rated; question effort unanswered in its answer window");
            assertThat(response().score()).hasValue(2);
            assertThat(response().isRating()).isTrue();
            assertThat(response().answers()).isEmpty();
            assertThat(texts()).as("no confirmation: the survey was not finished").hasSize(2);
            assertThat(events).filteredOn(e -> e instanceof SurveyEvent.LowScore).hasSize(1);
        }

        @ParameterizedTest(name = "{0} questions")
        @ValueSource(ints = {2, 3})
        void unreadableRepliesToTheSecondQuestionAreCountedForItAlone(int n) {
            start(n);
            assertThat(say("maybe")).isInstanceOf(ReplyOutcome.Invalid.class);
            assertThat(survey().invalidReplies()).isEqualTo(1);
            send(rating(4));
            assertThat(survey().invalidReplies()).as("each question counts its own").isZero();
            ReplyOutcome.Invalid first = (ReplyOutcome.Invalid) say("no idea");
            assertThat(first.count()).isEqualTo(1);
            assertThat(texts().get(texts().size() - 1))
                    .isEqualTo("Please answer the effort question with 1 to 3.");
            ReplyOutcome.Invalid offScale = (ReplyOutcome.Invalid) send(rating(5)); // 5 is off the 1-3 scale
            assertThat(offScale.count()).isEqualTo(2);
            int before = texts().size();
            ReplyOutcome.Invalid third = (ReplyOutcome.Invalid) say("?");
            assertThat(third.count()).isEqualTo(3);
            assertThat(texts()).as("past the limit, no more invalid-reply messages").hasSize(before);
            assertThat(send(rating(1))).isEqualTo(new ReplyOutcome.Answered(key, "effort", 1, false));
            if (n == 3) {
                assertThat(survey().invalidReplies()).as("the third question starts again from none").isZero();
                assertThat(texts().get(texts().size() - 1)).startsWith("How fast was our answer, 0 to 10?");
            }
            assertThat(response().score()).hasValue(4);
            assertThat(response().comment()).as("the first unreadable text is kept").contains("maybe");
            assertThat(engine.history(key)).filteredOn(h -> h.kind() == ReplyRecord.Kind.INVALID)
                    .extracting(ReplyRecord::question).containsExactly(Optional.of("csat"), Optional.of("effort"),
                            Optional.of("effort"), Optional.of("effort"));
        }

        @ParameterizedTest(name = "{0} questions")
        @ValueSource(ints = {2, 3})
        void eachQuestionHasItsOwnWindowAndOneLeftOpenClosesTheSurvey(int n) {
            start(n);
            clock.advance(WINDOW.minusMinutes(1));
            send(rating(4)); // just inside the first window
            if (n == 3) {
                clock.advance(WINDOW.minusMinutes(1));
                assertThat(send(rating(2))).as("the second question's window counts from its asking")
                        .isEqualTo(new ReplyOutcome.Answered(key, "effort", 2, false));
            }
            String open = n == 2 ? "effort" : "speed";
            clock.advance(WINDOW.plusMinutes(1));
            engine.dispatchDue();
            assertThat(survey().state()).isEqualTo(SurveyState.ANSWERED);
            assertThat(survey().endReason()).contains("rated; question " + open + " unanswered in its answer window");
            assertThat(send(rating(3))).isEqualTo(new ReplyOutcome.Late(key, false));
            assertThat(response().answers()).extracting(Answer::question)
                    .containsExactlyElementsOf(n == 2 ? List.of() : List.of("effort"));
            assertThat(texts()).as("nothing after the survey closed").hasSize(n);
        }

        @ParameterizedTest(name = "{0} questions")
        @ValueSource(ints = {2, 3})
        void aStopInTheMiddleEndsItWithOneConfirmationAndNoMoreQuestions(int n) {
            start(n);
            send(rating(3));
            if (n == 3) {
                send(rating(2));
            }
            int asked = texts().size();
            assertThat(say("STOP")).isEqualTo(new ReplyOutcome.OptedOut(true));
            assertThat(survey().state()).isEqualTo(SurveyState.OPTED_OUT);
            assertThat(texts()).hasSize(asked + 1);
            assertThat(texts().get(asked)).isEqualTo("You will not receive any more surveys from us.");
            assertThat(send(rating(2))).isInstanceOf(ReplyOutcome.Late.class);
            assertThat(say("stop")).isEqualTo(new ReplyOutcome.OptedOut(false));
            engine.dispatchDue();
            clock.advance(WINDOW.multipliedBy(3));
            engine.dispatchDue();
            assertThat(texts()).as("one confirmation, no further question").hasSize(asked + 1);
            assertThat(response().score()).hasValue(3);
            assertThat(response().answers()).hasSize(n - 2);
        }

        @Test
        void aQuestionStillWaitingToGoOutIsNotSentAfterAStop() {
            start(effort(), speed(false));
            channel.policy = m -> m.idempotencyKey().contains(":question:")
                    ? new dev.csatkit.channels.spi.DeliveryResult.RetryLater(Optional.empty(), "busy") : null;
            send(rating(4));
            assertThat(say("STOP")).isEqualTo(new ReplyOutcome.OptedOut(true));
            channel.policy = m -> null;
            clock.advance(Duration.ofMinutes(30));
            engine.dispatchDue();
            assertThat(channel.delivered).extracting(OutboundMessage::idempotencyKey)
                    .noneMatch(k -> k.contains(":question:"));
            assertThat(texts()).containsExactly(texts().get(0), "You will not receive any more surveys from us.");
        }

        @Test
        void aSkippableQuestionMovesOnAtAReplyThatIsNotAnAnswer() {
            start(effort(), speed(true));
            send(rating(4));
            send(rating(3));
            assertThat(say("no thanks")).isEqualTo(new ReplyOutcome.Skipped(key, "speed"));
            assertThat(texts().get(3)).isEqualTo("Thanks, we got your 1-5 rating.");
            assertThat(survey().question()).isEqualTo(3);
            assertThat(response().answers()).extracting(Answer::question).containsExactly("effort");
        }
    }

    @Nested
    class Sms extends TextChannel {
        @Override
        ScriptedChannel channel() {
            return EngineFixture.sms();
        }

        @Override
        ChannelKind kind() {
            return ChannelKind.SMS;
        }

        @Override
        Interaction interaction(String id) {
            return call(id, contact("k-" + id, PHONE)).build();
        }

        @Override
        String address() {
            return PHONE;
        }

        @Override
        ReplyContent rating(int value) {
            return new ReplyContent.Text(Integer.toString(value));
        }

        @Test
        void eachQuestionSaysHowToStop() {
            start(effort());
            send(rating(4));
            assertThat(texts().get(1)).isEqualTo("How easy was it to get help, 1 to 3?\nReply STOP to opt out.");
        }

        @Test
        void helpAsksTheQuestionBeingAskedAgain() {
            start(effort());
            send(rating(4));
            assertThat(say("HELP")).isEqualTo(new ReplyOutcome.Helped(key));
            assertThat(texts().get(texts().size() - 1)).isEqualTo("How easy was it to get help, 1 to 3?\n"
                    + "Reply STOP to opt out.");
        }
    }

    @Nested
    class Chat extends TextChannel {
        @Override
        ScriptedChannel channel() {
            return EngineFixture.chat();
        }

        @Override
        ChannelKind kind() {
            return ChannelKind.CHAT;
        }

        @Override
        Interaction interaction(String id) {
            return Interaction.builder(id, contact("k-" + id, PHONE), Medium.CHAT).agent(EngineFixture.alice()).build();
        }

        @Override
        String address() {
            return "chat-k-i1";
        }

        @Override
        ReplyContent rating(int value) {
            return new ReplyContent.Button(Integer.toString(value));
        }

        @Test
        void eachQuestionComesWithTheButtonsOfItsScale() {
            start(effort(), speed(false));
            send(rating(4));
            send(rating(2));
            List<List<QuickReply>> buttons = channel.delivered.stream()
                    .map(m -> ((MessageContent.Chat) m.content()).buttons()).toList();
            assertThat(buttons.get(0)).hasSize(5);
            assertThat(buttons.get(1)).hasSize(3).first().isEqualTo(new QuickReply("😞 Dissatisfied", "1"));
            assertThat(buttons.get(2)).as("eleven points do not fit ten buttons: the question asks for a typed reply")
                    .isEmpty();
        }
    }

    // ------------------------------------------------------------------ keypad

    @Nested
    class Keypad {
        final TestClock clock = new TestClock(T0);
        final ScriptedChannel ivr = EngineFixture.keypad();
        SurveyEngine engine;
        String key;

        void start(Question... more) {
            SurveyDefinition base = EngineFixture.keypadSurvey("ivr");
            SurveyDefinition d = new SurveyDefinition(base.id(), base.name(), base.scale(), base.channels(),
                    base.defaultLocale(), base.messages(), base.customPlaceholders(), base.onMissingLanguage(),
                    base.keypadAnswerWindow(), List.of(more));
            engine = SurveyEngine.builder().clock(clock).channel(ivr)
                    .profile(SurveyProfile.builder(d, ChannelKind.VOICE_DTMF).answerWindow(Duration.ofMinutes(2))
                            .maxInvalidReplies(1).maxNoInputs(1).build())
                    .build();
            key = ((Decision.Scheduled) engine.decide(call("c1", contact("k1", PHONE)).build())).surveyKey();
            engine.dispatchDue();
        }

        Question effortEn() {
            return Question.builder("effort").scale(RatingScales.threeFaces())
                    .prompt(Locale.ENGLISH, "How easy was it? Press {scale.min} to {scale.max}.")
                    .invalidReply(Locale.ENGLISH, "Please press 1, 2 or 3.").build();
        }

        Question speedEn(boolean skippable) {
            return Question.builder("speed").scale(RatingScales.keypadNine()).skippable(skippable)
                    .prompt(Locale.ENGLISH, "How fast? Press 1 to 9.").build();
        }

        ReplyOutcome press(String k) {
            return engine.receive(keys(ivr, PHONE, k, clock.instant()));
        }

        MessageContent.Keypad last() {
            return (MessageContent.Keypad) ivr.delivered.get(ivr.delivered.size() - 1).content();
        }

        static List<String> stages(MessageContent.Keypad k) {
            return k.stages().stream().map(s -> s.phase() + ":" + s.audio()).toList();
        }

        void start(int n) {
            if (n == 2) {
                start(effortEn());
            } else {
                start(effortEn(), speedEn(false));
            }
        }

        @ParameterizedTest(name = "{0} questions")
        @ValueSource(ints = {2, 3})
        void successiveStagesOnTheCallTheThanksAfterTheLast(int n) {
            start(n);
            assertThat(((MessageContent.Keypad) ivr.delivered.get(0).content()).stage(AudioStage.Phase.THANKS))
                    .as("no thanks while questions remain").isEmpty();
            assertThat(press("7")).isEqualTo(new ReplyOutcome.Rated(key, 7, false));
            assertThat(stages(last())).first().isEqualTo("PROMPT:How easy was it? Press 1 to 3.");
            assertThat(last().keyMap()).containsOnlyKeys("1", "2", "3");
            assertThat(last().stage(AudioStage.Phase.THANKS).isPresent()).isEqualTo(n == 2);
            assertThat(press("2")).isEqualTo(new ReplyOutcome.Answered(key, "effort", 2, false));
            if (n == 3) {
                assertThat(stages(last())).first().isEqualTo("PROMPT:How fast? Press 1 to 9.");
                assertThat(last().stage(AudioStage.Phase.THANKS)).isPresent();
                assertThat(press("9")).isEqualTo(new ReplyOutcome.Answered(key, "speed", 9, false));
            }
            assertThat(ivr.delivered).as("a stage per question, no text confirmation on a call").hasSize(n);
            assertThat(engine.responses()).singleElement().satisfies(r -> {
                assertThat(r.score()).hasValue(7);
                assertThat(r.answers()).extracting(Answer::score)
                        .containsExactlyElementsOf(n == 2 ? List.of(2) : List.of(2, 9));
            });
        }

        @ParameterizedTest(name = "{0} questions")
        @ValueSource(ints = {2, 3})
        void aWrongKeyOnTheSecondQuestionAsksItAgainWithItsNoticeAndPastTheLimitTheCallEnds(int n) {
            start(n);
            press("8");
            ReplyOutcome.Invalid wrong = (ReplyOutcome.Invalid) press("5");
            assertThat(wrong.kind()).isEqualTo(ReplyOutcome.InvalidKind.NO_MATCH);
            assertThat(wrong.count()).isEqualTo(1);
            assertThat(stages(last())).startsWith("ANNOUNCEMENT:Please press 1, 2 or 3.",
                    "PROMPT:How easy was it? Press 1 to 3.");
            ReplyOutcome.Invalid again = (ReplyOutcome.Invalid) press("0");
            assertThat(again.surveyEnded()).isTrue();
            int stages = ivr.delivered.size();
            assertThat(press("2")).as("the call is over").isInstanceOf(ReplyOutcome.Late.class);
            assertThat(ivr.delivered).as("no further stage").hasSize(stages);
            assertThat(engine.survey(key).orElseThrow().state()).isEqualTo(SurveyState.ANSWERED);
            assertThat(engine.responses()).singleElement().satisfies(r -> {
                assertThat(r.score()).hasValue(8);
                assertThat(r.answers()).isEmpty();
            });
        }

        @ParameterizedTest(name = "{0} questions")
        @ValueSource(ints = {2, 3})
        void aCallerWhoStopsAfterTheFirstKeyCountsForIt(int n) {
            start(n);
            press("3");
            clock.advance(Duration.ofMinutes(3));
            engine.dispatchDue();
            OpenSurvey s = engine.survey(key).orElseThrow();
            assertThat(s.state()).isEqualTo(SurveyState.ANSWERED);
            assertThat(s.endReason()).contains("rated; question effort unanswered in its answer window");
            assertThat(engine.responses()).singleElement().satisfies(r -> {
                assertThat(r.score()).hasValue(3);
                assertThat(r.answers()).isEmpty();
            });
        }

        @ParameterizedTest(name = "{0} questions")
        @ValueSource(ints = {2, 3})
        void aCallerWhoHangsUpInTheMiddleHearsNoMoreStages(int n) {
            // The keypad has no STOP: a caller who stops answers no more keys, and past the limit the call ends.
            start(n);
            press("9");
            if (n == 3) {
                press("3");
            }
            int stages = ivr.delivered.size();
            assertThat(((ReplyOutcome.Invalid) press("")).surveyEnded()).isFalse();
            assertThat(((ReplyOutcome.Invalid) press("")).surveyEnded()).isTrue();
            assertThat(ivr.delivered).as("the question once more, then nothing").hasSize(stages + 1);
            assertThat(engine.responses().get(0).score()).hasValue(9);
        }

        @ParameterizedTest(name = "{0} questions")
        @ValueSource(ints = {2, 3})
        void theWindowClosingBetweenStagesEndsItWithWhatItHas(int n) {
            start(n);
            press("9");
            if (n == 3) {
                clock.advance(Duration.ofMinutes(1));
                press("3");
            }
            clock.advance(Duration.ofMinutes(2).plusSeconds(1));
            engine.dispatchDue();
            assertThat(press("4")).isInstanceOf(ReplyOutcome.Late.class);
            assertThat(engine.responses().get(0).answers()).extracting(Answer::question)
                    .containsExactlyElementsOf(n == 2 ? List.of() : List.of("effort"));
            assertThat(engine.survey(key).orElseThrow().endReason()).contains("rated; question "
                    + (n == 2 ? "effort" : "speed") + " unanswered in its answer window");
        }

        @Test
        void noKeyOnASkippableQuestionGoesOnToTheNext() {
            start(speedEn(true), effortEn());
            press("6");
            assertThat(press("")).isEqualTo(new ReplyOutcome.Skipped(key, "speed"));
            assertThat(stages(last())).first().isEqualTo("PROMPT:How easy was it? Press 1 to 3.");
            assertThat(press("1")).isEqualTo(new ReplyOutcome.Answered(key, "effort", 1, false));
            assertThat(engine.responses().get(0).answers()).extracting(Answer::question).containsExactly("effort");
        }
    }

    // ------------------------------------------------------------------ email

    @Nested
    class Email {
        final TestClock clock = new TestClock(T0);
        final ScriptedChannel mail = EngineFixture.email();
        final List<SurveyEvent> events = new ArrayList<>();
        SurveyEngine engine;
        String key;

        void start(Question... more) {
            engine = SurveyEngine.builder().clock(clock).channel(mail).listener(events::add)
                    .emailLinks((k, to, value, expires) -> "https://example.com/r?s=" + k + "&v=" + value)
                    .profile(SurveyProfile.builder(SeveralQuestionsEngineTest.survey("mail", more), ChannelKind.EMAIL)
                            .route(Route.ANY).placeholders(company()).noFrequencyCap().answerWindow(WINDOW).build())
                    .build();
            key = ((Decision.Scheduled) engine.decide(Interaction.builder("t1", contact("k1", PHONE), Medium.TICKET)
                    .agent(EngineFixture.alice()).build())).surveyKey();
            engine.dispatchDue();
        }

        ReplyOutcome link(int value, Map<String, Integer> answers) {
            return engine.receive(new InboundReply("mail", "k1", "csat@example.com", new ReplyContent.Link(key, value,
                    Optional.empty(), answers), "ballot-" + SEQ.incrementAndGet(), clock.instant()));
        }

        void start(int n) {
            if (n == 2) {
                start(effort());
            } else {
                start(effort(), speed(false));
            }
        }

        @ParameterizedTest(name = "{0} questions")
        @ValueSource(ints = {2, 3})
        void thePageSendsEveryAnswerAtOnce(int n) {
            start(n);
            assertThat(mail.delivered).hasSize(1);
            Map<String, Integer> answers = n == 2 ? Map.of("effort", 3) : Map.of("effort", 3, "speed", 10);
            assertThat(link(4, answers)).isEqualTo(new ReplyOutcome.Rated(key, 4, false));
            OpenSurvey s = engine.survey(key).orElseThrow();
            assertThat(s.question()).isEqualTo(n);
            assertThat(s.answers()).extracting(Answer::question).containsExactlyElementsOf(
                    n == 2 ? List.of("effort") : List.of("effort", "speed"));
            assertThat(mail.delivered).as("one confirmation, no question by email").hasSize(2);
            assertThat(events).filteredOn(e -> e instanceof SurveyEvent.QuestionAnswered).hasSize(n - 1);
            assertThat(engine.responses().get(0).answers()).hasSize(n - 1);
        }

        @ParameterizedTest(name = "{0} questions")
        @ValueSource(ints = {2, 3})
        void aPageSentWithTheFirstAnswerOnlyCountsForIt(int n) {
            start(n);
            assertThat(link(2, Map.of())).isEqualTo(new ReplyOutcome.Rated(key, 2, false));
            assertThat(engine.responses()).singleElement().satisfies(r -> {
                assertThat(r.score()).hasValue(2);
                assertThat(r.answers()).isEmpty();
            });
        }

        @ParameterizedTest(name = "{0} questions")
        @ValueSource(ints = {2, 3})
        void answersOffTheirScaleOrToQuestionsNotAskedAreLeftOutAndALaterPageReplacesEarlierAnswers(int n) {
            start(n);
            link(4, Map.of("effort", 7, "nps", 9, "speed", 5));
            assertThat(engine.survey(key).orElseThrow().answers()).extracting(Answer::question)
                    .containsExactlyElementsOf(n == 2 ? List.of() : List.of("speed"));
            clock.advance(Duration.ofMinutes(5));
            assertThat(link(5, Map.of("effort", 2))).isEqualTo(new ReplyOutcome.Rated(key, 5, true));
            assertThat(engine.survey(key).orElseThrow().answers()).extracting(Answer::question, Answer::score)
                    .containsExactlyElementsOf(n == 2 ? List.of(org.assertj.core.groups.Tuple.tuple("effort", 2))
                            : List.of(org.assertj.core.groups.Tuple.tuple("speed", 5),
                                    org.assertj.core.groups.Tuple.tuple("effort", 2)));
        }

        @ParameterizedTest(name = "{0} questions")
        @ValueSource(ints = {2, 3})
        void aPageSentAfterTheWindowIsLate(int n) {
            start(n);
            clock.advance(WINDOW.plusMinutes(1));
            engine.dispatchDue();
            assertThat(link(5, Map.of("effort", 3))).isEqualTo(new ReplyOutcome.Late(key, false));
            assertThat(engine.survey(key).orElseThrow().answers()).isEmpty();
        }
    }
}
