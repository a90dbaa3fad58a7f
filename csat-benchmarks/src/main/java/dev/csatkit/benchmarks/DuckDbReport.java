package dev.csatkit.benchmarks;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;

/**
 * The other side of {@link ReportVsDuckDb}: DuckDB's in-process JDBC driver running the report's
 * aggregation over the same responses CSV — surveys sent, valid ratings, CSAT and Net CSAT per
 * agent on the 1–5 scale — and printing it as JSON, so that it runs as a whole process the same
 * way {@code csat report --by agent --format json} does. Only {@code java.sql} is used here; the
 * driver is on the class path at run time only.
 */
public final class DuckDbReport {

    // A valid rating: a score, neither an invalid nor a late reply; 4-5 satisfied, 1-2 dissatisfied.
    private static final String SQL = """
            SELECT coalesce(agent, '(none)') AS agent,
                   count(*) AS sent,
                   count(*) FILTER (WHERE valid) AS responses,
                   100.0 * count(*) FILTER (WHERE valid AND score >= 4) / nullif(count(*) FILTER (WHERE valid), 0) AS csat,
                   100.0 * (count(*) FILTER (WHERE valid AND score >= 4) - count(*) FILTER (WHERE valid AND score <= 2))
                       / nullif(count(*) FILTER (WHERE valid), 0) AS net_csat
            FROM (SELECT agent, score, score IS NOT NULL AND NOT coalesce(invalid, false)
                         AND NOT coalesce(late, false) AS valid
                  FROM read_csv(?, header = true, auto_detect = true))
            GROUP BY ALL
            ORDER BY agent
            """;

    private DuckDbReport() {
    }

    /**
     * {@code DuckDbReport FILE}: prints the report on standard output.
     *
     * @param args the responses CSV
     * @throws SQLException when DuckDB fails
     * @throws IOException when printing fails
     */
    public static void main(String[] args) throws SQLException, IOException {
        if (args.length != 1) {
            System.err.println("usage: DuckDbReport FILE");
            System.exit(2);
        }
        Writer out = new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), 1 << 16);
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:");
                PreparedStatement query = db.prepareStatement(SQL)) {
            query.setString(1, args[0]);
            try (ResultSet rows = query.executeQuery()) {
                out.write("{\"segments\": [");
                boolean first = true;
                while (rows.next()) {
                    out.write(first ? "\n" : ",\n");
                    first = false;
                    out.write(String.format(Locale.ROOT,
                            "  {\"key\": {\"agent\": \"%s\"}, \"sent\": %d, \"responses\": %d, \"csat\": %s, \"net_csat\": %s}",
                            rows.getString(1), rows.getLong(2), rows.getLong(3), number(rows, 4), number(rows, 5)));
                }
                out.write("\n]}\n");
            }
        }
        out.flush();
    }

    private static String number(ResultSet rows, int column) throws SQLException {
        double value = rows.getDouble(column);
        return rows.wasNull() ? "null" : Double.toString(value);
    }
}
