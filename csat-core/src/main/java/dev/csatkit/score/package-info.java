/**
 * Scores and reports: tallies of survey outcomes per scale value, the figures computed from them
 * (CSAT, Net CSAT, mean, distribution, response rate, Wilson interval, band, NPS, CES share), and
 * reports grouped by any combination of dimensions with comparisons, trends and low-score lists.
 *
 * <p>Start from {@link dev.csatkit.score.Tally} for one set of counts, or from
 * {@link dev.csatkit.score.ReportSpec} and {@link dev.csatkit.score.Report} for segments.
 */
@NullMarked
package dev.csatkit.score;

import org.jspecify.annotations.NullMarked;
