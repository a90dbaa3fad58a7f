package dev.csatkit.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code csat report} against DuckDB's in-process JDBC driver, each as a whole process — JVM
 * start, reading the file, the aggregation and printing the result — on the same generated
 * responses file, in the same run. The two take turns, three runs each by default, and the
 * medians are compared. Both outputs are then read back and their per-agent figures compared,
 * so the two did the same work.
 *
 * <p>Run it with {@code csat-benchmarks/report-vs-duckdb.sh}, which builds the jars and fetches
 * the driver; it is no part of {@code mvn verify}.
 *
 * <pre>
 * ReportVsDuckDb --csat-jar csat-examples/target/csat.jar --duckdb-jar csat-benchmarks/target/duckdb/duckdb_jdbc.jar
 *                [--rows 1000000] [--runs 3] [--file PATH]
 * </pre>
 */
public final class ReportVsDuckDb {

    private ReportVsDuckDb() {
    }

    /** One timed side: the command that runs it. */
    private record Side(String name, List<String> command) {
    }

    /**
     * Runs the comparison and prints the table; exits with 1 when the two disagree on a figure.
     *
     * @param args see the class comment
     * @throws Exception when a process cannot be run
     */
    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i], args[i + 1]);
        }
        if (!options.containsKey("--csat-jar") || !options.containsKey("--duckdb-jar")) {
            System.err.println("usage: ReportVsDuckDb --csat-jar JAR --duckdb-jar JAR [--rows N] [--runs N] [--file PATH]");
            System.exit(2);
        }
        int rows = Integer.parseInt(options.getOrDefault("--rows", "1000000"));
        int runs = Integer.parseInt(options.getOrDefault("--runs", "3"));
        Path dir = Path.of("csat-benchmarks", "target", "report-vs-duckdb");
        Files.createDirectories(dir);
        Path file = Path.of(options.getOrDefault("--file", dir.resolve("responses-" + rows + ".csv").toString()));
        if (!Files.exists(file)) {
            System.out.printf(Locale.ROOT, "writing %,d responses to %s%n", rows, file);
            ResponsesFile.write(file, rows, 7);
        }
        warm(file);
        String java = ProcessHandle.current().info().command().orElse("java");
        String self = new File(ReportVsDuckDb.class.getProtectionDomain().getCodeSource().getLocation().toURI()).getPath();
        Side csat = new Side("csat report", List.of(java, "-jar", options.get("--csat-jar"), "report", "--input",
                file.toString(), "--by", "agent", "--format", "json"));
        Side duck = new Side("DuckDB JDBC", List.of(java, "-cp", self + File.pathSeparator + options.get("--duckdb-jar"),
                DuckDbReport.class.getName(), file.toString()));

        System.out.printf(Locale.ROOT, "%s: %,d rows, %,.1f MB; %d runs each, taking turns; %d processors%n", file,
                rows, Files.size(file) / 1e6, runs, Runtime.getRuntime().availableProcessors());
        List<Double> csatTimes = new ArrayList<>();
        List<Double> duckTimes = new ArrayList<>();
        for (int run = 0; run < runs; run++) {
            // Alternate who goes first, so neither always runs on the other's leftovers.
            boolean csatFirst = run % 2 == 0;
            for (Side side : csatFirst ? List.of(csat, duck) : List.of(duck, csat)) {
                double seconds = time(side, dir.resolve(side == csat ? "csat.json" : "duckdb.json"));
                (side == csat ? csatTimes : duckTimes).add(seconds);
                System.out.printf(Locale.ROOT, "  run %d  %-12s %6.3f s%n", run + 1, side.name(), seconds);
            }
        }
        double csatMedian = median(csatTimes);
        double duckMedian = median(duckTimes);
        double ratio = csatMedian / duckMedian;
        System.out.printf(Locale.ROOT, "median       csat report %.3f s, DuckDB JDBC %.3f s: ratio %.2f (target <= 1.0: %s)%n",
                csatMedian, duckMedian, ratio, ratio <= 1.0 ? "met" : "not met");
        int agents = compare(dir.resolve("csat.json"), dir.resolve("duckdb.json"));
        System.out.printf(Locale.ROOT, "same sent, valid ratings, CSAT and Net CSAT for all %d agents%n", agents);
    }

    /** Reads the file once, so both sides find it in the page cache. */
    private static void warm(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            java.nio.ByteBuffer buffer = java.nio.ByteBuffer.allocateDirect(1 << 20);
            while (channel.read(buffer) >= 0) {
                buffer.clear();
            }
        }
    }

    private static double time(Side side, Path output) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(side.command()).redirectOutput(output.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        long start = System.nanoTime();
        Process p = pb.start();
        int code = p.waitFor();
        double seconds = (System.nanoTime() - start) / 1e9;
        if (code != 0) {
            throw new IllegalStateException(side.name() + " exited with " + code + ": " + String.join(" ", side.command()));
        }
        return seconds;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(null);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    /** Checks both printed the same per-agent figures; returns how many agents. */
    private static int compare(Path csatJson, Path duckJson) throws IOException {
        ObjectMapper json = new ObjectMapper();
        Map<String, JsonNode> csat = new HashMap<>();
        for (JsonNode s : json.readTree(csatJson.toFile()).get("segments")) {
            csat.put(s.get("key").get("agent").asText(), s);
        }
        int agents = 0;
        for (JsonNode d : json.readTree(duckJson.toFile()).get("segments")) {
            String agent = d.get("key").get("agent").asText();
            JsonNode c = csat.remove(agent);
            if (c == null || c.get("sent").asLong() != d.get("sent").asLong()
                    || c.get("responses").asLong() != d.get("responses").asLong()
                    || !close(c.get("csat"), d.get("csat")) || !close(c.get("net_csat"), d.get("net_csat"))) {
                System.out.println("the two disagree on agent " + agent + ": " + c + " against " + d);
                System.exit(1);
            }
            agents++;
        }
        if (!csat.isEmpty()) {
            System.out.println("csat report has agents DuckDB has not: " + csat.keySet());
            System.exit(1);
        }
        return agents;
    }

    private static boolean close(JsonNode a, JsonNode b) {
        if (a.isNull() || b.isNull()) {
            return a.isNull() && b.isNull();
        }
        return Math.abs(a.asDouble() - b.asDouble()) < 1e-9;
    }
}
