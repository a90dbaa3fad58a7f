/**
 * Spreadsheet export for the examples: report tables written as XLSX workbooks.
 */
@NullMarked
package dev.csatkit.examples.export;

import org.jspecify.annotations.NullMarked;
