package dev.csatkit.examples.export;

import dev.csatkit.channels.support.Masking;
import dev.csatkit.score.Dimension;
import dev.csatkit.score.Interval;
import dev.csatkit.score.Report;
import dev.csatkit.score.ReportSpec;
import dev.csatkit.score.Segment;
import dev.csatkit.score.SurveyResponse;
import dev.csatkit.score.Tally;
import dev.csatkit.score.TrendPoint;
import dev.csatkit.score.VsRest;
import dev.csatkit.survey.Question;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Reports as aligned plain-text tables for a terminal: what {@code csat report} prints, and the
 * pieces the demo prints. Numbers are formatted in the root locale, so the same report gives the
 * same characters on every machine.
 */
public final class ReportText {

    /** Comments are cut to this many characters in a table; the export formats carry them whole. */
    public static final int MAX_COMMENT_SHOWN = 60;

    private ReportText() {
    }

    /**
     * Writes a whole report: the overall figures and distribution, the segments, the trend and the
     * low-score list, each where the report has it.
     *
     * @param report the report
     * @param w where to write
     * @throws IOException when writing fails
     */
    public static void write(Report report, Writer w) throws IOException {
        ReportSpec spec = report.spec();
        Tally all = report.overall();
        w.write(String.format(Locale.ROOT, "CSAT report: scale %s, %d surveys sent, %d valid ratings%s%n",
                spec.scale().id(), all.sent(), all.responses(),
                spec.dimensions().isEmpty() ? "" : ", by " + String.join(", ",
                        spec.dimensions().stream().map(Dimension::key).toList())));
        w.write(String.format(Locale.ROOT, "Overall: CSAT %s %s, Net CSAT %s, mean %s, response rate %s, %s%s%n",
                percent(all.csat()), interval(all.csatInterval()), number(all.netCsat(), 1), number(all.mean(), 2),
                percent(all.responseRate()), band(report, all, "no data"),
                Tally.isNpsScale(spec.scale()) ? ", NPS " + number(all.nps(), 1) : ""));
        w.write("Distribution: " + all.distribution() + "\n");

        if (report.questions().size() > 1) {
            w.write("\nQuestions (the overall figures are the primary question's, " + Question.PRIMARY_ID + ")\n");
            questions(report, w);
        }

        if (!report.segments().isEmpty()) {
            w.write("\n");
            segments(report, w, true);
            w.write(vsRestLegend(spec) + "\n");
        }

        if (!report.trend().isEmpty()) {
            w.write("\nTrend\n");
            trend(report, w);
        }

        if (spec.lowScoreThreshold().isPresent()) {
            w.write(String.format(Locale.ROOT, "%nLow scores (<= %d): %d listed%s%n", spec.lowScoreThreshold().getAsInt(),
                    report.lowScores().size(), report.lowScoresOmitted() > 0
                            ? ", " + report.lowScoresOmitted() + " older ones left out" : ""));
            List<List<String>> rows = new ArrayList<>();
            for (SurveyResponse r : report.lowScores()) {
                rows.add(List.of(r.respondedAt().map(Object::toString).orElse("-"),
                        Integer.toString(r.score().orElse(0)), r.agent().orElse("-"), r.interactionId(),
                        r.comment().map(ReportText::oneLine).orElse("")));
            }
            columns(w, List.of("responded at", "score", "agent", "interaction", "comment"), rows, 5);
        }
    }

    /**
     * Writes one row per segment: its key, surveys sent, ratings, response rate, CSAT with its
     * 95 % interval, Net CSAT, the mean if wanted, the band, the comparison with the rest and the
     * rank.
     *
     * @param report the report
     * @param w where to write
     * @param withMean whether to show the mean rating, which only means something on one scale
     * @throws IOException when writing fails
     */
    public static void segments(Report report, Writer w, boolean withMean) throws IOException {
        ReportSpec spec = report.spec();
        List<String> header = new ArrayList<>();
        spec.dimensions().forEach(d -> header.add(d.key()));
        header.addAll(List.of("sent", "ratings", "rate %", "CSAT %", "95 % CI", "Net"));
        if (withMean) {
            header.add("mean");
        }
        header.addAll(List.of("band", "vs rest", "rank"));
        List<List<String>> rows = new ArrayList<>();
        for (Segment s : report.segments()) {
            List<String> row = new ArrayList<>();
            spec.dimensions().forEach(d -> row.add(s.key().get(d)));
            Tally t = s.tally();
            row.addAll(List.of(Long.toString(t.sent()), Long.toString(t.responses()), number(t.responseRate(), 1),
                    number(t.csat(), 1), interval(t.csatInterval()), number(t.netCsat(), 1)));
            if (withMean) {
                row.add(number(t.mean(), 2));
            }
            row.addAll(List.of(band(report, t, "-"), vsRest(s.vsRest()),
                    s.rank().isPresent() ? "#" + s.rank().getAsInt() : "-"));
            rows.add(row);
        }
        columns(w, header, rows, spec.dimensions().size());
    }

    /**
     * Writes one row per question, each on its own scale: ratings, CSAT with its interval, mean
     * and distribution.
     *
     * @param report the report
     * @param w where to write
     * @throws IOException when writing fails
     */
    public static void questions(Report report, Writer w) throws IOException {
        List<List<String>> rows = new ArrayList<>();
        for (Map.Entry<String, Tally> q : report.questions().entrySet()) {
            Tally t = q.getValue();
            rows.add(List.of(q.getKey(), t.scale().id(), Long.toString(t.responses()), number(t.csat(), 1),
                    interval(t.csatInterval()), number(t.mean(), 2), t.distribution().toString()));
        }
        columns(w, List.of("question", "scale", "ratings", "CSAT %", "95 % CI", "mean", "distribution"), rows, 2);
    }

    /**
     * @param spec the report's spec
     * @return the line that explains the {@code vs rest} column
     */
    public static String vsRestLegend(ReportSpec spec) {
        return "vs rest: CSAT points against the rest of the group; * significant at 95 % "
                + "(two-proportion z-test); n<" + spec.minimumSample() + ": too few ratings to compare";
    }

    /**
     * Writes one row per period of the report's trend: ratings, CSAT with its interval, Net CSAT.
     *
     * @param report the report; nothing is written when it has no trend
     * @param w where to write
     * @throws IOException when writing fails
     */
    public static void trend(Report report, Writer w) throws IOException {
        List<List<String>> rows = new ArrayList<>();
        for (TrendPoint p : report.trend()) {
            Tally t = p.tally();
            rows.add(List.of(p.period(), p.start().toString(), Long.toString(t.responses()), number(t.csat(), 1),
                    interval(t.csatInterval()), number(t.netCsat(), 1)));
        }
        columns(w, List.of("period", "from", "ratings", "CSAT %", "95 % CI", "Net"), rows, 2);
    }

    /**
     * @param report the report
     * @param tally one of its tallies
     * @param none what to show without data
     * @return the tally's band in lower case, or {@code none}
     */
    public static String band(Report report, Tally tally, String none) {
        return report.band(tally).map(b -> b.key()).orElse(none);
    }

    /**
     * @param v a segment's comparison with the rest of its group
     * @return {@code +4.2 *} (points, star when significant), or {@code n<30}
     */
    public static String vsRest(VsRest v) {
        if (v instanceof VsRest.Compared c) {
            return String.format(Locale.ROOT, "%+.1f%s", c.diff(), c.significant() ? " *" : "");
        }
        return "n<" + ((VsRest.TooFewResponses) v).minimum();
    }

    /**
     * @param value a percentage, or no data
     * @return {@code 81.5 %}, or {@code no data}
     */
    public static String percent(OptionalDouble value) {
        return value.isPresent() ? String.format(Locale.ROOT, "%.1f %%", value.getAsDouble()) : "no data";
    }

    /**
     * @param value a figure, or no data
     * @param decimals how many decimals to show
     * @return the figure, or {@code -}
     */
    public static String number(OptionalDouble value, int decimals) {
        return value.isPresent() ? String.format(Locale.ROOT, "%." + decimals + "f", value.getAsDouble()) : "-";
    }

    /**
     * @param interval a confidence interval, or none
     * @return {@code 72.0-80.3}, or {@code -}
     */
    public static String interval(Optional<Interval> interval) {
        return interval.map(i -> String.format(Locale.ROOT, "%.1f-%.1f", i.low(), i.high())).orElse("-");
    }

    /**
     * Keeps a comment on one line and short, for a table cell.
     *
     * @param comment the comment
     * @return at most {@value #MAX_COMMENT_SHOWN} characters, control characters as spaces, and
     *     {@code …} when cut
     */
    public static String oneLine(String comment) {
        StringBuilder sb = new StringBuilder();
        comment.codePoints().limit(MAX_COMMENT_SHOWN).forEach(cp ->
                sb.appendCodePoint(Character.isISOControl(cp) ? ' ' : cp));
        return comment.codePointCount(0, comment.length()) > MAX_COMMENT_SHOWN ? sb + "…" : sb.toString();
    }

    /**
     * Writes a table with a header row, left-aligning the first {@code textColumns} columns and
     * right-aligning the rest.
     *
     * @param w where to write
     * @param header the column names
     * @param rows the rows, each as wide as the header
     * @param textColumns how many leading columns hold text
     * @throws IOException when writing fails
     */
    public static void columns(Writer w, List<String> header, List<List<String>> rows, int textColumns)
            throws IOException {
        // Cells come from outside (agent names and ids, teams, entry points): control characters
        // and bidirectional overrides are shown escaped, so none reaches the terminal.
        List<List<String>> all = new ArrayList<>();
        all.add(header.stream().map(Masking::escape).toList());
        rows.forEach(row -> all.add(row.stream().map(Masking::escape).toList()));
        int[] width = new int[header.size()];
        for (List<String> row : all) {
            for (int c = 0; c < width.length; c++) {
                width[c] = Math.max(width[c], row.get(c).length());
            }
        }
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
