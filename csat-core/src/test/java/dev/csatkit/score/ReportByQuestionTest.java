package dev.csatkit.score;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.csatkit.InvalidConfigurationException;
import dev.csatkit.InvalidDefinitionException;
import dev.csatkit.Violation;
import dev.csatkit.export.CsvExport;
import dev.csatkit.export.CsvReport;
import dev.csatkit.export.CsvReportReader;
import dev.csatkit.export.JsonExport;
import dev.csatkit.export.ReportTables;
import dev.csatkit.export.Table;
import dev.csatkit.scale.RatingScale;
import dev.csatkit.scale.RatingScales;
import java.io.ByteArrayInputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Reports of surveys of several questions: per question, by question, the primary as the headline. */
class ReportByQuestionTest {

    static final Instant T = Instant.parse("2025-03-14T09:00:00Z");
    static final RatingScale EFFORT = RatingScales.threeFaces();

    /** CSAT 5 then effort; the agent ann gets effort answers 3, 3, 1, bob 2 and none. */
    static List<SurveyResponse> twoQuestions() {
        List<SurveyResponse> all = new ArrayList<>();
        all.add(response("i1", "ann", 5).answer("effort", 3, T.plusSeconds(90)).build());
        all.add(response("i2", "ann", 4).answer("effort", 3, T.plusSeconds(90)).build());
        all.add(response("i3", "ann", 1).answer("effort", 1, T.plusSeconds(90)).build());
        all.add(response("i4", "bob", 2).answer("effort", 2, T.plusSeconds(90)).build());
        // Stopped after the first answer: counted for the primary question only.
        all.add(response("i5", "bob", 5).build());
        all.add(SurveyResponse.builder("i6", "chat", T).agent("bob").build());
        return all;
    }

    static SurveyResponse.Builder response(String id, String agent, int score) {
        return SurveyResponse.builder(id, "chat", T).agent(agent).rating(score, T.plusSeconds(30));
    }

    static ReportSpec.Builder spec() {
        return ReportSpec.builder(RatingScales.fivePoint()).question("effort", EFFORT).minimumSample(1);
    }

    @Test
    void eachQuestionIsTalliedOnItsOwnScaleAndThePrimaryIsTheHeadline() {
        Report report = Report.of(spec().build(), twoQuestions());
        assertThat(report.questions()).containsOnlyKeys("csat", "effort");
        assertThat(report.questions().keySet()).first().isEqualTo("csat");
        assertThat(report.question("csat")).contains(report.overall());
        assertThat(report.overall().sent()).isEqualTo(6);
        assertThat(report.overall().responses()).isEqualTo(5);
        assertThat(report.overall().csat()).hasValue(60.0);
        Tally effort = report.question("effort").orElseThrow();
        assertThat(effort.scale()).isEqualTo(EFFORT);
        assertThat(effort.responses()).isEqualTo(4);
        assertThat(effort.distribution()).containsExactly(Map.entry(1, 1L), Map.entry(2, 1L), Map.entry(3, 2L));
        assertThat(effort.csat()).hasValue(50.0);
        assertThat(effort.mean()).hasValue(2.25);
        assertThat(report.question("speed")).isEmpty();
    }

    @Test
    void byQuestionEachSegmentIsComparedWithTheRestOfItsOwnQuestion() {
        Report report = Report.of(spec().by(Dimension.QUESTION, Dimension.AGENT).build(), twoQuestions());
        assertThat(report.segments()).extracting(s -> s.key().get(Dimension.QUESTION) + "/" + s.key().get(Dimension.AGENT))
                .containsExactly("csat/ann", "csat/bob", "effort/ann", "effort/bob");
        Segment effortAnn = report.segments().get(2);
        assertThat(effortAnn.tally().scale()).isEqualTo(EFFORT);
        assertThat(effortAnn.tally().csat()).hasValue(100.0 * 2 / 3);
        // ann's effort against bob's effort, never against anyone's CSAT.
        VsRest.Compared c = (VsRest.Compared) effortAnn.vsRest();
        assertThat(c.diff()).isEqualTo(100.0 * 2 / 3 - 0.0);
        assertThat(effortAnn.rank()).hasValue(1);
        // The overall figures stay the primary question's.
        assertThat(report.overall()).isEqualTo(Report.of(spec().build(), twoQuestions()).overall());
        assertThat(report.questions()).isEqualTo(Report.of(spec().build(), twoQuestions()).questions());
    }

    @Test
    void aQuestionRowOfACsvFileCountsForItsQuestionOnly() {
        SurveyResponse effortRow = SurveyResponse.builder("i1", "chat", T).question("effort").rating(2, T).build();
        Report report = Report.of(spec().lowScores(2).build(), List.of(effortRow,
                response("i1", "ann", 5).build()));
        assertThat(report.overall().responses()).isEqualTo(1);
        assertThat(report.question("effort").orElseThrow().distribution()).containsEntry(2, 1L);
        assertThat(report.lowScores()).as("low scores are the primary question's").isEmpty();
    }

    @Test
    void aQuestionNotNamedInTheSpecIsReadOnTheReportsScale() {
        SurveyResponse r = response("i1", "ann", 5).answer("speed", 4, T.plusSeconds(60)).build();
        Report report = Report.of(spec().build(), List.of(r));
        assertThat(report.question("speed").orElseThrow().scale()).isEqualTo(RatingScales.fivePoint());
        SurveyResponse off = response("i2", "ann", 5).answer("effort", 5, T.plusSeconds(60)).build();
        assertThatThrownBy(() -> Report.of(spec().build(), List.of(off))).isInstanceOf(InvalidDefinitionException.class)
                .hasMessageContaining("must be a value of scale three, 1 to 3");
    }

    @Test
    void aResponseCarriesAnswersOnlyForThePrimaryQuestionEachOnce() {
        assertThatThrownBy(() -> SurveyResponse.builder("i", "s", T).question("effort").rating(2, T)
                .answer("speed", 3, T).build()).isInstanceOfSatisfying(InvalidDefinitionException.class, e ->
                assertThat(e.violations()).extracting(Violation::toString).containsExactly("answers = \"1 answers\": "
                        + "only the primary question's response carries the answers to further questions"));
        assertThatThrownBy(() -> response("i", "ann", 5).answer("effort", 3, T).answer("effort", 2, T.minusSeconds(1))
                .build()).isInstanceOfSatisfying(InvalidDefinitionException.class, e ->
                assertThat(e.violations()).extracting(Violation::toString).containsExactly(
                        "answers[1].question = \"effort\": is answered twice; each question is answered at most once",
                        "answers[1].respondedAt = 2025-03-14T08:59:59Z: must not be before sentAt 2025-03-14T09:00:00Z"));
        assertThatThrownBy(() -> new Answer("csat", 5, T)).isInstanceOf(InvalidDefinitionException.class)
                .hasMessageContaining("is the primary question, whose rating is the response's score");
        assertThatThrownBy(() -> SurveyResponse.builder("i", "s", T).question("Effort").build())
                .isInstanceOf(InvalidDefinitionException.class).hasMessageContaining("question = \"Effort\"");
    }

    @Test
    void theSpecNamesEachFurtherQuestionOnceNeverThePrimary() {
        assertThatThrownBy(() -> ReportSpec.builder(RatingScales.fivePoint()).question("csat", EFFORT).build())
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("is the primary question, always on the report's scale five");
        assertThatThrownBy(() -> ReportSpec.builder(RatingScales.fivePoint()).question("effort", EFFORT)
                .question("effort", RatingScales.fivePoint()).build())
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("is given two scales, three and five; a question is reported on one");
    }

    // ------------------------------------------------------------------ export

    @Test
    void theCsvExportHasARowPerQuestionAndReadsBackToTheSameReport() throws Exception {
        StringWriter csv = new StringWriter();
        assertThat(CsvExport.writeResponses(twoQuestions().iterator(), csv)).isEqualTo(6);
        String[] lines = csv.toString().split("\n");
        assertThat(lines[0]).endsWith(",late,question_id,contact_key,region,brand,keys");
        assertThat(lines).hasSize(1 + 6 + 4);
        assertThat(lines[1]).startsWith("i1,chat,").endsWith(",5,,false,false,csat,,,,");
        assertThat(lines[2]).startsWith("i1,chat,").endsWith(",3,,false,false,effort,,,,");
        ReportSpec spec = spec().by(Dimension.AGENT).build();
        CsvReport read = CsvReportReader.of(spec).read(new ByteArrayInputStream(csv.toString()
                .getBytes(StandardCharsets.UTF_8)), r -> { throw new AssertionError(r.message()); });
        assertThat(read.duplicates()).isZero();
        Report expected = Report.of(spec, twoQuestions());
        assertThat(read.report().overall()).isEqualTo(expected.overall());
        assertThat(read.report().segments()).isEqualTo(expected.segments());
        assertThat(read.report().questions()).isEqualTo(expected.questions());
    }

    @Test
    void tablesAndJsonShowEveryQuestion() {
        Report report = Report.of(spec().by(Dimension.QUESTION).build(), twoQuestions());
        Table questions = ReportTables.questions(report);
        assertThat(questions.columns()).startsWith("question", "scale", "sent").endsWith("score_1", "score_2",
                "score_3", "score_4", "score_5");
        assertThat(questions.rows()).extracting(r -> r.get(0).toString()).hasSize(2);
        Table summary = ReportTables.summary(report);
        assertThat(summary.rows()).allSatisfy(row -> assertThat(row).hasSize(summary.columns().size()));

        StringWriter json = new StringWriter();
        JsonExport.writeReport(report, json);
        assertThat(json.toString()).contains("\"questions\":{\"csat\":{\"scale\":\"five\"")
                .contains("\"effort\":{\"scale\":\"three\"");
        StringWriter one = new StringWriter();
        JsonExport.writeReport(Report.of(ReportSpec.builder(RatingScales.fivePoint()).build(),
                List.of(response("i1", "ann", 5).build())), one);
        assertThat(one.toString()).doesNotContain("questions");
        StringWriter responses = new StringWriter();
        JsonExport.writeResponses(twoQuestions().iterator(), responses);
        assertThat(responses.toString()).contains("\"question_id\":\"csat\",\"contact_key\":null,\"region\":null,\"brand\":null,\"keys\":null,\"answers\":[{\"question_id\":\"effort\","
                + "\"score\":3,\"responded_at\":\"2025-03-14T09:01:30Z\"}]");
    }
}
