package dev.csatkit.examples.engine;

import static dev.csatkit.examples.engine.EndToEnd.CLOCK;
import static org.assertj.core.api.Assertions.assertThat;

import dev.csatkit.channels.spi.ChannelContext;
import dev.csatkit.channels.spi.ChannelKind;
import dev.csatkit.engine.Contact;
import dev.csatkit.engine.Decision;
import dev.csatkit.engine.Interaction;
import dev.csatkit.engine.Medium;
import dev.csatkit.engine.SurveyEngine;
import dev.csatkit.engine.SurveyProfile;
import dev.csatkit.examples.channels.IvrScript;
import dev.csatkit.examples.channels.ScriptedIvr;
import dev.csatkit.examples.channels.ScriptedIvrChannel;
import dev.csatkit.examples.export.CallLog;
import dev.csatkit.examples.export.XlsExport;
import dev.csatkit.export.CsvExport;
import dev.csatkit.scale.RatingScales;
import dev.csatkit.survey.SurveyDefinition;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.StringWriter;
import java.util.List;
import org.apache.poi.hssf.usermodel.HSSFRow;
import org.apache.poi.hssf.usermodel.HSSFSheet;
import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.junit.jupiter.api.Test;

/** A report row for every call, with "survey launched" and the survey's name, skipped calls too. */
class CallLogTest {

    @Test
    void everyCallHasARowLaunchedOrNot() throws Exception {
        SurveyDefinition survey = EndToEnd.survey("ivr-after", ChannelKind.VOICE_DTMF, RatingScales.keypadNine());
        try (ScriptedIvrChannel ivr = new ScriptedIvrChannel(ChannelContext.builder("ivr").clock(CLOCK).build(),
                "+15550100", new ScriptedIvr(new IvrScript()))) {
            SurveyEngine engine = SurveyEngine.builder().clock(CLOCK).channel(ivr)
                    .profile(SurveyProfile.builder(survey, ChannelKind.VOICE_DTMF).build()).build();
            CallLog log = CallLog.of(List.of(survey));
            Contact caller = Contact.builder("crm-8001").phone("+447700900123").build();
            for (String id : List.of("call-8001", "call-8002")) {
                Interaction call = EndToEnd.resolved(id, caller, Medium.VOICE);
                log.record(call, engine.decide(call));
            }
            assertThat(log.size()).isEqualTo(2);

            StringWriter csv = new StringWriter();
            CsvExport.writeTable(log.table(), csv);
            List<String> lines = csv.toString().lines().toList();
            assertThat(lines.get(0)).isEqualTo(String.join(",", CallLog.COLUMNS));
            assertThat(lines.get(1)).startsWith("call-8001,2026-03-02T10:00:00Z,voice,agent-7,Billing,support,yes,"
                    + "ivr-after,After your contact,,");
            assertThat(lines.get(2)).startsWith("call-8002,2026-03-02T10:00:00Z,voice,agent-7,Billing,support,no,");
            assertThat(lines.get(2).split(",")[9]).as("the skip reason").isNotBlank();
            assertThat(lines.get(2)).doesNotContain("+447700900123");

            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            XlsExport.write(List.of(log.table()), bytes);
            try (HSSFWorkbook workbook = new HSSFWorkbook(new ByteArrayInputStream(bytes.toByteArray()))) {
                HSSFSheet sheet = workbook.getSheet("Calls");
                HSSFRow launched = sheet.getRow(1);
                assertThat(launched.getCell(CallLog.COLUMNS.indexOf("survey_launched")).getStringCellValue())
                        .isEqualTo("yes");
                assertThat(launched.getCell(CallLog.COLUMNS.indexOf("survey_name")).getStringCellValue())
                        .isEqualTo("After your contact");
                assertThat(sheet.getRow(2).getCell(CallLog.COLUMNS.indexOf("survey_launched")).getStringCellValue())
                        .isEqualTo("no");
            }
        }
    }
}
