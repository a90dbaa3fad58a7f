package dev.csatkit.survey;

import static org.assertj.core.api.Assertions.assertThat;

import dev.csatkit.channels.spi.ChannelKind;
import dev.csatkit.scale.RatingScales;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class DefaultMessagesTest {

    @ParameterizedTest
    @EnumSource(ChannelKind.class)
    void shipForEveryChannelInEightLanguages(ChannelKind kind) {
        Map<Locale, MessageSet> all = DefaultMessages.allForChannel(kind);
        assertThat(all.keySet()).containsExactlyElementsOf(DefaultMessages.locales());
        // Every shipped set must be usable as-is in a survey for that channel and any preset.
        for (String preset : RatingScales.presetIds()) {
            if (kind == ChannelKind.VOICE_DTMF && !RatingScales.preset(preset).orElseThrow().isKeypadAnswerable()) {
                continue;
            }
            SurveyDefinition.Builder b = SurveyDefinition.builder("defaults").name("Defaults")
                    .scale(RatingScales.preset(preset).orElseThrow()).channels(kind);
            all.forEach(b::messages);
            assertThat(b.build().messages()).hasSize(8);
        }
    }

    @Test
    void wordingFollowsTheChannel() {
        MessageSet sms = DefaultMessages.forChannel(ChannelKind.SMS, Locale.ENGLISH).orElseThrow();
        assertThat(sms.prompt().source()).contains("Reply with a number");
        assertThat(sms.optOutInstructions()).isPresent();
        assertThat(sms.reminder()).isPresent();
        MessageSet keypad = DefaultMessages.forChannel(ChannelKind.VOICE_DTMF, Locale.ENGLISH).orElseThrow();
        assertThat(keypad.prompt().source()).contains("Press a key");
        assertThat(keypad.followUp()).isEmpty();
        MessageSet email = DefaultMessages.forChannel(ChannelKind.EMAIL, Locale.ENGLISH).orElseThrow();
        assertThat(email.prompt().source()).contains("below");
    }

    @Test
    void lookupFollowsTheFallbackChain() {
        assertThat(DefaultMessages.forChannel(ChannelKind.SMS, Locale.forLanguageTag("fr-BE")).orElseThrow()
                .confirmation().source()).isEqualTo("Merci, votre note a bien été enregistrée.");
        assertThat(DefaultMessages.forChannel(ChannelKind.CHAT, Locale.forLanguageTag("uk-UA")).orElseThrow()
                .thankYou().source()).isEqualTo("Дякуємо за ваш відгук!");
        assertThat(DefaultMessages.forChannel(ChannelKind.SMS, Locale.JAPANESE)).isEmpty();
    }

    @Test
    void rendersWithScaleValuesAndLabels() {
        MessageSet ru = DefaultMessages.forChannel(ChannelKind.SMS, Locale.forLanguageTag("ru")).orElseThrow();
        String text = ru.prompt().render(Map.of("company", "Ромашка", "scale.min", "1", "scale.max", "5",
                "scale.min.label", "Очень недоволен", "scale.max.label", "Очень доволен"));
        assertThat(text).isEqualTo("Насколько вы довольны помощью Ромашка? Ответьте числом от 1 (Очень недоволен)"
                + " до 5 (Очень доволен).");
    }
}
