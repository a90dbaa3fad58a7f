package dev.csatkit.examples.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.csatkit.InvalidConfigurationException;
import dev.csatkit.InvalidDefinitionException;
import dev.csatkit.Violation;
import dev.csatkit.channels.support.Masking;
import dev.csatkit.examples.export.ReportDocument;
import dev.csatkit.examples.export.ReportText;
import dev.csatkit.examples.export.XlsExport;
import dev.csatkit.examples.export.XlsxExport;
import dev.csatkit.export.CsvExport;
import dev.csatkit.export.CsvReport;
import dev.csatkit.export.CsvReportReader;
import dev.csatkit.export.CsvRow;
import dev.csatkit.export.ReportTables;
import dev.csatkit.export.ResponseCsvReader;
import dev.csatkit.export.Table;
import dev.csatkit.scale.RatingScale;
import dev.csatkit.scale.RatingScales;
import dev.csatkit.score.Dimension;
import dev.csatkit.score.Period;
import dev.csatkit.score.Report;
import dev.csatkit.score.ReportSpec;
import dev.csatkit.score.SurveyResponse;
import dev.csatkit.survey.Question;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * {@code csat report --input responses.csv [--by agent,channel] [--period day|week|month]
 * [--zone Europe/Stockholm] [--scale five] [--question effort=three ...]
 * [--format table|json|csv|xlsx|xls] [--output FILE] [--low 2] [--min-sample 30] [--threads N]
 * [--from DATE|TIME] [--to DATE|TIME] [--where DIMENSION=VALUE ...]}: reads survey responses from CSV with
 * {@link CsvReportReader} and prints CSAT, Net CSAT, mean, distribution, response rate, the 95 %
 * interval and the band, overall and per segment, with each segment compared with the rest of its
 * group.
 *
 * <p>A file of surveys of several questions ({@code question_id} column) gets CSAT, mean and
 * distribution per question, each on its own scale ({@code --question ID=SCALE}, else
 * {@code --scale}); the overall figures are the primary question's, and {@code --by question}
 * splits the segments by question.
 *
 * <p>Rows that cannot be read are reported on standard error with their line number, counted as
 * rejected, and the report goes on; a survey listed twice is counted once (the later row) and
 * the summary line says how many duplicates were dropped. With {@code --format csv} and
 * {@code --low}, the low-score list goes to a second file beside the output, {@code NAME-low.csv}.
 *
 * <p>{@code --from}, {@code --to} and {@code --where} keep only the responses sent in that time and
 * in those segments, for every format alike (see {@link ResponseFilter}); the file is then read
 * row by row on one thread, and the summary line says how many rows the filters left out.
 */
final class ReportCommand implements Command {

    private static final List<String> FORMATS = List.of("table", "json", "csv", "xlsx", "xls");

    /** The options behind the report settings a broken rule names. */
    private static final Map<String, String> OPTION_OF_FIELD = Map.of("minimumSample", "--min-sample",
            "lowScoreThreshold", "--low", "period", "--period", "dimensions", "--by", "zone", "--zone");

    @Override
    public String name() {
        return "report";
    }

    @Override
    public String usage() {
        return "report --input FILE [--by agent,channel,...] [--period day|week|month] [--zone ZONE]\n"
                + "         [--scale five] [--question ID=SCALE ...] [--format table|json|csv|xlsx|xls] [--output FILE]\n"
                + "         [--low N] [--min-sample N] [--threads N] [--from T] [--to T] [--where DIM=VALUE ...]\n"
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
        Map<String, RatingScale> questions = new LinkedHashMap<>();
        String format = "table";
        @Nullable Path output;
        @Nullable Integer low;
        int minSample = ReportSpec.DEFAULT_MINIMUM_SAMPLE;
        // 0: as CsvReportReader.of chooses; a pipeline running one report per team at once wants 1.
        int threads;
        ResponseFilter.Builder filterOptions = ResponseFilter.builder();
        ResponseFilter filter = ResponseFilter.builder().build(ZoneId.of("UTC"));
    }

    /** A command-line mistake, reported with the usage. */
    private static final class UsageException extends Exception {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }

    @Override
    public String help() {
        return """
                usage: csat report --input FILE [--by agent,channel,...] [--period day|week|month]
                                   [--zone UTC] [--scale five] [--format table|json|csv|xlsx|xls]
                                   [--output FILE] [--low N] [--min-sample 30] [--threads N]
                                   [--from DATE|TIME] [--to DATE|TIME] [--where DIM=VALUE ...]

                Reads survey responses from CSV (a header row; columns interaction_id, survey_id,
                sent_at and score, and optionally channel, agent, team, entry_point, locale,
                case_type, responded_at, comment, invalid, late) and reports CSAT, Net CSAT, mean,
                distribution, response rate, the 95 %% interval and the band, overall and per
                segment, each segment compared with the rest of its group.

                  --input FILE        the responses; - for standard input (required)
                  --by DIMS           group by any of %s
                  --period P          add a trend per day, week or month
                  --zone ZONE         the time zone of periods, such as Europe/Stockholm (default UTC)
                  --scale ID          the scale the scores are on: %s (default five);
                                      if most scores are off it, nothing is reported and the
                                      likely scale is named
                  --format F          table (default), json, csv, xlsx or xls (the binary Excel
                                      97-2003 format); xlsx and xls need --output
                  --output FILE       write there instead of standard output
                  --low N             list ratings at or below N for review
                  --min-sample N      the fewest ratings a segment needs to be compared (default 30)
                  --threads N         threads reading the file (default: the idle processors)
                  --from T            only surveys sent at or after T: a date (2026-03-01, its
                                      start in --zone), a local time (2026-03-01T08:00) or an
                                      instant (2026-03-01T08:00:00Z)
                  --to T              only surveys sent before T; a date keeps its whole day
                  --where DIM=VALUE   only responses with that value, such as team=Billing or
                                      agent=(none); repeat it: one dimension's values are
                                      alternatives, different dimensions must all match
                  -h, --help          this text

                Rejected rows are named on standard error with their line, and a last line always
                says how many rows were read, accepted, rejected and dropped as duplicates.
                """.formatted(String.join(",", dimensionKeys()), String.join(", ", RatingScales.presetIds()));
    }

    @Override
    public int run(List<String> args, InputStream in, PrintStream out, PrintStream err) {
        Options options;
        ReportSpec spec;
        try {
            options = parse(args);
            spec = spec(options);
            try {
                options.filter = options.filterOptions.build(options.zone);
            } catch (IllegalArgumentException e) {
                throw new UsageException(e.getMessage());
            }
        } catch (UsageException e) {
            err.println("csat report: " + Masking.escape(e.getMessage()));
            err.println("usage: csat " + usage().substring(0, usage().indexOf("\n")));
            return CsatCli.USAGE;
        }
        String input = Objects.requireNonNull(options.input);
        boolean stdin = "-".equals(input);
        // Every place is checked before any reading: a report of a million rows is not thrown away
        // because its output cannot be written.
        Optional<String> problem = stdin ? Optional.empty() : PathChecks.readableFile(Path.of(input));
        if (problem.isPresent()) {
            return fileError(err, "--input " + input, problem.get());
        }
        if (options.output != null) {
            problem = PathChecks.writableFile(options.output);
            if (problem.isPresent()) {
                return fileError(err, "--output " + options.output, problem.get());
            }
            if (options.format.equals("csv") && options.low != null) {
                Path low = lowScoresPath(options.output);
                problem = PathChecks.writableFile(low);
                if (problem.isPresent()) {
                    return fileError(err, "--output " + options.output + " (the low scores go to " + low + ")",
                            problem.get());
                }
            }
        }

        CsvReportReader reader = options.threads > 0 ? CsvReportReader.of(spec).threads(options.threads)
                : CsvReportReader.of(spec);
        OffScale offScale = new OffScale();
        Consumer<CsvRow.Rejected> rejected = r -> {
            offScale.count(r);
            err.println("csat report: rejected " + Masking.escape(r.message()));
        };
        CsvReport read;
        long filteredOut = 0;
        try {
            if (options.filter.narrows()) {
                Filtered filtered = readFiltered(spec, options.filter, stdin ? in : Files.newInputStream(Path.of(input)),
                        !stdin, rejected);
                read = filtered.read;
                filteredOut = filtered.left;
            } else {
                read = stdin ? reader.read(in, rejected) : reader.read(Path.of(input), rejected);
            }
        } catch (InvalidDefinitionException e) {
            err.println("csat report: " + Masking.escape("--input " + input + ": " + e.getMessage()));
            return 1;
        } catch (IOException | UncheckedIOException e) {
            err.println("csat report: cannot read " + Masking.escape("--input " + input + ": "
                    + PathChecks.reason(PathChecks.ioCause(e), stdin ? null : Path.of(input))));
            return 1;
        }
        err.printf(Locale.ROOT, "csat report: %d rows read, %d accepted, %d rejected, %d %s dropped%s%n", read.rows(),
                read.accepted(), read.rejected(), read.duplicates(), read.duplicates() == 1 ? "duplicate" : "duplicates",
                options.filter.narrows() ? ", " + filteredOut + " left out by --from, --to and --where" : "");

        if (2 * offScale.rows > read.rows()) {
            RatingScale scale = spec.scale();
            err.printf(Locale.ROOT, "csat report: %d of %d rows have a score that is not on --scale %s (%d to %d), so "
                    + "nothing is reported. %s%n", offScale.rows, read.rows(), scale.id(), scale.min(), scale.max(),
                    offScale.likely(read.report()).map(s -> "The scores fit --scale " + s.id() + " (" + s.min() + " to "
                            + s.max() + "); run again with it.").orElse("Check the file's score column."));
            return CsatCli.USAGE;
        }

        Report report = read.report();
        try {
            write(report, read, options, out);
        } catch (IOException | UncheckedIOException e) {
            err.println("csat report: cannot write " + Masking.escape((options.output == null ? "standard output"
                    : "--output " + options.output) + ": " + PathChecks.reason(PathChecks.ioCause(e), options.output)));
            return 1;
        }
        return 0;
    }

    private static int fileError(PrintStream err, String what, String reason) {
        err.println("csat report: " + Masking.escape(what + ": " + reason));
        return CsatCli.USAGE;
    }

    /** Counts rows rejected for a score off the chosen scale, and the scores they had. */
    private static final class OffScale {
        long rows;
        final Set<Integer> values = new TreeSet<>();

        /** Called one row at a time, never two at once. */
        void count(CsvRow.Rejected r) {
            for (Violation v : r.violations()) {
                if (v.field().equals("score") && v.rule().startsWith("must be a value of scale")) {
                    rows++;
                    String text = v.value().startsWith("\"") && v.value().endsWith("\"") && v.value().length() > 1
                            ? v.value().substring(1, v.value().length() - 1) : v.value();
                    try {
                        values.add(Integer.parseInt(text));
                    } catch (NumberFormatException e) {
                        // Too long to be shown whole: no scale has it.
                    }
                }
            }
        }

        /**
         * The preset whose range holds every score seen, on or off the chosen scale; of several,
         * the narrowest (1–9 before 0–10).
         */
        Optional<RatingScale> likely(Report report) {
            Set<Integer> all = new TreeSet<>(values);
            report.overall().distribution().forEach((value, n) -> {
                if (n > 0) {
                    all.add(value);
                }
            });
            return RatingScales.presetIds().stream().map(id -> RatingScales.preset(id).orElseThrow())
                    .filter(s -> !s.equals(report.spec().scale()) && all.stream().allMatch(s::contains))
                    .min(Comparator.comparingInt((RatingScale s) -> s.max() - s.min()));
        }
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
                case "--input" -> {
                    if (!value.equals("-")) {
                        try {
                            Path.of(value);
                        } catch (InvalidPathException e) {
                            throw new UsageException("--input " + value + ": is not a usable file name");
                        }
                    }
                    o.input = value;
                }
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
                case "--question" -> {
                    int eq = value.indexOf('=');
                    String id = eq < 0 ? value : value.substring(0, eq);
                    if (eq < 0 || !Question.isId(id) || Question.PRIMARY_ID.equals(id)) {
                        throw new UsageException("--question " + value + " must be ID=SCALE, such as effort=three, "
                                + "for a question other than " + Question.PRIMARY_ID + " (which is on --scale)");
                    }
                    RatingScale s = RatingScales.preset(value.substring(eq + 1)).orElseThrow(() -> new UsageException(
                            "--question " + value + ": " + value.substring(eq + 1) + " is not a preset; use "
                                    + String.join(", ", RatingScales.presetIds())));
                    if (o.questions.put(id, s) != null) {
                        throw new UsageException("--question " + id + " is given twice");
                    }
                }
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
                case "--from" -> o.filterOptions.from(value);
                case "--to" -> o.filterOptions.to(value);
                case "--where" -> {
                    try {
                        o.filterOptions.where(value, String.join(",", dimensionKeys()));
                    } catch (IllegalArgumentException e) {
                        throw new UsageException(e.getMessage());
                    }
                }
                case "--min-sample" -> o.minSample = integer(option, value);
                case "--threads" -> {
                    o.threads = integer(option, value);
                    if (o.threads < 1) {
                        throw new UsageException("--threads " + value + " must be at least 1");
                    }
                }
                default -> throw new UsageException("unknown option '" + option + "'");
            }
        }
        if (o.input == null) {
            throw new UsageException("--input is required (a CSV file, or - for standard input)");
        }
        if ((o.format.equals("xlsx") || o.format.equals("xls")) && o.output == null) {
            throw new UsageException("--format " + o.format + " needs --output FILE");
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
        o.questions.forEach(b::question);
        if (o.period != null) {
            b.period(o.period);
        }
        if (o.low != null) {
            b.lowScores(o.low);
        }
        try {
            return b.build();
        } catch (InvalidConfigurationException e) {
            Violation v = e.violations().get(0);
            String option = OPTION_OF_FIELD.get(v.field());
            if (option == null) {
                throw new UsageException(e.getMessage());
            }
            String given = switch (option) {
                case "--low" -> String.valueOf(o.low);
                case "--min-sample" -> String.valueOf(o.minSample);
                default -> v.value();
            };
            throw new UsageException(option + " " + given + ": " + v.rule());
        }
    }

    private void write(Report report, CsvReport read, Options o, PrintStream stdout) throws IOException {
        Path output = o.output;
        if (o.format.equals("xlsx")) {
            try (OutputStream file = Files.newOutputStream(Objects.requireNonNull(output))) {
                XlsxExport.write(tables(report), file);
            }
            return;
        }
        if (o.format.equals("xls")) {
            List<Table> tables = tables(report);
            try (OutputStream file = Files.newOutputStream(Objects.requireNonNull(output))) {
                XlsExport.write(tables, file);
            }
            return;
        }
        try (Writer writer = output == null ? nonClosing(stdout)
                : Files.newBufferedWriter(output, StandardCharsets.UTF_8)) {
            switch (o.format) {
                case "json" -> {
                    ObjectNode from = ReportDocument.object();
                    from.put("file", o.input).put("rows", read.rows()).put("accepted", read.accepted())
                            .put("rejected", read.rejected()).put("duplicates_dropped", read.duplicates());
                    ReportDocument.create().section("input", from).report("report", report).write(writer);
                }
                case "csv" -> CsvExport.writeReport(report, writer);
                default -> ReportText.write(report, writer);
            }
        }
        if (o.format.equals("csv") && report.spec().lowScoreThreshold().isPresent() && output != null) {
            try (Writer low = Files.newBufferedWriter(lowScoresPath(output), StandardCharsets.UTF_8)) {
                CsvExport.writeTable(ReportTables.lowScores(report), low);
            }
        }
    }

    /** A filtered read: the report and counts, and how many responses the filters left out. */
    private record Filtered(CsvReport read, long left) {
    }

    /**
     * Reads the responses one by one, keeps the later row of a survey (and question) listed twice
     * like {@link CsvReportReader}, then keeps those the filter passes.
     */
    private static Filtered readFiltered(ReportSpec spec, ResponseFilter filter, InputStream in, boolean close,
            Consumer<CsvRow.Rejected> rejected) {
        long rows = 0;
        long accepted = 0;
        long rejectedRows = 0;
        long duplicates = 0;
        Map<List<String>, SurveyResponse> latest = new HashMap<>();
        ResponseCsvReader reader = ResponseCsvReader.open(new InputStreamReader(in, StandardCharsets.UTF_8),
                spec.scale(), spec.questionScales(), spec.zone());
        try {
            while (reader.hasNext()) {
                CsvRow row = reader.next();
                rows++;
                if (row instanceof CsvRow.Accepted a) {
                    accepted++;
                    SurveyResponse r = a.response();
                    if (latest.put(List.of(r.interactionId(), r.surveyId(), r.question()), r) != null) {
                        duplicates++;
                    }
                } else if (row instanceof CsvRow.Rejected r) {
                    rejectedRows++;
                    rejected.accept(r);
                }
            }
        } finally {
            if (close) {
                reader.close();
            }
        }
        List<SurveyResponse> kept = latest.values().stream().filter(filter)
                .sorted(Comparator.comparing(SurveyResponse::sentAt)).toList();
        Report report = Report.of(spec, kept);
        return new Filtered(new CsvReport(report, rows, accepted, rejectedRows, duplicates),
                latest.size() - kept.size());
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
        if (report.questions().size() > 1) {
            tables.add(ReportTables.questions(report));
        }
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
}
