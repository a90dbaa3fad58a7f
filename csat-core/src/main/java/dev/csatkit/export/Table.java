package dev.csatkit.export;

import dev.csatkit.InvalidConfigurationException;
import dev.csatkit.Violation;
import java.util.List;
import java.util.Objects;

/**
 * A named table of typed cells: a header row and data rows of the same width.
 *
 * @param name the table's name, used as a sheet name
 * @param columns the column names
 * @param rows the data rows, each as wide as {@code columns}
 */
public record Table(String name, List<String> columns, List<List<Cell>> rows) {

    /**
     * Copies the parts and checks every row is as wide as the header.
     *
     * @throws InvalidConfigurationException when a row has the wrong width
     */
    public Table {
        Objects.requireNonNull(name, "name");
        columns = List.copyOf(columns);
        rows = rows.stream().map(List::copyOf).toList();
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).size() != columns.size()) {
                throw new InvalidConfigurationException(Violation.of("rows[" + i + "]", rows.get(i).size() + " cells",
                        "must have one cell per column, " + columns.size()));
            }
        }
    }
}
