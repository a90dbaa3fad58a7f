package dev.csatkit.export;

import dev.csatkit.score.Answer;
import dev.csatkit.score.Dimension;
import dev.csatkit.score.Interval;
import dev.csatkit.score.Report;
import dev.csatkit.score.Segment;
import dev.csatkit.score.SurveyResponse;
import dev.csatkit.score.Tally;
import dev.csatkit.score.TrendPoint;
import dev.csatkit.score.VsRest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Lays reports and responses out as tables, with the column names every export shares.
 *
 * <p>The figures of a tally, in this order: {@code sent}, {@code responses}, {@code unanswered},
 * {@code invalid}, {@code late}, {@code response_rate}, {@code csat}, {@code net_csat},
 * {@code mean}, {@code csat_low}, {@code csat_high}, {@code band}, and {@code nps} on a 0–10
 * scale. Percentages are 0–100 and unrounded; a figure with no data is an empty cell.
 */
public final class ReportTables {

    /**
     * The columns of a response, as the response CSV reader reads them back. {@code question_id}
     * names the question the row answers; a file without the column, or a row with it empty, is
     * read as the survey's primary question. {@code contact_key}, {@code region} and {@code brand}
     * came later: a file without them reads, its responses without a contact key, region or brand.
     * {@code keys}, later still, holds the phone keys a caller pressed, as pressed ({@code 7},
     * {@code 10#}, a key off the scale such as {@code 0}); empty when none were pressed or on
     * another channel, and for a file without the column.
     */
    public static final List<String> RESPONSE_COLUMNS = List.of("interaction_id", "survey_id", "channel", "agent",
            "team", "entry_point", "locale", "case_type", "sent_at", "responded_at", "score", "comment",
            "invalid", "late", "question_id", "contact_key", "region", "brand", "keys");

    private ReportTables() {
    }

    /**
     * The figures of one tally by column name.
     *
     * @param report the report the tally belongs to, for its bands and scale
     * @param tally the tally
     * @return the figures, in column order
     */
    public static Map<String, Cell> figures(Report report, Tally tally) {
        Map<String, Cell> f = new LinkedHashMap<>();
        f.put("sent", new Cell.Count(tally.sent()));
        f.put("responses", new Cell.Count(tally.responses()));
        f.put("unanswered", new Cell.Count(tally.unanswered()));
        f.put("invalid", new Cell.Count(tally.invalid()));
        f.put("late", new Cell.Count(tally.late()));
        f.put("response_rate", Cell.percent(tally.responseRate()));
        f.put("csat", Cell.percent(tally.csat()));
        f.put("net_csat", Cell.percent(tally.netCsat()));
        f.put("mean", Cell.decimal(tally.mean()));
        Optional<Interval> interval = tally.csatInterval();
        f.put("csat_low", interval.<Cell>map(i -> new Cell.Percent(i.low())).orElse(Cell.EMPTY));
        f.put("csat_high", interval.<Cell>map(i -> new Cell.Percent(i.high())).orElse(Cell.EMPTY));
        f.put("band", report.band(tally).<Cell>map(b -> Cell.text(b.key())).orElse(Cell.EMPTY));
        if (Tally.isNpsScale(report.spec().scale())) {
            f.put("nps", Cell.percent(tally.nps()));
        }
        return f;
    }

    /**
     * The comparison of a segment with the rest of its group.
     *
     * @param vsRest the comparison
     * @return {@code diff} (points; empty when not compared), {@code significant}, and
     *     {@code too_few_responses}
     */
    public static Map<String, Cell> vsRest(VsRest vsRest) {
        Map<String, Cell> f = new LinkedHashMap<>();
        if (vsRest instanceof VsRest.Compared c) {
            f.put("diff", new Cell.Percent(c.diff()));
            f.put("significant", new Cell.Flag(c.significant()));
            f.put("too_few_responses", new Cell.Flag(false));
        } else {
            f.put("diff", Cell.EMPTY);
            f.put("significant", new Cell.Flag(false));
            f.put("too_few_responses", new Cell.Flag(true));
        }
        return f;
    }

    /**
     * The report's main table: one {@code overall} row, then one row per segment, with the key
     * columns, the figures, the comparison ({@code vs_rest_diff}, {@code vs_rest_significant},
     * {@code vs_rest_too_few_responses}), the {@code rank} and the distribution
     * ({@code score_1} … {@code score_5}).
     *
     * @param report the report
     * @return the table named {@code Report}
     */
    public static Table summary(Report report) {
        List<Dimension> dims = report.spec().dimensions();
        List<String> columns = new ArrayList<>();
        columns.add("row");
        dims.forEach(d -> columns.add(d.key()));
        columns.addAll(figures(report, report.overall()).keySet());
        vsRest(new VsRest.TooFewResponses(0, 0, 1)).keySet().forEach(k -> columns.add("vs_rest_" + k));
        columns.add("rank");
        // By question, segments are on their questions' scales: a column for every value of any.
        SortedSet<Integer> values = dims.contains(Dimension.QUESTION) ? scoreValues(report)
                : new TreeSet<>(report.overall().distribution().keySet());
        values.forEach(v -> columns.add("score_" + v));

        List<List<Cell>> rows = new ArrayList<>();
        List<Cell> overall = new ArrayList<>();
        overall.add(Cell.text("overall"));
        dims.forEach(d -> overall.add(Cell.EMPTY));
        overall.addAll(figures(report, report.overall()).values());
        vsRest(new VsRest.TooFewResponses(0, 0, 1)).keySet().forEach(k -> overall.add(Cell.EMPTY));
        overall.add(Cell.EMPTY);
        addDistribution(overall, report.overall(), values);
        rows.add(overall);
        for (Segment s : report.segments()) {
            List<Cell> row = new ArrayList<>();
            row.add(Cell.text("segment"));
            dims.forEach(d -> row.add(Cell.text(s.key().get(d))));
            row.addAll(figures(report, s.tally()).values());
            row.addAll(vsRest(s.vsRest()).values());
            row.add(s.rank().isPresent() ? new Cell.Count(s.rank().getAsInt()) : Cell.EMPTY);
            addDistribution(row, s.tally(), values);
            rows.add(row);
        }
        return new Table("Report", columns, rows);
    }

    /**
     * One row per question: {@code question}, the figures on the question's own scale and its
     * distribution ({@code score_…} for every value of any question's scale, empty where the
     * question's scale has no such value). The primary question comes first; its figures are the
     * report's overall ones.
     *
     * @param report the report
     * @return the table named {@code Questions}
     */
    public static Table questions(Report report) {
        SortedSet<Integer> values = scoreValues(report);
        List<String> columns = new ArrayList<>();
        columns.add("question");
        columns.add("scale");
        columns.addAll(figures(report, report.overall()).keySet());
        values.forEach(v -> columns.add("score_" + v));
        List<List<Cell>> rows = new ArrayList<>();
        report.questions().forEach((question, tally) -> {
            List<Cell> row = new ArrayList<>();
            row.add(Cell.text(question));
            row.add(Cell.text(tally.scale().id()));
            row.addAll(figures(report, tally).values());
            addDistribution(row, tally, values);
            rows.add(row);
        });
        return new Table("Questions", columns, rows);
    }

    /** Every value of the scales of the report's questions, in order. */
    private static SortedSet<Integer> scoreValues(Report report) {
        SortedSet<Integer> values = new TreeSet<>();
        report.questions().values().forEach(t -> values.addAll(t.distribution().keySet()));
        report.segments().forEach(s -> values.addAll(s.tally().distribution().keySet()));
        return values;
    }

    /**
     * The trend: one row per period with {@code period}, {@code start} and the figures.
     *
     * @param report the report
     * @return the table named {@code Trend}; no rows unless the report groups by period
     */
    public static Table trend(Report report) {
        List<String> columns = new ArrayList<>(List.of("period", "start"));
        columns.addAll(figures(report, report.overall()).keySet());
        List<List<Cell>> rows = new ArrayList<>();
        for (TrendPoint p : report.trend()) {
            List<Cell> row = new ArrayList<>(List.of(Cell.text(p.period()), Cell.text(p.start().toString())));
            row.addAll(figures(report, p.tally()).values());
            rows.add(row);
        }
        return new Table("Trend", columns, rows);
    }

    /**
     * The low-score list, newest first, in the response columns.
     *
     * @param report the report
     * @return the table named {@code Low scores}
     */
    public static Table lowScores(Report report) {
        List<List<Cell>> rows = new ArrayList<>();
        report.lowScores().forEach(r -> rows.add(responseRow(r)));
        return new Table("Low scores", RESPONSE_COLUMNS, rows);
    }

    /**
     * One response in the {@link #RESPONSE_COLUMNS}; times are ISO-8601 instants.
     *
     * @param r the response
     * @return its cells
     */
    public static List<Cell> responseRow(SurveyResponse r) {
        List<Cell> row = new ArrayList<>(RESPONSE_COLUMNS.size());
        row.add(Cell.text(r.interactionId()));
        row.add(Cell.text(r.surveyId()));
        row.add(optional(r.channel()));
        row.add(optional(r.agent()));
        row.add(optional(r.team()));
        row.add(optional(r.entryPoint()));
        row.add(optional(r.locale().map(java.util.Locale::toLanguageTag)));
        row.add(optional(r.caseType()));
        row.add(Cell.text(r.sentAt().toString()));
        row.add(optional(r.respondedAt().map(Object::toString)));
        row.add(r.score().isPresent() ? new Cell.Count(r.score().getAsInt()) : Cell.EMPTY);
        row.add(optional(r.comment()));
        row.add(new Cell.Flag(r.invalid()));
        row.add(new Cell.Flag(r.late()));
        row.add(Cell.text(r.question()));
        row.add(optional(r.contactKey()));
        row.add(optional(r.region()));
        row.add(optional(r.brand()));
        row.add(optional(r.keys()));
        return row;
    }

    /**
     * A response as a responses CSV holds it: its own row, then one row per answer to a further
     * question, each with the answer's question, score and reply time and the survey's other
     * columns (no comment: it stays on the primary question's row).
     *
     * @param r the response
     * @return one row, or more for a response carrying answers
     */
    public static List<List<Cell>> responseRows(SurveyResponse r) {
        if (r.answers().isEmpty()) {
            return List.of(responseRow(r));
        }
        List<List<Cell>> rows = new ArrayList<>(1 + r.answers().size());
        rows.add(responseRow(r));
        for (Answer a : r.answers()) {
            rows.add(responseRow(SurveyResponse.builder(r.interactionId(), r.surveyId(), r.sentAt())
                    .channel(r.channel().orElse(null)).agent(r.agent().orElse(null)).team(r.team().orElse(null))
                    .entryPoint(r.entryPoint().orElse(null)).locale(r.locale().orElse(null))
                    .caseType(r.caseType().orElse(null)).question(a.question()).rating(a.score(), a.respondedAt())
                    .contactKey(r.contactKey().orElse(null)).region(r.region().orElse(null))
                    .brand(r.brand().orElse(null)).build()));
        }
        return rows;
    }

    private static Cell optional(Optional<String> value) {
        return value.<Cell>map(Cell.Text::new).orElse(Cell.EMPTY);
    }

    private static void addDistribution(List<Cell> row, Tally tally, SortedSet<Integer> values) {
        Map<Integer, Long> counts = tally.distribution();
        for (int v : values) {
            Long c = counts.get(v);
            row.add(c == null ? Cell.EMPTY : new Cell.Count(c));
        }
    }
}
