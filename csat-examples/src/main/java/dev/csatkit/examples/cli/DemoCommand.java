package dev.csatkit.examples.cli;

import dev.csatkit.channel.SurveyRenderer;
import dev.csatkit.channels.spi.ChannelKind;
import dev.csatkit.examples.guide.FirstSurvey;
import dev.csatkit.scale.RatingScale;
import dev.csatkit.scale.RatingScales;
import dev.csatkit.survey.DefaultMessages;
import dev.csatkit.survey.ResolvedMessages;
import dev.csatkit.survey.SurveyDefinition;
import dev.csatkit.survey.SurveyJson;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code csat demo}: builds a survey per channel in every shipped language, stores them as JSON,
 * reads them back, and shows what contacts in several locales would receive.
 */
final class DemoCommand implements Command {

    private static final List<String> CONTACT_LOCALES = List.of("en-GB", "fr-CA", "sv-SE", "ru", "uk-UA", "pl",
            "de-AT", "es-MX", "ja");

    @Override
    public String name() {
        return "demo";
    }

    @Override
    public String usage() {
        return "demo                             build surveys for every channel and show what contacts receive";
    }

    @Override
    public int run(List<String> args, InputStream in, PrintStream out, PrintStream err) {
        if (!args.isEmpty()) {
            err.println("csat demo: unexpected argument '" + args.get(0) + "'");
            return CsatCli.USAGE;
        }
        out.println("CSAT Kit demo: one survey per channel, in " + DefaultMessages.locales().size() + " languages");
        out.println();
        for (ChannelKind kind : ChannelKind.values()) {
            RatingScale scale = kind == ChannelKind.VOICE_DTMF ? RatingScales.keypadNine() : RatingScales.fivePoint();
            SurveyDefinition.Builder b = SurveyDefinition.builder("after-" + kind.name().toLowerCase(Locale.ROOT))
                    .name("After your conversation (" + kind.name().toLowerCase(Locale.ROOT).replace('_', '-') + ")")
                    .scale(scale).channels(kind);
            DefaultMessages.allForChannel(kind).forEach(b::messages);
            SurveyDefinition survey = b.build();
            String json = SurveyJson.toJson(survey);
            SurveyDefinition stored = SurveyJson.fromJson(json);
            out.printf("%s survey '%s' on scale %s: %d languages, %d bytes of JSON, read back %s%n", kind,
                    stored.id(), scale.id(), stored.messages().size(), json.length(),
                    stored.equals(survey) ? "equal" : "DIFFERENT");
            for (String tag : CONTACT_LOCALES) {
                Locale locale = Locale.forLanguageTag(tag);
                ResolvedMessages messages = stored.resolve(locale).orElseThrow();
                out.printf("  %-6s -> %-3s%s %s%n", tag, messages.locale().toLanguageTag(),
                        messages.usedDefault() ? "*" : " ", messages.messages().prompt().render(
                                SurveyRenderer.placeholderValues(stored, messages.locale(), Map.of("company", "Acme"))));
            }
            out.println();
        }
        out.println("* no messages in the contact's language: the survey's default language is used");
        out.println();
        out.println("README sample (fr-CA contact): " + FirstSurvey.run());
        return 0;
    }
}
