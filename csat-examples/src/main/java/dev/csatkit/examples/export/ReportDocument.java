package dev.csatkit.examples.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.csatkit.export.JsonExport;
import dev.csatkit.score.Report;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The one JSON layout in which the command line writes reports, whether one ({@code csat report
 * --format json}) or several (the demo's {@code report.json}):
 *
 * <pre>{@code
 * {
 *   "layout": "csat-kit/reports/1",
 *   ...what the reports were made from (the writer's own sections, such as "input" or "run")...,
 *   "reports": {
 *     "NAME": {"scale": ..., "dimensions": [...], "overall": {...}, "segments": [...],
 *              "trend": [...], "low_scores": [...], "low_scores_omitted": 0}
 *   }
 * }
 * }</pre>
 *
 * <p>Each report is exactly {@link JsonExport#writeReport}'s layout. {@code layout} changes only
 * when a field is removed or changes meaning; fields may be added.
 */
public final class ReportDocument {

    /** The value of the {@code layout} field. */
    public static final String LAYOUT = "csat-kit/reports/1";

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Map<String, JsonNode> sections = new LinkedHashMap<>();
    private final Map<String, Report> reports = new LinkedHashMap<>();

    /** @return an empty document */
    public static ReportDocument create() {
        return new ReportDocument();
    }

    private ReportDocument() {
    }

    /**
     * @return a new JSON object to fill, for {@link #section}
     */
    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    /**
     * Adds a section that says what the reports were made from; sections come before the reports.
     *
     * @param name the field name, not {@code layout} or {@code reports}
     * @param value its value
     * @return this document
     */
    public ReportDocument section(String name, JsonNode value) {
        if (name.equals("layout") || name.equals("reports")) {
            throw new IllegalArgumentException("section name " + name + " is the document's own");
        }
        sections.put(name, Objects.requireNonNull(value, "value"));
        return this;
    }

    /**
     * Adds a report.
     *
     * @param name its name in {@code reports}
     * @param report the report
     * @return this document
     */
    public ReportDocument report(String name, Report report) {
        reports.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(report, "report"));
        return this;
    }

    /**
     * Writes the document, indented, with a final line break.
     *
     * @param out where to write; flushed, not closed
     * @throws IOException when writing fails
     */
    public void write(Writer out) throws IOException {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("layout", LAYOUT);
        sections.forEach(root::set);
        ObjectNode all = root.putObject("reports");
        for (Map.Entry<String, Report> e : reports.entrySet()) {
            StringWriter one = new StringWriter();
            try {
                JsonExport.writeReport(e.getValue(), one);
            } catch (UncheckedIOException x) {
                throw x.getCause();
            }
            all.set(e.getKey(), MAPPER.readTree(one.toString()));
        }
        out.write(MAPPER.writeValueAsString(root));
        out.write("\n");
        out.flush();
    }
}
