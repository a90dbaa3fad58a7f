package dev.csatkit.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.csatkit.CsatException;
import dev.csatkit.InvalidDefinitionException;
import dev.csatkit.channels.spi.AudioStage.Phase;
import dev.csatkit.channels.spi.ChannelCapabilities;
import dev.csatkit.channels.spi.ChannelKind;
import dev.csatkit.channels.spi.MessageContent;
import dev.csatkit.channels.spi.QuickReply;
import dev.csatkit.scale.RatingScales;
import dev.csatkit.survey.AudioStage;
import dev.csatkit.survey.DefaultMessages;
import dev.csatkit.survey.KeypadAudio;
import dev.csatkit.survey.MessageSet;
import dev.csatkit.survey.MissingLanguage;
import dev.csatkit.survey.SurveyDefinition;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SurveyRendererTest {

    static final Map<String, String> ACME = Map.of("company", "Acme");

    static SurveyDefinition defaults(ChannelKind kind) {
        SurveyDefinition.Builder b = SurveyDefinition.builder("s-" + kind.name().toLowerCase(Locale.ROOT))
                .name("After your call")
                .scale(kind == ChannelKind.VOICE_DTMF ? RatingScales.keypadNine() : RatingScales.fivePoint())
                .channels(kind);
        DefaultMessages.allForChannel(kind).forEach(b::messages);
        return b.build();
    }

    static String link(int value) {
        return "https://survey.example.com/r?t=tok" + value + "&x=<1>";
    }

    @Test
    void smsIsThePromptAndTheOptOutInstructions() {
        MessageContent content = SurveyRenderer.render(defaults(ChannelKind.SMS), ChannelKind.SMS,
                ChannelCapabilities.sms(2), Locale.forLanguageTag("sv-SE"), ACME, SurveyRendererTest::link).orElseThrow();
        assertThat(content).isEqualTo(new MessageContent.Sms("Hur nöjd är du med hjälpen du fick från Acme? Svara med"
                + " en siffra från 1 (Mycket missnöjd) till 5 (Mycket nöjd).\nSvara STOP för att avregistrera dig."));
    }

    @Test
    void anSmsOverTheSegmentLimitIsRejectedWithTheCount() {
        SurveyDefinition ru = defaults(ChannelKind.SMS);
        assertThatThrownBy(() -> SurveyRenderer.render(ru, ChannelKind.SMS, ChannelCapabilities.sms(1),
                Locale.forLanguageTag("ru"), ACME, SurveyRendererTest::link))
                .isInstanceOfSatisfying(InvalidDefinitionException.class, e -> {
                    assertThat(e.violations().get(0).field()).isEqualTo("messages.ru.prompt");
                    assertThat(e.violations().get(0).rule()).isEqualTo("needs 2 segments (UCS-2, 129 characters, 129 UTF-16 units)"
                                    + " but the channel allows at most 1 segment")
                            ;
                });
        assertThatThrownBy(() -> SurveyRenderer.checkSms(ru, ChannelCapabilities.sms(1), ACME))
                .isInstanceOfSatisfying(InvalidDefinitionException.class, e -> assertThat(e.violations())
                        .extracting(v -> v.field())
                        .contains("messages.ru.prompt", "messages.uk.prompt")
                        .doesNotContain("messages.en.prompt"));
        // With opt-out instructions the shipped fr, uk, pl and es texts are UCS-2 and need 3 segments.
        assertThatThrownBy(() -> SurveyRenderer.checkSms(ru, ChannelCapabilities.sms(2), ACME))
                .isInstanceOfSatisfying(InvalidDefinitionException.class, e -> assertThat(e.violations())
                        .extracting(v -> v.field()).containsExactlyInAnyOrder("messages.fr.prompt",
                                "messages.uk.prompt", "messages.pl.prompt", "messages.es.prompt"));
        SurveyRenderer.checkSms(ru, ChannelCapabilities.sms(3), ACME);
    }

    @Test
    void emailHasOneLinkPerScalePointAndEscapedHtml() {
        MessageContent.Email email = (MessageContent.Email) SurveyRenderer.render(defaults(ChannelKind.EMAIL),
                ChannelKind.EMAIL, ChannelCapabilities.email(), Locale.ENGLISH, ACME, SurveyRendererTest::link)
                .orElseThrow();
        assertThat(email.subject()).isEqualTo("After your call");
        assertThat(email.plainText()).startsWith("How satisfied are you with the help you got from Acme?")
                .contains("5 - Very satisfied: https://survey.example.com/r?t=tok5&x=<1>\n")
                .contains("1 - Very dissatisfied: https://survey.example.com/r?t=tok1&x=<1>\n");
        assertThat(email.html().orElseThrow())
                .contains("<html lang=\"en\"")
                .contains("<a href=\"https://survey.example.com/r?t=tok4&amp;x=&lt;1&gt;\" aria-label=\"Satisfied\"")
                .contains(">🙂</span>", ">Satisfied</span>")
                .doesNotContain("<1>");
        MessageContent.Email plain = (MessageContent.Email) SurveyRenderer.render(defaults(ChannelKind.EMAIL),
                ChannelKind.EMAIL, ChannelCapabilities.builder().links(true).build(), Locale.ENGLISH, ACME,
                SurveyRendererTest::link).orElseThrow();
        assertThat(plain.html()).isEmpty();
    }

    @Test
    void chatGetsAButtonPerPointWhenThereIsRoom() {
        MessageContent.Chat chat = (MessageContent.Chat) SurveyRenderer.render(defaults(ChannelKind.CHAT),
                ChannelKind.CHAT, ChannelCapabilities.chat(10), Locale.FRENCH, ACME, SurveyRendererTest::link)
                .orElseThrow();
        assertThat(chat.buttons()).hasSize(5).first().isEqualTo(new QuickReply("😡 Très insatisfait", "1"));
        MessageContent.Chat narrow = (MessageContent.Chat) SurveyRenderer.render(defaults(ChannelKind.CHAT),
                ChannelKind.CHAT, ChannelCapabilities.chat(3), Locale.FRENCH, ACME, SurveyRendererTest::link)
                .orElseThrow();
        assertThat(narrow.buttons()).isEmpty();
        assertThat(narrow.text()).contains("Répondez par un nombre de 1");
    }

    @Test
    void keypadUsesAudioStagesAndSpeaksWhatIsMissing() {
        MessageSet set = MessageSet.builder().prompt("Press {scale.min} to {scale.max}").confirmation("Thanks")
                .invalidReply("Invalid key").thankYou("Goodbye from {company}")
                .keypad(KeypadAudio.builder().notice(AudioStage.Clip.of("notice.wav")).build()).build();
        SurveyDefinition ivr = SurveyDefinition.builder("ivr").name("IVR").scale(RatingScales.keypadNine())
                .channels(ChannelKind.VOICE_DTMF).messages(Locale.ENGLISH, set)
                .keypadAnswerWindow(Duration.ofSeconds(15)).build();
        MessageContent.Keypad keypad = (MessageContent.Keypad) SurveyRenderer.render(ivr, ChannelKind.VOICE_DTMF,
                ChannelCapabilities.keypad(), Locale.ENGLISH, ACME, SurveyRendererTest::link).orElseThrow();
        assertThat(keypad.stages()).extracting(s -> s.phase() + ":" + s.audio()).containsExactly(
                "ANNOUNCEMENT:notice.wav", "PROMPT:Press 1 to 9", "THANKS:Goodbye from Acme");
        assertThat(keypad.keyMap()).hasSize(9).containsEntry("7", 7);
        assertThat(keypad.answerWindow()).isEqualTo(Duration.ofSeconds(15));
        assertThat(keypad.stages().get(1).phase()).isEqualTo(Phase.PROMPT);
    }

    @Test
    void skippedLanguagesAndWrongChannelsAreNotRendered() {
        SurveyDefinition skip = SurveyDefinition.builder("s").name("S").scale(RatingScales.fivePoint())
                .channels(ChannelKind.SMS).onMissingLanguage(MissingLanguage.SKIP)
                .messages(Locale.ENGLISH, DefaultMessages.forChannel(ChannelKind.SMS, Locale.ENGLISH).orElseThrow())
                .build();
        assertThat(SurveyRenderer.render(skip, ChannelKind.SMS, ChannelCapabilities.sms(3), Locale.JAPANESE, ACME,
                SurveyRendererTest::link)).isEmpty();
        assertThatThrownBy(() -> SurveyRenderer.render(skip, ChannelKind.EMAIL, ChannelCapabilities.email(),
                Locale.ENGLISH, ACME, SurveyRendererTest::link)).isInstanceOf(CsatException.class)
                .hasMessage("Survey s is not sent on EMAIL; its channels are [SMS]");
        assertThatThrownBy(() -> SurveyRenderer.render(skip, ChannelKind.SMS, ChannelCapabilities.sms(3),
                Locale.ENGLISH, Map.of(), SurveyRendererTest::link)).isInstanceOf(CsatException.class)
                .hasMessageStartingWith("No value for placeholder {company}");
    }
}
