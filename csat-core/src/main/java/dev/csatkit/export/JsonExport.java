package dev.csatkit.export;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.csatkit.score.Answer;
import dev.csatkit.score.Dimension;
import dev.csatkit.score.Report;
import dev.csatkit.score.Segment;
import dev.csatkit.score.SurveyResponse;
import dev.csatkit.score.Tally;
import dev.csatkit.score.TrendPoint;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Writes reports and responses as JSON, streaming.
 *
 * <p>A report is written as
 * <pre>{@code
 * {"scale": "five", "dimensions": ["agent"], "period": null, "zone": "UTC", "minimum_sample": 30,
 *  "overall": {"sent": 60, "responses": 50, ..., "csat": 82.0, ..., "distribution": {"1": 2, ...}},
 *  "questions": {"csat": {"scale": "five", "sent": 60, ...}, "effort": {"scale": "three", ...}},
 *  "segments": [{"key": {"agent": "ann"}, "sent": ..., "vs_rest": {"diff": 4.2, "significant": false,
 *                "too_few_responses": false}, "rank": 1}],
 *  "trend": [{"period": "2025-W11", "start": "2025-03-10", "sent": ..., "csat": ...}],
 *  "low_scores": [{"interaction_id": ..., "score": 1, "comment": ...}], "low_scores_omitted": 0}
 * }</pre>
 * with the figures of {@link ReportTables#figures}: percentages 0–100, unrounded, and
 * {@code null} where there is no data. {@code questions} is there only for surveys of several
 * questions; a response carrying answers to further questions has them under {@code answers}.
 * The writer passed in is flushed, not closed.
 */
public final class JsonExport {

    private static final JsonFactory FACTORY = JsonFactory.builder().build();

    private JsonExport() {
    }

    /**
     * Writes a report.
     *
     * @param report the report
     * @param out where to write
     * @throws UncheckedIOException when writing fails
     */
    public static void writeReport(Report report, Writer out) {
        try (JsonGenerator gen = open(out)) {
            gen.writeStartObject();
            gen.writeStringField("scale", report.spec().scale().id());
            gen.writeArrayFieldStart("dimensions");
            for (Dimension d : report.spec().dimensions()) {
                gen.writeString(d.key());
            }
            gen.writeEndArray();
            gen.writeFieldName("period");
            if (report.spec().period().isPresent()) {
                gen.writeString(report.spec().period().get().key());
            } else {
                gen.writeNull();
            }
            gen.writeStringField("zone", report.spec().zone().getId());
            gen.writeNumberField("minimum_sample", report.spec().minimumSample());
            gen.writeFieldName("overall");
            gen.writeStartObject();
            writeBlock(gen, report, report.overall());
            gen.writeEndObject();
            if (report.questions().size() > 1) {
                // Only for surveys of several questions: a one-question report reads as it did.
                gen.writeObjectFieldStart("questions");
                for (Map.Entry<String, Tally> q : report.questions().entrySet()) {
                    gen.writeObjectFieldStart(q.getKey());
                    gen.writeStringField("scale", q.getValue().scale().id());
                    writeBlock(gen, report, q.getValue());
                    gen.writeEndObject();
                }
                gen.writeEndObject();
            }
            gen.writeArrayFieldStart("segments");
            for (Segment s : report.segments()) {
                gen.writeStartObject();
                gen.writeObjectFieldStart("key");
                for (Map.Entry<Dimension, String> e : s.key().values().entrySet()) {
                    gen.writeStringField(e.getKey().key(), e.getValue());
                }
                gen.writeEndObject();
                writeBlock(gen, report, s.tally());
                gen.writeObjectFieldStart("vs_rest");
                writeCells(gen, ReportTables.vsRest(s.vsRest()));
                gen.writeEndObject();
                gen.writeFieldName("rank");
                if (s.rank().isPresent()) {
                    gen.writeNumber(s.rank().getAsInt());
                } else {
                    gen.writeNull();
                }
                gen.writeEndObject();
            }
            gen.writeEndArray();
            gen.writeArrayFieldStart("trend");
            for (TrendPoint p : report.trend()) {
                gen.writeStartObject();
                gen.writeStringField("period", p.period());
                gen.writeStringField("start", p.start().toString());
                writeBlock(gen, report, p.tally());
                gen.writeEndObject();
            }
            gen.writeEndArray();
            gen.writeArrayFieldStart("low_scores");
            for (SurveyResponse r : report.lowScores()) {
                writeResponse(gen, r);
            }
            gen.writeEndArray();
            gen.writeNumberField("low_scores_omitted", report.lowScoresOmitted());
            gen.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("could not write JSON", e);
        }
    }

    /**
     * Streams responses as a JSON array of objects keyed by the {@link ReportTables#RESPONSE_COLUMNS}.
     *
     * @param responses the responses, consumed one at a time
     * @param out where to write
     * @return how many responses were written
     * @throws UncheckedIOException when writing fails
     */
    public static long writeResponses(Iterator<SurveyResponse> responses, Writer out) {
        long count = 0;
        try (JsonGenerator gen = open(out)) {
            gen.writeStartArray();
            while (responses.hasNext()) {
                writeResponse(gen, responses.next());
                count++;
            }
            gen.writeEndArray();
        } catch (IOException e) {
            throw new UncheckedIOException("could not write JSON", e);
        }
        return count;
    }

    private static JsonGenerator open(Writer out) throws IOException {
        JsonGenerator gen = FACTORY.createGenerator(out);
        gen.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        return gen;
    }

    private static void writeBlock(JsonGenerator gen, Report report, Tally tally) throws IOException {
        writeCells(gen, ReportTables.figures(report, tally));
        gen.writeObjectFieldStart("distribution");
        for (Map.Entry<Integer, Long> e : tally.distribution().entrySet()) {
            gen.writeNumberField(Integer.toString(e.getKey()), e.getValue());
        }
        gen.writeEndObject();
    }

    private static void writeResponse(JsonGenerator gen, SurveyResponse r) throws IOException {
        gen.writeStartObject();
        List<Cell> row = ReportTables.responseRow(r);
        for (int i = 0; i < row.size(); i++) {
            gen.writeFieldName(ReportTables.RESPONSE_COLUMNS.get(i));
            writeCell(gen, row.get(i));
        }
        if (!r.answers().isEmpty()) {
            gen.writeArrayFieldStart("answers");
            for (Answer a : r.answers()) {
                gen.writeStartObject();
                gen.writeStringField("question_id", a.question());
                gen.writeNumberField("score", a.score());
                gen.writeStringField("responded_at", a.respondedAt().toString());
                gen.writeEndObject();
            }
            gen.writeEndArray();
        }
        gen.writeEndObject();
    }

    private static void writeCells(JsonGenerator gen, Map<String, Cell> cells) throws IOException {
        for (Map.Entry<String, Cell> e : cells.entrySet()) {
            gen.writeFieldName(e.getKey());
            writeCell(gen, e.getValue());
        }
    }

    private static void writeCell(JsonGenerator gen, Cell cell) throws IOException {
        if (cell instanceof Cell.Text t) {
            gen.writeString(t.value());
        } else if (cell instanceof Cell.Count c) {
            gen.writeNumber(c.value());
        } else if (cell instanceof Cell.Percent p) {
            gen.writeNumber(p.value());
        } else if (cell instanceof Cell.Decimal d) {
            gen.writeNumber(d.value());
        } else if (cell instanceof Cell.Flag f) {
            gen.writeBoolean(f.value());
        } else {
            gen.writeNull();
        }
    }
}
