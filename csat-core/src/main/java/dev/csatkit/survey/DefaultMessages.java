package dev.csatkit.survey;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.csatkit.channels.spi.ChannelKind;
import dev.csatkit.internal.LocaleMap;
import dev.csatkit.scale.RatingScales;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Ready-made messages for every channel kind in English, French, Swedish, Russian, Ukrainian,
 * Polish, German and Spanish. They use only standard placeholders ({@code {company}},
 * {@code {scale.min}}, {@code {scale.max}} and their labels), so they fit the presets and any
 * custom scale.
 *
 * <p>The wording follows the channel: SMS and chat ask for a reply and carry opt-out
 * instructions and a reminder; email asks the reader to pick a rating below, and its follow-up
 * question is asked above the comment box of the rating page, so it asks for no reply; the
 * keypad asks for a key press and has no follow-up question.
 */
public final class DefaultMessages {

    private static final Map<ChannelKind, LocaleMap<MessageSet>> SETS = load();

    private DefaultMessages() {
    }

    /** @return the languages the default messages ship in */
    public static List<Locale> locales() {
        return RatingScales.LABEL_LOCALES;
    }

    /**
     * The default messages for a channel kind in a language, following the locale's fallback
     * chain ({@code fr-CA} finds {@code fr}).
     *
     * @param channel the channel kind
     * @param locale the language wanted
     * @return the messages, or empty when they do not ship in that language
     */
    public static Optional<MessageSet> forChannel(ChannelKind channel, Locale locale) {
        LocaleMap<MessageSet> byLocale = SETS.get(channel);
        Locale key = byLocale.bestKey(locale);
        return key == null ? Optional.empty() : Optional.of(byLocale.get(key));
    }

    /**
     * @param channel the channel kind
     * @return the default messages for that channel kind in every shipped language
     */
    public static Map<Locale, MessageSet> allForChannel(ChannelKind channel) {
        return SETS.get(channel);
    }

    private static Map<ChannelKind, LocaleMap<MessageSet>> load() {
        JsonNode root;
        try (InputStream in = DefaultMessages.class.getResourceAsStream("default-messages.json")) {
            if (in == null) {
                throw new IllegalStateException("default-messages.json is missing from the CSAT Kit jar");
            }
            root = new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("default-messages.json cannot be read", e);
        }
        Map<ChannelKind, LocaleMap<MessageSet>> sets = new EnumMap<>(ChannelKind.class);
        for (ChannelKind kind : ChannelKind.values()) {
            Map<Locale, MessageSet> byLocale = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> entry : root.properties()) {
                byLocale.put(Locale.forLanguageTag(entry.getKey()), build(kind, entry.getValue()));
            }
            sets.put(kind, new LocaleMap<>(byLocale));
        }
        return sets;
    }

    private static MessageSet build(ChannelKind kind, JsonNode texts) {
        MessageSet.Builder b = MessageSet.builder()
                .confirmation(texts.get("confirmation").asText())
                .thankYou(texts.get("thankYou").asText());
        switch (kind) {
            case VOICE_DTMF -> b.prompt(texts.get("keypadPrompt").asText())
                    .invalidReply(texts.get("keypadInvalidReply").asText());
            case EMAIL -> b.prompt(texts.get("emailPrompt").asText())
                    .invalidReply(texts.get("invalidReply").asText())
                    .followUp(texts.get("emailFollowUp").asText());
            case SMS, CHAT -> b.prompt(texts.get("prompt").asText())
                    .invalidReply(texts.get("invalidReply").asText())
                    .followUp(texts.get("followUp").asText())
                    .optOutInstructions(texts.get("optOutInstructions").asText())
                    .reminder(texts.get("reminder").asText());
        }
        return b.build();
    }
}
