package dev.csatkit.examples.export;

import dev.csatkit.export.Cell;
import dev.csatkit.export.FormulaGuard;
import dev.csatkit.export.Table;
import java.io.IOException;
import java.io.OutputStream;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.poi.hssf.usermodel.HSSFCell;
import org.apache.poi.hssf.usermodel.HSSFCellStyle;
import org.apache.poi.hssf.usermodel.HSSFFont;
import org.apache.poi.hssf.usermodel.HSSFRow;
import org.apache.poi.hssf.usermodel.HSSFSheet;
import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.ss.SpreadsheetVersion;

/**
 * Writes {@link Table}s as one XLS workbook (the binary Excel 97–2003 format), a sheet per table,
 * for the spreadsheets and contact-centre tools that still ask for it.
 *
 * <p>The cells are those of {@link XlsxExport}: counts and percentages numeric (percentages 0–100
 * shown with one decimal, other decimals with two), text
 * {@linkplain FormulaGuard#neutralise(String) neutralised}, the header row bold and frozen. The
 * format holds at most 65,536 rows and 256 columns a sheet and 32,767 characters a cell: a table
 * beyond them is refused with its name and size rather than cut short, and a longer text is cut
 * with an ellipsis.
 */
public final class XlsExport {

    /** The most rows an XLS sheet holds, the header included. */
    public static final int MAX_ROWS = SpreadsheetVersion.EXCEL97.getMaxRows();
    /** The most columns an XLS sheet holds. */
    public static final int MAX_COLUMNS = SpreadsheetVersion.EXCEL97.getMaxColumns();

    private static final int MAX_TEXT = SpreadsheetVersion.EXCEL97.getMaxTextLength();
    private static final int MIN_WIDTH = 8;
    private static final int MAX_WIDTH = 60;

    private XlsExport() {
    }

    /**
     * Writes the tables.
     *
     * @param tables the tables, each with a distinct name of at most 31 characters
     * @param out where to write; not closed
     * @throws IllegalArgumentException when a table has more rows or columns than a sheet holds,
     *     or two tables have the same name
     * @throws IOException when writing fails
     */
    public static void write(List<Table> tables, OutputStream out) throws IOException {
        Set<String> names = new HashSet<>();
        for (Table table : tables) {
            if (table.rows().size() + 1 > MAX_ROWS || columns(table) > MAX_COLUMNS) {
                throw new IllegalArgumentException("table " + table.name() + " has " + table.rows().size()
                        + " rows and " + columns(table) + " columns: an XLS sheet holds at most " + (MAX_ROWS - 1)
                        + " rows under its header and " + MAX_COLUMNS + " columns; export XLSX instead");
            }
            if (!names.add(table.name())) {
                throw new IllegalArgumentException("table name " + table.name() + " is given twice: sheet names "
                        + "must be distinct");
            }
        }
        try (HSSFWorkbook workbook = new HSSFWorkbook()) {
            Styles styles = new Styles(workbook);
            for (Table table : tables) {
                HSSFSheet sheet = workbook.createSheet(table.name());
                HSSFRow header = sheet.createRow(0);
                for (int c = 0; c < table.columns().size(); c++) {
                    HSSFCell cell = header.createCell(c);
                    cell.setCellValue(text(table.columns().get(c)));
                    cell.setCellStyle(styles.bold);
                }
                for (int r = 0; r < table.rows().size(); r++) {
                    List<Cell> row = table.rows().get(r);
                    HSSFRow line = sheet.createRow(r + 1);
                    for (int c = 0; c < row.size(); c++) {
                        write(line.createCell(c), row.get(c), styles);
                    }
                }
                for (int c = 0; c < columns(table); c++) {
                    // Widths are in 1/256 of a character.
                    sheet.setColumnWidth(c, width(table, c) * 256);
                }
                sheet.createFreezePane(0, 1);
            }
            workbook.write(out);
        }
        out.flush();
    }

    /** The workbook's shared cell styles: an XLS workbook holds at most 4,000. */
    private static final class Styles {
        final HSSFCellStyle bold;
        final HSSFCellStyle percent;
        final HSSFCellStyle decimal;

        Styles(HSSFWorkbook workbook) {
            HSSFFont font = workbook.createFont();
            font.setBold(true);
            bold = workbook.createCellStyle();
            bold.setFont(font);
            percent = workbook.createCellStyle();
            percent.setDataFormat(workbook.createDataFormat().getFormat("0.0"));
            decimal = workbook.createCellStyle();
            decimal.setDataFormat(workbook.createDataFormat().getFormat("0.00"));
        }
    }

    private static void write(HSSFCell cell, Cell value, Styles styles) {
        if (value instanceof Cell.Text t) {
            cell.setCellValue(text(FormulaGuard.neutralise(t.value())));
        } else if (value instanceof Cell.Count n) {
            cell.setCellValue(n.value());
        } else if (value instanceof Cell.Percent p) {
            cell.setCellValue(p.value());
            cell.setCellStyle(styles.percent);
        } else if (value instanceof Cell.Decimal d) {
            cell.setCellValue(d.value());
            cell.setCellStyle(styles.decimal);
        } else if (value instanceof Cell.Flag f) {
            cell.setCellValue(f.value());
        }
    }

    /** A text as long as a cell holds: a longer one is cut, with an ellipsis to show it. */
    private static String text(String value) {
        return value.length() <= MAX_TEXT ? value : value.substring(0, MAX_TEXT - 1) + "…";
    }

    private static int columns(Table table) {
        int n = table.columns().size();
        for (List<Cell> row : table.rows()) {
            n = Math.max(n, row.size());
        }
        return n;
    }

    private static int width(Table table, int c) {
        int widest = c < table.columns().size() ? table.columns().get(c).length() : 0;
        for (List<Cell> row : table.rows()) {
            if (c < row.size()) {
                Cell cell = row.get(c);
                int length = cell instanceof Cell.Text t ? t.value().length() : 10;
                widest = Math.max(widest, length);
            }
        }
        return Math.max(MIN_WIDTH, Math.min(MAX_WIDTH, widest + 2));
    }
}
