package dev.csatkit.examples.cli;

import dev.csatkit.scale.RatingScale;
import dev.csatkit.scale.RatingScales;
import dev.csatkit.scale.ScalePoint;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.IllformedLocaleException;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * {@code csat scales [--locale TAG]}: lists the preset scales with their labels, satisfied and
 * dissatisfied values and keypad entry. A language the scales have no labels in is refused with
 * the list of those they have, rather than shown as bare numbers.
 */
final class ScalesCommand implements Command {

    @Override
    public String name() {
        return "scales";
    }

    @Override
    public String usage() {
        return "scales [--locale en]             list the preset rating scales";
    }

    @Override
    public String help() {
        return """
                usage: csat scales [--locale en]

                Lists the preset rating scales (the ids --scale takes elsewhere): each scale's range,
                which values count as satisfied and dissatisfied, how it is keyed on a phone keypad,
                and each point with its emoji, polarity and label.

                  --locale TAG   the language of the labels: %s (default en)
                  -h, --help     this text
                """.formatted(languages());
    }

    private static String languages() {
        return RatingScales.LABEL_LOCALES.stream().map(Locale::toLanguageTag).collect(Collectors.joining(", "));
    }

    @Override
    public int run(List<String> args, InputStream in, PrintStream out, PrintStream err) {
        Locale locale = Locale.ENGLISH;
        for (int i = 0; i < args.size(); i++) {
            String option = args.get(i);
            if (!option.equals("--locale")) {
                return usageError(err, option.startsWith("-") ? "unknown option '" + option + "'"
                        : "unexpected argument '" + option + "'");
            }
            if (i + 1 >= args.size()) {
                return usageError(err, "--locale needs a value");
            }
            String tag = args.get(++i);
            try {
                locale = new Locale.Builder().setLanguageTag(tag).build();
            } catch (IllformedLocaleException e) {
                return usageError(err, "--locale " + tag + ": is not a BCP 47 language tag");
            }
            String language = locale.getLanguage();
            if (RatingScales.LABEL_LOCALES.stream().noneMatch(l -> l.getLanguage().equals(language))) {
                return usageError(err, "--locale " + tag + ": the scales have no labels in "
                        + (language.isEmpty() ? "that language" : "'" + language + "'") + "; they have them in "
                        + languages());
            }
        }
        for (String id : RatingScales.presetIds()) {
            RatingScale scale = RatingScales.preset(id).orElseThrow();
            out.printf("%s  (%d..%d, satisfied %s, dissatisfied %s, keypad %s)%n", id, scale.min(), scale.max(),
                    scale.satisfiedValues(), scale.dissatisfiedValues(), scale.keypadEntry());
            for (ScalePoint p : scale.points()) {
                out.printf("  %3d %-2s %-8s %s%n", p.value(), p.emoji().orElse(""), p.polarity(),
                        p.displayLabel(locale));
            }
        }
        return 0;
    }

    private int usageError(PrintStream err, String message) {
        err.println("csat scales: " + message);
        err.println("usage: csat " + usage().substring(0, usage().indexOf("  ")));
        return CsatCli.USAGE;
    }
}
