package dev.csatkit.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.csatkit.InvalidDefinitionException;
import dev.csatkit.scale.RatingScales;
import dev.csatkit.score.SurveyResponse;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class ResponseCsvReaderTest {

    static List<CsvRow> read(String csv, ZoneId zone) {
        List<CsvRow> rows = new ArrayList<>();
        try (ResponseCsvReader reader = ResponseCsvReader.open(new StringReader(csv), RatingScales.fivePoint(), zone)) {
            reader.forEachRemaining(rows::add);
        }
        return rows;
    }

    @Test
    void theSourceIsClosedByCloseNotByTheEndOfTheInput() {
        AtomicBoolean closed = new AtomicBoolean();
        Reader in = new StringReader("interaction_id,survey_id,sent_at,score\nc1,s,2025-03-14T09:00:00Z,5\n") {
            @Override
            public void close() {
                closed.set(true);
                super.close();
            }
        };
        ResponseCsvReader reader = ResponseCsvReader.open(in, RatingScales.fivePoint(), ZoneOffset.UTC);
        List<CsvRow> rows = new ArrayList<>();
        reader.forEachRemaining(rows::add);
        assertThat(rows).hasSize(1);
        assertThat(reader.hasNext()).isFalse();
        assertThat(closed).as("read to the end, not closed: standard input stays the caller's").isFalse();
        reader.close();
        assertThat(closed).isTrue();
    }

    @Test
    void aRefusedHeaderStaysTheErrorWhenClosingTheSourceFailsToo() {
        Reader unclosable = new StringReader("") {
            @Override
            public void close() {
                throw new UncheckedIOException(new IOException("the share went away"));
            }
        };
        assertThatThrownBy(() -> ResponseCsvReader.open(unclosable, RatingScales.fivePoint(), ZoneOffset.UTC))
                .isInstanceOf(InvalidDefinitionException.class).hasMessageContaining("the file is empty")
                .satisfies(e -> assertThat(e.getSuppressed()).singleElement()
                        .satisfies(s -> assertThat(s).hasRootCauseMessage("the share went away")));
    }

    @Test
    void aSourceThatFailsIsAnErrorNotABadRow() {
        // The header and a row, then the source breaks, as a disk or a network share can.
        Reader failing = new Reader() {
            private final Reader start = new StringReader("interaction_id,survey_id,sent_at,score\nc1,s,2025-03-14T09:00:00Z,5\nc2");

            @Override
            public int read(char[] buf, int off, int len) throws IOException {
                int n = start.read(buf, off, len);
                if (n < 0) {
                    throw new IOException("Input/output error");
                }
                return n;
            }

            @Override
            public void close() {
            }
        };
        try (ResponseCsvReader reader = ResponseCsvReader.open(failing, RatingScales.fivePoint(), ZoneOffset.UTC)) {
            assertThatThrownBy(() -> reader.forEachRemaining(row -> { }))
                    .isInstanceOf(UncheckedIOException.class).hasRootCauseMessage("Input/output error");
        }
    }

    @Test
    void columnsAreMatchedByNameInAnyOrder() {
        String csv = "\uFEFFScore,extra,sent_at,survey_id,interaction_id,agent,locale,responded_at,comment\n"
                + "5,x,2025-03-14T09:00:00Z,post-call,c1,ann,sv-SE,2025-03-14T10:01:00+01:00,\"Great, thanks\n"
                + "really\"\n"
                + ",x,2025-03-14T10:00:00,post-call,c2,bob,,,\n";
        List<CsvRow> rows = read(csv, ZoneId.of("Europe/Stockholm"));
        assertThat(rows).hasSize(2);
        SurveyResponse first = ((CsvRow.Accepted) rows.get(0)).response();
        assertThat(rows.get(0).line()).isEqualTo(2);
        assertThat(first.score()).hasValue(5);
        assertThat(first.agent()).contains("ann");
        assertThat(first.locale()).contains(Locale.forLanguageTag("sv-SE"));
        assertThat(first.respondedAt()).contains(Instant.parse("2025-03-14T09:01:00Z"));
        assertThat(first.comment()).contains("Great, thanks\nreally");
        SurveyResponse second = ((CsvRow.Accepted) rows.get(1)).response();
        assertThat(rows.get(1).line()).isEqualTo(4);
        assertThat(second.isUnanswered()).isTrue();
        // A local time is taken in the reader's zone.
        assertThat(second.sentAt()).isEqualTo(Instant.parse("2025-03-14T09:00:00Z"));
    }

    @Test
    void badRowsAreRejectedWithTheirLineAndEveryProblem() {
        String csv = "interaction_id,survey_id,sent_at,responded_at,score,locale,late\n"
                + "c1,s,2025-03-14T09:00:00Z,2025-03-14T09:01:00Z,six,,\n"
                + "c2,s,yesterday,,7,xx-!!,maybe\n"
                + ",s,2025-03-14T09:00:00Z,2025-03-14T08:00:00Z,4,,\n"
                + "c4,s,2025-03-14T09:00:00Z,2025-03-14T09:01:00Z,4,,\n";
        List<CsvRow> rows = read(csv, ZoneOffset.UTC);
        assertThat(rows).hasSize(4);
        assertThat(((CsvRow.Rejected) rows.get(0)).message()).isEqualTo("line 2: score = \"six\": must be a whole number");
        assertThat(((CsvRow.Rejected) rows.get(1)).message()).isEqualTo("line 3: "
                + "sent_at = \"yesterday\": must be an ISO-8601 date-time such as 2025-03-14T09:30:00Z; "
                + "score = \"7\": must be a value of scale five, 1 to 5; "
                + "late = \"maybe\": must be true or false; "
                + "locale = \"xx-!!\": must be a BCP 47 language tag such as fr-CA");
        assertThat(((CsvRow.Rejected) rows.get(2)).message()).isEqualTo("line 4: "
                + "interaction_id = \"\": must not be empty");
        assertThat(rows.get(3)).isInstanceOf(CsvRow.Accepted.class);
        assertThat(rows.get(3).line()).isEqualTo(5);
    }

    @Test
    void anImpossibleReplyTimeIsRejectedByColumnName() {
        String csv = "interaction_id,survey_id,sent_at,responded_at,score\n"
                + "c1,s,2025-03-14T09:00:00Z,2025-03-14T08:00:00Z,4\n";
        assertThat(((CsvRow.Rejected) read(csv, ZoneOffset.UTC).get(0)).message()).isEqualTo("line 2: "
                + "responded_at = 2025-03-14T08:00:00Z: must not be before sentAt 2025-03-14T09:00:00Z");
    }

    @Test
    void brokenCsvRejectsTheRowAndStops() {
        String csv = "interaction_id,survey_id,sent_at,score\n"
                + "c1,s,2025-03-14T09:00:00Z,4\n"
                + "c2,s,\"2025-03-14T09:00:00Z,4\n";
        List<CsvRow> rows = read(csv, ZoneOffset.UTC);
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0)).isInstanceOf(CsvRow.Accepted.class);
        CsvRow.Rejected broken = (CsvRow.Rejected) rows.get(1);
        assertThat(broken.line()).isEqualTo(3);
        assertThat(broken.message()).isEqualTo("line 3: row = (not shown): must be well-formed CSV (a quote left open, "
                + "or a character after a closing quote); reading stopped here");
    }

    @Test
    void aBrokenRowIsRefusedWithoutQuotingIt() {
        String csv = "interaction_id,survey_id,sent_at,score,comment\n"
                + "c1,s,2025-03-14T09:00:00Z,4,\"Jane Roe was rude\"x and \u001B[2J called +447700900123\n";
        CsvRow.Rejected broken = (CsvRow.Rejected) read(csv, ZoneOffset.UTC).get(0);
        assertThat(broken.message()).doesNotContain("Jane", "rude", "900123", "\u001B");
    }

    @Test
    void aHeaderWithoutRequiredColumnsIsRefused() {
        assertThatThrownBy(() -> read("agent,score\nann,5\n", ZoneOffset.UTC))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("Invalid responses CSV (3 problems):\n"
                        + "  - header = \"agent,score\": has no column interaction_id\n"
                        + "  - header = \"agent,score\": has no column survey_id\n"
                        + "  - header = \"agent,score\": has no column sent_at");
        assertThatThrownBy(() -> read("", ZoneOffset.UTC))
                .hasMessage("Invalid responses CSV: header = \"\": the file is empty; the first row must name the"
                        + " columns, such as interaction_id,survey_id,sent_at,score");
    }

    @Test
    void exportedResponsesReadBackUnchanged() {
        List<SurveyResponse> original = List.of(
                SurveyResponse.builder("c1", "s", Instant.parse("2025-03-14T09:00:00Z")).agent("-ann").team("'blue")
                        .channel("sms").entryPoint("+4681234").locale(Locale.forLanguageTag("fr-CA")).caseType("@vip")
                        .comment("=cmd|' /C calc'!A0").rating(1, Instant.parse("2025-03-14T09:00:30Z")).build(),
                SurveyResponse.builder("c2", "s", Instant.parse("2025-03-14T09:00:00Z")).invalidReply(
                        Instant.parse("2025-03-14T09:00:31Z")).build(),
                SurveyResponse.builder("c3", "s", Instant.parse("2025-03-14T09:00:00Z")).lateReply(OptionalInt.of(4),
                        Instant.parse("2025-03-24T09:00:31Z")).build(),
                SurveyResponse.builder("c4", "s", Instant.parse("2025-03-14T09:00:00Z")).build());
        StringWriter out = new StringWriter();
        CsvExport.writeResponses(original.iterator(), out);
        assertThat(out.toString()).contains("'-ann", "'+4681234", "'@vip", ",'=cmd|' /C calc'!A0,", "''blue");
        List<SurveyResponse> back = read(out.toString(), ZoneOffset.UTC).stream()
                .map(r -> ((CsvRow.Accepted) r).response()).toList();
        assertThat(back).isEqualTo(original);
    }

    @Test
    void aRowWithFewerOrMoreCellsThanTheHeaderIsRejected() {
        String header = String.join(",", ReportTables.RESPONSE_COLUMNS.subList(0, 14)) + "\n";
        String csv = header
                // Cut after sent_at: not a survey sent and left unanswered.
                + "c1,s,sms,ann,blue,+4681234,sv,billing,2025-03-14T09:00:00Z\n"
                + "c2,s,sms,ann,blue,+4681234,sv,billing,2025-03-14T09:00:00Z,,5,,false,false,surplus\n"
                + "c3,s,sms,ann,blue,+4681234,sv,billing,2025-03-14T09:00:00Z,2025-03-14T09:01:00Z,5,,false,false\n";
        List<CsvRow> rows = read(csv, ZoneOffset.UTC);
        assertThat(rows).hasSize(3);
        assertThat(((CsvRow.Rejected) rows.get(0)).message()).isEqualTo("line 2: row = 9 cells: must have 14 cells,"
                + " one per column of the header; it ends after sent_at, before responded_at");
        assertThat(((CsvRow.Rejected) rows.get(1)).message()).isEqualTo("line 3: row = 15 cells: must have 14 cells,"
                + " one per column of the header; it has 1 more after late");
        assertThat(rows.get(2)).isInstanceOf(CsvRow.Accepted.class);
    }

    @Test
    void aHeaderThatNamesAColumnTwiceIsRefused() {
        assertThatThrownBy(() -> read("interaction_id,survey_id,sent_at,score,Score\nc1,s,2025-03-14T09:00:00Z,5,1\n",
                ZoneOffset.UTC))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("Invalid responses CSV: header = \"interaction_id,survey_id,sent_at,score,Score\": names"
                        + " column score twice (columns 4 and 5); each column must be named once");
    }

    @Test
    void timesOutsideTheYears1900To9999AreRejectedAsRows() {
        String csv = "interaction_id,survey_id,sent_at,responded_at,score\n"
                + "c1,s,-999999999-01-01T00:00:00Z,,\n"
                + "c2,s,2025-03-14T09:00:00Z,+10000-01-01T00:00:00Z,4\n"
                + "c3,s,1899-12-31T23:59:59Z,,\n"
                + "c4,s,1900-01-01T00:00:00Z,9999-12-31T23:59:59.999Z,4\n";
        List<CsvRow> rows = read(csv, ZoneOffset.UTC);
        assertThat(((CsvRow.Rejected) rows.get(0)).message())
                .isEqualTo("line 2: sent_at = \"-999999999-01-01T00:00:00Z\": must be in the years 1900 to 9999");
        assertThat(((CsvRow.Rejected) rows.get(1)).message())
                .isEqualTo("line 3: responded_at = \"+10000-01-01T00:00:00Z\": must be in the years 1900 to 9999");
        assertThat(((CsvRow.Rejected) rows.get(2)).message())
                .isEqualTo("line 4: sent_at = \"1899-12-31T23:59:59Z\": must be in the years 1900 to 9999");
        assertThat(rows.get(3)).isInstanceOf(CsvRow.Accepted.class);
    }

    @Test
    void aRejectedCommentIsNeverShown() {
        String csv = "interaction_id,survey_id,sent_at,responded_at,score,comment\n"
                + "c1,s,2025-03-14T09:00:00Z,2025-03-14T09:01:00Z,1,My number is 0701234567 " + "x".repeat(70_000) + "\n";
        String message = ((CsvRow.Rejected) read(csv, ZoneOffset.UTC).get(0)).message();
        assertThat(message).isEqualTo("line 2: comment = (a comment, not shown): must be at most 65536 characters");
    }

    @Test
    void closingTheReaderClosesItsInputAndSoDoesAHeaderRefused() throws IOException {
        StringReader in = new StringReader("interaction_id,survey_id,sent_at,score\nc1,s,2025-03-14T09:00:00Z,4\n");
        ResponseCsvReader reader = ResponseCsvReader.open(in, RatingScales.fivePoint(), ZoneOffset.UTC);
        assertThat(in.ready()).isTrue();
        reader.close();
        // A StringReader refuses to be read once closed.
        assertThatThrownBy(in::read).isInstanceOf(IOException.class).hasMessage("Stream closed");
        // The caller gets no reader to close when the header is refused: the reader closes the input itself.
        StringReader lacking = new StringReader("agent,score\nann,5\n");
        assertThatThrownBy(() -> ResponseCsvReader.open(lacking, RatingScales.fivePoint(), ZoneOffset.UTC))
                .isInstanceOf(InvalidDefinitionException.class).hasMessageContaining("has no column interaction_id");
        assertThatThrownBy(lacking::read).isInstanceOf(IOException.class).hasMessage("Stream closed");
        StringReader broken = new StringReader("\"interaction_id\"x,survey_id,sent_at,score\n");
        assertThatThrownBy(() -> ResponseCsvReader.open(broken, RatingScales.fivePoint(), ZoneOffset.UTC))
                .isInstanceOf(InvalidDefinitionException.class).hasMessageContaining("must be well-formed CSV");
        assertThatThrownBy(broken::read).isInstanceOf(IOException.class).hasMessage("Stream closed");
    }
}
