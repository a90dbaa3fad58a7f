/**
 * Responses and reports in and out: CSV (Jackson's CSV data format) and JSON, written as a
 * stream, with text cells a spreadsheet would run as a formula neutralised; and the reader for
 * response CSV files, which reports every row it cannot read with its line number.
 *
 * <p>{@link dev.csatkit.export.ReportTables} lays a report out as {@link dev.csatkit.export.Table}s
 * of typed {@link dev.csatkit.export.Cell}s, which any tabular writer (CSV here, XLSX in the
 * examples) renders.
 */
@NullMarked
package dev.csatkit.export;

import org.jspecify.annotations.NullMarked;
