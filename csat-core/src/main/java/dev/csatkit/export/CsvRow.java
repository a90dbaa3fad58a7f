package dev.csatkit.export;

import dev.csatkit.Violation;
import dev.csatkit.score.SurveyResponse;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * One data row of a response CSV file, as {@link ResponseCsvReader} read it: a response, or the
 * reasons it could not be one.
 */
public sealed interface CsvRow {

    /** @return the line the row starts on; the header is line 1 */
    long line();

    /**
     * A row that is a valid response.
     *
     * @param line the line the row starts on
     * @param response the response
     */
    record Accepted(long line, SurveyResponse response) implements CsvRow {
        /** Checks the response is present. */
        public Accepted {
            Objects.requireNonNull(response, "response");
        }
    }

    /**
     * A row that could not be read; the rest of the file is read on.
     *
     * @param line the line the row starts on
     * @param violations every problem found in the row, by column name
     */
    record Rejected(long line, List<Violation> violations) implements CsvRow {
        /** Copies the violations. */
        public Rejected {
            violations = List.copyOf(violations);
        }

        /** @return {@code line 7: score = "six": must be a whole number; ...} */
        public String message() {
            return "line " + line + ": " + violations.stream().map(Violation::toString)
                    .collect(Collectors.joining("; "));
        }
    }
}
