package dev.csatkit.examples.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.csatkit.export.Cell;
import dev.csatkit.export.Table;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.hssf.usermodel.HSSFRow;
import org.apache.poi.hssf.usermodel.HSSFSheet;
import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.ss.usermodel.CellType;
import org.junit.jupiter.api.Test;

class XlsExportTest {

    private static HSSFWorkbook roundTrip(List<Table> tables) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        XlsExport.write(tables, bytes);
        return new HSSFWorkbook(new ByteArrayInputStream(bytes.toByteArray()));
    }

    @Test
    void everyKindOfCellReadsBackAsItsType() throws IOException {
        Table table = new Table("Cells", List.of("text", "count", "percent", "decimal", "flag", "empty"),
                List.of(List.of(new Cell.Text("+46 8 123"), new Cell.Count(42), new Cell.Percent(81.25),
                        new Cell.Decimal(4.4321), new Cell.Flag(true), Cell.EMPTY)));
        try (HSSFWorkbook workbook = roundTrip(List.of(table))) {
            HSSFSheet sheet = workbook.getSheet("Cells");
            HSSFRow row = sheet.getRow(1);
            // A leading + would start a formula once the cell is edited: neutralised as in CSV.
            assertThat(row.getCell(0).getStringCellValue()).isEqualTo("'+46 8 123");
            assertThat(row.getCell(1).getNumericCellValue()).isEqualTo(42);
            assertThat(row.getCell(2).getNumericCellValue()).isEqualTo(81.25);
            assertThat(row.getCell(2).getCellStyle().getDataFormatString()).isEqualTo("0.0");
            assertThat(row.getCell(3).getNumericCellValue()).isEqualTo(4.4321);
            assertThat(row.getCell(3).getCellStyle().getDataFormatString()).isEqualTo("0.00");
            assertThat(row.getCell(4).getCellType()).isEqualTo(CellType.BOOLEAN);
            assertThat(row.getCell(4).getBooleanCellValue()).isTrue();
            assertThat(row.getCell(5).getCellType()).isEqualTo(CellType.BLANK);
            assertThat(sheet.getColumnWidth(0)).isEqualTo(11 * 256);
        }
    }

    @Test
    void aTextLongerThanACellHoldsIsCutWithAnEllipsis() throws IOException {
        String longText = "x".repeat(40_000);
        Table table = new Table("Long", List.of("comment"), List.of(List.of(new Cell.Text(longText))));
        try (HSSFWorkbook workbook = roundTrip(List.of(table))) {
            String read = workbook.getSheetAt(0).getRow(1).getCell(0).getStringCellValue();
            assertThat(read).hasSize(32_767).endsWith("x…");
        }
    }

    @Test
    void aTableBeyondASheetIsRefusedWithItsSize() {
        List<List<Cell>> rows = new ArrayList<>();
        for (int i = 0; i < XlsExport.MAX_ROWS; i++) {
            rows.add(List.of(new Cell.Count(i)));
        }
        Table table = new Table("Big", List.of("n"), rows);
        assertThatThrownBy(() -> XlsExport.write(List.of(table), new ByteArrayOutputStream()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("table Big has 65536 rows and 1 columns: an XLS sheet holds at most 65535 rows under its "
                        + "header and 256 columns; export XLSX instead");
    }
}
