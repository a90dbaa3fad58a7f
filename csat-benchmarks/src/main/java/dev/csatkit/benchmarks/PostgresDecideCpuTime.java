package dev.csatkit.benchmarks;

import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;

/**
 * {@link PostgresDecideBenchmark}'s capped pair timed by CPU time on both sides of the wire, in
 * alternating rounds on one thread and one connection: the calling thread's CPU time (the engine,
 * the driver) and the server process's (read from its {@code /proc/<pid>/schedstat}, so the
 * server must run on this machine, as the tests' embedded one does).
 *
 * <p>When the application and the database share the machine's cores, as in the benchmark,
 * decisions per second at full load go as the inverse of this sum; unlike JMH's wall-clock
 * throughput it barely moves when other work shares the cores. Prints each round, then the
 * medians: each side's time per operation and the ratio of the sums (the baseline's over the
 * engine's, as for throughput).
 *
 * <p>{@code java -cp csat-benchmarks/target/benchmarks.jar
 * dev.csatkit.benchmarks.PostgresDecideCpuTime [operations per round] [rounds]}
 */
public final class PostgresDecideCpuTime {

    private PostgresDecideCpuTime() {
    }

    /**
     * @param args operations per round (default 20 000) and rounds (default 7)
     * @throws Exception when the server cannot be reached or its process read
     */
    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 7;
        PostgresDecideBenchmark.Db db = new PostgresDecideBenchmark.Db();
        db.setUp();
        // One connection, so that every statement of both operations runs in one server process.
        HikariDataSource one = PostgresBench.pool(1);
        PostgresDecideBenchmark.Db timed = db.withPool(one);
        Path schedstat = Path.of("/proc", Long.toString(backendPid(one)), "schedstat");
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        PostgresDecideBenchmark bench = new PostgresDecideBenchmark();
        double[][] perOp = new double[4][rounds];
        double[] ratios = new double[rounds];
        long sink = 0;
        try {
            for (int i = 0; i < n; i++) { // warm-up: the driver's server-side statements, the JIT
                sink += bench.decideCapped(timed).hashCode() + bench.insertOnConflictBaseline(timed);
            }
            for (int round = 0; round < rounds; round++) {
                long c0 = mx.getCurrentThreadCpuTime();
                long s0 = serverNanos(schedstat);
                for (int i = 0; i < n; i++) {
                    sink += bench.decideCapped(timed).hashCode();
                }
                long c1 = mx.getCurrentThreadCpuTime();
                long s1 = serverNanos(schedstat);
                for (int i = 0; i < n; i++) {
                    sink += bench.insertOnConflictBaseline(timed);
                }
                long c2 = mx.getCurrentThreadCpuTime();
                long s2 = serverNanos(schedstat);
                perOp[0][round] = (c1 - c0) / 1_000.0 / n;
                perOp[1][round] = (s1 - s0) / 1_000.0 / n;
                perOp[2][round] = (c2 - c1) / 1_000.0 / n;
                perOp[3][round] = (s2 - s1) / 1_000.0 / n;
                ratios[round] = (perOp[2][round] + perOp[3][round]) / (perOp[0][round] + perOp[1][round]);
                System.out.printf("round %d: decideCapped %.1f µs here + %.1f µs server, "
                        + "insertOnConflictBaseline %.1f µs here + %.1f µs server, ratio %.2f%n", round + 1,
                        perOp[0][round], perOp[1][round], perOp[2][round], perOp[3][round], ratios[round]);
            }
        } finally {
            one.close();
            db.tearDown();
        }
        for (double[] side : perOp) {
            Arrays.sort(side);
        }
        Arrays.sort(ratios);
        int m = rounds / 2;
        System.out.printf("median: decideCapped %.1f + %.1f µs, insertOnConflictBaseline %.1f + %.1f µs, "
                + "ratio %.2f (%d)%n", perOp[0][m], perOp[1][m], perOp[2][m], perOp[3][m], ratios[m], sink & 1);
    }

    private static long backendPid(HikariDataSource pool) throws SQLException {
        try (Connection c = pool.getConnection(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** The first field of schedstat: nanoseconds the process has run on a CPU. */
    private static long serverNanos(Path schedstat) throws IOException {
        String line = Files.readString(schedstat).trim();
        return Long.parseLong(line.substring(0, line.indexOf(' ')));
    }
}
