package dev.csatkit.store.postgres.e2e;

import dev.csatkit.channels.spi.Channel;
import dev.csatkit.channels.spi.ChannelCapabilities;
import dev.csatkit.channels.spi.ChannelKind;
import dev.csatkit.channels.spi.DeliveryResult;
import dev.csatkit.channels.spi.OutboundMessage;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * A channel whose provider is a table every process shares, as a real SMS or chat provider is
 * shared by every instance of a host: it delivers a key once ({@code e2e_provider}), answers
 * {@code Accepted} again for a key it already delivered (and flags the attempt as a repeat), and
 * answers 30 % of first attempts {@code RetryLater}. Every attempt is logged in
 * {@code e2e_attempt} with the process that made it and the simulated time.
 *
 * <p>A victim process's channel can be told to hang from some moment on: its sends then never
 * answer, and half of them are delivered by the provider first, as when a provider accepts a
 * message and the answer is lost with the process. A send that hangs is logged with the lease the
 * store holds for it at that moment (the message's or the survey's due time), which is when another
 * process may take it over: the lease counts from the store's write, not from the send.
 */
public final class ProviderChannel implements Channel {

    /** What the engine appends to a survey's key to make its prompt's idempotency key. */
    private static final String PROMPT = ":prompt";

    private final String id;
    private final ChannelKind kind;
    private final DataSource db;
    private final String schema;
    private final String node;
    private final Clock clock;
    private final double failRate;
    private final SplittableRandom random;
    private final Consumer<OutboundMessage> delivered;
    private volatile long hangAfterNanos = Long.MAX_VALUE;
    private volatile Runnable onFirstHang = () -> { };
    private final long started = System.nanoTime();

    /**
     * @param id the channel's id
     * @param kind SMS or CHAT
     * @param db the shared database
     * @param schema the scenario's schema
     * @param node the process's name, for the log
     * @param clock the simulated clock
     * @param failRate the share of first attempts answered RetryLater
     * @param seed the seed of those answers
     * @param delivered told of each message the provider delivered here, for the customers to answer
     */
    public ProviderChannel(String id, ChannelKind kind, DataSource db, String schema, String node, Clock clock,
            double failRate, long seed, Consumer<OutboundMessage> delivered) {
        this.id = id;
        this.kind = kind;
        this.db = db;
        this.schema = schema;
        this.node = node;
        this.clock = clock;
        this.failRate = failRate;
        this.random = new SplittableRandom(seed);
        this.delivered = delivered;
    }

    /**
     * Makes every send from {@code afterMillis} after this channel was made hang forever.
     *
     * @param afterMillis when, in real milliseconds
     * @param first run once, at the first send that hangs
     */
    public void hangAfter(long afterMillis, Runnable first) {
        onFirstHang = first;
        // Counted from this call: a process sets it when its run starts.
        hangAfterNanos = System.nanoTime() - started + afterMillis * 1_000_000L;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public ChannelKind kind() {
        return kind;
    }

    @Override
    public ChannelCapabilities capabilities() {
        return kind == ChannelKind.SMS ? ChannelCapabilities.sms(4) : ChannelCapabilities.chat(10);
    }

    @Override
    public CompletionStage<DeliveryResult> send(OutboundMessage message) {
        String key = message.idempotencyKey();
        try {
            if (System.nanoTime() - started >= hangAfterNanos) {
                boolean acceptedFirst = Math.floorMod(key.hashCode(), 2) == 0;
                if (acceptedFirst) {
                    deliver(key);
                }
                log(key, acceptedFirst ? "HANG_AFTER_DELIVERY" : "HANG", false, leaseOf(key));
                Runnable first = onFirstHang;
                onFirstHang = () -> { };
                first.run();
                return new CompletableFuture<>(); // never answers: the process dies with it
            }
            boolean fail;
            synchronized (random) {
                fail = random.nextDouble() < failRate;
            }
            if (delivered(key)) {
                log(key, "ACCEPTED", true, null);
                return CompletableFuture.completedFuture(new DeliveryResult.Accepted("again-" + key));
            }
            if (fail) {
                log(key, "RETRY_LATER", false, null);
                return CompletableFuture.completedFuture(new DeliveryResult.RetryLater(Optional.empty(), "busy"));
            }
            boolean repeat = !deliver(key);
            log(key, "ACCEPTED", repeat, null);
            if (!repeat) {
                delivered.accept(message);
            }
            return CompletableFuture.completedFuture(new DeliveryResult.Accepted("p-" + key));
        } catch (SQLException e) {
            return CompletableFuture.completedFuture(new DeliveryResult.RetryLater(Optional.empty(),
                    "provider down: " + e.getSQLState()));
        }
    }

    private boolean delivered(String key) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT 1 FROM \"" + schema + "\".e2e_provider WHERE key = ?")) {
            ps.setString(1, key);
            return ps.executeQuery().next();
        }
    }

    /**
     * Delivers a key, noting for a survey's prompt when the engine began the send that delivered it
     * (its {@code prompted_at} as the engine wrote it before calling the channel): the cap window
     * counts from there.
     *
     * @return whether this call delivered it (false: it was delivered before)
     */
    private boolean deliver(String key) throws SQLException {
        String s = "\"" + schema + "\"";
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO " + s + ".e2e_provider (key, node, at, prompted_at) SELECT ?, ?, ?, "
                        + "(SELECT prompted_at FROM " + s + ".survey WHERE id || ':prompt' = ?) ON CONFLICT DO NOTHING")) {
            ps.setString(1, key);
            ps.setString(2, node);
            ps.setObject(3, OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC));
            ps.setString(4, key);
            return ps.executeUpdate() == 1;
        }
    }

    /**
     * The lease the store holds for a send under way: a side message's due time in the outbox, or a
     * prompt's survey's due time, which {@code claimOutbox} and {@code claimDue} compare with.
     */
    private @Nullable OffsetDateTime leaseOf(String key) throws SQLException {
        String s = "\"" + schema + "\"";
        String survey = key.endsWith(PROMPT) ? key.substring(0, key.length() - PROMPT.length()) : "";
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT coalesce((SELECT due_at FROM " + s + ".outbox WHERE key = ?), "
                        + "(SELECT due_at FROM " + s + ".survey WHERE id = ?))")) {
            ps.setString(1, key);
            ps.setString(2, survey);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getObject(1, OffsetDateTime.class);
            }
        }
    }

    private void log(String key, String result, boolean repeat, @Nullable OffsetDateTime lease) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO \"" + schema + "\".e2e_attempt (key, node, result, repeat, at, lease_until) "
                        + "VALUES (?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, key);
            ps.setString(2, node);
            ps.setString(3, result);
            ps.setBoolean(4, repeat);
            ps.setObject(5, OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC));
            ps.setObject(6, lease);
            ps.executeUpdate();
        }
    }
}
