package dev.csatkit.export;

import static org.assertj.core.api.Assertions.assertThat;

import dev.csatkit.InvalidDefinitionException;
import dev.csatkit.scale.RatingScales;
import dev.csatkit.score.SurveyResponse;
import java.io.StringReader;
import java.io.StringWriter;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Parsing and export laws: the reader is total, and export then import is the identity. */
class ResponseCsvPropertiesTest {

    private static final String HEADER = "interaction_id,survey_id,sent_at,responded_at,score,agent,comment\n";

    @Provide
    Arbitrary<String> cells() {
        return Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(12),
                Arbitraries.of("", "5", "0", "2025-03-14T09:00:00Z", "2025-03-14T09:00", "\"", "\"\"", ",", "\n",
                        "=1+2", "-", "'", "\r\n", "99999999999"));
    }

    @Provide
    Arbitrary<List<String>> rows() {
        return cells().list().ofMaxSize(10);
    }

    @Provide
    Arbitrary<List<SurveyResponse>> responseLists() {
        return responses().list().ofMaxSize(12);
    }

    @Property(tries = 10000)
    void readingAnyTextNeverThrows(@ForAll("rows") List<String> cells) {
        String csv = HEADER + String.join(",", cells) + "\n" + String.join(",", cells);
        List<CsvRow> rows = new ArrayList<>();
        try (ResponseCsvReader reader = ResponseCsvReader.open(new StringReader(csv), RatingScales.fivePoint(),
                ZoneOffset.UTC)) {
            reader.forEachRemaining(rows::add);
        }
        for (CsvRow row : rows) {
            assertThat(row.line()).isPositive();
            if (row instanceof CsvRow.Rejected r) {
                assertThat(r.violations()).isNotEmpty();
            }
        }
    }

    @Property(tries = 10000)
    void aMissingHeaderIsAnError(@ForAll("cells") String text) {
        try (ResponseCsvReader reader = ResponseCsvReader.open(new StringReader(text), RatingScales.fivePoint(),
                ZoneOffset.UTC)) {
            reader.forEachRemaining(row -> { });
        } catch (InvalidDefinitionException e) {
            assertThat(e.violations()).allSatisfy(v -> assertThat(v.field()).isEqualTo("header"));
        }
    }

    @Provide
    Arbitrary<SurveyResponse> responses() {
        Arbitrary<String> text = Arbitraries.strings().ofMinLength(1).ofMaxLength(20)
                .filter(s -> !s.isBlank() && s.strip().equals(s) && !s.contains("\uFEFF"))
                // A CSV reader turns a line break inside a quoted value into \n; only \r is not kept.
                .filter(s -> !s.contains("\r"));
        Arbitrary<Long> seconds = Arbitraries.longs().between(0, 10L * 365 * 86_400);
        Arbitrary<Integer> score = Arbitraries.integers().between(0, 6);
        return Combinators.combine(text, text, seconds, score, text.injectNull(0.3), text.injectNull(0.3))
                .as((id, survey, at, s, agent, comment) -> {
                    Instant sent = Instant.ofEpochSecond(1_600_000_000L + at);
                    SurveyResponse.Builder b = SurveyResponse.builder(id, survey, sent).agent(agent).comment(comment);
                    if (s >= 1 && s <= 5) {
                        b.rating(s, sent.plusSeconds(s * 7L));
                    } else if (s == 6) {
                        b.invalidReply(sent.plusSeconds(1));
                    }
                    return b.build();
                });
    }

    @Property(tries = 10000)
    void exportThenReadIsTheIdentity(@ForAll("responseLists") List<SurveyResponse> responses) {
        StringWriter out = new StringWriter();
        CsvExport.writeResponses(responses.iterator(), out);
        List<SurveyResponse> back = new ArrayList<>();
        try (ResponseCsvReader reader = ResponseCsvReader.open(new StringReader(out.toString()),
                RatingScales.fivePoint(), ZoneOffset.UTC)) {
            reader.forEachRemaining(row -> back.add(((CsvRow.Accepted) row).response()));
        }
        assertThat(back).isEqualTo(responses);
    }
}
