package dev.csatkit.export;

import dev.csatkit.InvalidDefinitionException;
import dev.csatkit.Violation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The header row of a responses CSV: where each known column is, and how many cells every row
 * must have. Shared by {@link ResponseCsvReader} and {@link CsvReportReader} so both refuse the
 * same headers with the same words.
 *
 * @param cells the number of columns, which every data row must match
 * @param index the cell position of each column of {@link ReportTables#RESPONSE_COLUMNS}, or -1
 */
record ResponseHeader(int cells, int[] index) {

    // Here rather than only on ResponseCsvReader: reading a header must not load the Jackson
    // CSV parser that ResponseCsvReader sets up, which the report reader never uses.
    static final List<String> REQUIRED = List.of("interaction_id", "survey_id", "sent_at", "score");

    /**
     * Reads a header row.
     *
     * @param names the header cells as read
     * @return the header
     * @throws InvalidDefinitionException when a name repeats or a required column is missing
     */
    static ResponseHeader of(List<String> names) {
        String joined = String.join(",", names);
        int[] index = new int[ReportTables.RESPONSE_COLUMNS.size()];
        Arrays.fill(index, -1);
        List<Violation> found = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i).replace("\uFEFF", "").strip().toLowerCase(Locale.ROOT);
            if (name.isEmpty()) {
                continue;
            }
            Integer first = seen.putIfAbsent(name, i);
            if (first != null) {
                // Taking either copy silently would count a column the exporter never meant.
                found.add(Violation.of("header", joined, "names column " + name + " twice (columns " + (first + 1)
                        + " and " + (i + 1) + "); each column must be named once"));
                continue;
            }
            int column = ReportTables.RESPONSE_COLUMNS.indexOf(name);
            if (column >= 0) {
                index[column] = i;
            }
        }
        for (String required : REQUIRED) {
            if (index[ReportTables.RESPONSE_COLUMNS.indexOf(required)] < 0) {
                found.add(Violation.of("header", joined, "has no column " + required));
            }
        }
        if (!found.isEmpty()) {
            throw new InvalidDefinitionException("responses CSV", found);
        }
        return new ResponseHeader(names.size(), index);
    }

    /** @throws InvalidDefinitionException for a file with no header at all */
    static InvalidDefinitionException empty() {
        return new InvalidDefinitionException("responses CSV", Violation.of("header", "",
                "the file is empty; the first row must name the columns, such as "
                        + String.join(",", REQUIRED)));
    }

    /**
     * @param column a position in {@link ReportTables#RESPONSE_COLUMNS}
     * @return its cell position, or -1 when the file has no such column
     */
    int cellOf(int column) {
        return index[column];
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof ResponseHeader h && cells == h.cells && Arrays.equals(index, h.index);
    }

    @Override
    public int hashCode() {
        return 31 * cells + Arrays.hashCode(index);
    }

    @Override
    public String toString() {
        return "ResponseHeader[cells=" + cells + ", index=" + Arrays.toString(index) + "]";
    }
}
