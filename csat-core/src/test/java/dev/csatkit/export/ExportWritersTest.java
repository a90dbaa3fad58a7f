package dev.csatkit.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.csatkit.scale.RatingScales;
import dev.csatkit.score.CustomerHealth;
import dev.csatkit.score.Dimension;
import dev.csatkit.score.Period;
import dev.csatkit.score.Report;
import dev.csatkit.score.ReportSpec;
import dev.csatkit.score.SurveyResponse;
import dev.csatkit.store.LowScoreReview;
import dev.csatkit.store.ReviewNotes;
import dev.csatkit.store.ReviewStatus;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/**
 * The writers' output pinned character by character for small inputs: every kind of cell, the
 * optional blocks a report or a response has only sometimes, and a writer that fails.
 */
class ExportWritersTest {

    private static final Instant T = Instant.parse("2025-03-14T09:00:00Z");

    /** A writer that refuses every write, as a full disk does. */
    private static final class FailingWriter extends Writer {
        @Override
        public void write(char[] cbuf, int off, int len) throws java.io.IOException {
            throw new java.io.IOException("disk full");
        }

        @Override
        public void flush() throws java.io.IOException {
            throw new java.io.IOException("disk full");
        }

        @Override
        public void close() {
        }
    }

    @Test
    void aTableWritesEveryKindOfCellItsOwnWay() {
        Table table = new Table("t", List.of("text", "count", "percent", "decimal", "yes", "no", "empty", "formula"),
                List.of(List.of(Cell.text("a, b"), new Cell.Count(-3), new Cell.Percent(0.000012),
                        new Cell.Decimal(2.5), new Cell.Flag(true), new Cell.Flag(false), Cell.EMPTY,
                        Cell.text("=1+2"))));
        StringWriter out = new StringWriter();
        CsvExport.writeTable(table, out);
        assertThat(out.toString()).isEqualTo("text,count,percent,decimal,yes,no,empty,formula\n"
                + "\"a, b\",-3,0.000012,2.5,true,false,,'=1+2\n");
    }

    @Test
    void cellsAreTypedAndAbsentFiguresEmpty() {
        assertThat(Cell.percent(OptionalDouble.of(12.5))).isEqualTo(new Cell.Percent(12.5));
        assertThat(Cell.percent(OptionalDouble.empty())).isEqualTo(Cell.EMPTY);
        assertThat(Cell.decimal(OptionalDouble.of(4.25))).isEqualTo(new Cell.Decimal(4.25));
        assertThat(Cell.decimal(OptionalDouble.empty())).isEqualTo(Cell.EMPTY);
        assertThatThrownBy(() -> Cell.text(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void onlyTheFormulaCharactersAreRisky() {
        for (String risky : List.of("=", "+", "-", "@", "\t", "\r")) {
            assertThat(FormulaGuard.isRisky(risky + "x")).as(risky).isTrue();
        }
        for (String safe : List.of("", "x=", "1", " =1", "'x", "\nx", "#x")) {
            assertThat(FormulaGuard.isRisky(safe)).as(safe).isFalse();
        }
        assertThat(FormulaGuard.restore("x'")).isEqualTo("x'");
        assertThat(FormulaGuard.restore("''x")).isEqualTo("'x");
    }

    @Test
    void responsesWithAnswersWriteARowPerQuestion() {
        SurveyResponse r = SurveyResponse.builder("c1", "post-call", T).agent("ann").channel("sms")
                .rating(4, T.plusSeconds(60)).comment("fine").answer("effort", 2, T.plusSeconds(90)).build();
        StringWriter out = new StringWriter();
        assertThat(CsvExport.writeResponses(List.of(r).iterator(), out)).isEqualTo(1);
        assertThat(out.toString().lines().toList()).containsExactly(String.join(",", ReportTables.RESPONSE_COLUMNS),
                "c1,post-call,sms,ann,,,,,2025-03-14T09:00:00Z,2025-03-14T09:01:00Z,4,fine,false,false,csat,,,,",
                "c1,post-call,sms,ann,,,,,2025-03-14T09:00:00Z,2025-03-14T09:01:30Z,2,,false,false,effort,,,,");
    }

    @Test
    void aJsonReportOfSeveralQuestionsHasAQuestionsBlockAndAnswers() throws Exception {
        List<SurveyResponse> all = List.of(
                SurveyResponse.builder("c1", "post-call", T).rating(5, T.plusSeconds(60))
                        .answer("effort", 3, T.plusSeconds(90)).build(),
                SurveyResponse.builder("c2", "post-call", T).rating(1, T.plusSeconds(60)).build());
        ReportSpec spec = ReportSpec.builder(RatingScales.fivePoint()).question("effort", RatingScales.threeFaces())
                .minimumSample(1).lowScores(2).build();
        StringWriter out = new StringWriter();
        JsonExport.writeReport(Report.of(spec, all), out);
        JsonNode json = new ObjectMapper().readTree(out.toString());
        assertThat(json.get("scale").asText()).isEqualTo("five");
        assertThat(json.get("dimensions")).isEmpty();
        assertThat(json.get("period").isNull()).isTrue();
        assertThat(json.get("zone").asText()).isEqualTo("Z");
        assertThat(json.get("minimum_sample").asInt()).isEqualTo(1);
        JsonNode questions = json.get("questions");
        assertThat(questions.fieldNames()).toIterable().containsExactly("csat", "effort");
        assertThat(questions.get("csat").get("scale").asText()).isEqualTo("five");
        assertThat(questions.get("csat").get("sent").asLong()).isEqualTo(2);
        assertThat(questions.get("effort").get("scale").asText()).isEqualTo("three");
        assertThat(questions.get("effort").get("responses").asLong()).isEqualTo(1);
        assertThat(questions.get("effort").get("distribution").get("3").asLong()).isEqualTo(1);
        assertThat(json.get("segments")).isEmpty();
        assertThat(json.get("trend")).isEmpty();
        assertThat(json.get("low_scores")).hasSize(1);
        assertThat(json.get("low_scores").get(0).get("interaction_id").asText()).isEqualTo("c2");
        assertThat(json.get("low_scores").get(0).has("answers")).isFalse();
        assertThat(json.get("low_scores_omitted").asLong()).isZero();

        StringWriter responses = new StringWriter();
        assertThat(JsonExport.writeResponses(all.iterator(), responses)).isEqualTo(2);
        JsonNode first = new ObjectMapper().readTree(responses.toString()).get(0);
        assertThat(first.get("score").asInt()).isEqualTo(5);
        assertThat(first.get("invalid").asBoolean()).isFalse();
        assertThat(first.get("comment").isNull()).isTrue();
        assertThat(first.get("answers").toString())
                .isEqualTo("[{\"question_id\":\"effort\",\"score\":3,\"responded_at\":\"2025-03-14T09:01:30Z\"}]");
    }

    @Test
    void aOneQuestionJsonReportHasNoQuestionsBlock() throws Exception {
        StringWriter out = new StringWriter();
        JsonExport.writeReport(Report.of(ReportSpec.builder(RatingScales.fivePoint()).build(),
                List.of(SurveyResponse.builder("c1", "s", T).rating(4, T).build())), out);
        JsonNode json = new ObjectMapper().readTree(out.toString());
        assertThat(json.has("questions")).isFalse();
        assertThat(json.get("overall").get("sent").asLong()).isEqualTo(1);
    }

    @Test
    void healthValuesWriteTheirRatingsAndNullsWhereThereIsNoData() {
        CustomerHealth full = new CustomerHealth("ck-1", T, T.plusSeconds(86_400),
                List.of(new CustomerHealth.Rating(2, T.plusSeconds(60), "i2"), new CustomerHealth.Rating(5, T, "i1")),
                2, OptionalDouble.of(50.0), OptionalDouble.of(0.0), OptionalDouble.of(100.0), OptionalDouble.of(0.0),
                OptionalDouble.of(-100.0), Optional.of(T.plusSeconds(60)), Optional.of(Duration.ofSeconds(86_340)));
        CustomerHealth bare = new CustomerHealth("ck-2", T, T.plusSeconds(86_400), List.of(), 0,
                OptionalDouble.empty(), OptionalDouble.empty(), OptionalDouble.empty(), OptionalDouble.empty(),
                OptionalDouble.empty(), Optional.empty(), Optional.empty());
        StringWriter out = new StringWriter();
        assertThat(HealthExport.writeJson(List.of(full, bare).iterator(), out)).isEqualTo(2);
        assertThat(out.toString()).isEqualTo("[{\"contact_key\":\"ck-1\",\"from\":\"2025-03-14T09:00:00Z\","
                + "\"to\":\"2025-03-15T09:00:00Z\",\"last_ratings\":[{\"score\":2,\"at\":\"2025-03-14T09:01:00Z\","
                + "\"interaction_id\":\"i2\"},{\"score\":5,\"at\":\"2025-03-14T09:00:00Z\",\"interaction_id\":\"i1\"}],"
                + "\"ratings\":2,\"csat\":50.0,\"net_csat\":0.0,\"earlier_csat\":100.0,\"later_csat\":0.0,"
                + "\"trend\":-100.0,\"last_low_score_at\":\"2025-03-14T09:01:00Z\",\"seconds_since_last_low_score\":86340},"
                + "{\"contact_key\":\"ck-2\",\"from\":\"2025-03-14T09:00:00Z\",\"to\":\"2025-03-15T09:00:00Z\","
                + "\"last_ratings\":[],\"ratings\":0,\"csat\":null,\"net_csat\":null,\"earlier_csat\":null,"
                + "\"later_csat\":null,\"trend\":null,\"last_low_score_at\":null,\"seconds_since_last_low_score\":null}]");
    }

    @Test
    void reviewsWriteEveryColumnAndEmptyCellsForWhatIsAbsent() {
        LowScoreReview resolved = LowScoreReview.builder("k1", "post-call", "c1", "ct-1", 1, T)
                .credit(Optional.of("a-1"), Optional.of("blue")).version(3).status(ReviewStatus.RESOLVED)
                .changedAt(T.plusSeconds(300)).reviewer("qa-lena", T.plusSeconds(60)).resolvedAt(T.plusSeconds(300))
                .notes(new ReviewNotes("=cause", Optional.of("called back, twice"), Optional.of("training")))
                .reopened(1, "-again").build();
        LowScoreReview open = LowScoreReview.builder("k2", "post-call", "c2", "ct-2", 2, T).build();
        assertThat(ReviewExport.row(open)).containsExactly("k2", "post-call", "c2", "ct-2", "", "", "2", "OPEN",
                "2025-03-14T09:00:00Z", "", "", "", "", "", "", "0", "", "2025-03-14T09:00:00Z", "0");
        StringWriter out = new StringWriter();
        assertThat(ReviewExport.writeCsv(List.of(resolved, open).iterator(), out)).isEqualTo(2);
        assertThat(out.toString().lines().toList()).containsExactly(String.join(",", ReviewExport.COLUMNS),
                "k1,post-call,c1,ct-1,a-1,blue,1,RESOLVED,2025-03-14T09:00:00Z,qa-lena,2025-03-14T09:01:00Z,"
                        + "2025-03-14T09:05:00Z,'=cause,\"called back, twice\",training,1,'-again,2025-03-14T09:05:00Z,3",
                "k2,post-call,c2,ct-2,,,2,OPEN,2025-03-14T09:00:00Z,,,,,,,0,,2025-03-14T09:00:00Z,0");
    }

    @Test
    void aJsonReportByAgentAndDayNamesBothAndBlocksEachDay() throws Exception {
        List<SurveyResponse> all = List.of(
                SurveyResponse.builder("c1", "s", T).agent("ann").rating(5, T).build(),
                SurveyResponse.builder("c2", "s", T.plusSeconds(86_400)).agent("bob").rating(2, T.plusSeconds(86_400))
                        .build(),
                SurveyResponse.builder("c3", "s", T.plusSeconds(86_400)).agent("bob").build());
        ReportSpec spec = ReportSpec.builder(RatingScales.fivePoint()).by(Dimension.AGENT).period(Period.DAY)
                .minimumSample(1).build();
        StringWriter out = new StringWriter();
        JsonExport.writeReport(Report.of(spec, all), out);
        JsonNode json = new ObjectMapper().readTree(out.toString());
        assertThat(json.get("dimensions").toString()).isEqualTo("[\"agent\",\"period\"]");
        assertThat(json.get("period").asText()).isEqualTo("day");
        JsonNode trend = json.get("trend");
        assertThat(trend).hasSize(2);
        assertThat(trend.get(1).get("period").asText()).isEqualTo("2025-03-15");
        assertThat(trend.get(1).get("start").asText()).isEqualTo("2025-03-15");
        assertThat(trend.get(1).get("sent").asLong()).isEqualTo(2);
        assertThat(trend.get(1).get("unanswered").asLong()).isEqualTo(1);
        assertThat(trend.get(1).get("distribution").get("2").asLong()).isEqualTo(1);
        assertThat(trend.get(0).get("distribution").get("5").asLong()).isEqualTo(1);
    }

    @Test
    void theQuestionsTableHasARowPerQuestionOnItsOwnScale() {
        List<SurveyResponse> all = List.of(
                SurveyResponse.builder("c1", "post-call", T).rating(5, T.plusSeconds(60))
                        .answer("effort", 3, T.plusSeconds(90)).build(),
                SurveyResponse.builder("c2", "post-call", T).rating(1, T.plusSeconds(60)).build());
        ReportSpec spec = ReportSpec.builder(RatingScales.fivePoint()).question("effort", RatingScales.threeFaces())
                .minimumSample(1).build();
        Table table = ReportTables.questions(Report.of(spec, all));
        List<String> columns = table.columns();
        assertThat(columns.subList(0, 3)).containsExactly("question", "scale", "sent");
        assertThat(columns.subList(columns.size() - 5, columns.size()))
                .containsExactly("score_1", "score_2", "score_3", "score_4", "score_5");
        assertThat(table.rows()).hasSize(2);
        List<Cell> csat = table.rows().get(0);
        assertThat(csat.subList(0, 2)).containsExactly(Cell.text("csat"), Cell.text("five"));
        assertThat(csat.subList(csat.size() - 5, csat.size())).containsExactly(new Cell.Count(1), new Cell.Count(0),
                new Cell.Count(0), new Cell.Count(0), new Cell.Count(1));
        List<Cell> effort = table.rows().get(1);
        assertThat(effort.subList(0, 2)).containsExactly(Cell.text("effort"), Cell.text("three"));
        // The three-point scale has no 4 or 5: those cells are empty, not 0.
        assertThat(effort.subList(effort.size() - 5, effort.size())).containsExactly(new Cell.Count(0),
                new Cell.Count(0), new Cell.Count(1), Cell.EMPTY, Cell.EMPTY);
        assertThat(effort).hasSameSizeAs(columns);
    }

    @Test
    void theSummaryHasAColumnPerValueOfTheQuestionsItShows() {
        // The primary question on three points, a further one on five.
        List<SurveyResponse> all = List.of(SurveyResponse.builder("c1", "post-call", T).rating(3, T.plusSeconds(60))
                .answer("effort", 5, T.plusSeconds(90)).build());
        ReportSpec.Builder spec = ReportSpec.builder(RatingScales.threeFaces()).question("effort", RatingScales.fivePoint())
                .minimumSample(1);
        List<String> overall = ReportTables.summary(Report.of(spec.build(), all)).columns();
        assertThat(overall.get(overall.size() - 1)).isEqualTo("score_3");
        List<String> byQuestion = ReportTables.summary(Report.of(spec.by(Dimension.QUESTION).build(), all)).columns();
        assertThat(byQuestion.get(byQuestion.size() - 1)).isEqualTo("score_5");
    }

    @Test
    void aWriterThatFailsIsReportedUnchecked() {
        SurveyResponse r = SurveyResponse.builder("c1", "s", T).build();
        Report report = Report.of(ReportSpec.builder(RatingScales.fivePoint()).build(), List.of(r));
        assertThatThrownBy(() -> CsvExport.writeReport(report, new FailingWriter()))
                .isInstanceOf(UncheckedIOException.class).hasMessage("could not write CSV");
        assertThatThrownBy(() -> CsvExport.writeResponses(List.of(r).iterator(), new FailingWriter()))
                .isInstanceOf(UncheckedIOException.class).hasMessage("could not write CSV");
        assertThatThrownBy(() -> JsonExport.writeReport(report, new FailingWriter()))
                .isInstanceOf(UncheckedIOException.class).hasMessage("could not write JSON");
        assertThatThrownBy(() -> JsonExport.writeResponses(List.of(r).iterator(), new FailingWriter()))
                .isInstanceOf(UncheckedIOException.class).hasMessage("could not write JSON");
        assertThatThrownBy(() -> HealthExport.writeJson(List.<CustomerHealth>of().iterator(), new FailingWriter()))
                .isInstanceOf(UncheckedIOException.class).hasMessage("could not write JSON");
        assertThatThrownBy(() -> ReviewExport.writeCsv(List.<LowScoreReview>of().iterator(), new FailingWriter()))
                .isInstanceOf(UncheckedIOException.class).hasMessage("could not write CSV");
    }
}
