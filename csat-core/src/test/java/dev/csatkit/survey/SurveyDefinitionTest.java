package dev.csatkit.survey;

import static org.assertj.core.api.Assertions.assertThat;

import dev.csatkit.InvalidDefinitionException;
import dev.csatkit.channels.spi.ChannelKind;
import dev.csatkit.scale.RatingScale;
import dev.csatkit.scale.RatingScales;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SurveyDefinitionTest {

    static final Locale SV = Locale.forLanguageTag("sv");

    static MessageSet english() {
        return MessageSet.builder()
                .prompt("How did {agent.name} do? Reply {scale.min}-{scale.max}.")
                .confirmation("Thanks!")
                .invalidReply("Please reply with a number from {scale.min} to {scale.max}.")
                .thankYou("Thank you for your feedback.")
                .optOutInstructions("Reply STOP to opt out.")
                .build();
    }

    static MessageSet french() {
        return MessageSet.builder()
                .prompt("Comment {agent.name} s'en est-il sorti ? Répondez de {scale.min} à {scale.max}.")
                .confirmation("Merci !")
                .invalidReply("Répondez par un nombre de {scale.min} à {scale.max}.")
                .thankYou("Merci pour votre avis.")
                .optOutInstructions("Répondez STOP pour ne plus recevoir de messages.")
                .build();
    }

    static SurveyDefinition.Builder sms() {
        return SurveyDefinition.builder("post-call-sms")
                .name("After your call")
                .scale(RatingScales.fivePoint())
                .channels(ChannelKind.SMS)
                .messages(Locale.ENGLISH, english())
                .messages(Locale.FRENCH, french());
    }

    static List<String> violations(SurveyDefinition.Builder b) {
        try {
            b.build();
        } catch (InvalidDefinitionException e) {
            return e.violations().stream().map(Object::toString).toList();
        }
        throw new AssertionError("expected the definition to be rejected");
    }

    @Test
    void aValidSmsSurveyInTwoLanguages() {
        SurveyDefinition d = sms().build();
        assertThat(d.channels()).containsExactly(ChannelKind.SMS);
        assertThat(d.supports(ChannelKind.SMS)).isTrue();
        assertThat(d.supports(ChannelKind.EMAIL)).isFalse();
        assertThat(d.defaultLocale()).isEqualTo(Locale.ENGLISH);
        assertThat(d.keypadAnswerWindow()).isEqualTo(Duration.ofSeconds(15));
        assertThat(d.onMissingLanguage()).isEqualTo(MissingLanguage.USE_DEFAULT);
        assertThat(d.messages()).containsOnlyKeys(Locale.ENGLISH, Locale.FRENCH);
    }

    @Test
    void localeFallbackGoesFromRegionToLanguageToDefault() {
        SurveyDefinition d = sms().build();
        ResolvedMessages canadian = d.resolve(Locale.CANADA_FRENCH).orElseThrow();
        assertThat(canadian.locale()).isEqualTo(Locale.FRENCH);
        assertThat(canadian.usedDefault()).isFalse();
        assertThat(canadian.messages()).isEqualTo(french());

        ResolvedMessages swedish = d.resolve(SV).orElseThrow();
        assertThat(swedish.locale()).isEqualTo(Locale.ENGLISH);
        assertThat(swedish.usedDefault()).isTrue();

        assertThat(d.existsIn(Locale.CANADA_FRENCH)).isTrue();
        assertThat(d.existsIn(Locale.UK)).isTrue();
        assertThat(d.existsIn(SV)).isFalse();
        assertThat(d.messagesIn(SV)).isEmpty();
    }

    @Test
    void aRegionalMessageSetWinsOverTheLanguage() {
        MessageSet quebec = MessageSet.builder().prompt("Évaluez-nous").confirmation("Merci")
                .invalidReply("Oups").thankYou("Merci").optOutInstructions("STOP").build();
        SurveyDefinition d = sms().messages(Locale.CANADA_FRENCH, quebec).build();
        assertThat(d.resolve(Locale.CANADA_FRENCH).orElseThrow().messages()).isEqualTo(quebec);
        assertThat(d.resolve(Locale.FRANCE).orElseThrow().messages()).isEqualTo(french());
    }

    @Test
    void skipPolicyLeavesOtherLanguagesUnsurveyed() {
        SurveyDefinition d = sms().onMissingLanguage(MissingLanguage.SKIP).build();
        assertThat(d.resolve(SV)).isEmpty();
        assertThat(d.resolve(Locale.FRANCE)).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Post-call survey (EN, FR)", "Опрос после звонка", "顧客満足度調査", "सर्वेक्षण", "Q4. 2026"})
    void namesMayUseAnyScript(String name) {
        assertThat(sms().name(name).build().name()).isEqualTo(name);
    }

    @Test
    void nameRules() {
        assertThat(violations(sms().name("Sales & support!"))).containsExactly(
                "name = \"Sales & support!\": may contain only letters, digits, spaces and , . ( ) - but has '&' (U+0026)");
        assertThat(violations(sms().name("   "))).containsExactly("name = \"   \": must not be blank");
        assertThat(violations(sms().name("a".repeat(256)))).singleElement().asString()
                .endsWith(": must be at most 255 characters, was 256");
        assertThat(sms().name("a".repeat(255)).build().name()).hasSize(255);
    }

    @Test
    void requiredParts() {
        assertThat(violations(SurveyDefinition.builder("s"))).containsExactly(
                "name = (missing): is required", "scale = (missing): is required");
        assertThat(violations(SurveyDefinition.builder("s").name("S").scale(RatingScales.fivePoint())))
                .containsExactly(
                        "channels = \"[]\": must name at least one channel",
                        "messages = \"{}\": must have messages for at least the default locale");
    }

    @Test
    void badId() {
        assertThat(violations(SurveyDefinition.builder("-bad id")
                .name("S").scale(RatingScales.fivePoint()).channels(ChannelKind.CHAT).messages(Locale.ENGLISH, english())))
                .containsExactly("id = \"-bad id\": must be 1-64 letters, digits, '.', '_' or '-',"
                        + " starting with a letter or digit");
    }

    @Test
    void defaultLocaleNeedsMessages() {
        assertThat(violations(sms().defaultLocale(SV))).containsExactly(
                "messages = [en, fr]: must include the default locale sv");
    }

    @Test
    void smsSurveysNeedOptOutInstructionsInEveryLanguage() {
        MessageSet noOptOut = MessageSet.builder().prompt("Rate us").confirmation("Thanks").invalidReply("Oops")
                .thankYou("Bye").build();
        assertThat(violations(sms().messages(Locale.GERMAN, noOptOut))).containsExactly(
                "messages.de.optOutInstructions = (missing): is required for SMS surveys");
        SurveyDefinition chat = sms().channels(ChannelKind.CHAT).build();
        assertThat(SurveyDefinition.builder("chat").name("Chat").scale(RatingScales.fivePoint())
                .channels(ChannelKind.CHAT).messages(Locale.ENGLISH, noOptOut).build().channels())
                .containsExactly(ChannelKind.CHAT);
        assertThat(chat.channels()).containsExactly(ChannelKind.SMS, ChannelKind.CHAT);
    }

    @Test
    void unknownPlaceholdersAreRejectedAtBuildTime() {
        MessageSet typo = MessageSet.builder().prompt("How did {agnt.name} do?").confirmation("Thanks {order.id}")
                .invalidReply("Oops").thankYou("Bye").optOutInstructions("STOP").build();
        List<String> problems = violations(sms().messages(Locale.GERMAN, typo));
        assertThat(problems).hasSize(2);
        assertThat(problems.get(0)).startsWith(
                "messages.de.prompt = \"How did {agnt.name} do?\": unknown placeholder {agnt.name}; use a standard one [");
        assertThat(problems.get(1)).startsWith("messages.de.confirmation = \"Thanks {order.id}\": unknown placeholder {order.id}");
        SurveyDefinition declared = sms().messages(Locale.GERMAN, MessageSet.builder().prompt("Order {order.id}?")
                .confirmation("Thanks").invalidReply("Oops").thankYou("Bye").optOutInstructions("STOP").build())
                .customPlaceholders(List.of("order.id")).build();
        assertThat(declared.customPlaceholders()).containsExactly("order.id");
    }

    @Test
    void keypadSpeechIsCheckedForPlaceholdersToo() {
        MessageSet withSpeech = MessageSet.builder().prompt("Press a key").confirmation("Thanks").invalidReply("Oops")
                .thankYou("Bye").keypad(KeypadAudio.builder().ratingPrompt(AudioStage.Speech.of("Rate {agnt}")).build())
                .build();
        SurveyDefinition.Builder b = SurveyDefinition.builder("ivr").name("IVR").scale(RatingScales.keypadNine())
                .channels(ChannelKind.VOICE_DTMF).messages(Locale.ENGLISH, withSpeech);
        assertThat(violations(b)).singleElement().asString().startsWith(
                "messages.en.keypad.ratingPrompt = \"Rate {agnt}\": unknown placeholder {agnt}");
    }

    @Test
    void customPlaceholderRules() {
        assertThat(violations(sms().customPlaceholders(List.of("Order Id", "company")))).containsExactly(
                "customPlaceholders = \"Order Id\": must be lowercase letters, digits and '_' in dot-separated parts,"
                        + " such as order.id",
                "customPlaceholders = \"company\": is already a standard placeholder");
    }

    @Test
    void keypadSurveysNeedAKeypadScaleAndASaneWindow() {
        RatingScale likert = RatingScale.builder("likert").numeric(-2, 2).build();
        SurveyDefinition.Builder b = SurveyDefinition.builder("ivr").name("IVR").scale(likert)
                .channels(ChannelKind.VOICE_DTMF).messages(Locale.ENGLISH, english())
                .keypadAnswerWindow(Duration.ofSeconds(61));
        assertThat(violations(b)).containsExactly(
                "scale = \"likert\": a keypad (VOICE_DTMF) survey needs a scale whose values are all 0 or above",
                "keypadAnswerWindow = PT1M1S: must be between 1 and 60 seconds");
        assertThat(violations(b.scale(RatingScales.keypadNine()).keypadAnswerWindow(Duration.ofMillis(500))))
                .containsExactly("keypadAnswerWindow = PT0.5S: must be between 1 and 60 seconds");
        assertThat(b.keypadAnswerWindow(Duration.ofSeconds(10)).build().keypadAnswerWindow()).hasSeconds(10);
    }

    @Test
    void messageSetReportsEveryMissingOrBadMessage() {
        InvalidDefinitionException e = org.assertj.core.api.Assertions.catchThrowableOfType(
                InvalidDefinitionException.class,
                () -> MessageSet.builder().prompt("Rate {").followUp(" ").build());
        assertThat(e.violations()).extracting(Object::toString).containsExactly(
                "prompt = \"Rate {\": unclosed '{' at character 6 (write '{{' for a literal brace)",
                "confirmation = (missing): is required",
                "invalidReply = (missing): is required",
                "thankYou = (missing): is required");
        InvalidDefinitionException blank = org.assertj.core.api.Assertions.catchThrowableOfType(
                InvalidDefinitionException.class,
                () -> MessageSet.builder().prompt("Rate").confirmation("ok").invalidReply("no").thankYou("bye")
                        .followUp(" ").build());
        assertThat(blank.violations()).extracting(Object::toString)
                .containsExactly("followUp = \" \": must not be blank");
        assertThat(blank.getMessage()).isEqualTo("Invalid message set: followUp = \" \": must not be blank");
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        InvalidDefinitionException e = org.assertj.core.api.Assertions.catchThrowableOfType(
                InvalidDefinitionException.class, () -> sms().name("Bad!").defaultLocale(SV).build());
        assertThat(e.violations()).hasSize(2);
        assertThat(e.getMessage()).startsWith("Invalid survey definition (2 problems):\n  - name = \"Bad!\"");
    }
}
