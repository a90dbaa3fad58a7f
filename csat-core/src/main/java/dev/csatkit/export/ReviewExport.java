package dev.csatkit.export;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvFactory;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.csatkit.store.LowScoreReview;
import dev.csatkit.store.ReviewNotes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * Writes reviews of low scores as CSV, in {@link #COLUMNS}, the way {@link CsvExport} writes
 * responses: RFC 4180, a header row, rows written as they come, text cells
 * {@linkplain FormulaGuard#neutralise(String) neutralised}, times as ISO-8601, empty cells as
 * nothing. The notes are staff's own words and are written whole, line breaks included (quoted),
 * for the quality team's spreadsheet; treat the file as the notes themselves are treated.
 *
 * <pre>{@code
 * try (Writer out = Files.newBufferedWriter(path)) {
 *     List<LowScoreReview> reviews = new ArrayList<>();
 *     engine.forEachReview(from, to, reviews::add);
 *     ReviewExport.writeCsv(reviews.iterator(), out);
 * }
 * }</pre>
 */
public final class ReviewExport {

    /** The columns, in order. */
    public static final List<String> COLUMNS = List.of("survey_key", "survey_id", "interaction_id", "contact_id",
            "agent", "team", "score", "status", "opened_at", "reviewer", "taken_at", "resolved_at", "root_cause",
            "follow_up", "remediation", "reopened", "reopen_reason", "changed_at", "version");

    private static final CsvFactory FACTORY = new CsvFactory();
    private static final CsvSchema SCHEMA = CsvSchema.emptySchema().withoutHeader();

    private ReviewExport() {
    }

    /**
     * Streams reviews as CSV. The writer is flushed, not closed.
     *
     * @param reviews the reviews, consumed one at a time
     * @param out where to write
     * @return how many reviews were written
     * @throws UncheckedIOException when writing fails
     */
    public static long writeCsv(Iterator<LowScoreReview> reviews, Writer out) {
        long count = 0;
        try (CsvGenerator gen = FACTORY.createGenerator(out)) {
            gen.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            gen.setSchema(SCHEMA);
            gen.enable(CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING);
            gen.writeStartArray();
            for (String c : COLUMNS) {
                gen.writeString(c);
            }
            gen.writeEndArray();
            while (reviews.hasNext()) {
                gen.writeStartArray();
                for (String cell : row(reviews.next())) {
                    gen.writeString(FormulaGuard.neutralise(cell));
                }
                gen.writeEndArray();
                count++;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not write CSV", e);
        }
        return count;
    }

    /**
     * @param r a review
     * @return its cells as text, in {@link #COLUMNS} order, empty where a value is absent
     */
    public static List<String> row(LowScoreReview r) {
        List<String> row = new ArrayList<>(COLUMNS.size());
        row.add(r.surveyKey());
        row.add(r.surveyId());
        row.add(r.interactionId());
        row.add(r.contactId());
        row.add(r.agent().orElse(""));
        row.add(r.team().orElse(""));
        row.add(Integer.toString(r.score()));
        row.add(r.status().name());
        row.add(r.openedAt().toString());
        row.add(r.reviewer().orElse(""));
        row.add(time(r.takenAt()));
        row.add(time(r.resolvedAt()));
        row.add(r.notes().map(ReviewNotes::rootCause).orElse(""));
        row.add(r.notes().flatMap(ReviewNotes::followUp).orElse(""));
        row.add(r.notes().flatMap(ReviewNotes::remediation).orElse(""));
        row.add(Integer.toString(r.reopened()));
        row.add(r.reopenReason().orElse(""));
        row.add(r.changedAt().toString());
        row.add(Long.toString(r.version()));
        return row;
    }

    private static String time(Optional<Instant> t) {
        return t.map(Instant::toString).orElse("");
    }
}
