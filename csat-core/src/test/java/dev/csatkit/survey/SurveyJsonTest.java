package dev.csatkit.survey;

import static org.assertj.core.api.Assertions.assertThat;

import dev.csatkit.InvalidDefinitionException;
import dev.csatkit.Violation;
import dev.csatkit.channels.spi.ChannelKind;
import dev.csatkit.scale.RatingScale;
import dev.csatkit.scale.RatingScales;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class SurveyJsonTest {

    static final String VALID = """
            {
              "id": "post-call-sms",
              "name": "After your call",
              "scale": "five",
              "channels": ["SMS"],
              "defaultLocale": "en",
              "messages": {
                "en": {
                  "prompt": "Rate {agent.name} from {scale.min} to {scale.max}",
                  "confirmation": "Thanks!",
                  "invalidReply": "Please reply {scale.min}-{scale.max}",
                  "thankYou": "Thank you",
                  "optOutInstructions": "Reply STOP to opt out"
                }
              }
            }
            """;

    static List<String> problems(String json) {
        try {
            SurveyJson.fromJson(json);
        } catch (InvalidDefinitionException e) {
            return e.violations().stream().map(Violation::toString).toList();
        }
        throw new AssertionError("expected the JSON to be rejected");
    }

    static String replace(String json, String from, String to) {
        assertThat(json).contains(from);
        return json.replace(from, to);
    }

    @Test
    void readsAMinimalDocumentWithDefaults() {
        SurveyDefinition d = SurveyJson.fromJson(VALID);
        assertThat(d.scale()).isEqualTo(RatingScales.fivePoint());
        assertThat(d.onMissingLanguage()).isEqualTo(MissingLanguage.USE_DEFAULT);
        assertThat(d.keypadAnswerWindow()).isEqualTo(Duration.ofSeconds(15));
        assertThat(d.messages().get(Locale.ENGLISH).followUp()).isEmpty();
    }

    @Test
    void roundTripsASmsSurveyInTwoLanguages() {
        SurveyDefinition d = SurveyDefinitionTest.sms().build();
        String json = SurveyJson.toJson(d);
        assertThat(json).contains("\"scale\" : \"five\"").contains("\"fr\" : {");
        assertThat(SurveyJson.fromJson(json)).isEqualTo(d);
    }

    @Test
    void roundTripsACustomScaleAndKeypadAudio() {
        RatingScale custom = RatingScale.builder("stars-4").numeric(1, 4).satisfied(4).dissatisfied(1).build();
        MessageSet keypad = MessageSet.builder().prompt("Press {scale.min} to {scale.max}").confirmation("Thanks")
                .invalidReply("Invalid key").thankYou("Goodbye")
                .keypad(KeypadAudio.builder()
                        .notice(AudioStage.Clip.of("notice.wav"))
                        .ratingPrompt(AudioStage.Speech.of("Please rate {agent.name}"))
                        .build())
                .build();
        SurveyDefinition d = SurveyDefinition.builder("ivr-1").name("Keypad (sales)").scale(custom)
                .channels(ChannelKind.VOICE_DTMF).messages(Locale.forLanguageTag("ru"), keypad)
                .defaultLocale(Locale.forLanguageTag("ru")).keypadAnswerWindow(Duration.ofSeconds(20))
                .onMissingLanguage(MissingLanguage.SKIP).customPlaceholders(List.of("queue.name")).build();
        String json = SurveyJson.toJson(d);
        assertThat(json).contains("\"points\"").contains("\"audio\" : \"notice.wav\"");
        assertThat(SurveyJson.fromJson(json)).isEqualTo(d);
    }

    @Test
    void unknownFieldsAreNamedByPath() {
        assertThat(problems(replace(VALID, "\"id\"", "\"colour\": 1, \"id\""))).singleElement().asString()
                .startsWith("$.colour = \"colour\": unknown field; expected one of [");
        assertThat(problems(replace(VALID, "\"prompt\"", "\"promt\": \"x\", \"prompt\""))).singleElement().asString()
                .startsWith("$.messages.en.promt = \"promt\": unknown field");
    }

    @Test
    void missingRequiredFieldsAreNamedByPath() {
        assertThat(problems(replace(VALID, "\"name\": \"After your call\",", ""))).containsExactly(
                "$.name = (missing): is required");
        assertThat(problems(replace(VALID, "\"confirmation\": \"Thanks!\",", ""))).containsExactly(
                "$.messages.en.confirmation = (missing): is required");
    }

    @Test
    void invalidValuesAreNamedByPath() {
        assertThat(problems(replace(VALID, "[\"SMS\"]", "[\"SMS\", \"FAX\"]"))).containsExactly(
                "$.channels[1] = \"FAX\": must be one of [SMS, EMAIL, CHAT, VOICE_DTMF]");
        assertThat(problems(replace(VALID, "\"five\"", "\"seven\""))).containsExactly(
                "$.scale = \"seven\": must be a preset id [five, keypad9, three, thumbs, zero-ten] or a scale object");
        assertThat(problems(replace(VALID, "\"en\": {", "\"not a tag!\": {"))).contains(
                "$.messages.not a tag! = \"not a tag!\": must be a BCP 47 language tag such as en, fr-CA or sv");
        assertThat(problems(replace(VALID, "Thanks!", "Thanks {"))).containsExactly(
                "$.messages.en.confirmation = \"Thanks {\": unclosed '{' at character 8 (write '{{' for a literal brace)");
        assertThat(problems(replace(VALID, "\"Reply STOP to opt out\"", "null"))).containsExactly(
                "$.messages.en.optOutInstructions = (missing): is required for SMS surveys");
        assertThat(problems(replace(VALID, "After your call", "After your call!"))).singleElement().asString()
                .startsWith("$.name = \"After your call!\": may contain only letters");
        assertThat(problems(replace(VALID, "\"defaultLocale\": \"en\"",
                "\"defaultLocale\": \"en\", \"keypadAnswerWindow\": 15"))).containsExactly(
                "$.keypadAnswerWindow = 15: must be a string");
        assertThat(problems(replace(VALID, "\"defaultLocale\": \"en\"",
                "\"defaultLocale\": \"en\", \"keypadAnswerWindow\": \"15s\""))).containsExactly(
                "$.keypadAnswerWindow = \"15s\": must be an ISO-8601 duration such as PT15S");
        assertThat(problems(replace(VALID, "\"defaultLocale\": \"en\"",
                "\"defaultLocale\": \"en\", \"keypadAnswerWindow\": \"PT0S\""))).containsExactly(
                "$.keypadAnswerWindow = PT0S: must be between 1 and 60 seconds");
    }

    @Test
    void customScaleErrorsCarryThePointPath() {
        String scale = """
                {"id": "mine", "points": [
                  {"value": 1, "polarity": "NEGATIVE", "labels": {"en": "Bad"}},
                  {"value": 2, "polarity": "SAD"},
                  {"value": 2, "polarity": "POSITIVE", "emoji": ""}
                ]}""";
        assertThat(problems(replace(VALID, "\"five\"", scale))).containsExactly(
                "$.scale.points[1].polarity = \"SAD\": must be one of [NEGATIVE, NEUTRAL, POSITIVE]",
                "$.scale.points[2].emoji = \"\": must not be blank");
        String unordered = """
                {"id": "mine", "points": [
                  {"value": 2, "polarity": "NEGATIVE"},
                  {"value": 1, "polarity": "POSITIVE"}
                ]}""";
        assertThat(problems(replace(VALID, "\"five\"", unordered))).containsExactly(
                "$.scale.points[1].value = 1: values must ascend; 1 follows 2");
    }

    @Test
    void keypadStagesNeedExactlyOneSource() {
        String keypad = "\"optOutInstructions\": \"STOP\", \"keypad\": {\"notice\": {\"audio\": \"a.wav\", \"speech\": \"hi\"},"
                + " \"thankYou\": {\"audio\": \"bye.ogg\"}}";
        assertThat(problems(replace(VALID, "\"optOutInstructions\": \"Reply STOP to opt out\"", keypad)))
                .containsExactly(
                        "$.messages.en.keypad.notice = {\"audio\":\"a.wav\",\"speech\":\"hi\"}:"
                                + " must have exactly one of \"audio\" (an .mp3 or .wav file) and \"speech\" (text)",
                        "$.messages.en.keypad.thankYou.audio = \"bye.ogg\": must be an .mp3 or .wav file");
    }

    @Test
    void malformedJsonIsRejectedWithItsLocation() {
        assertThat(problems("{\"id\": ")).singleElement().asString()
                .startsWith("$ = \"{\\\"id\\\": \": is not valid JSON: ").contains("(line 1, column 8)");
        assertThat(problems("{\"id\": \"a\", \"id\": \"b\"}")).singleElement().asString()
                .contains("Duplicate field 'id'");
        assertThat(problems(VALID + " {}")).singleElement().asString().contains("is not valid JSON");
        assertThat(problems("")).containsExactly("$ = \"\": is empty");
        assertThat(problems("[1, 2]")).containsExactly("$ = [1,2]: must be a JSON object");
        assertThat(problems("x".repeat(SurveyJson.MAX_JSON_LENGTH + 1))).containsExactly(
                "$ = \"1000001 characters\": must be at most 1000000 characters");
    }

    @Test
    void everyProblemInADocumentIsReportedTogether() {
        String broken = replace(replace(VALID, "[\"SMS\"]", "\"SMS\""), "\"defaultLocale\": \"en\"", "\"defaultLocale\": 7");
        assertThat(problems(broken)).containsExactly(
                "$.channels = \"SMS\": must be a JSON array",
                "$.defaultLocale = 7: must be a string");
    }
}
