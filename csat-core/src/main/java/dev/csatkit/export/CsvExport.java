package dev.csatkit.export;

import com.fasterxml.jackson.dataformat.csv.CsvFactory;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.csatkit.score.Report;
import dev.csatkit.score.SurveyResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.util.Iterator;
import java.util.List;

/**
 * Writes tables, reports and responses as CSV (RFC 4180, comma-separated, a header row) with
 * Jackson's CSV data format. Rows are written as they come, so exporting responses from an
 * iterator takes the same memory for ten rows as for ten million.
 *
 * <p>Text cells are {@linkplain FormulaGuard#neutralise(String) neutralised}; numbers are
 * written in plain notation, unrounded; flags as {@code true} / {@code false}; empty cells as
 * nothing. The writer passed in is flushed, not closed.
 */
public final class CsvExport {

    private static final CsvFactory FACTORY = new CsvFactory();
    private static final CsvSchema SCHEMA = CsvSchema.emptySchema().withoutHeader();

    private CsvExport() {
    }

    /**
     * Writes a table: its header, then its rows.
     *
     * @param table the table
     * @param out where to write
     * @throws UncheckedIOException when writing fails
     */
    public static void writeTable(Table table, Writer out) {
        try (CsvGenerator gen = open(out)) {
            writeRow(gen, table.columns());
            for (List<Cell> row : table.rows()) {
                writeCells(gen, row);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not write CSV", e);
        }
    }

    /**
     * Writes a report's {@linkplain ReportTables#summary(Report) summary table}.
     *
     * @param report the report
     * @param out where to write
     * @throws UncheckedIOException when writing fails
     */
    public static void writeReport(Report report, Writer out) {
        writeTable(ReportTables.summary(report), out);
    }

    /**
     * Streams responses in the {@link ReportTables#RESPONSE_COLUMNS}, which
     * {@link ResponseCsvReader} reads back: one row per response, and one more per answer it
     * carries to a further question ({@link ReportTables#responseRows}).
     *
     * @param responses the responses, consumed one at a time
     * @param out where to write
     * @return how many responses were written
     * @throws UncheckedIOException when writing fails
     */
    public static long writeResponses(Iterator<SurveyResponse> responses, Writer out) {
        long count = 0;
        try (CsvGenerator gen = open(out)) {
            writeRow(gen, ReportTables.RESPONSE_COLUMNS);
            while (responses.hasNext()) {
                for (List<Cell> row : ReportTables.responseRows(responses.next())) {
                    writeCells(gen, row);
                }
                count++;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not write CSV", e);
        }
        return count;
    }

    private static CsvGenerator open(Writer out) throws IOException {
        CsvGenerator gen = FACTORY.createGenerator(out);
        gen.disable(com.fasterxml.jackson.core.JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        gen.setSchema(SCHEMA);
        // Quote only where RFC 4180 needs it, not every long value.
        gen.enable(CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING);
        return gen;
    }

    private static void writeRow(CsvGenerator gen, List<String> header) throws IOException {
        gen.writeStartArray();
        for (String h : header) {
            gen.writeString(h);
        }
        gen.writeEndArray();
    }

    private static void writeCells(CsvGenerator gen, List<Cell> cells) throws IOException {
        gen.writeStartArray();
        for (Cell cell : cells) {
            if (cell instanceof Cell.Text t) {
                gen.writeString(FormulaGuard.neutralise(t.value()));
            } else if (cell instanceof Cell.Count c) {
                gen.writeNumber(c.value());
            } else if (cell instanceof Cell.Percent p) {
                gen.writeNumber(plain(p.value()));
            } else if (cell instanceof Cell.Decimal d) {
                gen.writeNumber(plain(d.value()));
            } else if (cell instanceof Cell.Flag f) {
                gen.writeBoolean(f.value());
            } else {
                // writeNull() would drop the column in an array row; an empty string keeps it.
                gen.writeString("");
            }
        }
        gen.writeEndArray();
    }

    /** Plain notation: a spreadsheet reads {@code 0.000012}, not always {@code 1.2E-5}. */
    static String plain(double value) {
        return BigDecimal.valueOf(value).toPlainString();
    }
}
