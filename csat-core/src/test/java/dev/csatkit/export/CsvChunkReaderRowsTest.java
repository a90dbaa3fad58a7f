package dev.csatkit.export;

import static dev.csatkit.export.CsvReportReaderPropertiesTest.withFile;
import static org.assertj.core.api.Assertions.assertThat;

import dev.csatkit.scale.Polarity;
import dev.csatkit.scale.RatingScale;
import dev.csatkit.scale.RatingScales;
import dev.csatkit.scale.ScalePoint;
import dev.csatkit.score.Dimension;
import dev.csatkit.score.Period;
import dev.csatkit.score.Report;
import dev.csatkit.score.ReportSpec;
import dev.csatkit.score.SurveyResponse;
import dev.csatkit.score.Tally;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The report reader's row checks one rule at a time, each on a small file whose counts are
 * worked out beforehand: the cells the exporter writes are read from their bytes, anything else
 * by the exact rules, and a row either way must count the same. Each case has a row just inside
 * a rule and one just outside it, so that a check that lets too much through shows as a count.
 */
class CsvChunkReaderRowsTest {

    static final String HEADER = String.join(",", ReportTables.RESPONSE_COLUMNS) + "\n";
    private static final String T = "2025-03-14T09:00:00Z";

    private final List<CsvRow.Rejected> rejected = new ArrayList<>();

    /** A row of every column, as the exporter writes a rating of 4; {@code cells} replaces columns by name. */
    static String row(String id, String... cells) {
        Map<String, String> values = new HashMap<>();
        values.put("interaction_id", id);
        values.put("survey_id", "post-call");
        values.put("channel", "sms");
        values.put("agent", "ann");
        values.put("team", "blue");
        values.put("sent_at", T);
        values.put("responded_at", "2025-03-14T09:01:00Z");
        values.put("score", "4");
        values.put("invalid", "false");
        values.put("late", "false");
        for (int i = 0; i < cells.length; i += 2) {
            values.put(cells[i], cells[i + 1]);
        }
        List<String> out = new ArrayList<>();
        for (String column : ReportTables.RESPONSE_COLUMNS) {
            out.add(values.getOrDefault(column, ""));
        }
        return String.join(",", out) + "\n";
    }

    private CsvReport read(ReportSpec spec, String... rows) {
        String csv = HEADER + String.join("", rows);
        return withFile(csv, file -> CsvReportReader.of(spec).threads(1).read(file, rejected::add));
    }

    private static ReportSpec five() {
        return ReportSpec.builder(RatingScales.fivePoint()).minimumSample(1).build();
    }

    /** @return sent, unanswered, invalid, late, then the count of each scale value */
    private static List<Long> counts(Tally t) {
        List<Long> out = new ArrayList<>(List.of(t.sent(), t.unanswered(), t.invalid(), t.late()));
        t.distribution().values().forEach(out::add);
        return out;
    }

    private List<String> messages() {
        return rejected.stream().map(CsvRow.Rejected::message).toList();
    }

    @Test
    void flagsAreTrueFalseOrEmptyAsWrittenAndTheOtherFormsTheRulesRead() {
        CsvReport read = read(five(),
                row("c1", "invalid", "true"),
                row("c2", "late", "true", "score", "2"),
                row("c3", "invalid", "", "late", ""),
                row("c4", "invalid", "TRUE"),
                row("c5", "late", "yes"),
                row("c6", "invalid", "fals"),
                row("c7", "late", "truex"),
                row("c8", "invalid", "tru"),
                row("c9", "late", "falsey"));
        assertThat(List.of(read.rows(), read.accepted(), read.rejected())).containsExactly(9L, 5L, 4L);
        // c1 and c4 invalid, c2 and c5 late, c3 a 4.
        assertThat(counts(read.report().overall())).containsExactly(5L, 0L, 2L, 2L, 0L, 0L, 0L, 1L, 0L);
        assertThat(messages()).containsExactly(
                "line 7: invalid = \"fals\": must be true or false",
                "line 8: late = \"truex\": must be true or false",
                "line 9: invalid = \"tru\": must be true or false",
                "line 10: late = \"falsey\": must be true or false");
    }

    @Test
    void scoresAreOneOrTwoDigitsOnTheScale() {
        CsvReport read = read(five(),
                row("c1", "score", "1"),
                row("c2", "score", "5"),
                row("c3", "score", "05"),
                row("c4", "score", " 3"),
                row("c5", "score", ""),
                row("c6", "score", "0"),
                row("c7", "score", "6"),
                row("c8", "score", "10"),
                row("c9", "score", "x"),
                row("c10", "score", "4x"),
                row("c11", "score", "/"),
                row("c12", "score", ":"),
                row("c13", "score", "123"));
        assertThat(List.of(read.rows(), read.accepted(), read.rejected())).containsExactly(13L, 5L, 8L);
        assertThat(counts(read.report().overall())).containsExactly(5L, 1L, 0L, 0L, 1L, 0L, 1L, 0L, 2L);
        assertThat(messages()).containsExactly(
                "line 7: score = \"0\": must be a value of scale five, 1 to 5",
                "line 8: score = \"6\": must be a value of scale five, 1 to 5",
                "line 9: score = \"10\": must be a value of scale five, 1 to 5",
                "line 10: score = \"x\": must be a whole number",
                "line 11: score = \"4x\": must be a whole number",
                "line 12: score = \"/\": must be a whole number",
                "line 13: score = \":\": must be a whole number",
                "line 14: score = \"123\": must be a value of scale five, 1 to 5");
    }

    @Test
    void zeroToTenReadsBothEndsAndNothingPast() {
        ReportSpec spec = ReportSpec.builder(RatingScales.zeroToTen()).minimumSample(1).build();
        CsvReport read = read(spec,
                row("c1", "score", "0"),
                row("c2", "score", "10"),
                row("c3", "score", "09"),
                row("c4", "score", "11"),
                row("c5", "score", "99"),
                row("c6", "score", "1/"),
                row("c7", "score", "1:"));
        assertThat(List.of(read.rows(), read.accepted(), read.rejected())).containsExactly(7L, 3L, 4L);
        Tally t = read.report().overall();
        assertThat(List.of(t.count(0), t.count(9), t.count(10), t.count(1))).containsExactly(1L, 1L, 1L, 0L);
    }

    @Test
    void aReplyBeforeItsSurveyIsRejectedToTheNanosecond() {
        CsvReport read = read(five(),
                row("c1", "sent_at", "2025-03-14T09:00:00.5Z", "responded_at", "2025-03-14T09:00:00.4Z"),
                row("c2", "sent_at", "2025-03-14T09:00:00.5Z", "responded_at", "2025-03-14T09:00:00.5Z"),
                row("c3", "sent_at", "2025-03-14T09:00:00.5Z", "responded_at", "2025-03-14T09:00:00.6Z"),
                row("c4", "sent_at", "2025-03-14T09:00:01Z", "responded_at", "2025-03-14T09:00:00.9Z"),
                row("c5", "sent_at", "2025-03-14T09:00:00Z", "responded_at", ""));
        assertThat(List.of(read.rows(), read.accepted(), read.rejected())).containsExactly(5L, 3L, 2L);
        assertThat(messages()).hasSize(2).allSatisfy(m -> assertThat(m).contains("responded_at"));
        assertThat(messages().get(0)).startsWith("line 2:");
        assertThat(messages().get(1)).startsWith("line 5:");
    }

    @Test
    void timesAreReadFrom1900To9999() {
        CsvReport read = read(five(),
                row("c1", "sent_at", "1900-01-01T00:00:00Z", "responded_at", ""),
                row("c2", "sent_at", "1899-12-31T23:59:59Z", "responded_at", ""),
                row("c3", "sent_at", "9999-12-31T23:59:59Z", "responded_at", ""),
                row("c4", "sent_at", "9999-12-31T23:59:58Z", "responded_at", "9999-12-31T23:59:59Z"),
                row("c5", "sent_at", "2025-03-14T09:00:00+01:00", "responded_at", "2025-03-14T08:00:00Z"));
        assertThat(List.of(read.rows(), read.accepted(), read.rejected())).containsExactly(5L, 4L, 1L);
        assertThat(messages()).containsExactly(
                "line 3: sent_at = \"1899-12-31T23:59:59Z\": must be in the years 1900 to 9999");
    }

    @Test
    void theFormulaGuardAndEdgeSpacesLeaveTheSameSurveyKey() {
        CsvReport read = read(five(),
                row("c1", "score", "1"),
                row("'c1", "score", "2"),
                row("c2", "survey_id", "'post-call", "score", "3"),
                row("c2", "score", "5"),
                row(" c3", "score", "1"),
                row("c3 ", "score", "2"),
                row("c\u00e94", "score", "4"),
                row("c\u00e94", "survey_id", "post-call\u00e9", "score", "4"));
        assertThat(List.of(read.rows(), read.accepted(), read.duplicates())).containsExactly(8L, 8L, 3L);
        // The later row wins: c1 a 2, c2 a 5, c3 a 2, and the two surveys of c\u00e94 a 4 each.
        assertThat(counts(read.report().overall())).containsExactly(5L, 0L, 0L, 0L, 0L, 2L, 0L, 2L, 1L);
    }

    @Test
    void anEmptyKeyIsRejected() {
        CsvReport read = read(five(), row(""), row("c1", "survey_id", ""), row("'", "score", "3"), row("c2"));
        assertThat(List.of(read.rows(), read.accepted(), read.rejected())).containsExactly(4L, 1L, 3L);
        assertThat(messages()).containsExactly(
                "line 2: interaction_id = \"\": must not be empty",
                "line 3: survey_id = \"\": must not be empty",
                "line 4: interaction_id = \"\": must not be empty");
    }

    @Test
    void textsUpToTheirLimitAreReadAndLongerOnesRejected() {
        String max = "a".repeat(256);
        String over = "a".repeat(257);
        List<String> rows = new ArrayList<>();
        int n = 0;
        for (String column : List.of("interaction_id", "survey_id", "channel", "agent", "team", "entry_point",
                "case_type", "contact_key", "region", "brand")) {
            rows.add(row("in" + n++, column, max));
            rows.add(row("out" + n++, column, over));
        }
        rows.add(row("in" + n++, "comment", "b".repeat(SurveyResponse.MAX_COMMENT_LENGTH)));
        rows.add(row("out" + n++, "comment", "b".repeat(SurveyResponse.MAX_COMMENT_LENGTH + 1)));
        rows.add(row("in" + n++, "keys", "7".repeat(SurveyResponse.MAX_KEYS)));
        rows.add(row("out" + n, "keys", "7".repeat(SurveyResponse.MAX_KEYS + 1)));
        CsvReport read = read(five(), rows.toArray(String[]::new));
        assertThat(List.of(read.rows(), read.accepted(), read.rejected())).containsExactly(24L, 12L, 12L);
        assertThat(rejected).extracting(CsvRow.Rejected::line)
                .containsExactly(3L, 5L, 7L, 9L, 11L, 13L, 15L, 17L, 19L, 21L, 23L, 25L);
    }

    @Test
    void keysArePrintableAscii() {
        CsvReport read = read(five(), row("c1", "keys", "10#"), row("c2", "keys", "1\u00072"),
                row("c3", "keys", "~ "), row("c4", "keys", "1\u007f"));
        assertThat(List.of(read.rows(), read.accepted(), read.rejected())).containsExactly(4L, 2L, 2L);
        assertThat(rejected).extracting(CsvRow.Rejected::line).containsExactly(3L, 5L);
    }

    @Test
    void localesAreReadOnceAndGroupedByTheirTag() {
        ReportSpec spec = ReportSpec.builder(RatingScales.fivePoint()).by(Dimension.LOCALE).minimumSample(1).build();
        // Tags of one length one after the other, and tags longer than the eight bytes compared at once.
        CsvReport read = read(spec,
                row("c1", "locale", "sv"),
                row("c2", "locale", "sv"),
                row("c3", "locale", "en-GB"),
                row("c4", "locale", "sv-SE"),
                row("c5", "locale", "sv-FI"),
                row("c6", "locale", "en-GB"),
                row("c7", "locale", ""),
                row("c8", "locale", "sv"),
                row("c9", "locale", "zh-Hant-TW"),
                row("c10", "locale", "zh-Hant-TW"),
                row("c11", "locale", "not a locale!"));
        assertThat(List.of(read.rows(), read.accepted(), read.rejected())).containsExactly(11L, 10L, 1L);
        Report report = read.report();
        assertThat(report.segments()).extracting(s -> s.key().get(Dimension.LOCALE) + "=" + s.tally().sent())
                .containsExactly("(none)=1", "en-GB=2", "sv=3", "sv-FI=1", "sv-SE=1", "zh-Hant-TW=2");
    }

    @Test
    void lowScoresAreTheRatingsAtOrBelowTheThresholdOnly() {
        ReportSpec spec = ReportSpec.builder(RatingScales.fivePoint()).lowScores(2).build();
        CsvReport read = read(spec,
                row("c1", "score", "1", "sent_at", "2025-03-14T09:00:01Z", "responded_at", ""),
                row("c2", "score", "2", "sent_at", "2025-03-14T09:00:02Z", "responded_at", "2025-03-14T09:00:05.5Z"),
                row("c3", "score", "3", "sent_at", "2025-03-14T09:00:03Z", "responded_at", ""),
                row("c4", "score", "", "sent_at", "2025-03-14T09:00:04Z", "responded_at", ""),
                row("c5", "score", "1", "invalid", "true", "sent_at", "2025-03-14T09:00:05Z", "responded_at", ""),
                row("c6", "score", "2", "late", "true", "sent_at", "2025-03-14T09:00:06Z", "responded_at", ""));
        Report report = read.report();
        assertThat(report.lowScores()).extracting(SurveyResponse::interactionId).containsExactly("c2", "c1");
        assertThat(report.lowScores().get(0).respondedAt()).hasValue(java.time.Instant.parse("2025-03-14T09:00:05.5Z"));
    }

    @Test
    void byDayInAZoneThatChangesItsOffsetEachRowFallsOnItsLocalDay() {
        ReportSpec spec = ReportSpec.builder(RatingScales.fivePoint()).period(Period.DAY)
                .zone(ZoneId.of("Europe/Stockholm")).minimumSample(1).build();
        // Summer time starts 2025-03-30T01:00Z: 22:30Z is 23:30 the same day before, 00:30 the next after.
        CsvReport read = read(spec,
                row("c1", "sent_at", "2025-03-29T22:30:00Z", "responded_at", ""),
                row("c2", "sent_at", "2025-03-30T22:30:00Z", "responded_at", ""),
                row("c3", "sent_at", "2025-03-30T21:30:00Z", "responded_at", ""),
                row("c4", "sent_at", "2025-03-29T23:30:00Z", "responded_at", ""),
                row("c5", "sent_at", "2025-10-26T22:30:00Z", "responded_at", ""),
                row("c6", "sent_at", "2025-10-25T22:30:00Z", "responded_at", ""));
        assertThat(read.report().trend()).extracting(p -> p.period() + "=" + p.tally().sent())
                .containsExactly("2025-03-29=1", "2025-03-30=2", "2025-03-31=1", "2025-10-26=2");
    }

    @Test
    void questionRowsOtherThanThePrimaryAreCountedApart() {
        ReportSpec spec = ReportSpec.builder(RatingScales.fivePoint()).question("effort", RatingScales.threeFaces())
                .minimumSample(1).build();
        CsvReport read = read(spec,
                row("c1", "question_id", "csat", "score", "5"),
                row("c2", "question_id", "", "score", "4"),
                row("c1", "question_id", "effort", "score", "3"),
                row("c3", "question_id", "csa", "score", "1"),
                row("c4", "question_id", "csatx", "score", "2"),
                row("c5", "question_id", "Effort", "score", "2"));
        assertThat(List.of(read.rows(), read.accepted(), read.rejected(), read.duplicates()))
                .containsExactly(6L, 5L, 1L, 0L);
        Report report = read.report();
        assertThat(counts(report.overall())).containsExactly(2L, 0L, 0L, 0L, 0L, 0L, 0L, 1L, 1L);
        // The primary question first, then the others by id.
        assertThat(report.questions().keySet()).containsExactly("csat", "csa", "csatx", "effort");
        assertThat(report.questions().get("effort").count(3)).isEqualTo(1);
        assertThat(messages()).containsExactly("line 7: question_id = \"Effort\": must be 1-32 lower-case letters,"
                + " digits, '_' or '-', starting with a letter");
    }
    @Test
    void onlyTheCellCsatIsThePrimaryQuestion() {
        ReportSpec spec = ReportSpec.builder(RatingScales.fivePoint()).minimumSample(1).build();
        // Four letters each, one changed: each is a question of its own, counted apart.
        CsvReport read = read(spec,
                row("c1", "question_id", "csat", "score", "5"),
                row("c1", "question_id", "xsat", "score", "1"),
                row("c1", "question_id", "cxat", "score", "1"),
                row("c1", "question_id", "csxt", "score", "1"),
                row("c1", "question_id", "csax", "score", "1"));
        assertThat(List.of(read.rows(), read.accepted(), read.duplicates())).containsExactly(5L, 5L, 0L);
        assertThat(counts(read.report().overall())).containsExactly(1L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 1L);
        assertThat(read.report().questions().keySet()).containsExactly("csat", "csax", "csxt", "cxat", "xsat");
    }

    @Test
    void manySegmentsOfTwoDimensionsAreEachCountedOnce() {
        ReportSpec spec = ReportSpec.builder(RatingScales.fivePoint()).by(Dimension.AGENT, Dimension.TEAM)
                .minimumSample(1).build();
        List<String> rows = new ArrayList<>();
        // 40 segments, more than the first tables hold: each of them a 1, and agent-7 in blue twice more.
        for (int i = 0; i < 40; i++) {
            rows.add(row("c" + i, "agent", "agent-" + i, "team", i % 2 == 0 ? "blue" : "red", "score", "1"));
        }
        rows.add(row("d1", "agent", "agent-7", "team", "blue", "score", "1"));
        rows.add(row("d2", "agent", "agent-7", "team", "blue", "score", "5"));
        Report report = read(spec, rows.toArray(String[]::new)).report();
        assertThat(report.segments()).hasSize(41);
        assertThat(report.segments()).filteredOn(s -> s.key().get(Dimension.AGENT).equals("agent-7"))
                .extracting(s -> s.key().get(Dimension.TEAM) + "=" + counts(s.tally()))
                .containsExactly("blue=[2, 0, 0, 0, 1, 0, 0, 0, 1]", "red=[1, 0, 0, 0, 1, 0, 0, 0, 0]");
        assertThat(report.segments()).filteredOn(s -> s.key().get(Dimension.AGENT).equals("agent-39"))
                .extracting(s -> s.key().get(Dimension.TEAM) + "=" + counts(s.tally()))
                .containsExactly("red=[1, 0, 0, 0, 1, 0, 0, 0, 0]");
        assertThat(report.overall().sent()).isEqualTo(42);
        assertThat(report.overall().count(1)).isEqualTo(41);
    }

    @Test
    void aStretchOfManyShortRowsHoldsThemAll() {
        // Rows shorter than the 64 bytes a stretch is sized by, with keys longer than the 24 bytes per row.
        StringBuilder csv = new StringBuilder("interaction_id,survey_id,sent_at,score\n");
        for (int i = 0; i < 100; i++) {
            csv.append(String.format("interaction-%016d,s,2025-03-14T09:00:00Z,%d\n", i, 1 + i % 5));
        }
        CsvReport read = withFile(csv.toString(), file -> CsvReportReader.of(five()).threads(1).read(file, rejected::add));
        assertThat(List.of(read.rows(), read.accepted(), read.duplicates())).containsExactly(100L, 100L, 0L);
        assertThat(counts(read.report().overall())).containsExactly(100L, 0L, 0L, 0L, 20L, 20L, 20L, 20L, 20L);
    }

    @Test
    void manyLowScoresInOneStretchAreAllCandidates() {
        ReportSpec spec = ReportSpec.builder(RatingScales.fivePoint()).lowScores(2).lowScoreLimit(100).build();
        List<String> rows = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            rows.add(row("c" + i, "score", "1", "sent_at", String.format("2025-03-14T09:00:%02dZ", i), "responded_at", ""));
        }
        Report report = read(spec, rows.toArray(String[]::new)).report();
        assertThat(report.lowScores()).hasSize(30);
        assertThat(report.lowScores().get(0).interactionId()).isEqualTo("c29");
        assertThat(report.lowScores().get(29).interactionId()).isEqualTo("c0");
    }
    @Test
    void aRowAtTheVeryInstantAZoneChangesItsOffsetTakesTheNewOne() {
        // Santiago leaves summer time at 2025-04-06T03:00Z, local midnight: 02:59:59Z is 23:59:59 at
        // -03:00 and 03:00Z is 23:00 at -04:00, both on 5 April (the old offset would make it the 6th);
        // 04:00Z is midnight at -04:00, the 6th.
        ReportSpec spec = ReportSpec.builder(RatingScales.fivePoint()).period(Period.DAY)
                .zone(ZoneId.of("America/Santiago")).minimumSample(1).build();
        CsvReport read = read(spec,
                row("c1", "sent_at", "2025-04-06T02:59:59Z", "responded_at", ""),
                row("c2", "sent_at", "2025-04-06T03:00:00Z", "responded_at", ""),
                row("c3", "sent_at", "2025-04-06T04:00:00Z", "responded_at", ""));
        assertThat(read.report().trend()).extracting(p -> p.period() + "=" + p.tally().sent())
                .containsExactly("2025-04-05=2", "2025-04-06=1");
    }

    @Test
    void rowsOfTwoFurtherQuestionsOfOneSurveyAreTwoKeysAndALateOneIsLate() {
        ReportSpec spec = ReportSpec.builder(RatingScales.fivePoint()).question("effort", RatingScales.threeFaces())
                .question("speed", RatingScales.threeFaces()).minimumSample(1).build();
        CsvReport read = read(spec,
                row("c1", "question_id", "effort", "score", "3"),
                row("c1", "question_id", "speed", "score", "2"),
                row("c2", "question_id", "effort", "score", "1", "late", "true"),
                row("c3", "question_id", "effort", "score", "", "invalid", "true"));
        assertThat(List.of(read.rows(), read.accepted(), read.duplicates())).containsExactly(4L, 4L, 0L);
        // sent, unanswered, invalid, late, then the counts of 1, 2 and 3.
        assertThat(counts(read.report().questions().get("effort"))).containsExactly(3L, 0L, 1L, 1L, 0L, 0L, 1L);
        assertThat(counts(read.report().questions().get("speed"))).containsExactly(1L, 0L, 0L, 0L, 0L, 1L, 0L);
    }
    @Test
    void theNewestLowScoreIsTheLatestReplyNotTheLatestSurvey() {
        ReportSpec spec = ReportSpec.builder(RatingScales.fivePoint()).lowScores(2).lowScoreLimit(1).build();
        // c1 was sent first and answered last.
        CsvReport read = read(spec,
                row("c1", "score", "1", "sent_at", "2025-03-14T09:00:00Z", "responded_at", "2025-03-14T09:10:00Z"),
                row("c2", "score", "1", "sent_at", "2025-03-14T09:05:00Z", "responded_at", "2025-03-14T09:06:00Z"));
        assertThat(read.report().lowScores()).extracting(SurveyResponse::interactionId).containsExactly("c1");
        assertThat(read.report().lowScoresOmitted()).isEqualTo(1);
    }

    @Test
    void aFurtherQuestionsSegmentLeftEmptyByADuplicateIsNoSegment() {
        ReportSpec spec = ReportSpec.builder(RatingScales.fivePoint()).question("effort", RatingScales.threeFaces())
                .by(Dimension.QUESTION, Dimension.AGENT).minimumSample(1).build();
        CsvReport read = read(spec,
                row("c1", "question_id", "effort", "agent", "ann", "score", "3"),
                row("c1", "question_id", "effort", "agent", "bob", "score", "2"));
        assertThat(read.duplicates()).isEqualTo(1);
        assertThat(read.report().segments()).extracting(s -> s.key().get(Dimension.QUESTION) + "/"
                + s.key().get(Dimension.AGENT) + "=" + s.tally().sent()).containsExactly("effort/bob=1");
    }
    @Test
    void aRowCutShortNamesTheColumnsEitherSideOfTheCutByHeaderOrPlace() {
        String csv = "interaction_id,survey_id,note,sent_at,score\n" + "c1,post-call\n" + "c2\n"
                + "c3,post-call,x,2025-03-14T09:00:00Z,4\n";
        CsvReport read = withFile(csv, file -> CsvReportReader.of(five()).threads(1).read(file, rejected::add));
        assertThat(List.of(read.rows(), read.accepted(), read.rejected())).containsExactly(3L, 1L, 2L);
        assertThat(messages()).containsExactly(
                "line 2: row = 2 cells: must have 5 cells, one per column of the header; it ends after survey_id,"
                        + " before column 3",
                "line 3: row = 1 cell: must have 5 cells, one per column of the header; it ends after interaction_id,"
                        + " before survey_id");
    }

    @Test
    void aBadQuestionIdIsTheOnlyProblemNamedNotItsScore() {
        CsvReport read = read(five(), row("c1", "question_id", "Bad!", "score", "9"));
        assertThat(read.rejected()).isEqualTo(1);
        assertThat(messages()).containsExactly("line 2: question_id = \"Bad!\": must be 1-32 lower-case letters,"
                + " digits, '_' or '-', starting with a letter");
    }

    @Test
    void edgeSpacesOfTheSurveyIdLeaveTheSameSurveyKey() {
        CsvReport read = read(five(),
                row("c1", "survey_id", " post-call", "score", "1"),
                row("c1", "survey_id", "post-call ", "score", "2"),
                row("c1", "score", "5"));
        assertThat(List.of(read.rows(), read.accepted(), read.duplicates())).containsExactly(3L, 3L, 2L);
        assertThat(counts(read.report().overall())).containsExactly(1L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 1L);
    }

    @Test
    void aTimeWhoseOffsetTakesItPast9999IsRejected() {
        // 23:30 at -01:00 on the last day of 9999 is 00:30 UTC in the year 10000.
        CsvReport read = read(five(),
                row("c1", "sent_at", "9999-12-31T23:30:00-01:00", "responded_at", ""),
                row("c2", "sent_at", "9999-12-31T22:00:00Z", "responded_at", "9999-12-31T23:30:00-01:00"),
                row("c3", "sent_at", "9999-12-31T22:00:00Z", "responded_at", "9999-12-31T22:30:00-01:00"));
        assertThat(List.of(read.rows(), read.accepted(), read.rejected())).containsExactly(3L, 1L, 2L);
        assertThat(messages()).containsExactly(
                "line 2: sent_at = \"9999-12-31T23:30:00-01:00\": must be in the years 1900 to 9999",
                "line 3: responded_at = \"9999-12-31T23:30:00-01:00\": must be in the years 1900 to 9999");
    }

    @Test
    void aScoreWithACharacterJustPastNineOrAThirdDigitIsNoValueOfZeroToTen() {
        ReportSpec spec = ReportSpec.builder(RatingScales.zeroToTen()).minimumSample(1).build();
        // ':' follows '9': read as a digit it would be 10; "100" cut to two digits would be 10 too.
        CsvReport read = read(spec, row("c1", "score", ":"), row("c2", "score", "0:"), row("c3", "score", "100"),
                row("c4", "score", "10"));
        assertThat(List.of(read.rows(), read.accepted(), read.rejected())).containsExactly(4L, 1L, 3L);
        assertThat(read.report().overall().count(10)).isEqualTo(1);
        assertThat(messages()).containsExactly(
                "line 2: score = \":\": must be a whole number",
                "line 3: score = \"0:\": must be a whole number",
                "line 4: score = \"100\": must be a value of scale zero-ten, 0 to 10");
    }

    @Test
    void aScaleInTensReadsItsValuesAndNothingBetweenThem() {
        RatingScale.Builder b = RatingScale.builder("tens");
        for (int v = 0; v <= 100; v += 10) {
            b.point(ScalePoint.of(v, v >= 80 ? Polarity.POSITIVE : v <= 20 ? Polarity.NEGATIVE : Polarity.NEUTRAL));
        }
        ReportSpec spec = ReportSpec.builder(b.build()).minimumSample(1).build();
        // 15 lies between two values; ":0" would be 100 with ':' read as a tenth digit.
        CsvReport read = read(spec, row("c1", "score", "50"), row("c2", "score", "100"), row("c3", "score", "0"),
                row("c4", "score", "15"), row("c5", "score", ":0"));
        assertThat(List.of(read.rows(), read.accepted(), read.rejected())).containsExactly(5L, 3L, 2L);
        Tally t = read.report().overall();
        assertThat(List.of(t.count(0), t.count(10), t.count(50), t.count(100), t.unanswered()))
                .containsExactly(1L, 0L, 1L, 1L, 0L);
        assertThat(messages()).containsExactly(
                "line 5: score = \"15\": must be a value of scale tens, 0 to 100",
                "line 6: score = \":0\": must be a whole number");
    }

    @Test
    void aScaleBelowZeroReadsItsDigitsFastAndItsSignedValuesByTheRules() {
        ReportSpec spec = ReportSpec.builder(RatingScale.builder("signed").numeric(-2, 2).build()).minimumSample(1)
                .build();
        CsvReport read = read(spec, row("c1", "score", "2"), row("c2", "score", "0"), row("c3", "score", "-2"),
                row("c4", "score", "3"));
        assertThat(List.of(read.rows(), read.accepted(), read.rejected())).containsExactly(4L, 3L, 1L);
        Tally t = read.report().overall();
        assertThat(List.of(t.count(-2), t.count(0), t.count(2))).containsExactly(1L, 1L, 1L);
        assertThat(messages()).containsExactly("line 5: score = \"3\": must be a value of scale signed, -2 to 2");
    }

    @Test
    void byLocaleALocaleIsItsTagWhicheverTagCameBefore() {
        ReportSpec spec = ReportSpec.builder(RatingScales.fivePoint()).by(Dimension.LOCALE).minimumSample(1).build();
        // Each tag after one that shares its first bytes, or its length, or eight bytes but the last.
        CsvReport read = read(spec,
                row("c1", "locale", "en-gb"),
                row("c2", "locale", "en-GB"),
                row("c3", "locale", "sv-SE"),
                row("c4", "locale", "sv"),
                row("c5", "locale", "zh-Hant-TW"),
                row("c6", "locale", "zh-Hant-HK"),
                row("c7", "locale", "yue-Hant"),
                row("c8", "locale", "yue-Hans"));
        assertThat(read.report().segments()).extracting(s -> s.key().get(Dimension.LOCALE) + "=" + s.tally().sent())
                .containsExactly("en-GB=2", "sv=1", "sv-SE=1", "yue-Hans=1", "yue-Hant=1", "zh-Hant-HK=1",
                        "zh-Hant-TW=1");
    }

    @Test
    void byQuestionAnEmptyQuestionCellIsThePrimaryQuestion() {
        ReportSpec spec = ReportSpec.builder(RatingScales.fivePoint()).by(Dimension.QUESTION).minimumSample(1).build();
        CsvReport read = read(spec, row("c1", "question_id", ""), row("c2", "question_id", "csat"));
        assertThat(read.report().segments()).extracting(s -> s.key().get(Dimension.QUESTION) + "=" + s.tally().sent())
                .containsExactly("csat=2");
    }

    @Test
    void aFurtherQuestionAnsweredInTwoSurveysOfOneInteractionIsTwoRows() {
        ReportSpec spec = ReportSpec.builder(RatingScales.fivePoint()).question("effort", RatingScales.threeFaces())
                .minimumSample(1).build();
        // The two survey ids differ in their last byte but one.
        CsvReport read = read(spec,
                row("c1", "question_id", "effort", "score", "3"),
                row("c1", "survey_id", "post-caml", "question_id", "effort", "score", "1"));
        assertThat(List.of(read.rows(), read.accepted(), read.duplicates())).containsExactly(2L, 2L, 0L);
        assertThat(counts(read.report().questions().get("effort"))).containsExactly(2L, 0L, 0L, 0L, 1L, 0L, 1L);
    }

    @Test
    void seventySegmentsOfTwoDimensionsSeenTwiceAreEachCountedTwice() {
        ReportSpec spec = ReportSpec.builder(RatingScales.fivePoint()).by(Dimension.AGENT, Dimension.TEAM)
                .minimumSample(1).build();
        List<String> rows = new ArrayList<>();
        // More segments than a thread's first table of 64 holds, each of them again after it has grown.
        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < 70; i++) {
                rows.add(row("r" + round + "c" + i, "agent", "agent-" + i, "team", "team-" + i % 3,
                        "score", String.valueOf(1 + i % 5)));
            }
        }
        Report report = read(spec, rows.toArray(String[]::new)).report();
        assertThat(report.segments()).hasSize(70);
        assertThat(report.segments()).allSatisfy(s -> {
            int i = Integer.parseInt(s.key().get(Dimension.AGENT).substring("agent-".length()));
            assertThat(s.key().get(Dimension.TEAM)).isEqualTo("team-" + i % 3);
            assertThat(s.tally().sent()).isEqualTo(2);
            assertThat(s.tally().count(1 + i % 5)).isEqualTo(2);
        });
    }

    @Test
    void aSegmentWhoseFirstSlotHoldsSegmentZeroIsASegmentOfItsOwn() {
        ReportSpec spec = ReportSpec.builder(RatingScales.fivePoint()).by(Dimension.AGENT, Dimension.TEAM)
                .minimumSample(1).build();
        // The values are numbered as first met, after the primary question's id (0) and (none) (1):
        // a 2, b 3, c 4 ... g 8. In a thread's first table of 64, (g, a) = (8, 2) hashes to the slot
        // of (a, b) = (2, 3), which holds segment number 0, and must look past it.
        CsvReport read = read(spec,
                row("c1", "agent", "a", "team", "b", "score", "1"),
                row("c2", "agent", "c", "team", "d", "score", "2"),
                row("c3", "agent", "e", "team", "f", "score", "3"),
                row("c4", "agent", "g", "team", "a", "score", "5"));
        assertThat(read.report().segments()).extracting(s -> s.key().get(Dimension.AGENT) + "/"
                + s.key().get(Dimension.TEAM) + "=" + counts(s.tally()))
                .containsExactly("a/b=[1, 0, 0, 0, 1, 0, 0, 0, 0]", "c/d=[1, 0, 0, 0, 0, 1, 0, 0, 0]",
                        "e/f=[1, 0, 0, 0, 0, 0, 1, 0, 0]", "g/a=[1, 0, 0, 0, 0, 0, 0, 0, 1]");
    }

    @Test
    void theSegmentOfTheValuesNumberedZeroIsNotTakenForTheSegmentInItsFirstSlot() {
        ReportSpec spec = ReportSpec.builder(RatingScales.fivePoint()).by(Dimension.AGENT, Dimension.TEAM)
                .minimumSample(1).build();
        // p0 and q are numbered 2 and 3, p1 to p32 4 to 35. (p30, q) = (33, 3) hashes to slot 0, as
        // (csat, csat) = (0, 0) does, both in a thread's first table of 64 and in the table of 128
        // that the 33rd segment makes it grow into; a key of zeros must not match an empty key.
        List<String> rows = new ArrayList<>();
        for (int k = 0; k <= 32; k++) {
            rows.add(row("c" + k, "agent", "p" + k, "team", "q", "score", "4"));
        }
        rows.add(row("c33", "agent", "csat", "team", "csat", "score", "1"));
        Report report = read(spec, rows.toArray(String[]::new)).report();
        assertThat(report.segments()).hasSize(34);
        assertThat(report.segments()).filteredOn(s -> List.of("csat", "p30").contains(s.key().get(Dimension.AGENT)))
                .extracting(s -> s.key().get(Dimension.AGENT) + "/" + s.key().get(Dimension.TEAM) + "=" + counts(s.tally()))
                .containsExactly("csat/csat=[1, 0, 0, 0, 1, 0, 0, 0, 0]", "p30/q=[1, 0, 0, 0, 0, 0, 0, 1, 0]");
    }

    @Test
    void aSegmentMetAgainAfterItsThreadsTableGrewKeepsItsNumber() {
        ReportSpec spec = ReportSpec.builder(RatingScales.fivePoint()).by(Dimension.AGENT, Dimension.TEAM)
                .minimumSample(1).build();
        // Agent/team pairs: 33 segments, the last of which makes a thread's table of 64 grow to
        // 128, then a16/t7 again. In this order a segment moved to a wrong place in the grown
        // table would be met by that last row's lookup.
        String pairs = "0/0 1/1 2/2 3/3 4/4 5/5 6/1 7/6 8/2 9/5 10/6 11/2 12/6 13/7 14/5 15/0 16/7 17/1 18/5 19/4"
                + " 20/3 21/3 22/1 4/7 23/0 24/7 25/6 8/5 7/4 12/0 23/2 19/3 5/0 16/7";
        List<String> rows = new ArrayList<>();
        for (String pair : pairs.split(" ")) {
            String[] at = pair.split("/");
            rows.add(row("c" + rows.size(), "agent", "a" + at[0], "team", "t" + at[1]));
        }
        Report report = read(spec, rows.toArray(String[]::new)).report();
        assertThat(report.segments()).hasSize(33);
        assertThat(report.segments()).filteredOn(s -> s.tally().sent() != 1)
                .extracting(s -> s.key().get(Dimension.AGENT) + "/" + s.key().get(Dimension.TEAM) + "=" + s.tally().sent())
                .containsExactly("a16/t7=2");
    }

    @Test
    void aStretchOfRowsShorterThanAThirdOfItsEstimateHoldsThemAll() {
        // Rows of 29 bytes where a stretch is sized for rows of 64: its arrays grow twice.
        StringBuilder csv = new StringBuilder("interaction_id,survey_id,sent_at,score\n");
        for (int i = 0; i < 200; i++) {
            csv.append(String.format("i%03d,s,2025-03-14T09:00:00Z,%d\n", i, 1 + i % 5));
        }
        CsvReport read = withFile(csv.toString(), file -> CsvReportReader.of(five()).threads(1).read(file, rejected::add));
        assertThat(List.of(read.rows(), read.accepted(), read.duplicates())).containsExactly(200L, 200L, 0L);
        assertThat(counts(read.report().overall())).containsExactly(200L, 0L, 0L, 0L, 40L, 40L, 40L, 40L, 40L);
    }
}
