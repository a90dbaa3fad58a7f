package dev.csatkit.export;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.csv.CsvFactory;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.csatkit.InvalidDefinitionException;
import dev.csatkit.Violation;
import dev.csatkit.internal.Locales;
import dev.csatkit.scale.RatingScale;
import dev.csatkit.score.SurveyResponse;
import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import org.jspecify.annotations.Nullable;

/**
 * Reads survey responses from CSV, one row at a time, so a file of any length is read in the
 * same memory.
 *
 * <p>The first row is a header; columns are matched by name (case-insensitive, in any order,
 * extra columns ignored): {@code interaction_id}, {@code survey_id}, {@code channel},
 * {@code agent}, {@code team}, {@code entry_point}, {@code locale}, {@code case_type},
 * {@code sent_at}, {@code responded_at}, {@code score}, {@code comment}, and optionally
 * {@code invalid} and {@code late} ({@code true}/{@code false}). {@code interaction_id},
 * {@code survey_id}, {@code sent_at} and {@code score} must be there. Times are ISO-8601 with an
 * offset or {@code Z}, or local date-times taken in the reader's zone. An empty {@code score}
 * means the survey was sent and not answered; a score, invalid or late reply with an empty
 * {@code responded_at} is taken to have come when the survey was sent. A leading apostrophe that
 * {@link FormulaGuard} added on export is removed.
 *
 * <p>Each row comes back as a {@link CsvRow}: {@link CsvRow.Accepted} with the response, or
 * {@link CsvRow.Rejected} with the line number and every problem found, and reading goes on. If
 * the CSV itself breaks (an unclosed quote), that row is rejected and reading stops.
 */
public final class ResponseCsvReader implements Iterator<CsvRow>, Closeable {

    /** The columns a file must have. */
    public static final List<String> REQUIRED_COLUMNS = List.of("interaction_id", "survey_id", "sent_at", "score");

    // Positions in ReportTables.RESPONSE_COLUMNS.
    private static final int INTERACTION_ID = 0;
    private static final int SURVEY_ID = 1;
    private static final int CHANNEL = 2;
    private static final int AGENT = 3;
    private static final int TEAM = 4;
    private static final int ENTRY_POINT = 5;
    private static final int LOCALE = 6;
    private static final int CASE_TYPE = 7;
    private static final int SENT_AT = 8;
    private static final int RESPONDED_AT = 9;
    private static final int SCORE = 10;
    private static final int COMMENT = 11;
    private static final int INVALID = 12;
    private static final int LATE = 13;

    private static final CsvFactory FACTORY = new CsvFactory();
    private static final int LOCALE_CACHE_LIMIT = 1_024;

    private final JsonParser parser;
    private final RatingScale scale;
    private final ZoneId zone;
    private final int[] index = new int[ReportTables.RESPONSE_COLUMNS.size()];
    private final Map<String, Optional<Locale>> locales = new HashMap<>();
    private final List<String> cells = new ArrayList<>();
    private @Nullable CsvRow next;
    private long rowLine = 1;
    private boolean done;

    private ResponseCsvReader(JsonParser parser, RatingScale scale, ZoneId zone) {
        this.parser = parser;
        this.scale = scale;
        this.zone = zone;
    }

    /**
     * Opens a reader and reads the header.
     *
     * @param in the CSV text; closed by {@link #close()}
     * @param scale the rating scale scores must belong to
     * @param zone the zone for times written without an offset
     * @return the reader, positioned before the first data row
     * @throws InvalidDefinitionException when the header is missing or lacks a required column
     * @throws UncheckedIOException when reading fails
     */
    public static ResponseCsvReader open(Reader in, RatingScale scale, ZoneId zone) {
        Objects.requireNonNull(scale, "scale");
        Objects.requireNonNull(zone, "zone");
        try {
            CsvParser parser = FACTORY.createParser(in);
            parser.setSchema(CsvSchema.emptySchema().withoutHeader());
            parser.enable(CsvParser.Feature.WRAP_AS_ARRAY);
            parser.enable(CsvParser.Feature.SKIP_EMPTY_LINES);
            ResponseCsvReader reader = new ResponseCsvReader(parser, scale, zone);
            try {
                reader.readHeader();
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                parser.close();
                throw new InvalidDefinitionException("responses CSV", Violation.of("header",
                        e.getOriginalMessage(), "must be well-formed CSV"));
            } catch (RuntimeException e) {
                parser.close();
                throw e;
            }
            return reader;
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the CSV header", e);
        }
    }

    private void readHeader() throws IOException {
        // WRAP_AS_ARRAY: the whole input is one array, each row an array inside it.
        if (parser.nextToken() != JsonToken.START_ARRAY || readRow() < 0) {
            throw new InvalidDefinitionException("responses CSV", Violation.of("header", "",
                    "the file is empty; the first row must name the columns, such as "
                            + String.join(",", REQUIRED_COLUMNS)));
        }
        Arrays.fill(index, -1);
        for (int i = 0; i < cells.size(); i++) {
            int column = ReportTables.RESPONSE_COLUMNS.indexOf(cells.get(i).replace("\uFEFF", "").strip().toLowerCase(Locale.ROOT));
            if (column >= 0 && index[column] < 0) {
                index[column] = i;
            }
        }
        List<Violation> missing = new ArrayList<>();
        for (String required : REQUIRED_COLUMNS) {
            if (index[ReportTables.RESPONSE_COLUMNS.indexOf(required)] < 0) {
                missing.add(Violation.of("header", String.join(",", cells), "has no column " + required));
            }
        }
        if (!missing.isEmpty()) {
            throw new InvalidDefinitionException("responses CSV", missing);
        }
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
            boolean blank = cells.isEmpty() || cells.size() == 1 && cells.get(0).isBlank();
            if (!blank) {
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
            return toRow(line);
        } catch (IOException e) {
            done = true;
            // The parser's message can quote the row (a comment, a name): it is not shown.
            return new CsvRow.Rejected(rowLine, List.of(new Violation("row", "(not shown)",
                    "must be well-formed CSV (a quote left open, or a character after a closing quote); "
                    + "reading stopped here")));
        }
    }

    private CsvRow toRow(long line) {
        List<Violation> found = new ArrayList<>();
        String interactionId = cell(INTERACTION_ID);
        String surveyId = cell(SURVEY_ID);
        if (interactionId.isEmpty()) {
            found.add(Violation.of("interaction_id", interactionId, "must not be empty"));
        }
        if (surveyId.isEmpty()) {
            found.add(Violation.of("survey_id", surveyId, "must not be empty"));
        }
        Instant sentAt = time(SENT_AT, true, found);
        Instant respondedAt = time(RESPONDED_AT, false, found);
        OptionalInt score = score(found);
        boolean invalid = flag(INVALID, found);
        boolean late = flag(LATE, found);
        Optional<Locale> locale = locale(found);
        if (!found.isEmpty() || sentAt == null) {
            return new CsvRow.Rejected(line, found);
        }
        // A score or an invalid/late reply without a reply time: the best time known is when it was sent.
        Instant replyAt = respondedAt != null ? respondedAt : sentAt;
        try {
            SurveyResponse.Builder b = SurveyResponse.builder(interactionId, surveyId, sentAt)
                    .channel(cell(CHANNEL)).agent(cell(AGENT)).team(cell(TEAM))
                    .entryPoint(cell(ENTRY_POINT)).locale(locale.orElse(null)).caseType(cell(CASE_TYPE))
                    .comment(cell(COMMENT));
            if (invalid) {
                b.invalidReply(replyAt);
            } else if (late) {
                b.lateReply(score, replyAt);
            } else if (score.isPresent()) {
                b.rating(score.getAsInt(), replyAt);
            }
            return new CsvRow.Accepted(line, b.build());
        } catch (InvalidDefinitionException e) {
            return new CsvRow.Rejected(line, e.violations().stream().map(v -> new Violation(column(v.field()),
                    v.value(), v.rule())).toList());
        }
    }

    private static String column(String field) {
        return field.replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    }

    private String cell(int column) {
        int i = index[column];
        return i < 0 || i >= cells.size() ? "" : FormulaGuard.restore(cells.get(i).strip());
    }

    private @Nullable Instant time(int column, boolean required, List<Violation> found) {
        String text = cell(column);
        String name = ReportTables.RESPONSE_COLUMNS.get(column);
        if (text.isEmpty()) {
            if (required) {
                found.add(Violation.of(name, text, "must not be empty"));
            }
            return null;
        }
        try {
            TemporalAccessor t = DateTimeFormatter.ISO_DATE_TIME.parse(text);
            return t.isSupported(ChronoField.OFFSET_SECONDS) || t.query(java.time.temporal.TemporalQueries.zoneId()) != null
                    ? Instant.from(t) : LocalDateTime.from(t).atZone(zone).toInstant();
        } catch (DateTimeException e) {
            found.add(Violation.of(name, text, "must be an ISO-8601 date-time such as 2025-03-14T09:30:00Z"));
            return null;
        }
    }

    private OptionalInt score(List<Violation> found) {
        String text = cell(SCORE);
        if (text.isEmpty()) {
            return OptionalInt.empty();
        }
        int value;
        try {
            value = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            found.add(Violation.of("score", text, "must be a whole number"));
            return OptionalInt.empty();
        }
        if (!scale.contains(value)) {
            found.add(Violation.of("score", text, "must be a value of scale " + scale.id() + ", "
                    + scale.min() + " to " + scale.max()));
            return OptionalInt.empty();
        }
        return OptionalInt.of(value);
    }

    private boolean flag(int column, List<Violation> found) {
        String text = cell(column).toLowerCase(Locale.ROOT);
        switch (text) {
            case "", "false", "no", "0":
                return false;
            case "true", "yes", "1":
                return true;
            default:
                found.add(Violation.of(ReportTables.RESPONSE_COLUMNS.get(column), cell(column), "must be true or false"));
                return false;
        }
    }

    private Optional<Locale> locale(List<Violation> found) {
        String text = cell(LOCALE);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        Optional<Locale> locale = locales.get(text);
        if (locale == null) {
            locale = Locales.parse(text);
            if (locales.size() < LOCALE_CACHE_LIMIT) {
                locales.put(text, locale);
            }
        }
        if (locale.isEmpty()) {
            found.add(Violation.of("locale", text, "must be a BCP 47 language tag such as fr-CA"));
        }
        return locale;
    }

    /**
     * Closes the underlying reader.
     *
     * @throws UncheckedIOException when closing fails
     */
    @Override
    public void close() {
        try {
            parser.close();
        } catch (IOException e) {
            throw new UncheckedIOException("could not close the CSV reader", e);
        }
    }
}
