package dev.csatkit.export;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.dataformat.csv.CsvFactory;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.csatkit.InvalidDefinitionException;
import dev.csatkit.Violation;
import dev.csatkit.scale.RatingScale;
import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Reads survey responses from CSV, one row at a time, so a file of any length is read in the
 * same memory.
 *
 * <p>The first row is a header; columns are matched by name (case-insensitive, in any order,
 * extra columns ignored): {@code interaction_id}, {@code survey_id}, {@code channel},
 * {@code agent}, {@code team}, {@code entry_point}, {@code locale}, {@code case_type},
 * {@code sent_at}, {@code responded_at}, {@code score}, {@code comment}, and optionally
 * {@code invalid} and {@code late} ({@code true}/{@code false}) and {@code question_id} (the
 * question the row answers; without it, or empty, the survey's primary question). {@code interaction_id},
 * {@code survey_id}, {@code sent_at} and {@code score} must be there. Times are ISO-8601 with an
 * offset or {@code Z}, or local date-times taken in the reader's zone. An empty {@code score}
 * means the survey was sent and not answered; a score, invalid or late reply with an empty
 * {@code responded_at} is taken to have come when the survey was sent. A leading apostrophe that
 * {@link FormulaGuard} added on export is removed.
 *
 * <p>The reader is strict about the file's shape: a header that names a column twice is refused,
 * a row with fewer or more cells than the header is rejected (a row cut after {@code sent_at} is
 * not an unanswered survey), and times outside the years 1900 to 9999 are rejected. Rows are
 * returned as they are, duplicates included; {@link CsvReportReader}, which reports on a whole
 * file, counts a survey sent twice once.
 *
 * <p>Each row comes back as a {@link CsvRow}: {@link CsvRow.Accepted} with the response, or
 * {@link CsvRow.Rejected} with the line number and every problem found, and reading goes on. A
 * comment is never quoted in a problem, since it is the customer's own words. If the CSV itself
 * breaks (an unclosed quote), that row is rejected and reading stops. If the source itself fails
 * (a disk, a pipe), {@link #hasNext()} and {@link #next()} throw {@link UncheckedIOException}: an
 * input error is never taken for a bad row. The source is closed by {@link #close()} (or by
 * {@code open} when it refuses the header), not at the end of the input, so standard input stays
 * open for its owner.
 */
public final class ResponseCsvReader implements Iterator<CsvRow>, Closeable {

    /** The columns a file must have. */
    public static final List<String> REQUIRED_COLUMNS = ResponseHeader.REQUIRED;

    // The source is the caller's until close(): Jackson would otherwise close it at the end of the
    // input, standard input included.
    private static final CsvFactory FACTORY = CsvFactory.builder()
            .disable(StreamReadFeature.AUTO_CLOSE_SOURCE).build();

    private final JsonParser parser;
    private final Reader source;
    private final RatingScale scale;
    private final Map<String, RatingScale> questionScales;
    private final ZoneId zone;
    private final List<String> cells = new ArrayList<>();
    private @Nullable ResponseRows rows;
    private @Nullable CsvRow next;
    private long rowLine = 1;
    private boolean done;

    private ResponseCsvReader(JsonParser parser, Reader source, RatingScale scale,
            Map<String, RatingScale> questionScales, ZoneId zone) {
        this.parser = parser;
        this.source = source;
        this.scale = scale;
        this.questionScales = questionScales;
        this.zone = zone;
    }

    /**
     * Opens a reader and reads the header.
     *
     * @param in the CSV text; closed by {@link #close()}, or at once when the header is refused or cannot be read
     * @param scale the rating scale scores must belong to
     * @param zone the zone for times written without an offset
     * @return the reader, positioned before the first data row
     * @throws InvalidDefinitionException when the header is missing, lacks a required column or names
     *     one twice
     * @throws UncheckedIOException when reading fails
     */
    public static ResponseCsvReader open(Reader in, RatingScale scale, ZoneId zone) {
        return open(in, scale, Map.of(), zone);
    }

    /**
     * Opens a reader for a file of surveys of several questions and reads the header: a row whose
     * {@code question_id} names a further question is read on that question's scale.
     *
     * @param in the CSV text; closed by {@link #close()}, or at once when the header is refused or cannot be read
     * @param scale the rating scale of the primary question, and of any question not in
     *     {@code questionScales}
     * @param questionScales the scales of further questions by id
     * @param zone the zone for times written without an offset
     * @return the reader, positioned before the first data row
     * @throws InvalidDefinitionException when the header is missing, lacks a required column or names
     *     one twice
     * @throws UncheckedIOException when reading fails
     */
    public static ResponseCsvReader open(Reader in, RatingScale scale, Map<String, RatingScale> questionScales,
            ZoneId zone) {
        Objects.requireNonNull(scale, "scale");
        Objects.requireNonNull(zone, "zone");
        Map<String, RatingScale> scales = Map.copyOf(questionScales);
        try {
            CsvParser parser = FACTORY.createParser(in);
            parser.setSchema(CsvSchema.emptySchema().withoutHeader());
            parser.enable(CsvParser.Feature.WRAP_AS_ARRAY);
            parser.enable(CsvParser.Feature.SKIP_EMPTY_LINES);
            ResponseCsvReader reader = new ResponseCsvReader(parser, in, scale, scales, zone);
            try {
                reader.readHeader();
            } catch (JsonProcessingException e) {
                throw reader.closedAfter(new InvalidDefinitionException("responses CSV", Violation.of("header",
                        e.getOriginalMessage(), "must be well-formed CSV")));
            } catch (IOException e) {
                throw reader.closedAfter(e);
            } catch (RuntimeException e) {
                throw reader.closedAfter(e);
            }
            return reader;
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the CSV header", e);
        }
    }

    /** Closes the source after a failure, which stays the error thrown; a failure to close is added to it. */
    private <T extends Exception> T closedAfter(T failure) {
        try {
            close();
        } catch (RuntimeException e) {
            failure.addSuppressed(e);
        }
        return failure;
    }

    private void readHeader() throws IOException {
        // WRAP_AS_ARRAY: the whole input is one array, each row an array inside it.
        if (parser.nextToken() != JsonToken.START_ARRAY || readRow() < 0) {
            throw ResponseHeader.empty();
        }
        rows = new ResponseRows(ResponseHeader.of(cells), scale, questionScales, zone);
    }

    /**
     * Reads the next non-blank row into {@link #cells}.
     *
     * @return the line the row starts on, or -1 at the end of the input
     */
    private long readRow() throws IOException {
        while (true) {
            if (parser.nextToken() != JsonToken.START_ARRAY) {
                return -1;
            }
            cells.clear();
            // Right after a row opens, the parser stands at the row's first line.
            rowLine = parser.currentLocation().getLineNr();
            JsonToken t;
            while ((t = parser.nextToken()) != JsonToken.END_ARRAY) {
                if (t == null) {
                    return -1;
                }
                cells.add(parser.getText());
            }
            if (!ResponseRows.isBlank(cells)) {
                return rowLine;
            }
        }
    }

    @Override
    public boolean hasNext() {
        if (next == null && !done) {
            next = advance();
        }
        return next != null;
    }

    @Override
    public CsvRow next() {
        if (!hasNext()) {
            throw new NoSuchElementException("no more rows");
        }
        CsvRow row = Objects.requireNonNull(next);
        next = null;
        return row;
    }

    private @Nullable CsvRow advance() {
        try {
            long line = readRow();
            if (line < 0) {
                done = true;
                return null;
            }
            return Objects.requireNonNull(rows).toRow(cells, line);
        } catch (JsonProcessingException e) {
            done = true;
            // The parser's message can quote the row (a comment, a name): it is not shown.
            return new CsvRow.Rejected(rowLine, List.of(new Violation("row", "(not shown)",
                    "must be well-formed CSV (a quote left open, or a character after a closing quote); "
                    + "reading stopped here")));
        } catch (IOException e) {
            // The source failed, not the file's text: an error, not a row.
            done = true;
            throw new UncheckedIOException("could not read the CSV", e);
        }
    }

    /**
     * Closes the underlying reader.
     *
     * @throws UncheckedIOException when closing fails
     */
    @Override
    public void close() {
        try (Reader in = source) {
            parser.close();
        } catch (IOException e) {
            throw new UncheckedIOException("could not close the CSV reader", e);
        }
    }
}
