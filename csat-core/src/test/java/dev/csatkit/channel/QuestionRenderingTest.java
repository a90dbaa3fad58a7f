package dev.csatkit.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.csatkit.CsatException;
import dev.csatkit.InvalidDefinitionException;
import dev.csatkit.channels.spi.ChannelCapabilities;
import dev.csatkit.channels.spi.ChannelKind;
import dev.csatkit.channels.spi.MessageContent;
import dev.csatkit.channels.spi.QuickReply;
import dev.csatkit.scale.RatingScales;
import dev.csatkit.survey.AudioStage;
import dev.csatkit.survey.KeypadAudio;
import dev.csatkit.survey.MessageSet;
import dev.csatkit.survey.Question;
import dev.csatkit.survey.SurveyDefinition;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** Each further question of a survey, as each channel carries it. */
class QuestionRenderingTest {

    static final Locale RU = Locale.forLanguageTag("ru");

    static Question effort() {
        return Question.builder("effort").scale(RatingScales.threeFaces())
                .prompt(Locale.ENGLISH, "How easy was it, {scale.min} ({scale.min.label}) to {scale.max}?")
                .prompt(RU, "Насколько легко было получить помощь от {company}? Ответьте числом от {scale.min} до {scale.max}.")
                .build();
    }

    static SurveyDefinition withQuestions(ChannelKind kind, Question... more) {
        SurveyDefinition.Builder b = SurveyDefinition.builder("s-" + kind.name().toLowerCase(Locale.ROOT)).name("After your call")
                .scale(kind == ChannelKind.VOICE_DTMF ? RatingScales.keypadNine() : RatingScales.fivePoint())
                .channels(kind);
        SurveyRendererTest.defaults(kind).messages().forEach((locale, set) -> {
            if (locale.equals(Locale.ENGLISH) || locale.equals(RU)) {
                b.messages(locale, set);
            }
        });
        for (Question q : more) {
            b.question(q);
        }
        return b.build();
    }

    @Test
    void smsSendsTheQuestionWithHowToStopOnItsOwnScaleAndCountsItsSegments() {
        SurveyDefinition sms = withQuestions(ChannelKind.SMS, effort());
        MessageContent content = SurveyRenderer.renderQuestion(sms, 1, ChannelKind.SMS, ChannelCapabilities.sms(2),
                Locale.ENGLISH, SurveyRendererTest.ACME).orElseThrow();
        assertThat(content).isEqualTo(new MessageContent.Sms("How easy was it, 1 (Dissatisfied) to 3?\n"
                + "Reply STOP to opt out."));

        // The Russian question is 72 UCS-2 units: two segments.
        assertThatThrownBy(() -> SurveyRenderer.renderQuestion(sms, 1, ChannelKind.SMS, ChannelCapabilities.sms(1), RU,
                SurveyRendererTest.ACME)).isInstanceOfSatisfying(InvalidDefinitionException.class, e ->
                assertThat(e.violations().get(0).field()).isEqualTo("moreQuestions[0].messages.ru.prompt"));
        assertThatThrownBy(() -> SurveyRenderer.checkSms(sms, ChannelCapabilities.sms(1), SurveyRendererTest.ACME))
                .isInstanceOfSatisfying(InvalidDefinitionException.class, e -> assertThat(e.violations())
                        .extracting(v -> v.field()).contains("moreQuestions[0].messages.ru.prompt")
                        .doesNotContain("moreQuestions[0].messages.en.prompt"));
        SurveyRenderer.checkSms(sms, ChannelCapabilities.sms(2), SurveyRendererTest.ACME);
    }

    @Test
    void chatGetsTheButtonsOfTheQuestionsScale() {
        MessageContent.Chat chat = (MessageContent.Chat) SurveyRenderer.renderQuestion(
                withQuestions(ChannelKind.CHAT, effort()), 1, ChannelKind.CHAT, ChannelCapabilities.chat(10),
                Locale.ENGLISH, SurveyRendererTest.ACME).orElseThrow();
        assertThat(chat.buttons()).hasSize(3).first().isEqualTo(new QuickReply("😞 Dissatisfied", "1"));
        assertThat(chat.text()).isEqualTo("How easy was it, 1 (Dissatisfied) to 3?");
    }

    @Test
    void theKeypadThanksTheCallerAfterTheLastQuestionOnly() {
        MessageSet set = MessageSet.builder().prompt("Press {scale.min} to {scale.max}").confirmation("Thanks")
                .invalidReply("Invalid key").thankYou("Goodbye")
                .keypad(KeypadAudio.builder().thankYou(AudioStage.Clip.of("bye.wav")).build()).build();
        Question second = Question.builder("effort").scale(RatingScales.threeFaces())
                .prompt(Locale.ENGLISH, "Effort, {scale.min} to {scale.max}").build();
        Question third = Question.builder("speed").scale(RatingScales.keypadNine())
                .prompt(Locale.ENGLISH, "Speed").keypadPrompt(Locale.ENGLISH, AudioStage.Clip.of("speed.wav")).build();
        SurveyDefinition ivr = SurveyDefinition.builder("ivr").name("IVR").scale(RatingScales.keypadNine())
                .channels(ChannelKind.VOICE_DTMF).messages(Locale.ENGLISH, set).question(second).question(third)
                .build();
        MessageContent.Keypad first = (MessageContent.Keypad) SurveyRenderer.render(ivr, ChannelKind.VOICE_DTMF,
                ChannelCapabilities.keypad(), Locale.ENGLISH, SurveyRendererTest.ACME, SurveyRendererTest::link)
                .orElseThrow();
        assertThat(first.stages()).extracting(s -> s.phase() + ":" + s.audio()).containsExactly("PROMPT:Press 1 to 9");
        MessageContent.Keypad two = (MessageContent.Keypad) SurveyRenderer.renderQuestion(ivr, 1,
                ChannelKind.VOICE_DTMF, ChannelCapabilities.keypad(), Locale.ENGLISH, SurveyRendererTest.ACME)
                .orElseThrow();
        assertThat(two.stages()).extracting(s -> s.phase() + ":" + s.audio()).containsExactly("PROMPT:Effort, 1 to 3");
        assertThat(two.keyMap()).containsOnlyKeys("1", "2", "3");
        MessageContent.Keypad three = (MessageContent.Keypad) SurveyRenderer.renderQuestion(ivr, 2,
                ChannelKind.VOICE_DTMF, ChannelCapabilities.keypad(), Locale.ENGLISH, SurveyRendererTest.ACME)
                .orElseThrow();
        assertThat(three.stages()).extracting(s -> s.phase() + ":" + s.audio())
                .containsExactly("PROMPT:speed.wav", "THANKS:bye.wav");
        assertThat(three.answerWindow()).isEqualTo(ivr.keypadAnswerWindow());
    }

    @Test
    void emailAsksEveryQuestionOnItsPageAndAQuestionMustExist() {
        SurveyDefinition email = withQuestions(ChannelKind.EMAIL, effort());
        assertThat(SurveyRenderer.renderQuestion(email, 1, ChannelKind.EMAIL, ChannelCapabilities.email(),
                Locale.ENGLISH, SurveyRendererTest.ACME)).isEmpty();
        assertThatThrownBy(() -> SurveyRenderer.renderQuestion(email, 2, ChannelKind.EMAIL,
                ChannelCapabilities.email(), Locale.ENGLISH, SurveyRendererTest.ACME))
                .isInstanceOf(CsatException.class).hasMessage("Survey s-email has no question 3; it asks 2");
    }
}
