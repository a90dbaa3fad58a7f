package dev.csatkit.export;

import dev.csatkit.score.Report;
import java.util.Objects;

/**
 * What {@link CsvReportReader} made of a responses CSV: the report, and how the rows went.
 * Every row read was either accepted or rejected; of the accepted rows, the duplicates (a survey
 * key seen again further down) were dropped, so the report counts
 * {@code accepted - duplicates} surveys.
 *
 * @param report the report over the accepted rows, each survey once
 * @param rows the data rows read (blank lines are not rows)
 * @param accepted the rows that are valid responses
 * @param rejected the rows that are not, each reported with its line
 * @param duplicates accepted rows left out because a later row has the same {@code interaction_id}
 *     and {@code survey_id}
 */
public record CsvReport(Report report, long rows, long accepted, long rejected, long duplicates) {

    /** Checks the counts add up. */
    public CsvReport {
        Objects.requireNonNull(report, "report");
        if (accepted < 0 || rejected < 0 || duplicates < 0 || accepted + rejected != rows || duplicates > accepted) {
            throw new IllegalArgumentException("counts do not add up: " + rows + " rows, " + accepted + " accepted, "
                    + rejected + " rejected, " + duplicates + " duplicates");
        }
    }

    /** @return the surveys the report counts: accepted rows less duplicates */
    public long counted() {
        return accepted - duplicates;
    }
}
