package dev.csatkit.examples.export;

import dev.csatkit.export.Cell;
import dev.csatkit.export.FormulaGuard;
import dev.csatkit.export.Table;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

/**
 * Writes {@link Table}s as one XLSX workbook, a sheet per table, streaming rows to the output.
 *
 * <p>Counts and percentages are numeric cells (percentages 0–100 shown with one decimal, other
 * decimals with two) so a spreadsheet can sum and chart them; text is
 * {@linkplain FormulaGuard#neutralise(String) neutralised} like in CSV, since a user who edits a
 * cell and presses enter would otherwise turn it into a formula.
 */
public final class XlsxExport {

    private static final String PERCENT_FORMAT = "0.0";
    private static final String DECIMAL_FORMAT = "0.00";

    private XlsxExport() {
    }

    /**
     * Writes the tables.
     *
     * @param tables the tables, each with a distinct name of at most 31 characters
     * @param out where to write; not closed
     * @throws IOException when writing fails
     */
    public static void write(List<Table> tables, OutputStream out) throws IOException {
        Workbook workbook = new Workbook(out, "CSAT Kit", "1.0");
        for (Table table : tables) {
            Worksheet sheet = workbook.newWorksheet(table.name());
            for (int c = 0; c < table.columns().size(); c++) {
                sheet.value(0, c, table.columns().get(c));
                sheet.style(0, c).bold().set();
            }
            for (int r = 0; r < table.rows().size(); r++) {
                List<Cell> row = table.rows().get(r);
                for (int c = 0; c < row.size(); c++) {
                    write(sheet, r + 1, c, row.get(c));
                }
            }
            sheet.freezePane(0, 1);
            sheet.finish();
        }
        workbook.finish();
    }

    private static void write(Worksheet sheet, int r, int c, Cell cell) {
        if (cell instanceof Cell.Text t) {
            sheet.value(r, c, FormulaGuard.neutralise(t.value()));
        } else if (cell instanceof Cell.Count n) {
            sheet.value(r, c, n.value());
        } else if (cell instanceof Cell.Percent p) {
            sheet.value(r, c, p.value());
            sheet.style(r, c).format(PERCENT_FORMAT).set();
        } else if (cell instanceof Cell.Decimal d) {
            sheet.value(r, c, d.value());
            sheet.style(r, c).format(DECIMAL_FORMAT).set();
        } else if (cell instanceof Cell.Flag f) {
            sheet.value(r, c, f.value());
        }
    }
}
