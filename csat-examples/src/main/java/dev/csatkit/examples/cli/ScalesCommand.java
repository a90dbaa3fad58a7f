package dev.csatkit.examples.cli;

import dev.csatkit.scale.RatingScale;
import dev.csatkit.scale.RatingScales;
import dev.csatkit.scale.ScalePoint;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.IllformedLocaleException;
import java.util.List;
import java.util.Locale;

/**
 * {@code csat scales [--locale TAG]}: lists the preset scales with their labels, satisfied and
 * dissatisfied values and keypad entry.
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
    public int run(List<String> args, InputStream in, PrintStream out, PrintStream err) {
        Locale locale = Locale.ENGLISH;
        for (int i = 0; i < args.size(); i++) {
            if (args.get(i).equals("--locale") && i + 1 < args.size()) {
                try {
                    locale = new Locale.Builder().setLanguageTag(args.get(++i)).build();
                } catch (IllformedLocaleException e) {
                    err.println("csat scales: --locale " + args.get(i) + " is not a BCP 47 language tag");
                    return CsatCli.USAGE;
                }
            } else {
                err.println("csat scales: unknown option '" + args.get(i) + "'");
                err.println("usage: csat " + usage());
                return CsatCli.USAGE;
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
}
