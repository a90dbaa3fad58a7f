package dev.csatkit.examples.export;

import dev.csatkit.export.Cell;
import dev.csatkit.export.FormulaGuard;
import dev.csatkit.export.Table;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

/**
 * Writes {@link Table}s as one XLSX workbook, a sheet per table.
 *
 * <p>Counts and percentages are numeric cells (percentages 0–100 shown with one decimal, other
 * decimals with two) so a spreadsheet can sum and chart them; text is
 * {@linkplain FormulaGuard#neutralise(String) neutralised} like in CSV, since a user who edits a
 * cell and presses enter would otherwise turn it into a formula. The header row is bold and
 * frozen, and columns are as wide as their content (within limits).
 *
 * <p>Each sheet declares its real extent ({@code <dimension ref="A1:M57"/>}), which streaming
 * readers rely on to size what they read, and the workbook has the default "Normal" cell style
 * that spreadsheet libraries expect. The writing library leaves both out, so the workbook is
 * built in a temporary file and those two parts are set right on the way out.
 */
public final class XlsxExport {

    private static final String PERCENT_FORMAT = "0.0";
    private static final String DECIMAL_FORMAT = "0.00";
    private static final int MIN_WIDTH = 8;
    private static final int MAX_WIDTH = 60;

    private static final Pattern SHEET = Pattern.compile("xl/worksheets/sheet(\\d+)\\.xml");
    private static final Pattern DIMENSION = Pattern.compile("<dimension ref=\"[A-Z0-9:]*\"/>");
    private static final String NORMAL_STYLE =
            "<cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/></cellStyles>";

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
        Path built = Files.createTempFile("csat-report", ".xlsx");
        try {
            try (OutputStream file = Files.newOutputStream(built)) {
                build(tables, file);
            }
            fix(built, tables, out);
        } finally {
            Files.deleteIfExists(built);
        }
    }

    private static void build(List<Table> tables, OutputStream built) throws IOException {
        Workbook workbook = new Workbook(built, "CSAT Kit", "1.0");
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
            for (int c = 0; c < columns(table); c++) {
                sheet.width(c, width(table, c));
            }
            sheet.freezePane(0, 1);
            sheet.finish();
        }
        workbook.finish();
    }

    /**
     * The A1-style range a table covers, header included: {@code A1:C4} for three columns and
     * three rows.
     *
     * @param table a table
     * @return its range
     */
    static String range(Table table) {
        return "A1:" + column(Math.max(columns(table), 1) - 1) + (table.rows().size() + 1);
    }

    private static int columns(Table table) {
        int n = table.columns().size();
        for (List<Cell> row : table.rows()) {
            n = Math.max(n, row.size());
        }
        return n;
    }

    /**
     * @param index a column index from 0
     * @return its letters: 0 is A, 25 is Z, 26 is AA
     */
    public static String column(int index) {
        StringBuilder letters = new StringBuilder();
        for (int n = index + 1; n > 0; n = (n - 1) / 26) {
            letters.insert(0, (char) ('A' + (n - 1) % 26));
        }
        return letters.toString();
    }

    private static double width(Table table, int c) {
        int widest = c < table.columns().size() ? table.columns().get(c).length() : 0;
        for (List<Cell> row : table.rows()) {
            if (c < row.size()) {
                Cell cell = row.get(c);
                int length = cell instanceof Cell.Text t ? t.value().length() : String.valueOf(value(cell)).length();
                widest = Math.max(widest, length);
            }
        }
        return Math.max(MIN_WIDTH, Math.min(MAX_WIDTH, widest + 2));
    }

    private static Object value(Cell cell) {
        if (cell instanceof Cell.Count n) {
            return n.value();
        } else if (cell instanceof Cell.Percent p) {
            return String.format(Locale.ROOT, "%.1f", p.value());
        } else if (cell instanceof Cell.Decimal d) {
            return String.format(Locale.ROOT, "%.2f", d.value());
        } else if (cell instanceof Cell.Flag f) {
            return f.value();
        }
        return "";
    }

    /** Copies the workbook, with each sheet's real dimension and the default cell style. */
    private static void fix(Path workbook, List<Table> tables, OutputStream out) throws IOException {
        ZipOutputStream zip = new ZipOutputStream(out);
        // Read through the central directory: the writer's local headers leave sizes out.
        try (ZipFile in = new ZipFile(workbook.toFile())) {
            for (ZipEntry e : Collections.list(in.entries())) {
                byte[] bytes;
                try (InputStream entry = in.getInputStream(e)) {
                    bytes = entry.readAllBytes();
                }
                Matcher sheet = SHEET.matcher(e.getName());
                if (sheet.matches()) {
                    int index = Integer.parseInt(sheet.group(1)) - 1;
                    if (index >= 0 && index < tables.size()) {
                        String xml = new String(bytes, StandardCharsets.UTF_8);
                        bytes = DIMENSION.matcher(xml).replaceFirst("<dimension ref=\"" + range(tables.get(index))
                                + "\"/>").getBytes(StandardCharsets.UTF_8);
                    }
                } else if (e.getName().equals("xl/styles.xml")) {
                    String xml = new String(bytes, StandardCharsets.UTF_8);
                    if (!xml.contains("<cellStyles")) {
                        // Its place in the style sheet is fixed: right after the cell formats.
                        xml = xml.replace("</cellXfs>", "</cellXfs>" + NORMAL_STYLE);
                    }
                    bytes = xml.getBytes(StandardCharsets.UTF_8);
                }
                ZipEntry copy = new ZipEntry(e.getName());
                if (e.getTime() != -1) {
                    // The writer's own time stamps, so that the same tables give the same bytes.
                    copy.setTime(e.getTime());
                }
                zip.putNextEntry(copy);
                zip.write(bytes);
                zip.closeEntry();
            }
        }
        zip.finish();
        zip.flush();
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
