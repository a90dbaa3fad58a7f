package dev.csatkit.export;

import dev.csatkit.InvalidDefinitionException;
import dev.csatkit.Violation;
import dev.csatkit.internal.Locales;
import dev.csatkit.scale.RatingScale;
import dev.csatkit.score.SurveyResponse;
import dev.csatkit.survey.Question;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.time.temporal.TemporalQueries;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.jspecify.annotations.Nullable;

/**
 * The rules a data row of a responses CSV must pass, over its cells as text: the one place that
 * decides whether a row is a response and, if not, says why. {@link ResponseCsvReader} runs every
 * row through it; {@link CsvReportReader} checks the common shapes itself and hands any row it is
 * not sure of to it, so both readers accept the same rows and reject them with the same words.
 * Not thread-safe (it caches parsed locales).
 */
final class ResponseRows {

    // Positions in ReportTables.RESPONSE_COLUMNS.
    static final int INTERACTION_ID = 0;
    static final int SURVEY_ID = 1;
    static final int CHANNEL = 2;
    static final int AGENT = 3;
    static final int TEAM = 4;
    static final int ENTRY_POINT = 5;
    static final int LOCALE = 6;
    static final int CASE_TYPE = 7;
    static final int SENT_AT = 8;
    static final int RESPONDED_AT = 9;
    static final int SCORE = 10;
    static final int COMMENT = 11;
    static final int INVALID = 12;
    static final int LATE = 13;
    static final int QUESTION_ID = 14;
    static final int CONTACT_KEY = 15;
    static final int REGION = 16;
    static final int BRAND = 17;
    static final int KEYS = 18;

    /** The earliest time a row may carry: 1900-01-01T00:00:00Z. */
    static final long MIN_EPOCH_SECOND = -2_208_988_800L;
    /** The first time past the latest a row may carry: 10000-01-01T00:00:00Z. */
    static final long END_EPOCH_SECOND = 253_402_300_800L;
    static final String YEAR_RULE = "must be in the years 1900 to 9999";
    static final String TIME_RULE = "must be an ISO-8601 date-time such as 2025-03-14T09:30:00Z";

    private static final int LOCALE_CACHE_LIMIT = 1_024;

    private final ResponseHeader header;
    private final RatingScale scale;
    private final Map<String, RatingScale> questionScales;
    private final ZoneId zone;
    private final Map<String, Optional<Locale>> locales = new HashMap<>();

    ResponseRows(ResponseHeader header, RatingScale scale, Map<String, RatingScale> questionScales, ZoneId zone) {
        this.header = header;
        this.scale = scale;
        this.questionScales = questionScales;
        this.zone = zone;
    }

    ResponseHeader header() {
        return header;
    }

    /**
     * @param cells a row's cells, as the CSV gave them
     * @return whether the row is blank and is skipped rather than read
     */
    static boolean isBlank(List<String> cells) {
        return cells.isEmpty() || cells.size() == 1 && cells.get(0).isBlank();
    }

    /**
     * Reads one non-blank data row.
     *
     * @param cells its cells
     * @param line the line it starts on
     * @return the response, or every problem found
     */
    CsvRow toRow(List<String> cells, long line) {
        if (cells.size() != header.cells()) {
            return new CsvRow.Rejected(line, List.of(cellCount(cells.size())));
        }
        List<Violation> found = new ArrayList<>();
        String interactionId = cell(cells, INTERACTION_ID);
        String surveyId = cell(cells, SURVEY_ID);
        if (interactionId.isEmpty()) {
            found.add(Violation.of("interaction_id", interactionId, "must not be empty"));
        }
        if (surveyId.isEmpty()) {
            found.add(Violation.of("survey_id", surveyId, "must not be empty"));
        }
        Instant sentAt = time(cells, SENT_AT, true, found);
        Instant respondedAt = time(cells, RESPONDED_AT, false, found);
        String question = question(cells, found);
        OptionalInt score = question == null ? OptionalInt.empty() : score(cells, question, found);
        boolean invalid = flag(cells, INVALID, found);
        boolean late = flag(cells, LATE, found);
        Optional<Locale> locale = locale(cells, found);
        if (!found.isEmpty() || sentAt == null || question == null) {
            return new CsvRow.Rejected(line, found);
        }
        // A score or an invalid/late reply without a reply time: the best time known is when it was sent.
        Instant replyAt = respondedAt != null ? respondedAt : sentAt;
        try {
            SurveyResponse.Builder b = SurveyResponse.builder(interactionId, surveyId, sentAt)
                    .channel(cell(cells, CHANNEL)).agent(cell(cells, AGENT)).team(cell(cells, TEAM))
                    .entryPoint(cell(cells, ENTRY_POINT)).locale(locale.orElse(null))
                    .caseType(cell(cells, CASE_TYPE)).comment(cell(cells, COMMENT)).question(question)
                    .contactKey(cell(cells, CONTACT_KEY)).region(cell(cells, REGION)).brand(cell(cells, BRAND))
                    .keys(Optional.of(cell(cells, KEYS)));
            if (invalid) {
                b.invalidReply(replyAt);
            } else if (late) {
                b.lateReply(score, replyAt);
            } else if (score.isPresent()) {
                b.rating(score.getAsInt(), replyAt);
            }
            return new CsvRow.Accepted(line, b.build());
        } catch (InvalidDefinitionException e) {
            return new CsvRow.Rejected(line, e.violations().stream().map(ResponseRows::byColumn).toList());
        }
    }

    /** The problem with a row cut short or carrying extra cells: columns would no longer line up. */
    Violation cellCount(int count) {
        List<String> names = new ArrayList<>(header.cells());
        for (int i = 0; i < header.cells(); i++) {
            names.add("column " + (i + 1));
        }
        for (int c = 0; c < ReportTables.RESPONSE_COLUMNS.size(); c++) {
            if (header.cellOf(c) >= 0) {
                names.set(header.cellOf(c), ReportTables.RESPONSE_COLUMNS.get(c));
            }
        }
        String where = count < header.cells()
                ? "it ends after " + (count == 0 ? "nothing" : names.get(count - 1)) + ", before " + names.get(count)
                : "it has " + (count - header.cells()) + " more after " + names.get(header.cells() - 1);
        return new Violation("row", count + (count == 1 ? " cell" : " cells"), "must have " + header.cells()
                + " cells, one per column of the header; " + where);
    }

    /** Renames a response field to its column and keeps the customer's words out of the message. */
    private static Violation byColumn(Violation v) {
        String column = v.field().replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
        return column.equals("comment") ? new Violation(column, "(a comment, not shown)", v.rule())
                : new Violation(column, v.value(), v.rule());
    }

    /** A cell as the response will hold it: stripped, with the export's formula guard removed. */
    String cell(List<String> cells, int column) {
        int i = header.cellOf(column);
        return i < 0 || i >= cells.size() ? "" : FormulaGuard.restore(cells.get(i).strip());
    }

    private @Nullable Instant time(List<String> cells, int column, boolean required, List<Violation> found) {
        String text = cell(cells, column);
        String name = ReportTables.RESPONSE_COLUMNS.get(column);
        if (text.isEmpty()) {
            if (required) {
                found.add(Violation.of(name, text, "must not be empty"));
            }
            return null;
        }
        Instant instant;
        try {
            instant = parseTime(text, zone);
        } catch (DateTimeException e) {
            found.add(Violation.of(name, text, TIME_RULE));
            return null;
        }
        if (instant.getEpochSecond() < MIN_EPOCH_SECOND || instant.getEpochSecond() >= END_EPOCH_SECOND) {
            // Out here, calendar arithmetic on periods overflows; the exporter never writes such a time.
            found.add(Violation.of(name, text, YEAR_RULE));
            return null;
        }
        return instant;
    }

    /**
     * Parses an ISO-8601 date-time with java.time: with an offset or zone it is an instant, else a
     * local time in {@code zone}.
     *
     * @throws DateTimeException when the text is not one
     */
    static Instant parseTime(String text, ZoneId zone) {
        TemporalAccessor t = DateTimeFormatter.ISO_DATE_TIME.parse(text);
        return t.isSupported(ChronoField.OFFSET_SECONDS) || t.query(TemporalQueries.zoneId()) != null
                ? Instant.from(t) : LocalDateTime.from(t).atZone(zone).toInstant();
    }

    /** The row's question: the primary question's when the cell is empty or the file has no such column. */
    private @Nullable String question(List<String> cells, List<Violation> found) {
        String text = cell(cells, QUESTION_ID);
        if (text.isEmpty()) {
            return Question.PRIMARY_ID;
        }
        if (!Question.isId(text)) {
            found.add(Violation.of("question_id", text,
                    "must be 1-32 lower-case letters, digits, '_' or '-', starting with a letter"));
            return null;
        }
        return text;
    }

    /** @return the scale a question's scores are read on */
    RatingScale scaleOf(String question) {
        return Question.PRIMARY_ID.equals(question) ? scale : questionScales.getOrDefault(question, scale);
    }

    private OptionalInt score(List<String> cells, String question, List<Violation> found) {
        RatingScale scale = scaleOf(question);
        String text = cell(cells, SCORE);
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
                    + scale.min() + " to " + scale.max()
                    + (Question.PRIMARY_ID.equals(question) ? "" : ", the scale question " + question
                            + " is read on")));
            return OptionalInt.empty();
        }
        return OptionalInt.of(value);
    }

    private boolean flag(List<String> cells, int column, List<Violation> found) {
        String text = cell(cells, column);
        switch (text.toLowerCase(Locale.ROOT)) {
            case "", "false", "no", "0":
                return false;
            case "true", "yes", "1":
                return true;
            default:
                found.add(Violation.of(ReportTables.RESPONSE_COLUMNS.get(column), text, "must be true or false"));
                return false;
        }
    }

    private Optional<Locale> locale(List<String> cells, List<Violation> found) {
        String text = cell(cells, LOCALE);
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
}
