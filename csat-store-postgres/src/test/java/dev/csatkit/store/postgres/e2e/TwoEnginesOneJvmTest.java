package dev.csatkit.store.postgres.e2e;

import com.zaxxer.hikari.HikariDataSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/**
 * Two engines in this JVM, each with its own pool on the one database, eight deciding threads,
 * a dispatcher and customers who answer, over the same 2 000 contacts and interactions; the
 * channels fail 30 % of first attempts for now. The quick form of {@link TwoProcessEngineTest}.
 */
class TwoEnginesOneJvmTest {

    @Test
    void twoEnginesOnOneDatabaseActAsOne() throws Exception {
        try (Scenario s = new Scenario("one_jvm")) {
            ExecutorService nodes = Executors.newFixedThreadPool(2);
            List<HikariDataSource> pools = new ArrayList<>();
            try {
                List<Future<EngineNode.Stats>> runs = new ArrayList<>();
                for (String node : List.of("a", "b")) {
                    HikariDataSource pool = s.server.pool(World.THREADS + 6);
                    pools.add(pool);
                    EngineNode.Spec spec = s.spec(node, "run", 0, 2_000, 2_000, 5_000, -1, 2, node.hashCode());
                    runs.add(nodes.submit(() -> EngineNode.run(spec, pool)));
                }
                for (Future<EngineNode.Stats> r : runs) {
                    r.get(60, TimeUnit.SECONDS);
                }
            } finally {
                nodes.shutdownNow();
                pools.forEach(HikariDataSource::close);
            }
            s.drain();
            SoftAssertions softly = new SoftAssertions();
            s.checkGuarantees(softly, "''");
            for (String node : List.of("a", "b")) {
                softly.assertThat(s.count("SELECT count(*) FROM e2e_decision WHERE node = '" + node
                        + "' AND outcome = 'SCHEDULED'")).as("surveys scheduled by %s", node).isGreaterThan(50);
            }
            softly.assertAll();
        }
    }
}
