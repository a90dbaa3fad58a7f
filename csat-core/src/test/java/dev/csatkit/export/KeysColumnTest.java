package dev.csatkit.export;

import static org.assertj.core.api.Assertions.assertThat;

import dev.csatkit.scale.RatingScales;
import dev.csatkit.score.Report;
import dev.csatkit.score.ReportSpec;
import dev.csatkit.score.SurveyResponse;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The keys a caller pressed, as a column of the response CSV and JSON, read back by both CSV readers. */
class KeysColumnTest {

    static final Instant SENT = Instant.parse("2025-03-14T09:00:00Z");
    static final Instant REPLIED = SENT.plusSeconds(20);

    static SurveyResponse.Builder call(String id) {
        return SurveyResponse.builder(id, "after-call", SENT).channel("voice_dtmf").agent("ann");
    }

    /** A rating, a key off the scale, no key at all, and keys a spreadsheet would take for formulas. */
    static List<SurveyResponse> calls() {
        return List.of(
                call("c1").rating(7, REPLIED).keys(Optional.of("7")).build(),
                call("c2").invalidReply(REPLIED).keys(Optional.of("0")).build(),
                call("c3").invalidReply(REPLIED).build(),
                call("c4").rating(1, REPLIED).keys(Optional.of("=1")).build(),
                call("c5").rating(1, REPLIED).keys(Optional.of("+1")).build(),
                call("c6").rating(9, REPLIED).keys(Optional.of("9#")).build());
    }

    static String csv(List<SurveyResponse> responses) {
        StringWriter out = new StringWriter();
        CsvExport.writeResponses(responses.iterator(), out);
        return out.toString();
    }

    static List<SurveyResponse> readBack(String csv) {
        List<SurveyResponse> back = new ArrayList<>();
        try (ResponseCsvReader reader = ResponseCsvReader.open(new StringReader(csv), RatingScales.keypadNine(),
                ZoneOffset.UTC)) {
            reader.forEachRemaining(row -> back.add(((CsvRow.Accepted) row).response()));
        }
        return back;
    }

    @Test
    void the_csv_has_a_keys_column_last_formula_safe_and_reads_back_as_written() {
        String csv = csv(calls());
        List<String> lines = csv.lines().toList();
        assertThat(lines.get(0)).endsWith(",brand,keys");
        assertThat(lines.get(1)).startsWith("c1,").endsWith(",7");
        assertThat(lines.get(2)).startsWith("c2,").contains(",,true,false,").endsWith(",0");
        assertThat(lines.get(3)).startsWith("c3,").endsWith(",true,false,csat,,,,");
        // A key a spreadsheet would run as a formula gets the same guard as every other cell.
        assertThat(lines.get(4)).endsWith(",'=1");
        assertThat(lines.get(5)).endsWith(",'+1");
        assertThat(lines.get(6)).endsWith(",9#");
        assertThat(readBack(csv)).isEqualTo(calls());
    }

    @Test
    void the_report_reader_lists_low_scores_with_their_keys() {
        ReportSpec spec = ReportSpec.builder(RatingScales.keypadNine()).lowScores(3).build();
        Report fromFile = CsvReportReader.of(spec).read(
                new ByteArrayInputStream(csv(calls()).getBytes(StandardCharsets.UTF_8)), r -> { }).report();
        assertThat(fromFile).isEqualTo(Report.of(spec, calls()));
        assertThat(fromFile.lowScores()).extracting(r -> r.keys().orElseThrow()).containsExactlyInAnyOrder("=1", "+1");
    }

    @Test
    void the_json_export_has_the_keys_and_null_for_none() {
        StringWriter json = new StringWriter();
        JsonExport.writeResponses(calls().iterator(), json);
        assertThat(json.toString()).contains("\"brand\":null,\"keys\":\"7\"}", "\"keys\":\"0\"}", "\"keys\":null}",
                "\"keys\":\"=1\"}");
    }

    @Test
    void a_file_without_the_column_still_reads_with_no_keys() {
        String csv = "interaction_id,survey_id,sent_at,responded_at,score,invalid,brand\n"
                + "c1,s,2025-03-14T09:00:00Z,2025-03-14T09:01:00Z,4,false,acme\n";
        assertThat(readBack(csv)).singleElement().satisfies(r -> {
            assertThat(r.keys()).isEmpty();
            assertThat(r.brand()).contains("acme");
        });
    }

    @Test
    void keys_longer_than_a_response_keeps_are_refused_by_both_readers_naming_the_column() {
        String csv = "interaction_id,survey_id,sent_at,responded_at,score,keys\n"
                + "c1,s,2025-03-14T09:00:00Z,2025-03-14T09:01:00Z,4," + "1".repeat(SurveyResponse.MAX_KEYS + 1) + "\n"
                + "c2,s,2025-03-14T09:00:00Z,2025-03-14T09:01:00Z,4," + "1".repeat(SurveyResponse.MAX_KEYS) + "\n";
        List<CsvRow> rows = new ArrayList<>();
        try (ResponseCsvReader reader = ResponseCsvReader.open(new StringReader(csv), RatingScales.keypadNine(),
                ZoneOffset.UTC)) {
            reader.forEachRemaining(rows::add);
        }
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0)).isInstanceOfSatisfying(CsvRow.Rejected.class, r -> assertThat(r.violations())
                .singleElement().satisfies(v -> assertThat(v.field()).isEqualTo("keys")));
        assertThat(rows.get(1)).isInstanceOf(CsvRow.Accepted.class);
        List<CsvRow.Rejected> rejected = new ArrayList<>();
        CsvReport read = CsvReportReader.of(ReportSpec.builder(RatingScales.keypadNine()).build())
                .read(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), rejected::add);
        assertThat(read.accepted()).isEqualTo(1);
        assertThat(rejected).containsExactly((CsvRow.Rejected) rows.get(0));
    }
}
