package dev.csatkit.examples.cli;

import dev.csatkit.InvalidConfigurationException;
import dev.csatkit.InvalidDefinitionException;
import dev.csatkit.examples.export.XlsxExport;
import dev.csatkit.export.CsvExport;
import dev.csatkit.export.CsvRow;
import dev.csatkit.export.JsonExport;
import dev.csatkit.export.ReportTables;
import dev.csatkit.export.ResponseCsvReader;
import dev.csatkit.export.Table;
import dev.csatkit.scale.RatingScale;
import dev.csatkit.scale.RatingScales;
import dev.csatkit.score.Dimension;
import dev.csatkit.score.Interval;
import dev.csatkit.score.Period;
import dev.csatkit.score.Report;
import dev.csatkit.score.ReportSpec;
import dev.csatkit.score.Segment;
import dev.csatkit.score.SurveyResponse;
import dev.csatkit.score.Tally;
import dev.csatkit.score.TrendPoint;
import dev.csatkit.score.VsRest;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import org.jspecify.annotations.Nullable;

/**
 * {@code csat report --input responses.csv [--by agent,channel] [--period day|week|month]
 * [--zone Europe/Stockholm] [--scale five] [--format table|json|csv|xlsx] [--output FILE]
 * [--low 2] [--min-sample 30]}: reads survey responses from CSV, streaming, and prints CSAT, Net
 * CSAT, mean, distribution, response rate, the 95 % interval and the band, overall and per
 * segment, with each segment compared with the rest of its group.
 *
 * <p>Rows that cannot be read are reported on standard error with their line number, counted as
 * rejected, and the report goes on. With {@code --format csv} and {@code --low}, the low-score
 * list goes to a second file beside the output, {@code NAME-low.csv}.
 */
final class ReportCommand implements Command {

    private static final List<String> FORMATS = List.of("table", "json", "csv", "xlsx");
    private static final int MAX_COMMENT_SHOWN = 60;

    @Override
    public String name() {
        return "report";
    }

    @Override
    public String usage() {
        return "report --input FILE [--by agent,channel,...] [--period day|week|month] [--zone ZONE]\n"
                + "         [--scale five] [--format table|json|csv|xlsx] [--output FILE] [--low N] [--min-sample N]\n"
                + "                                   CSAT report from a responses CSV; dimensions: "
                + String.join(",", dimensionKeys());
    }

    private static List<String> dimensionKeys() {
        List<String> keys = new ArrayList<>();
        for (Dimension d : Dimension.values()) {
            if (d != Dimension.PERIOD) {
                keys.add(d.key());
            }
        }
        return keys;
    }

    /** The parsed command line. */
    private static final class Options {
        @Nullable String input;
        List<Dimension> by = new ArrayList<>();
        @Nullable Period period;
        ZoneId zone = ZoneId.of("UTC");
        RatingScale scale = RatingScales.fivePoint();
        String format = "table";
        @Nullable Path output;
        @Nullable Integer low;
        int minSample = ReportSpec.DEFAULT_MINIMUM_SAMPLE;
    }

    /** A command-line mistake, reported with the usage. */
    private static final class UsageException extends Exception {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }

    @Override
    public int run(List<String> args, InputStream in, PrintStream out, PrintStream err) {
        Options options;
        ReportSpec spec;
        try {
            options = parse(args);
            spec = spec(options);
        } catch (UsageException e) {
            err.println("csat report: " + e.getMessage());
            err.println("usage: csat " + usage());
            return CsatCli.USAGE;
        }

        Report.Accumulator accumulator = Report.accumulator(spec);
        long accepted = 0;
        long rejected = 0;
        try (Reader reader = open(options.input, in);
                ResponseCsvReader rows = ResponseCsvReader.open(reader, spec.scale(), spec.zone())) {
            while (rows.hasNext()) {
                CsvRow row = rows.next();
                if (row instanceof CsvRow.Accepted a) {
                    accumulator.add(a.response());
                    accepted++;
                } else if (row instanceof CsvRow.Rejected r) {
                    err.println("csat report: rejected " + r.message());
                    rejected++;
                }
            }
        } catch (InvalidDefinitionException e) {
            err.println("csat report: " + options.input + ": " + e.getMessage());
            return 1;
        } catch (IOException | UncheckedIOException e) {
            err.println("csat report: cannot read " + options.input + ": " + e.getMessage());
            return 1;
        }
        err.printf(Locale.ROOT, "csat report: %d rows read, %d accepted, %d rejected%n", accepted + rejected,
                accepted, rejected);

        Report report = accumulator.build();
        try {
            write(report, options, out);
        } catch (IOException | UncheckedIOException | InvalidPathException e) {
            err.println("csat report: cannot write " + options.output + ": " + e.getMessage());
            return 1;
        }
        return 0;
    }

    private static Reader open(@Nullable String input, InputStream stdin) throws IOException {
        InputStream stream = "-".equals(input) ? stdin : Files.newInputStream(Path.of(input));
        return new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8), 1 << 16);
    }

    private Options parse(List<String> args) throws UsageException {
        Options o = new Options();
        for (int i = 0; i < args.size(); i++) {
            String option = args.get(i);
            if (!option.startsWith("--")) {
                throw new UsageException("unexpected argument '" + option + "'");
            }
            if (i + 1 >= args.size()) {
                throw new UsageException(option + " needs a value");
            }
            String value = args.get(++i);
            switch (option) {
                case "--input" -> o.input = value;
                case "--by" -> {
                    for (String key : value.split(",")) {
                        Dimension d = Dimension.byKey(key).filter(x -> x != Dimension.PERIOD).orElseThrow(() ->
                                new UsageException("--by " + key + " is not a dimension; use "
                                        + String.join(",", dimensionKeys()) + " (and --period for time)"));
                        o.by.add(d);
                    }
                }
                case "--period" -> o.period = Period.byKey(value).orElseThrow(() ->
                        new UsageException("--period " + value + " must be day, week or month"));
                case "--zone" -> {
                    try {
                        o.zone = ZoneId.of(value);
                    } catch (DateTimeException e) {
                        throw new UsageException("--zone " + value + " is not a time zone such as Europe/Stockholm");
                    }
                }
                case "--scale" -> o.scale = RatingScales.preset(value).orElseThrow(() ->
                        new UsageException("--scale " + value + " is not a preset; use "
                                + String.join(", ", RatingScales.presetIds())));
                case "--format" -> {
                    if (!FORMATS.contains(value)) {
                        throw new UsageException("--format " + value + " must be one of " + String.join(", ", FORMATS));
                    }
                    o.format = value;
                }
                case "--output" -> {
                    try {
                        o.output = Path.of(value);
                    } catch (InvalidPathException e) {
                        throw new UsageException("--output " + value + " is not a usable file name");
                    }
                }
                case "--low" -> o.low = integer(option, value);
                case "--min-sample" -> o.minSample = integer(option, value);
                default -> throw new UsageException("unknown option '" + option + "'");
            }
        }
        if (o.input == null) {
            throw new UsageException("--input is required (a CSV file, or - for standard input)");
        }
        if (o.format.equals("xlsx") && o.output == null) {
            throw new UsageException("--format xlsx needs --output FILE");
        }
        if (o.format.equals("csv") && o.low != null && o.output == null) {
            throw new UsageException("--format csv with --low needs --output FILE (the low scores go beside it)");
        }
        return o;
    }

    private static int integer(String option, String value) throws UsageException {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new UsageException(option + " " + value + " must be a whole number");
        }
    }

    private static ReportSpec spec(Options o) throws UsageException {
        ReportSpec.Builder b = ReportSpec.builder(o.scale).by(o.by).zone(o.zone).minimumSample(o.minSample);
        if (o.period != null) {
            b.period(o.period);
        }
        if (o.low != null) {
            b.lowScores(o.low);
        }
        try {
            return b.build();
        } catch (InvalidConfigurationException e) {
            throw new UsageException(e.getMessage());
        }
    }

    private void write(Report report, Options o, PrintStream stdout) throws IOException {
        Path output = o.output;
        if (o.format.equals("xlsx")) {
            try (OutputStream file = Files.newOutputStream(Objects.requireNonNull(output))) {
                XlsxExport.write(tables(report), file);
            }
            return;
        }
        try (Writer writer = output == null ? nonClosing(stdout)
                : Files.newBufferedWriter(output, StandardCharsets.UTF_8)) {
            switch (o.format) {
                case "json" -> JsonExport.writeReport(report, writer);
                case "csv" -> CsvExport.writeReport(report, writer);
                default -> writeTable(report, writer);
            }
        }
        if (o.format.equals("csv") && report.spec().lowScoreThreshold().isPresent() && output != null) {
            try (Writer low = Files.newBufferedWriter(lowScoresPath(output), StandardCharsets.UTF_8)) {
                CsvExport.writeTable(ReportTables.lowScores(report), low);
            }
        }
    }

    /** {@code out/report.csv} gives {@code out/report-low.csv}. */
    static Path lowScoresPath(Path output) {
        String name = output.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String low = dot > 0 ? name.substring(0, dot) + "-low" + name.substring(dot) : name + "-low";
        return output.resolveSibling(low);
    }

    private static List<Table> tables(Report report) {
        List<Table> tables = new ArrayList<>(List.of(ReportTables.summary(report)));
        if (report.spec().period().isPresent()) {
            tables.add(ReportTables.trend(report));
        }
        if (report.spec().lowScoreThreshold().isPresent()) {
            tables.add(ReportTables.lowScores(report));
        }
        return tables;
    }

    private static Writer nonClosing(PrintStream stdout) {
        return new BufferedWriter(new OutputStreamWriter(stdout, StandardCharsets.UTF_8)) {
            @Override
            public void close() throws IOException {
                flush();
            }
        };
    }

    // ---- the text table ----

    private static void writeTable(Report report, Writer w) throws IOException {
        ReportSpec spec = report.spec();
        Tally all = report.overall();
        w.write(String.format(Locale.ROOT, "CSAT report: scale %s, %d surveys sent, %d valid ratings%s%n",
                spec.scale().id(), all.sent(), all.responses(),
                spec.dimensions().isEmpty() ? "" : ", by " + String.join(", ",
                        spec.dimensions().stream().map(Dimension::key).toList())));
        w.write(String.format(Locale.ROOT, "Overall: CSAT %s %s, Net CSAT %s, mean %s, response rate %s, %s%s%n",
                percent(all.csat()), interval(all.csatInterval()), number(all.netCsat(), 1), number(all.mean(), 2),
                percent(all.responseRate()), report.band(all).map(b -> b.key()).orElse("no data"),
                Tally.isNpsScale(spec.scale()) ? ", NPS " + number(all.nps(), 1) : ""));
        w.write("Distribution: " + all.distribution() + "\n");

        if (!report.segments().isEmpty()) {
            List<String> header = new ArrayList<>();
            spec.dimensions().forEach(d -> header.add(d.key()));
            header.addAll(List.of("sent", "ratings", "rate %", "CSAT %", "95 % CI", "Net", "mean", "band",
                    "vs rest", "rank"));
            List<List<String>> rows = new ArrayList<>();
            for (Segment s : report.segments()) {
                List<String> row = new ArrayList<>();
                spec.dimensions().forEach(d -> row.add(s.key().get(d)));
                Tally t = s.tally();
                row.addAll(List.of(Long.toString(t.sent()), Long.toString(t.responses()), number(t.responseRate(), 1),
                        number(t.csat(), 1), interval(t.csatInterval()), number(t.netCsat(), 1), number(t.mean(), 2),
                        report.band(t).map(b -> b.key()).orElse("-"), vsRest(s.vsRest()),
                        s.rank().isPresent() ? "#" + s.rank().getAsInt() : "-"));
                rows.add(row);
            }
            w.write("\n");
            printColumns(w, header, rows, spec.dimensions().size());
            w.write("vs rest: CSAT points against the rest of the group; * significant at 95 % "
                    + "(two-proportion z-test); n<" + spec.minimumSample() + ": too few ratings to compare\n");
        }

        if (!report.trend().isEmpty()) {
            List<List<String>> rows = new ArrayList<>();
            for (TrendPoint p : report.trend()) {
                Tally t = p.tally();
                rows.add(List.of(p.period(), p.start().toString(), Long.toString(t.responses()), number(t.csat(), 1),
                        interval(t.csatInterval()), number(t.netCsat(), 1)));
            }
            w.write("\nTrend\n");
            printColumns(w, List.of("period", "from", "ratings", "CSAT %", "95 % CI", "Net"), rows, 2);
        }

        if (spec.lowScoreThreshold().isPresent()) {
            w.write(String.format(Locale.ROOT, "%nLow scores (<= %d): %d listed%s%n", spec.lowScoreThreshold().getAsInt(),
                    report.lowScores().size(), report.lowScoresOmitted() > 0
                            ? ", " + report.lowScoresOmitted() + " older ones left out" : ""));
            List<List<String>> rows = new ArrayList<>();
            for (SurveyResponse r : report.lowScores()) {
                rows.add(List.of(r.respondedAt().map(Object::toString).orElse("-"),
                        Integer.toString(r.score().orElse(0)), r.agent().orElse("-"), r.interactionId(),
                        r.comment().map(ReportCommand::oneLine).orElse("")));
            }
            printColumns(w, List.of("responded at", "score", "agent", "interaction", "comment"), rows, 5);
        }
    }

    private static String vsRest(VsRest v) {
        if (v instanceof VsRest.Compared c) {
            return String.format(Locale.ROOT, "%+.1f%s", c.diff(), c.significant() ? " *" : "");
        }
        return "n<" + ((VsRest.TooFewResponses) v).minimum();
    }

    private static String percent(OptionalDouble value) {
        return value.isPresent() ? String.format(Locale.ROOT, "%.1f %%", value.getAsDouble()) : "no data";
    }

    private static String number(OptionalDouble value, int decimals) {
        return value.isPresent() ? String.format(Locale.ROOT, "%." + decimals + "f", value.getAsDouble()) : "-";
    }

    private static String interval(Optional<Interval> interval) {
        return interval.map(i -> String.format(Locale.ROOT, "%.1f-%.1f", i.low(), i.high())).orElse("-");
    }

    /** Keeps a comment on one line and short; the export formats carry it whole. */
    private static String oneLine(String comment) {
        StringBuilder sb = new StringBuilder();
        comment.codePoints().limit(MAX_COMMENT_SHOWN).forEach(cp ->
                sb.appendCodePoint(Character.isISOControl(cp) ? ' ' : cp));
        return comment.codePointCount(0, comment.length()) > MAX_COMMENT_SHOWN ? sb + "…" : sb.toString();
    }

    /** Left-aligns the first {@code textColumns} columns and right-aligns the rest. */
    private static void printColumns(Writer w, List<String> header, List<List<String>> rows, int textColumns)
            throws IOException {
        int[] width = new int[header.size()];
        for (int c = 0; c < width.length; c++) {
            width[c] = header.get(c).length();
            for (List<String> row : rows) {
                width[c] = Math.max(width[c], row.get(c).length());
            }
        }
        List<List<String>> all = new ArrayList<>();
        all.add(header);
        all.addAll(rows);
        for (List<String> row : all) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < width.length; c++) {
                String cell = row.get(c);
                String pad = " ".repeat(width[c] - cell.length());
                line.append(c == 0 ? "" : "  ").append(c < textColumns ? cell + pad : pad + cell);
            }
            w.write(line.toString().stripTrailing());
            w.write("\n");
        }
    }
}
