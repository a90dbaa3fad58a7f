package dev.csatkit.store.postgres.e2e;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.csatkit.channels.spi.ChannelKind;
import dev.csatkit.channels.spi.InboundReply;
import dev.csatkit.channels.spi.OutboundMessage;
import dev.csatkit.channels.spi.ReplyContent;
import dev.csatkit.engine.Decision;
import dev.csatkit.engine.SurveyEngine;
import dev.csatkit.store.postgres.PostgresStoreConfig;
import dev.csatkit.store.postgres.PostgresSurveyStore;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * One application instance of an end-to-end scenario, run as its own JVM ({@link #main}) or on
 * threads of the test's ({@link #run}): an engine on the shared PostgreSQL store with eight
 * threads deciding interactions, one dispatcher, and customers who answer what reaches them
 * (some with STOP). It prints {@code HANGING} when its channel starts to hang (a victim) and
 * {@code DONE} with its counts when it ends.
 *
 * <p>Modes: {@code run} decides interactions {@code i<from>} to {@code i<to - 1>} spread over
 * {@code decideMillis}; {@code restart} decides those same interactions again (replays) and a
 * new one for every contact that sent STOP, as a restarted instance would meet them.
 */
public final class EngineNode {

    /**
     * What one process does.
     *
     * @param url the database
     * @param user its user
     * @param password the user's password
     * @param schema the scenario's schema
     * @param node this process's name
     * @param wallStart when the scenario started, for the shared simulated clock
     * @param mode {@code run} or {@code restart}
     * @param from the first interaction number
     * @param to one past the last
     * @param decideMillis over how long, from this process's start, its decisions are spread
     * @param runMillis how long, from this process's start, it runs
     * @param hangAfterMillis when its channels start to hang, or negative for never
     * @param chatDelayMinutes the chat survey's delay, in simulated minutes
     * @param seed the seed of the channels' failures
     */
    public record Spec(String url, String user, String password, String schema, String node, Instant wallStart,
            String mode, int from, int to, long decideMillis, long runMillis, long hangAfterMillis,
            long chatDelayMinutes, long seed) {

        /** @return the spec as {@code key=value} arguments */
        public List<String> args() {
            return List.of("url=" + url, "user=" + user, "password=" + password, "schema=" + schema, "node=" + node,
                    "wallStart=" + wallStart, "mode=" + mode, "from=" + from, "to=" + to,
                    "decideMillis=" + decideMillis, "runMillis=" + runMillis, "hangAfterMillis=" + hangAfterMillis,
                    "chatDelayMinutes=" + chatDelayMinutes, "seed=" + seed);
        }

        static Spec parse(String[] args) {
            Map<String, String> m = new LinkedHashMap<>();
            for (String a : args) {
                int eq = a.indexOf('=');
                m.put(a.substring(0, eq), a.substring(eq + 1));
            }
            return new Spec(m.get("url"), m.get("user"), m.get("password"), m.get("schema"), m.get("node"),
                    Instant.parse(m.get("wallStart")), m.get("mode"), Integer.parseInt(m.get("from")),
                    Integer.parseInt(m.get("to")), Long.parseLong(m.get("decideMillis")),
                    Long.parseLong(m.get("runMillis")), Long.parseLong(m.get("hangAfterMillis")),
                    Long.parseLong(m.get("chatDelayMinutes")), Long.parseLong(m.get("seed")));
        }
    }

    /**
     * What one process did.
     *
     * @param decided interactions decided
     * @param scheduled surveys scheduled
     * @param dispatches dispatch calls
     * @param replies replies sent by its customers
     */
    public record Stats(int decided, int scheduled, int dispatches, int replies) {
    }

    private EngineNode() {
    }

    /**
     * Runs one process of a scenario and exits.
     *
     * @param args the {@link Spec} as {@code key=value} pairs
     * @throws Exception when the process fails
     */
    public static void main(String[] args) throws Exception {
        Spec spec = Spec.parse(args);
        HikariConfig c = new HikariConfig();
        c.setJdbcUrl(spec.url());
        c.setUsername(spec.user());
        c.setPassword(spec.password());
        c.setMaximumPoolSize(World.THREADS + 6);
        c.setPoolName("node-" + spec.node());
        Stats stats;
        try (HikariDataSource pool = new HikariDataSource(c)) {
            stats = run(spec, pool, Control.fromStandardInput());
        }
        System.out.println("DONE " + stats);
        System.out.flush();
        System.exit(0);
    }

    /**
     * Runs one process of a scenario on this JVM's threads.
     *
     * @param spec what to do
     * @param pool the process's own pool on the shared database
     * @return what it did
     * @throws Exception when a thread failed
     */
    /**
     * How a scenario steers a process: when its run starts, and whether to end it early. A
     * process reads both from standard input ({@code GO}, {@code FINISH}), so processes that start
     * at different speeds on a loaded machine begin their work together, and a test ends a run
     * once it has seen what it waits for instead of guessing how long that takes.
     */
    interface Control {
        /** Waits until the run may start. */
        void awaitGo() throws InterruptedException;

        /** @return whether the scenario asked to end the run now */
        boolean finishRequested();

        /** In-process runs: start at once, run for the spec's time. */
        Control NONE = new Control() {
            @Override
            public void awaitGo() {
            }

            @Override
            public boolean finishRequested() {
                return false;
            }
        };

        /** Reads {@code GO} and {@code FINISH} from this process's standard input. */
        static Control fromStandardInput() {
            CountDownLatch go = new CountDownLatch(1);
            AtomicBoolean finish = new AtomicBoolean();
            Thread reader = new Thread(() -> {
                try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
                    for (String line = in.readLine(); line != null; line = in.readLine()) {
                        if (line.equals("GO")) {
                            go.countDown();
                        } else if (line.equals("FINISH")) {
                            finish.set(true);
                        }
                    }
                } catch (IOException e) {
                    // no more requests
                }
                go.countDown(); // the scenario is gone: do not wait for it
            }, "scenario-control");
            reader.setDaemon(true);
            reader.start();
            return new Control() {
                @Override
                public void awaitGo() throws InterruptedException {
                    go.await();
                }

                @Override
                public boolean finishRequested() {
                    return finish.get();
                }
            };
        }
    }

    /**
     * Runs one process of a scenario on this JVM's threads, starting at once.
     *
     * @param spec what to do
     * @param pool the process's own pool on the shared database
     * @return what it did
     * @throws Exception when a thread failed
     */
    public static Stats run(Spec spec, DataSource pool) throws Exception {
        return run(spec, pool, Control.NONE);
    }

    static Stats run(Spec spec, DataSource pool, Control control) throws Exception {
        ScaledClock clock = new ScaledClock(World.T0, spec.wallStart(), World.SPEED);
        PostgresSurveyStore store = new PostgresSurveyStore(PostgresStoreConfig.builder(pool).schema(spec.schema())
                .build());
        LinkedBlockingQueue<OutboundMessage> inbox = new LinkedBlockingQueue<>();
        ProviderChannel sms = new ProviderChannel("sms", ChannelKind.SMS, pool, spec.schema(), spec.node(), clock,
                0.3, spec.seed(), inbox::add);
        ProviderChannel chat = new ProviderChannel("chat", ChannelKind.CHAT, pool, spec.schema(), spec.node(), clock,
                0.3, spec.seed() + 1, inbox::add);
        SurveyEngine engine = World.engine(clock, store, sms, chat, Duration.ofMinutes(spec.chatDelayMinutes()));
        System.out.println("READY");
        System.out.flush();
        control.awaitGo();
        long start = System.nanoTime();
        if (spec.hangAfterMillis() >= 0) {
            AtomicBoolean told = new AtomicBoolean();
            Runnable tell = () -> {
                if (told.compareAndSet(false, true)) {
                    System.out.println("HANGING");
                    System.out.flush();
                }
            };
            sms.hangAfter(spec.hangAfterMillis(), tell);
            chat.hangAfter(spec.hangAfterMillis(), tell);
        }
        long deadline = start + TimeUnit.MILLISECONDS.toNanos(spec.runMillis());

        List<String[]> decisions = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger scheduled = new AtomicInteger();
        AtomicInteger dispatches = new AtomicInteger();
        AtomicInteger replies = new AtomicInteger();
        AtomicBoolean deciding = new AtomicBoolean(true);
        List<String> stopped = spec.mode().equals("restart") ? stoppedContacts(pool, spec.schema()) : List.of();
        ExecutorService threads = Executors.newFixedThreadPool(World.THREADS + 2);
        try {
            List<Future<?>> deciders = new ArrayList<>();
            for (int t = 0; t < World.THREADS; t++) {
                int thread = t;
                deciders.add(threads.submit(() -> {
                    List<Map.Entry<String, Integer>> mine = new ArrayList<>();
                    for (int n = spec.from() + thread; n < spec.to(); n += World.THREADS) {
                        mine.add(Map.entry("i" + n, n));
                    }
                    for (int i = thread; i < stopped.size(); i += World.THREADS) {
                        int contact = Integer.parseInt(stopped.get(i).substring(1));
                        mine.add(Map.entry("r" + contact, contactNumberToInteraction(contact)));
                    }
                    int total = Math.max(1, spec.to() - spec.from());
                    for (Map.Entry<String, Integer> e : mine) {
                        long due = start + TimeUnit.MILLISECONDS.toNanos(
                                spec.decideMillis() * Math.max(0, e.getValue() - spec.from()) / total);
                        long wait = due - System.nanoTime();
                        if (wait > 0 && e.getKey().startsWith("i")) {
                            TimeUnit.NANOSECONDS.sleep(wait);
                        }
                        Instant now = clock.instant();
                        Decision d = engine.decide(World.interaction(e.getKey(), e.getValue(), now));
                        String outcome = d instanceof Decision.Skipped s ? s.reason().name() : "SCHEDULED";
                        if (d instanceof Decision.Scheduled) {
                            scheduled.incrementAndGet();
                        }
                        decisions.add(new String[] {e.getKey(), outcome, now.toString()});
                    }
                    return null;
                }));
            }
            Future<?> dispatcher = threads.submit(() -> {
                while (System.nanoTime() < deadline && !control.finishRequested()) {
                    dispatches.incrementAndGet();
                    if (engine.dispatchDue().isEmpty()) {
                        Thread.sleep(20);
                    }
                }
                return null;
            });
            Future<?> replier = threads.submit(() -> {
                int seq = 0;
                while (System.nanoTime() < deadline && !control.finishRequested()) {
                    OutboundMessage m = inbox.poll(50, TimeUnit.MILLISECONDS);
                    if (m == null || !m.idempotencyKey().endsWith(":prompt")) {
                        continue;
                    }
                    int h = Math.floorMod(m.idempotencyKey().hashCode(), 100);
                    String body = h < 5 ? "STOP" : h < 65 ? "4" : null;
                    if (body == null) {
                        continue;
                    }
                    String channel = m.recipient().startsWith("chat-") ? "chat" : "sms";
                    engine.receive(new InboundReply(channel, m.recipient(), "+15550100",
                            new ReplyContent.Text(body), spec.node() + "-reply-" + seq++, clock.instant()));
                    if (body.equals("STOP")) {
                        // Noted once the engine has it: a process killed in between noted nothing.
                        recordStop(pool, spec, contactOf(m.recipient()), clock.instant());
                    }
                    replies.incrementAndGet();
                }
                return null;
            });
            for (Future<?> f : deciders) {
                f.get();
            }
            deciding.set(false);
            dispatcher.get();
            replier.get();
        } finally {
            threads.shutdownNow();
        }
        saveDecisions(pool, spec, decisions);
        return new Stats(decisions.size(), scheduled.get(), dispatches.get(), replies.get());
    }

    /** A new interaction for a contact: the number of an interaction of that contact. */
    private static int contactNumberToInteraction(int contact) {
        for (int n = 0; ; n++) {
            if (World.contactOf(n) == contact) {
                return n;
            }
        }
    }

    private static String contactOf(String address) {
        if (address.startsWith("chat-")) {
            return address.substring("chat-".length());
        }
        return "k" + Integer.parseInt(address.substring("+4670".length()));
    }

    private static void recordStop(DataSource pool, Spec spec, String contact, Instant at) throws SQLException {
        try (Connection c = pool.getConnection(); PreparedStatement ps = c.prepareStatement("INSERT INTO \""
                + spec.schema() + "\".e2e_stop (contact, node, at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")) {
            ps.setString(1, contact);
            ps.setString(2, spec.node());
            ps.setObject(3, OffsetDateTime.ofInstant(at, ZoneOffset.UTC));
            ps.executeUpdate();
        }
    }

    private static List<String> stoppedContacts(DataSource pool, String schema) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = pool.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT contact FROM \"" + schema + "\".e2e_stop ORDER BY contact"); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    private static void saveDecisions(DataSource pool, Spec spec, List<String[]> decisions) throws SQLException {
        try (Connection c = pool.getConnection(); PreparedStatement ps = c.prepareStatement("INSERT INTO \""
                + spec.schema() + "\".e2e_decision (node, interaction, outcome, at) VALUES (?, ?, ?, ?::timestamptz)")) {
            synchronized (decisions) {
                for (String[] d : decisions) {
                    ps.setString(1, spec.node());
                    ps.setString(2, d[0]);
                    ps.setString(3, d[1]);
                    ps.setString(4, d[2]);
                    ps.addBatch();
                }
            }
            ps.executeBatch();
        }
    }
}
