package dev.csatkit.engine;

import dev.csatkit.internal.Checks;
import dev.csatkit.internal.Fields;
import dev.csatkit.internal.channel.Masking;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A call as the host's phone system knows it when the call is routed, before anyone answers:
 * what {@link SurveyEngine#noticeBeforeCall} routes on. Texts follow the rules of
 * {@link Interaction}: one line of 1–256 characters.
 *
 * @param entryPoint the number called, as the interaction will carry it
 * @param brand the brand, workspace or call centre, as the interaction will carry it
 * @param locale the caller's language, as the contact will carry it
 */
public record RoutedCall(Optional<String> entryPoint, Optional<String> brand, Locale locale) {

    /**
     * Validates the texts.
     *
     * @throws dev.csatkit.InvalidDefinitionException naming every broken rule
     */
    public RoutedCall {
        Objects.requireNonNull(entryPoint, "entryPoint");
        Objects.requireNonNull(brand, "brand");
        Objects.requireNonNull(locale, "locale");
        Checks checks = Checks.of("routed call");
        entryPoint.ifPresent(e -> checks.line("entryPoint", e, Agent.MAX_LENGTH, Masking::text));
        brand.ifPresent(b -> checks.line("brand", b, Agent.MAX_LENGTH));
        checks.throwIfAny();
    }

    /**
     * @param callerLocale the caller's language
     * @return a call with no entry point or brand known
     */
    public static RoutedCall of(Locale callerLocale) {
        return new RoutedCall(Optional.empty(), Optional.empty(), callerLocale);
    }

    /**
     * @param value the number called
     * @return this call, at that entry point
     */
    public RoutedCall entryPoint(String value) {
        return new RoutedCall(Optional.of(value), brand, locale);
    }

    /**
     * @param value the brand, workspace or call centre
     * @return this call, for that brand
     */
    public RoutedCall brand(String value) {
        return new RoutedCall(entryPoint, Optional.of(value), locale);
    }

    /** @return the call, with phone numbers and emails in the entry point masked */
    @Override
    public String toString() {
        return Fields.of("RoutedCall").add("entryPoint", entryPoint.map(Masking::text)).add("brand", brand)
                .add("locale", locale).toString();
    }
}
