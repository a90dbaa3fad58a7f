package dev.csatkit.store.postgres.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/**
 * Engines as separate JVM processes on one PostgreSQL database, each with eight threads deciding
 * over the same 2 000 contacts (the same interactions, so each is reported to both), a dispatcher
 * and customers who answer; the channels fail 30 % of first attempts for now. Then one process is
 * killed ({@code kill -9}) in the middle of dispatching, and restarted.
 */
class TwoProcessEngineTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(90);

    @Test
    void twoProcessesKeepEveryGuarantee() throws Exception {
        try (Scenario s = new Scenario("two_jvm")) {
            Scenario.Node a = s.launch(s.spec("a", "run", 0, 2_500, 2_500, 8_000, -1, 2, 1));
            Scenario.Node b = s.launch(s.spec("b", "run", 0, 2_500, 2_500, 8_000, -1, 2, 2));
            Scenario.go(TIMEOUT, a, b);
            a.awaitDone(TIMEOUT);
            b.awaitDone(TIMEOUT);
            s.drain();

            SoftAssertions softly = new SoftAssertions();
            s.checkGuarantees(softly, "''");
            // Both processes took part in both kinds of work. How the work splits depends on how the
            // machine shares its cores between two JVMs and the server, so only a share is asked
            // of each: the guarantees above are what must hold whatever the split.
            // What the processes delivered themselves: the drain after them sends the rest, and on a
            // loaded machine that may be most of it.
            long delivered = s.count("SELECT count(*) FROM e2e_provider WHERE node IN ('a', 'b')");
            long scheduled = s.count("SELECT count(*) FROM e2e_decision WHERE outcome = 'SCHEDULED'");
            for (String node : List.of("a", "b")) {
                softly.assertThat(s.count("SELECT count(*) FROM e2e_decision WHERE node = '" + node
                        + "' AND outcome = 'SCHEDULED'")).as("surveys scheduled by %s of %s", node, scheduled)
                        .isGreaterThanOrEqualTo(Math.max(1, scheduled / 50));
                softly.assertThat(s.count("SELECT count(*) FROM e2e_provider WHERE node = '" + node + "'"))
                        .as("messages %s delivered of %s", node, delivered)
                        .isGreaterThanOrEqualTo(Math.max(1, delivered / 50));
            }
            softly.assertThat(s.count("SELECT count(*) FROM e2e_decision WHERE outcome = 'DUPLICATE'"))
                    .as("interactions the other process had scheduled first").isGreaterThan(500);
            softly.assertAll();
        }
    }

    /** Waits (in simulated time, at most a few leases) until the survivor has sent again a send the victim left hanging. */
    private static void awaitTakeOver(Scenario s) throws Exception {
        long until = System.nanoTime() + TIMEOUT.toNanos() / 2;
        String tookOver = "SELECT count(*) FROM e2e_attempt a WHERE a.node = 'survivor' AND a.key IN ("
                + "SELECT key FROM e2e_attempt WHERE node = 'victim' AND result LIKE 'HANG%')";
        while (s.count(tookOver) == 0 && System.nanoTime() < until) {
            Thread.sleep(100);
        }
        // One more lease of simulated time, for the rest of the hung sends to be taken over too.
        Thread.sleep(World.LEASE.toMillis() / World.SPEED + 500);
    }

    @Test
    void aProcessKilledMidDispatchIsTakenOverAndARestartCarriesOn() throws Exception {
        try (Scenario s = new Scenario("crash")) {
            Scenario.Node victim = s.launch(s.spec("victim", "run", 0, 2_000, 2_500, 60_000, 2_500, 24, 3));
            // The survivor runs until told: on a loaded machine the victim may reach its hang late.
            Scenario.Node survivor = s.launch(s.spec("survivor", "run", 0, 2_000, 2_500, TIMEOUT.toMillis(), -1, 24, 4));
            Scenario.go(TIMEOUT, victim, survivor);
            victim.hanging.get(TIMEOUT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
            Thread.sleep(300); // more sends start and hang in the same dispatch
            victim.process.destroyForcibly(); // kill -9
            assertThat(victim.process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            OffsetDateTime crashedAt = OffsetDateTime.ofInstant(s.clock.instant(), java.time.ZoneOffset.UTC);
            awaitTakeOver(s);
            survivor.finish();
            survivor.awaitDone(TIMEOUT);

            OffsetDateTime restartedAt = OffsetDateTime.ofInstant(s.clock.instant(), java.time.ZoneOffset.UTC);
            Scenario.Node restarted = s.launch(s.spec("restarted", "restart", 0, 2_000, 500, 6_000, -1, 24, 5));
            Scenario.go(TIMEOUT, restarted);
            restarted.awaitDone(TIMEOUT);
            s.drain();

            SoftAssertions softly = new SoftAssertions();
            String hungAfterDelivery = "SELECT key FROM e2e_attempt WHERE node = 'victim' "
                    + "AND result = 'HANG_AFTER_DELIVERY'";
            s.checkGuarantees(softly, "SELECT key FROM e2e_provider WHERE node = 'victim'");

            // Every send the victim left hanging went again under the same key, after the lease the
            // store held for it when it hung. The lease counts from the store's write (the claim, or
            // the step that wrote a side message), which may come well before the send under load:
            // measured from the send, a take-over at the lease's end would look early.
            List<Map<String, Object>> hung = s.rows("SELECT key, max(lease_until) AS lease FROM e2e_attempt "
                    + "WHERE node = 'victim' AND result LIKE 'HANG%' GROUP BY key");
            softly.assertThat(hung).as("sends left hanging when the victim was killed").isNotEmpty();
            for (Map<String, Object> h : hung) {
                String key = ((String) h.get("key")).replace("'", "''");
                // The first attempt of another process after the victim's hung one: a key may have been
                // tried by the survivor before (a temporary failure, retried by whoever claims it next).
                List<Map<String, Object>> after = s.rows("SELECT node, at FROM e2e_attempt WHERE key = '" + key
                        + "' AND node <> 'victim' AND at > (SELECT max(at) FROM e2e_attempt WHERE key = '" + key
                        + "' AND node = 'victim' AND result LIKE 'HANG%') ORDER BY at LIMIT 1");
                if (after.isEmpty()) {
                    // Not sent again only when the contact opted out meanwhile: the gate stops it.
                    softly.assertThat(s.rows("SELECT state FROM survey WHERE id || ':prompt' = '" + key + "'"))
                            .as("%s was never sent again after the victim died, under the same key", key)
                            .containsExactly(Map.of("state", "OPTED_OUT"));
                } else if (h.get("lease") == null) {
                    softly.fail("%s hung with no lease in the store", key);
                } else {
                    // The store keeps microseconds; the clocks read nanoseconds.
                    OffsetDateTime lease = (OffsetDateTime) h.get("lease");
                    softly.assertThat((OffsetDateTime) after.get(0).get("at"))
                            .as("%s was taken over only after its lease, until %s", key, lease)
                            .isAfterOrEqualTo(lease.minus(Duration.ofMillis(1)));
                }
            }
            softly.assertThat(s.count("SELECT count(*) FROM e2e_attempt a WHERE a.node = 'survivor' AND a.key IN ("
                    + "SELECT key FROM e2e_attempt WHERE node = 'victim' AND result LIKE 'HANG%')"))
                    .as("sends the survivor took over from the victim").isPositive();
            softly.assertThat(s.count("SELECT count(*) FROM e2e_provider p WHERE p.key IN (" + hungAfterDelivery
                    + ") AND p.node <> 'victim'")).as("messages the provider had delivered for the victim and "
                    + "delivered again").isZero();

            // The restarted process carried on with surveys scheduled before the crash.
            softly.assertThat(s.count("SELECT count(*) FROM survey v WHERE (v.body->>'sch')::timestamptz < '"
                    + crashedAt + "' AND EXISTS (SELECT 1 FROM e2e_attempt a WHERE a.node = 'restarted' "
                    + "AND a.key = v.id || ':prompt')")).as("surveys scheduled before the crash that the restarted "
                    + "process sent").isPositive();
            softly.assertThat(s.rows("SELECT d.interaction, d.outcome FROM e2e_decision d WHERE d.node = 'restarted' "
                    + "AND d.interaction LIKE 'i%' AND EXISTS (SELECT 1 FROM survey v WHERE (v.body->>'in') = "
                    + "d.interaction AND (v.body->>'sch')::timestamptz < '" + restartedAt + "') AND d.outcome NOT IN ('DUPLICATE', 'OPTED_OUT') LIMIT 10"))
                    .as("replays of interactions surveyed before the restart that were not refused as duplicates "
                            + "(or as opted out, which the engine checks first)")
                    .isEmpty();
            long stops = s.count("SELECT count(*) FROM e2e_stop WHERE node <> 'restarted'");
            softly.assertThat(stops).as("contacts who sent STOP").isPositive();
            softly.assertThat(s.rows("SELECT interaction, outcome FROM e2e_decision WHERE node = 'restarted' "
                    + "AND interaction LIKE 'r%' AND outcome <> 'OPTED_OUT' LIMIT 10"))
                    .as("new interactions of contacts who had sent STOP that were not refused as opted out").isEmpty();
            softly.assertThat(s.count("SELECT count(*) FROM e2e_decision WHERE node = 'restarted' "
                    + "AND interaction LIKE 'r%'")).as("opted-out contacts decided again after the restart")
                    .isEqualTo(stops);
            softly.assertAll();
        }
    }
}
