package dev.csatkit.examples.export;

import static org.assertj.core.api.Assertions.assertThat;

import dev.csatkit.export.ReportTables;
import dev.csatkit.export.Table;
import dev.csatkit.scale.RatingScales;
import dev.csatkit.score.Report;
import dev.csatkit.score.ReportSpec;
import dev.csatkit.score.SurveyResponse;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.poi.hssf.usermodel.HSSFSheet;
import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.junit.jupiter.api.Test;

/** The low-score sheet of the XLSX and XLS exports has the keys a caller pressed, formula-safe. */
class KeysInSpreadsheetsTest {

    static final Instant SENT = Instant.parse("2025-03-14T09:00:00Z");

    static Table lowScores() {
        List<SurveyResponse> calls = List.of(
                SurveyResponse.builder("c1", "after-call", SENT).rating(1, SENT.plusSeconds(9))
                        .keys(Optional.of("=1")).build(),
                SurveyResponse.builder("c2", "after-call", SENT).rating(2, SENT.plusSeconds(8))
                        .keys(Optional.of("2")).build(),
                SurveyResponse.builder("c3", "after-call", SENT).rating(3, SENT.plusSeconds(7)).build());
        return ReportTables.lowScores(Report.of(ReportSpec.builder(RatingScales.keypadNine()).lowScores(3).build(),
                calls));
    }

    @Test
    void xlsxHasTheKeysColumnWithAFormulaLikeKeyNeutralised() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        XlsxExport.write(List.of(lowScores()), bytes);
        try (ReadableWorkbook workbook = new ReadableWorkbook(new ByteArrayInputStream(bytes.toByteArray()))) {
            List<Row> rows = workbook.getFirstSheet().read();
            int keys = ReportTables.RESPONSE_COLUMNS.indexOf("keys");
            assertThat(rows.get(0).getCellText(keys)).isEqualTo("keys");
            List<String> values = new ArrayList<>();
            rows.stream().skip(1).forEach(r -> values.add(r.getCellCount() > keys ? r.getCellText(keys) : ""));
            // Newest first: c1, c2, then c3 with no keys.
            assertThat(values).containsExactly("'=1", "2", "");
        }
    }

    @Test
    void xlsHasTheKeysColumnWithAFormulaLikeKeyNeutralised() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        XlsExport.write(List.of(lowScores()), bytes);
        try (HSSFWorkbook workbook = new HSSFWorkbook(new ByteArrayInputStream(bytes.toByteArray()))) {
            HSSFSheet sheet = workbook.getSheetAt(0);
            int keys = ReportTables.RESPONSE_COLUMNS.indexOf("keys");
            assertThat(sheet.getRow(0).getCell(keys).getStringCellValue()).isEqualTo("keys");
            assertThat(sheet.getRow(1).getCell(keys).getStringCellValue()).isEqualTo("'=1");
            assertThat(sheet.getRow(2).getCell(keys).getStringCellValue()).isEqualTo("2");
        }
    }
}
