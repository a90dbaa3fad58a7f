package dev.csatkit.survey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.csatkit.InvalidDefinitionException;
import dev.csatkit.Violation;
import dev.csatkit.channels.spi.ChannelKind;
import dev.csatkit.scale.RatingScale;
import dev.csatkit.scale.RatingScales;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** Surveys of several questions: the definition's rules, and its JSON. */
class SeveralQuestionsTest {

    static Question effort() {
        return Question.builder("effort").scale(RatingScales.fivePoint()).skippable(true)
                .prompt(Locale.ENGLISH, "How easy was it to get help? Reply {scale.min}-{scale.max}.")
                .prompt(Locale.FRENCH, "Était-ce facile d'obtenir de l'aide ? Répondez de {scale.min} à {scale.max}.")
                .invalidReply(Locale.ENGLISH, "Please reply with a number from {scale.min} to {scale.max}.")
                .build();
    }

    static Question speed() {
        return Question.builder("speed").scale(RatingScales.zeroToTen())
                .prompt(Locale.ENGLISH, "How fast was our answer, {scale.min} to {scale.max}?")
                .prompt(Locale.FRENCH, "Notre réponse était-elle rapide, de {scale.min} à {scale.max} ?")
                .build();
    }

    static List<String> violations(SurveyDefinition.Builder b) {
        try {
            b.build();
        } catch (InvalidDefinitionException e) {
            return e.violations().stream().map(Violation::toString).toList();
        }
        throw new AssertionError("expected the definition to be rejected");
    }

    @Test
    void theQuestionsAreThePrimaryMadeFromTheSurveyThenTheOthersInOrder() {
        SurveyDefinition d = SurveyDefinitionTest.sms().question(effort()).question(speed()).build();
        assertThat(d.questions()).extracting(Question::id).containsExactly("csat", "effort", "speed");
        Question primary = d.questions().get(0);
        assertThat(primary.primary()).isTrue();
        assertThat(primary.skippable()).isFalse();
        assertThat(primary.scale()).isEqualTo(d.scale());
        assertThat(primary.messagesIn(Locale.FRENCH).orElseThrow().prompt())
                .isEqualTo(d.messages().get(Locale.FRENCH).prompt());
        assertThat(primary.messagesIn(Locale.ENGLISH).orElseThrow().invalidReply())
                .contains(d.messages().get(Locale.ENGLISH).invalidReply());
        assertThat(d.question("speed").orElseThrow().scale()).isEqualTo(RatingScales.zeroToTen());
        assertThat(d.question("nps")).isEmpty();
    }

    @Test
    void aDefinitionBuiltAsBeforeHasOneQuestionThePrimary() {
        SurveyDefinition built = SurveyDefinitionTest.sms().build();
        SurveyDefinition constructed = new SurveyDefinition(built.id(), built.name(), built.scale(), built.channels(),
                built.defaultLocale(), built.messages(), built.customPlaceholders(), built.onMissingLanguage(),
                built.keypadAnswerWindow());
        assertThat(constructed).isEqualTo(built);
        assertThat(built.moreQuestions()).isEmpty();
        assertThat(built.questions()).extracting(Question::id).containsExactly(Question.PRIMARY_ID);
    }

    @Test
    void theQuestionListReplacesWhatWasAddedBefore() {
        SurveyDefinition d = SurveyDefinitionTest.sms().question(speed()).questions(List.of(effort())).build();
        assertThat(d.moreQuestions()).containsExactly(effort());
    }

    @Test
    void atMostFiveQuestionsInAll() {
        SurveyDefinition.Builder b = SurveyDefinitionTest.sms();
        for (String id : List.of("a", "b", "c", "d")) {
            b.question(Question.builder(id).scale(RatingScales.fivePoint()).prompt(Locale.ENGLISH, "Q " + id)
                    .prompt(Locale.FRENCH, "Q " + id).build());
        }
        assertThat(b.build().questions()).hasSize(5);
        b.question(Question.builder("e").scale(RatingScales.fivePoint()).prompt(Locale.ENGLISH, "Q e")
                .prompt(Locale.FRENCH, "Q e").build());
        assertThat(violations(b)).containsExactly("moreQuestions = \"5 questions\": must hold at most 4 questions "
                + "after the primary one (5 in all)");
    }

    @Test
    void eachQuestionHasItsOwnIdNeverThePrimarysAndEveryLanguageOfTheSurvey() {
        Question englishOnly = Question.builder("effort").scale(RatingScales.fivePoint())
                .prompt(Locale.ENGLISH, "Easy?").prompt(Locale.GERMAN, "Einfach?").build();
        Question csat = Question.builder("csat").scale(RatingScales.fivePoint()).prompt(Locale.ENGLISH, "Again?")
                .prompt(Locale.FRENCH, "Encore ?").build();
        assertThat(violations(SurveyDefinitionTest.sms().question(effort()).question(englishOnly).question(csat)))
                .containsExactlyInAnyOrder(
                        "moreQuestions[1].id = \"effort\": is the id of an earlier question; each question needs its own",
                        "moreQuestions[1].messages = \"fr\": has no prompt in this language of the survey; each "
                                + "question needs every language the survey has",
                        "moreQuestions[1].messages = \"de\": is a language the survey has no messages in",
                        "moreQuestions[2].id = \"csat\": is the primary question's id; give this one another");
    }

    @Test
    void aQuestionUsesOnlyKnownPlaceholdersAndOnTheKeypadAKeypadScale() {
        RatingScale signed = RatingScale.builder("signed").numeric(-2, 2).satisfied(2).dissatisfied(-2).build();
        Question q = Question.builder("mood").scale(signed).prompt(Locale.ENGLISH, "How was {order.id}?").build();
        SurveyDefinition.Builder b = SurveyDefinition.builder("ivr").name("Keypad").scale(RatingScales.keypadNine())
                .channels(ChannelKind.VOICE_DTMF).messages(Locale.ENGLISH, SurveyDefinitionTest.english()).question(q);
        List<String> found = violations(b);
        assertThat(found).hasSize(2).contains("moreQuestions[0].scale = \"signed\": a keypad (VOICE_DTMF) survey "
                + "needs a scale whose values are all 0 or above");
        assertThat(found.get(1)).startsWith("moreQuestions[0].messages.en.prompt = \"How was {order.id}?\": unknown "
                + "placeholder {order.id}; use a standard one [").endsWith(", or declare it in customPlaceholders");
    }

    @Test
    void aQuestionsOwnRulesAreNamedWithTheirField() {
        assertThatThrownBy(() -> Question.builder("Effort!").scale(RatingScales.fivePoint())
                .prompt(Locale.ENGLISH, " ").build())
                .isInstanceOfSatisfying(InvalidDefinitionException.class, e -> assertThat(e.violations())
                        .extracting(Violation::toString).containsExactlyInAnyOrder(
                                "messages.en.prompt = \" \": must not be blank"));
        assertThatThrownBy(() -> Question.builder("Effort!").scale(RatingScales.fivePoint())
                .prompt(Locale.ENGLISH, "Easy?").build())
                .isInstanceOfSatisfying(InvalidDefinitionException.class, e -> assertThat(e.violations())
                        .extracting(Violation::toString).containsExactly("id = \"Effort!\": must be 1-32 lower-case "
                                + "letters, digits, '_' or '-', starting with a letter"));
        assertThatThrownBy(() -> Question.builder("effort").prompt(Locale.ENGLISH, "Easy?").build())
                .isInstanceOfSatisfying(InvalidDefinitionException.class, e -> assertThat(e.violations())
                        .extracting(Violation::toString).containsExactly("scale = (missing): is required"));
    }

    // ------------------------------------------------------------------ JSON

    static final String TWO_QUESTIONS = SurveyJsonTest.VALID.replace("""
                  "optOutInstructions": "Reply STOP to opt out"
                }
              }
            """, """
                  "optOutInstructions": "Reply STOP to opt out"
                }
              },
              "moreQuestions": [
                { "id": "effort", "scale": "five", "skippable": true,
                  "messages": { "en": { "prompt": "How easy was it? {scale.min}-{scale.max}",
                                        "invalidReply": "Reply {scale.min}-{scale.max}",
                                        "keypadPrompt": { "speech": "How easy was it?" } } } }
              ]
            """);

    @Test
    void readsFurtherQuestions() {
        assertThat(TWO_QUESTIONS).contains("moreQuestions");
        SurveyDefinition d = SurveyJson.fromJson(TWO_QUESTIONS);
        Question q = d.question("effort").orElseThrow();
        assertThat(q.skippable()).isTrue();
        QuestionMessages en = q.messagesIn(Locale.ENGLISH).orElseThrow();
        assertThat(en.invalidReply().orElseThrow().source()).isEqualTo("Reply {scale.min}-{scale.max}");
        assertThat(en.keypadPrompt()).contains(AudioStage.Speech.of("How easy was it?"));
    }

    @Test
    void roundTripsSeveralQuestionsWithACustomScaleAndLeavesOneQuestionAsItWas() {
        RatingScale effort7 = RatingScale.builder("effort7").numeric(1, 7).satisfied(5, 6, 7).dissatisfied(1, 2, 3)
                .build();
        Question custom = Question.builder("effort7").scale(effort7).prompt(Locale.ENGLISH, "Easy? 1-7")
                .prompt(Locale.FRENCH, "Facile ? 1-7").keypadPrompt(Locale.FRENCH, AudioStage.Clip.of("facile.wav"))
                .build();
        SurveyDefinition d = SurveyDefinitionTest.sms().question(effort()).question(custom).build();
        String json = SurveyJson.toJson(d);
        assertThat(json).contains("\"moreQuestions\"").contains("\"effort7\"").contains("\"audio\" : \"facile.wav\"");
        assertThat(SurveyJson.fromJson(json)).isEqualTo(d);

        String one = SurveyJson.toJson(SurveyDefinitionTest.sms().build());
        assertThat(one).doesNotContain("moreQuestions").doesNotContain("skippable");
    }

    @Test
    void aBrokenQuestionIsNamedByItsJsonPath() {
        String broken = TWO_QUESTIONS.replace("\"skippable\": true", "\"skippable\": \"yes\", \"colour\": 1")
                .replace("\"prompt\": \"How easy was it? {scale.min}-{scale.max}\",", "")
                .replace("\"id\": \"effort\"", "\"id\": \"Effort\"");
        assertThat(SurveyJsonTest.problems(broken)).containsExactlyInAnyOrder(
                "$.moreQuestions[0].skippable = \"yes\": must be true or false",
                "$.moreQuestions[0].colour = \"colour\": unknown field; expected one of [id, messages, scale, skippable]",
                "$.moreQuestions[0].messages.en.prompt = (missing): is required");
        String badId = TWO_QUESTIONS.replace("\"id\": \"effort\"", "\"id\": \"csat\"");
        assertThat(SurveyJsonTest.problems(badId)).containsExactly(
                "$.moreQuestions[0].id = \"csat\": is the primary question's id; give this one another");
        String notAList = SurveyJsonTest.VALID.replace("\"channels\"", "\"moreQuestions\": {}, \"channels\"");
        assertThat(SurveyJsonTest.problems(notAList)).containsExactly("$.moreQuestions = {}: must be a JSON array");
    }
}
