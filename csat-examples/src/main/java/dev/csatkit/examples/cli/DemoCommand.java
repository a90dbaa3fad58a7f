package dev.csatkit.examples.cli;

import dev.csatkit.InvalidConfigurationException;
import dev.csatkit.Violation;
import dev.csatkit.examples.demo.DemoReport;
import dev.csatkit.examples.demo.DemoSettings;
import dev.csatkit.examples.demo.HelpdeskSimulation;
import dev.csatkit.examples.demo.ProgressBar;
import dev.csatkit.examples.demo.SimulationResult;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code csat demo [--days 7] [--interactions 5000] [--seed 42] [--output DIR] [--jdbc-url URL
 * [--jdbc-user USER] [--jdbc-password PASSWORD]]}: simulates a helpdesk through the real survey
 * engine and the reference adapters, then prints what happened and how customers rated it. The
 * report goes to standard output and is the same for the same options, whether the engine keeps
 * its state in memory or, with {@code --jdbc-url}, in PostgreSQL (in a schema of the run's own,
 * dropped when it ends); the progress bar and any log lines go to standard error.
 */
final class DemoCommand implements Command {

    private static final Map<String, String> OPTION_OF_FIELD = Map.of("days", "--days",
            "interactions", "--interactions");

    @Override
    public String name() {
        return "demo";
    }

    @Override
    public String usage() {
        return "demo [--days 7] [--interactions 5000] [--seed 42] [--output DIR]\n"
                + "     [--jdbc-url URL [--jdbc-user USER] [--jdbc-password PASSWORD]]\n"
                + "                                   simulate a helpdesk through the survey engine and report CSAT;\n"
                + "                                   with --jdbc-url, on PostgreSQL";
    }

    @Override
    public String help() {
        return """
                usage: csat demo [--days 7] [--interactions 5000] [--seed 42] [--output DIR]
                                 [--jdbc-url URL [--jdbc-user USER] [--jdbc-password PASSWORD]]

                Runs a simulated helpdesk through the real survey engine and the reference channel
                adapters, on a simulated clock, then prints what happened and the CSAT report per
                channel, team and agent. The same options give the same report.

                  --days N            days to simulate, 1 to 90 (default 7)
                  --interactions N    calls, tickets and chats in all, 1 to 1,000,000 (default 5000)
                  --seed N            the random seed, any whole number (default 42)
                  --output DIR        also write responses-five.csv, responses-keypad9.csv, report.json,
                                      report.xlsx and csat-trend.png there; created if missing, and
                                      checked before the run starts
                  --jdbc-url URL      keep the engine's state in PostgreSQL
                                      (jdbc:postgresql://host:5432/db), in a schema of the run's own
                                      that is dropped at the end
                  --jdbc-user USER, --jdbc-password PASSWORD
                                      when the URL does not carry them
                  -h, --help          this text

                The report goes to standard output; the progress bar and errors to standard error.
                """;
    }

    /** A command-line mistake, with the message to show. */
    private static final class UsageException extends Exception {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }

    /** The parsed options. */
    private record Options(DemoSettings settings, Optional<Path> output, Optional<String> jdbcUrl,
            Optional<String> jdbcUser, Optional<String> jdbcPassword) {
    }

    @Override
    public int run(List<String> args, InputStream in, PrintStream out, PrintStream err) {
        Options options;
        try {
            options = parse(args);
        } catch (UsageException e) {
            err.println("csat demo: " + e.getMessage());
            err.println("usage: csat " + usage());
            return CsatCli.USAGE;
        }
        if (options.output().isPresent()) {
            // Checked now, not after a run of minutes: the files are written at the end.
            Optional<String> problem = PathChecks.writableDirectory(options.output().get());
            if (problem.isPresent()) {
                err.println("csat demo: --output " + options.output().get() + ": " + problem.get());
                return CsatCli.USAGE;
            }
        }
        SimulationResult result;
        DemoDatabase db = null;
        if (options.jdbcUrl().isPresent()) {
            String url = options.jdbcUrl().get();
            try {
                db = DemoDatabase.open(url, options.jdbcUser().orElse(null), options.jdbcPassword().orElse(null));
            } catch (RuntimeException e) {
                err.println("csat demo: cannot use the database at " + DemoDatabase.shown(url) + ": " + e.getMessage());
                return 1;
            }
            err.println("csat demo: on PostgreSQL at " + DemoDatabase.shown(url) + ", schema " + db.schema()
                    + " (dropped at the end)");
        }
        try (ProgressBar bar = ProgressBar.start(err, "simulating", options.settings().interactions())) {
            result = db == null ? HelpdeskSimulation.run(options.settings(), bar::update)
                    : HelpdeskSimulation.run(options.settings(), db.store(), bar::update);
        } catch (UncheckedIOException e) {
            // The simulation's own local endpoints could not be opened.
            err.println("csat demo: " + e.getMessage());
            return 1;
        } catch (RuntimeException e) {
            if (db == null) {
                throw e;
            }
            err.println("csat demo: the database failed during the run: " + e.getMessage());
            return 1;
        } finally {
            if (db != null) {
                db.close();
            }
        }
        DemoReport report = DemoReport.of(result);
        try {
            Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
            report.print(w);
            w.flush();
            if (options.output().isPresent()) {
                List<Path> files = report.write(options.output().get());
                w.write("\nWrote:\n");
                for (Path f : files) {
                    w.write("  " + f + "\n");
                }
                w.write("Read the responses back with (from the repository root):\n");
                w.write("  java -jar " + jarPath() + " report --input " + files.get(0) + " --scale five --by channel\n");
                w.write("  java -jar " + jarPath() + " report --input " + files.get(1)
                        + " --scale keypad9 --by agent\n");
                w.flush();
            }
        } catch (IOException | UncheckedIOException e) {
            err.println("csat demo: cannot write " + options.output().map(p -> "--output " + p).orElse("the report")
                    + ": " + PathChecks.reason(PathChecks.ioCause(e)));
            return 1;
        }
        return 0;
    }

    /**
     * The jar as the user runs it: relative to the working directory when it lies below it, as
     * from the repository root; the built jar's place there otherwise (in-process, in tests).
     */
    static String jarPath() {
        try {
            return jarPath(Path.of(DemoCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI()),
                    Path.of("").toAbsolutePath());
        } catch (RuntimeException | java.net.URISyntaxException e) {
            // No code source to go by: the path the build gives.
            return CsatCli.JAR;
        }
    }

    /**
     * @param running where the command line's classes were loaded from
     * @param here the working directory
     * @return the jar as the user runs it from here
     */
    static String jarPath(Path running, Path here) {
        if (!running.toString().endsWith(".jar")) {
            return CsatCli.JAR;
        }
        return running.startsWith(here) ? here.relativize(running).toString() : running.toString();
    }

    private static Options parse(List<String> args) throws UsageException {
        DemoSettings d = DemoSettings.DEFAULT;
        int days = d.days();
        int interactions = d.interactions();
        long seed = d.seed();
        Optional<Path> output = Optional.empty();
        Optional<String> jdbcUrl = Optional.empty();
        Optional<String> jdbcUser = Optional.empty();
        Optional<String> jdbcPassword = Optional.empty();
        Map<String, String> given = new HashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String option = args.get(i);
            if (!option.startsWith("--")) {
                throw new UsageException("unexpected argument '" + option + "'");
            }
            if (!List.of("--days", "--interactions", "--seed", "--output", "--jdbc-url", "--jdbc-user",
                    "--jdbc-password").contains(option)) {
                throw new UsageException("unknown option '" + option + "'");
            }
            if (i + 1 >= args.size()) {
                throw new UsageException(option + " needs a value");
            }
            String value = args.get(++i);
            given.put(option, value);
            switch (option) {
                case "--days" -> days = saturated(number(option, value));
                case "--interactions" -> interactions = saturated(number(option, value));
                case "--seed" -> seed = number(option, value);
                case "--jdbc-url" -> {
                    if (!value.startsWith("jdbc:postgresql:")) {
                        throw new UsageException("--jdbc-url " + DemoDatabase.shown(value)
                                + ": must be a PostgreSQL JDBC URL (jdbc:postgresql://host:5432/database)");
                    }
                    jdbcUrl = Optional.of(value);
                }
                case "--jdbc-user" -> jdbcUser = Optional.of(value);
                case "--jdbc-password" -> jdbcPassword = Optional.of(value);
                default -> {
                    try {
                        output = Optional.of(Path.of(value));
                    } catch (InvalidPathException e) {
                        throw new UsageException("--output " + value + ": is not a usable directory name");
                    }
                }
            }
        }
        if (jdbcUrl.isEmpty() && (jdbcUser.isPresent() || jdbcPassword.isPresent())) {
            throw new UsageException((jdbcUser.isPresent() ? "--jdbc-user" : "--jdbc-password")
                    + " needs --jdbc-url");
        }
        try {
            return new Options(new DemoSettings(days, interactions, seed, d.start()), output, jdbcUrl, jdbcUser,
                    jdbcPassword);
        } catch (InvalidConfigurationException e) {
            Violation v = e.violations().get(0);
            String option = OPTION_OF_FIELD.getOrDefault(v.field(), v.field());
            throw new UsageException(option + " " + given.getOrDefault(option, v.value()) + ": " + v.rule());
        }
    }

    private static long number(String option, String value) throws UsageException {
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw new UsageException(option + " " + value + ": must be a whole number");
        }
    }

    /** Keeps a value far out of range out of range, so that the settings name the rule it breaks. */
    private static int saturated(long n) {
        return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, n));
    }
}
