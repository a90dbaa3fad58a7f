package dev.csatkit.internal.engine;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;
import java.util.Map;

/** Fixed texts and keys the engine needs beyond a survey's own messages. */
public final class EngineTexts {

    // Sent once when an address opts out; a survey's messages have no slot for it because the
    // opt-out is for every survey, not one.
    private static final Map<String, String> OPTED_OUT = Map.of(
            "en", "You will not receive any more surveys from us.",
            "fr", "Vous ne recevrez plus nos enquêtes.",
            "sv", "Du kommer inte att få fler enkäter från oss.",
            "ru", "Вы больше не будете получать наши опросы.",
            "uk", "Ви більше не отримуватимете наших опитувань.",
            "pl", "Nie będziesz już otrzymywać naszych ankiet.",
            "de", "Sie erhalten keine Umfragen mehr von uns.",
            "es", "Ya no recibirá más encuestas nuestras.");

    // Asked once when a reply only possibly asked to stop; STOP is the carriers' keyword in
    // every language, so it is named as it is.
    private static final Map<String, String> OPT_OUT_QUESTION = Map.of(
            "en", "Did you want to stop our messages? Reply STOP to stop them, or reply with your rating.",
            "fr", "Souhaitez-vous ne plus recevoir nos messages ? Répondez STOP pour les arrêter, ou répondez "
                    + "avec votre note.",
            "sv", "Vill du slippa våra meddelanden? Svara STOP för att stoppa dem, eller svara med ditt betyg.",
            "ru", "Вы хотите больше не получать наши сообщения? Ответьте STOP, чтобы отписаться, или пришлите "
                    + "вашу оценку.",
            "uk", "Ви бажаєте більше не отримувати наших повідомлень? Відповідьте STOP, щоб відписатися, або "
                    + "надішліть вашу оцінку.",
            "pl", "Czy chcesz przestać otrzymywać nasze wiadomości? Odpowiedz STOP, aby je wyłączyć, lub podaj "
                    + "swoją ocenę.",
            "de", "Möchten Sie keine Nachrichten mehr von uns erhalten? Antworten Sie STOP, um sie abzubestellen, "
                    + "oder antworten Sie mit Ihrer Bewertung.",
            "es", "¿Quiere dejar de recibir nuestros mensajes? Responda STOP para dejar de recibirlos, o responda "
                    + "con su valoración.");

    private static final char[] BASE32 = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();

    private EngineTexts() {
    }

    /**
     * @param locale the contact's language
     * @return the opt-out confirmation in that language, or in English
     */
    public static String optedOut(Locale locale) {
        return OPTED_OUT.getOrDefault(locale.getLanguage(), OPTED_OUT.get("en"));
    }

    /**
     * @param locale the contact's language
     * @return whether a reply that only possibly asked to stop meant it, in that language or in
     *     English
     */
    public static String optOutQuestion(Locale locale) {
        return OPT_OUT_QUESTION.getOrDefault(locale.getLanguage(), OPT_OUT_QUESTION.get("en"));
    }

    /**
     * The survey key for an interaction: short, URL- and header-safe, and the same for every replay
     * of the interaction. 130 bits of SHA-256, so distinct interactions never share one in practice.
     *
     * @param interactionId the interaction's id
     * @return {@code s} and 26 base-32 characters
     */
    public static String surveyKey(String interactionId) {
        byte[] digest;
        try {
            digest = MessageDigest.getInstance("SHA-256").digest(interactionId.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
        StringBuilder out = new StringBuilder(27).append('s');
        long bits = 0;
        int have = 0;
        int i = 0;
        while (out.length() < 27) {
            if (have < 5) {
                bits = (bits << 8) | (digest[i++] & 0xFF);
                have += 8;
            }
            out.append(BASE32[(int) (bits >>> (have - 5)) & 31]);
            have -= 5;
        }
        return out.toString();
    }
}
