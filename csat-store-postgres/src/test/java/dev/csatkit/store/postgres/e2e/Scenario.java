package dev.csatkit.store.postgres.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.csatkit.channels.spi.ChannelKind;
import dev.csatkit.engine.SurveyEngine;
import dev.csatkit.store.postgres.PostgresStoreConfig;
import dev.csatkit.store.postgres.PostgresSurveyStore;
import dev.csatkit.store.postgres.testing.TestPostgres;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.SoftAssertions;

/**
 * One end-to-end scenario on its own schema: starts processes, drains what they leave, and checks
 * every guarantee from what the database holds, whichever process wrote it.
 */
final class Scenario implements AutoCloseable {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Scenario.class);

    final TestPostgres server = TestPostgres.get();
    final HikariDataSource pool = server.pool(12);
    final String schema;
    final Instant wallStart = Instant.now();
    final ScaledClock clock = new ScaledClock(World.T0, wallStart, World.SPEED);

    Scenario(String name) throws SQLException {
        schema = server.freshSchema(pool, name);
        World.createProviderTables(pool, schema);
    }

    EngineNode.Spec spec(String node, String mode, int from, int to, long decideMillis, long runMillis,
            long hangAfterMillis, long chatDelayMinutes, long seed) {
        return new EngineNode.Spec(server.url(), server.user(), server.password(), schema, node, wallStart, mode, from,
                to, decideMillis, runMillis, hangAfterMillis, chatDelayMinutes, seed);
    }

    /** A process of the scenario: a JVM running {@link EngineNode}, with what it printed. */
    static final class Node {
        final Process process;
        final CompletableFuture<Void> hanging = new CompletableFuture<>();
        final CompletableFuture<Void> ready = new CompletableFuture<>();
        final CompletableFuture<String> done = new CompletableFuture<>();

        Node(Process process) {
            this.process = process;
            Thread reader = new Thread(() -> {
                try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                        StandardCharsets.UTF_8))) {
                    for (String line = in.readLine(); line != null; line = in.readLine()) {
                        if (line.equals("READY")) {
                            ready.complete(null);
                        } else if (line.equals("HANGING")) {
                            hanging.complete(null);
                        } else if (line.startsWith("DONE")) {
                            done.complete(line);
                        }
                    }
                } catch (IOException e) {
                    // the process was killed
                }
                done.complete("(ended without DONE)");
            }, "node-output");
            reader.setDaemon(true);
            reader.start();
        }

        /** Asks the process to end its run now (it still finishes its current work and reports). */
        void finish() throws IOException {
            tell("FINISH");
        }

        private void tell(String line) throws IOException {
            process.getOutputStream().write((line + "\n").getBytes(StandardCharsets.UTF_8));
            process.getOutputStream().flush();
        }

        String awaitDone(Duration timeout) throws Exception {
            String line = done.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).as("node exit code; its log is in target/e2e-*.log; %s", line)
                    .isZero();
            return line;
        }
    }

    /**
     * Starts the runs of processes together, once each has started and set itself up: a JVM
     * started on a loaded machine can take seconds longer than another.
     */
    static void go(Duration timeout, Node... nodes) throws Exception {
        for (Node n : nodes) {
            n.ready.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }
        for (Node n : nodes) {
            n.tell("GO");
        }
    }

    /** Starts a process on the test class path; its run starts on {@link #go}. */
    Node launch(EngineNode.Spec spec) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Path log = Path.of("target", "e2e-" + schema + "-" + spec.node() + ".log").toAbsolutePath();
        List<String> command = new ArrayList<>(List.of(java, "-Xmx384m", "-XX:+UseSerialGC",
                "-Dorg.slf4j.simpleLogger.logFile=" + log, "-cp", classPath, EngineNode.class.getName()));
        command.addAll(spec.args());
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        return new Node(p);
    }

    /**
     * After every process ended: an engine on a hand-moved clock, far past every simulated time the
     * processes used, dispatches from four threads until nothing is left: every retry, takeover and
     * window runs out.
     */
    void drain() {
        ManualClock later = new ManualClock(clock.instant().plus(Duration.ofHours(1)));
        PostgresSurveyStore store = new PostgresSurveyStore(PostgresStoreConfig.builder(pool).schema(schema).build());
        ProviderChannel sms = new ProviderChannel("sms", ChannelKind.SMS, pool, schema, "drain", later, 0.3, 99, m -> {
        });
        ProviderChannel chat = new ProviderChannel("chat", ChannelKind.CHAT, pool, schema, "drain", later, 0.3, 98,
                m -> { });
        SurveyEngine engine = World.engine(later, store, sms, chat, Duration.ofMinutes(1));
        java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            for (int round = 0; round < 40; round++) {
                later.advance(Duration.ofMinutes(15));
                List<java.util.concurrent.Future<?>> dispatchers = new ArrayList<>();
                for (int t = 0; t < 4; t++) {
                    dispatchers.add(threads.submit(() -> {
                        for (int i = 0; i < 200 && !engine.dispatchDue().isEmpty(); i++) {
                            // again, until nothing is due
                        }
                    }));
                }
                for (java.util.concurrent.Future<?> f : dispatchers) {
                    f.get();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } finally {
            threads.shutdownNow();
        }
    }

    List<Map<String, Object>> rows(String sql) throws SQLException {
        List<Map<String, Object>> out = new ArrayList<>();
        try (Connection c = pool.getConnection(); Statement st = c.createStatement()) {
            st.execute("SET search_path TO \"" + schema + "\"");
            try (ResultSet rs = st.executeQuery(sql)) {
                int n = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int i = 1; i <= n; i++) {
                        Object v = rs.getObject(i);
                        row.put(rs.getMetaData().getColumnLabel(i), v instanceof java.sql.Timestamp
                                ? rs.getObject(i, OffsetDateTime.class) : v);
                    }
                    out.add(row);
                }
            }
        }
        return out;
    }

    long count(String sql) throws SQLException {
        return ((Number) rows(sql).get(0).values().iterator().next()).longValue();
    }

    /**
     * The guarantees every scenario keeps: every survey final, no interaction scheduled twice, no
     * contact prompted twice inside its cap window, and no key handed to a channel after the
     * provider delivered it, but those {@code allowedRepeats} selects (the keys a killed process
     * had delivered when it died: the answer died with it, so the send is taken over).
     */
    void checkGuarantees(SoftAssertions softly, String allowedRepeats) throws SQLException {
        List<Map<String, Object>> open = rows("SELECT state, count(*) AS n FROM survey WHERE state NOT IN "
                + "('ANSWERED', 'EXPIRED', 'OPTED_OUT', 'FAILED') GROUP BY state");
        softly.assertThat(open).as("surveys not in a final state, by state").isEmpty();
        softly.assertThat(count("SELECT count(*) FROM survey")).as("surveys").isGreaterThan(500);

        softly.assertThat(rows("SELECT interaction, count(*) AS n FROM e2e_decision WHERE outcome = 'SCHEDULED' "
                + "GROUP BY interaction HAVING count(*) > 1 LIMIT 10")).as("interactions scheduled twice").isEmpty();

        // The cap window counts from the start of the send that delivered a prompt: the next prompt to
        // the same contact may be delivered only once it has passed.
        List<Map<String, Object>> prompts = rows("SELECT v.contact_id, p.at, p.prompted_at FROM e2e_provider p "
                + "JOIN survey v ON p.key = v.id || ':prompt' ORDER BY v.contact_id, p.at");
        List<String> inside = new ArrayList<>();
        Map<String, OffsetDateTime> windowStart = new HashMap<>();
        for (Map<String, Object> p : prompts) {
            String contact = (String) p.get("contact_id");
            OffsetDateTime at = (OffsetDateTime) p.get("at");
            OffsetDateTime before = windowStart.put(contact, (OffsetDateTime) p.get("prompted_at"));
            if (before != null && Duration.between(before, at).compareTo(World.CAP.minusMillis(1)) < 0) {
                inside.add(contact + ": a prompt whose send began at " + before + ", the next delivered at " + at);
            }
        }
        softly.assertThat(prompts).as("surveys delivered").hasSizeGreaterThan(300);
        softly.assertThat(inside).as("contacts prompted twice inside their %s cap window", World.CAP).isEmpty();

        softly.assertThat(rows("SELECT key, node FROM e2e_attempt WHERE repeat AND key NOT IN (" + allowedRepeats
                + ") LIMIT 10")).as("keys handed to a channel again after the provider had delivered them").isEmpty();
        LOG.info("scenario {}: surveys by state {}; deliveries by process {}; attempts by result {}; decisions {}",
                schema, rows("SELECT state, count(*) FROM survey GROUP BY 1 ORDER BY 1"),
                rows("SELECT node, count(*) FROM e2e_provider GROUP BY 1 ORDER BY 1"),
                rows("SELECT result, repeat, count(*) FROM e2e_attempt GROUP BY 1, 2 ORDER BY 1, 2"),
                rows("SELECT node, outcome, count(*) FROM e2e_decision GROUP BY 1, 2 ORDER BY 1, 2"));
        softly.assertThat(count("SELECT count(*) FROM e2e_attempt WHERE result = 'RETRY_LATER'"))
                .as("sends the channel refused for now").isGreaterThan(100);
    }

    @Override
    public void close() {
        if (!Boolean.getBoolean("csat.e2e.keep")) {
            server.dropSchema(pool, schema);
        }
        pool.close();
    }
}
