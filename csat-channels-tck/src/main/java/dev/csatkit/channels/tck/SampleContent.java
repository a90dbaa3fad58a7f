package dev.csatkit.channels.tck;

import dev.csatkit.channels.spi.AudioStage;
import dev.csatkit.channels.spi.ChannelCapabilities;
import dev.csatkit.channels.spi.ChannelKind;
import dev.csatkit.channels.spi.MessageContent;
import dev.csatkit.channels.spi.QuickReply;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Content the kit sends: the same text in many scripts, shaped for each kind of channel.
 */
public final class SampleContent {

    /** Texts by the name of what they exercise; each fits one UCS-2 SMS. */
    public static final Map<String, String> TEXTS = texts();

    private SampleContent() {
    }

    private static Map<String, String> texts() {
        Map<String, String> t = new LinkedHashMap<>();
        t.put("Latin", "How did we do? Reply 1-5. Reply STOP to opt out.");
        t.put("Latin accents", "Évaluez-nous de 1 à 5 — merci ! Ça compte. ß ø Å");
        t.put("Cyrillic", "Оцените нас от 1 до 5. Ответьте СТОП.");
        t.put("Greek", "Πώς τα πήγαμε; Απαντήστε 1–5.");
        t.put("Arabic", "كيف كانت تجربتك؟ قيّمنا من ١ إلى ٥");
        t.put("Hebrew", "איך היה השירות? דרגו 1–5");
        t.put("Chinese and Japanese", "服务满意吗？请回复1到5。ご満足いただけましたか？");
        t.put("Korean", "서비스는 어떠셨나요? 1-5로 답해 주세요");
        t.put("Devanagari", "हमारी सेवा कैसी रही? 1–5 भेजें");
        t.put("Thai", "บริการของเราเป็นอย่างไร ตอบ 1-5");
        t.put("Emoji", "Rate us 😀👍🏽 👨‍👩‍👧 🇸🇪 ⭐⭐⭐⭐⭐ ❤️");
        t.put("GSM extension characters", "Cost {€5} [a|b] ~ ^ \\ done");
        t.put("Decomposed accents", "Cafe\u0301 tre\u0300s bien");
        t.put("Several lines", "Line one\nLine two\n\n  indented line");
        return t;
    }

    /**
     * Shapes a text as content of a kind, within the channel's capabilities.
     *
     * @param kind the channel's kind
     * @param capabilities the channel's capabilities
     * @param text the text
     * @return the content
     */
    public static MessageContent of(ChannelKind kind, ChannelCapabilities capabilities, String text) {
        switch (kind) {
            case SMS:
                return new MessageContent.Sms(text);
            case EMAIL:
                String subject = "Survey: " + text.lines().findFirst().orElse(text).strip();
                Optional<String> html = capabilities.html()
                        ? Optional.of("<p>" + escapeHtml(text).replace("\n", "<br>\n") + "</p>") : Optional.empty();
                return new MessageContent.Email(subject, text, html);
            case CHAT:
                List<QuickReply> buttons = new ArrayList<>();
                String[] labels = {"😞 1", "🙁 2", "😐 3", "🙂 4", "😀 5 — Отлично"};
                for (int i = 0; i < Math.min(labels.length, capabilities.maxButtons()); i++) {
                    buttons.add(new QuickReply(labels[i], "csat:" + (i + 1)));
                }
                return new MessageContent.Chat(text, buttons);
            case VOICE_DTMF:
                Map<String, Integer> keys = new LinkedHashMap<>();
                for (int i = 1; i <= 5; i++) {
                    keys.put(String.valueOf(i), i);
                }
                return new MessageContent.Keypad(List.of(
                        new AudioStage(AudioStage.Phase.ANNOUNCEMENT, "tts:" + text),
                        new AudioStage(AudioStage.Phase.PROMPT, "https://audio.example/prompt.wav?t=" + text.length()),
                        new AudioStage(AudioStage.Phase.THANKS, "tts:Спасибо! 🙏")),
                        keys, Duration.ofSeconds(15));
            default:
                throw new IllegalArgumentException("unknown channel kind " + kind);
        }
    }

    /**
     * @param kind a channel's kind
     * @return content of another kind, which the channel must refuse
     */
    public static MessageContent ofAnotherKind(ChannelKind kind) {
        return kind == ChannelKind.SMS ? of(ChannelKind.CHAT, ChannelCapabilities.chat(0), "wrong kind")
                : new MessageContent.Sms("wrong kind");
    }

    private static String escapeHtml(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
