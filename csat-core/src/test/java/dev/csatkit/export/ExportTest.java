package dev.csatkit.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.csatkit.InvalidConfigurationException;
import dev.csatkit.scale.RatingScales;
import dev.csatkit.score.Dimension;
import dev.csatkit.score.Period;
import dev.csatkit.score.Report;
import dev.csatkit.score.ReportSpec;
import dev.csatkit.score.SurveyResponse;
import java.io.StringWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExportTest {

    private static final Instant T = Instant.parse("2025-03-14T09:00:00Z");

    private static List<SurveyResponse> sample() {
        List<SurveyResponse> all = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            all.add(SurveyResponse.builder("c" + i, "post-call", T).agent("ann").channel("sms")
                    .rating(i < 41 ? 5 : 1, T.plusSeconds(60)).build());
        }
        all.add(SurveyResponse.builder("x1", "post-call", T).agent("=HYPERLINK(\"http://evil\")").channel("sms")
                .comment("+1 bad").rating(1, T.plusSeconds(60)).build());
        all.add(SurveyResponse.builder("x2", "post-call", T).agent("bob").build());
        return all;
    }

    @Test
    void formulaCellsAreNeutralised() {
        for (String risky : List.of("=1+2", "+1", "-1", "@SUM(A1)", "\tx", "\rx")) {
            assertThat(FormulaGuard.neutralise(risky)).isEqualTo("'" + risky);
            assertThat(FormulaGuard.restore(FormulaGuard.neutralise(risky))).isEqualTo(risky);
        }
        assertThat(FormulaGuard.neutralise("ann")).isEqualTo("ann");
        assertThat(FormulaGuard.neutralise("")).isEqualTo("");
        assertThat(FormulaGuard.neutralise("'quoted")).isEqualTo("''quoted");
        assertThat(FormulaGuard.restore(FormulaGuard.neutralise("'quoted"))).isEqualTo("'quoted");
    }

    @Test
    void theReportCsvHasAnOverallRowThenSegments() {
        Report report = Report.of(ReportSpec.builder(RatingScales.fivePoint()).by(Dimension.AGENT).build(), sample());
        StringWriter out = new StringWriter();
        CsvExport.writeReport(report, out);
        List<String> lines = out.toString().lines().toList();
        assertThat(lines.get(0)).isEqualTo("row,agent,sent,responses,unanswered,invalid,late,response_rate,csat,"
                + "net_csat,mean,csat_low,csat_high,band,vs_rest_diff,vs_rest_significant,vs_rest_too_few_responses,"
                + "rank,score_1,score_2,score_3,score_4,score_5");
        assertThat(lines).hasSize(5);
        assertThat(lines.get(1)).startsWith("overall,,52,51,1,0,0,");
        assertThat(lines.get(2)).startsWith("segment,\"'=HYPERLINK(\"\"http://evil\"\")\",1,1,0,0,0,100.0,0.0,-100.0,1.0,");
        assertThat(lines.get(3)).startsWith("segment,ann,50,50,0,0,0,100.0,82.0,64.0,4.28,");
        assertThat(lines.get(3)).endsWith(",good,,false,true,,9,0,0,0,41");
        assertThat(lines.get(4)).isEqualTo("segment,bob,1,0,1,0,0,0.0,,,,,,,,false,true,,0,0,0,0,0");
        assertThat(lines.get(0).split(",", -1)).hasSameSizeAs(lines.get(3).split(",", -1));
    }

    @Test
    void numbersAreWrittenInPlainNotation() {
        assertThat(CsvExport.plain(1.2E-5)).isEqualTo("0.000012");
        assertThat(CsvExport.plain(82.0)).isEqualTo("82.0");
    }

    @Test
    void theReportJsonHasTheDocumentedShape() throws Exception {
        Report report = Report.of(ReportSpec.builder(RatingScales.fivePoint()).by(Dimension.AGENT).period(Period.DAY)
                .minimumSample(1).lowScores(2).build(), sample());
        StringWriter out = new StringWriter();
        JsonExport.writeReport(report, out);
        JsonNode json = new ObjectMapper().readTree(out.toString());
        JsonNode overall = json.get("overall");
        assertThat(overall.get("sent").asLong()).isEqualTo(52);
        assertThat(overall.get("responses").asLong()).isEqualTo(51);
        assertThat(overall.get("csat").asDouble()).isEqualTo(100.0 * 41 / 51, within(1e-12));
        assertThat(overall.get("response_rate").asDouble()).isEqualTo(100.0 * 51 / 52, within(1e-12));
        assertThat(overall.get("band").asText()).isEqualTo("good");
        assertThat(overall.get("distribution").get("5").asLong()).isEqualTo(41);
        assertThat(overall.has("csat_low")).isTrue();
        assertThat(overall.has("nps")).isFalse();
        JsonNode ann = json.get("segments").get(1);
        assertThat(ann.get("key").get("agent").asText()).isEqualTo("ann");
        assertThat(ann.get("key").get("period").asText()).isEqualTo("2025-03-14");
        assertThat(ann.get("csat").asDouble()).isEqualTo(82.0);
        assertThat(ann.get("net_csat").asDouble()).isEqualTo(64.0);
        assertThat(ann.get("vs_rest").get("significant").isBoolean()).isTrue();
        assertThat(ann.get("vs_rest").get("diff").isNumber()).isTrue();
        JsonNode bob = json.get("segments").get(2);
        assertThat(bob.get("csat").isNull()).isTrue();
        assertThat(bob.get("band").isNull()).isTrue();
        assertThat(bob.get("response_rate").asDouble()).isEqualTo(0.0);
        assertThat(bob.get("rank").isNull()).isTrue();
        assertThat(json.get("trend").get(0).get("period").asText()).isEqualTo("2025-03-14");
        assertThat(json.get("low_scores")).hasSize(10);
        // JSON is not a spreadsheet: text is kept as it is.
        assertThat(json.get("segments").get(0).get("key").get("agent").asText()).isEqualTo("=HYPERLINK(\"http://evil\")");
    }

    @Test
    void theZeroToTenReportCarriesNps() throws Exception {
        List<SurveyResponse> all = List.of(
                SurveyResponse.builder("a", "s", T).rating(10, T).build(),
                SurveyResponse.builder("b", "s", T).rating(3, T).build());
        StringWriter out = new StringWriter();
        JsonExport.writeReport(Report.of(ReportSpec.builder(RatingScales.zeroToTen()).build(), all), out);
        assertThat(new ObjectMapper().readTree(out.toString()).get("overall").get("nps").asDouble()).isEqualTo(0.0);
    }

    @Test
    void responsesStreamAsJson() throws Exception {
        StringWriter out = new StringWriter();
        assertThat(JsonExport.writeResponses(sample().iterator(), out)).isEqualTo(52);
        JsonNode json = new ObjectMapper().readTree(out.toString());
        assertThat(json).hasSize(52);
        assertThat(json.get(50).get("comment").asText()).isEqualTo("+1 bad");
        assertThat(json.get(51).get("score").isNull()).isTrue();
        assertThat(json.get(0).get("responded_at").asText()).isEqualTo("2025-03-14T09:01:00Z");
    }

    @Test
    void trendAndLowScoreTablesHaveTheirColumns() {
        Report report = Report.of(ReportSpec.builder(RatingScales.fivePoint()).period(Period.MONTH).lowScores(1)
                .build(), sample());
        Table trend = ReportTables.trend(report);
        assertThat(trend.columns()).startsWith("period", "start", "sent");
        assertThat(trend.rows()).hasSize(1);
        assertThat(trend.rows().get(0).get(0)).isEqualTo(Cell.text("2025-03"));
        Table low = ReportTables.lowScores(report);
        assertThat(low.columns()).isEqualTo(ReportTables.RESPONSE_COLUMNS);
        assertThat(low.rows()).hasSize(10);
    }

    @Test
    void aTableRowMustFitTheHeader() {
        assertThatThrownBy(() -> new Table("t", List.of("a", "b"), List.of(List.of(Cell.EMPTY))))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessage("Invalid configuration: rows[0] = \"1 cells\": must have one cell per column, 2");
    }
}
