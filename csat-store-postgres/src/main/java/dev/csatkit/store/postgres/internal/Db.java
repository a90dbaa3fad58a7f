package dev.csatkit.store.postgres.internal;

import dev.csatkit.store.postgres.PostgresStoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;
import java.util.random.RandomGenerator;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the store's statements on the host's {@link DataSource}: one connection and one statement
 * per call, retried while the server answers that it lost a race (SQLSTATE 40001, serialization
 * failure, which {@code lost_race} raises too) or a deadlock (40P01), up to a bound. Works
 * whether the pool hands out connections in auto-commit mode or not.
 */
public final class Db {

    private static final Logger LOG = LoggerFactory.getLogger("dev.csatkit.store.postgres");
    private static final String SERIALIZATION_FAILURE = "40001";
    private static final String DEADLOCK = "40P01";

    /** Reads a statement's result. */
    @FunctionalInterface
    public interface Reader<T> {
        /**
         * @param rs the result, before its first row
         * @return what it says
         * @throws SQLException when reading fails
         */
        T read(ResultSet rs) throws SQLException;
    }

    /** Takes each row of a streamed result. */
    @FunctionalInterface
    public interface Rows {
        /**
         * @param rs the result, on a row
         * @throws SQLException when reading fails
         */
        void row(ResultSet rs) throws SQLException;
    }

    private final DataSource dataSource;
    private final int maxAttempts;
    private final int fetchSize;

    /**
     * @param dataSource the host's data source
     * @param maxAttempts how many times a statement that lost a race is run in all
     * @param fetchSize how many rows a streamed read fetches at a time
     */
    public Db(DataSource dataSource, int maxAttempts, int fetchSize) {
        this.dataSource = dataSource;
        this.maxAttempts = maxAttempts;
        this.fetchSize = fetchSize;
    }

    /**
     * Runs a statement that returns rows, in one round trip.
     *
     * @param <T> what the reader makes of them
     * @param sql the statement
     * @param params its values
     * @param reader reads the result
     * @return what the reader returned
     */
    public <T> T query(Sql sql, Params params, Reader<T> reader) {
        for (int attempt = 1; ; attempt++) {
            try (Connection c = dataSource.getConnection()) {
                boolean auto = c.getAutoCommit();
                try (PreparedStatement ps = c.prepareStatement(sql.jdbc())) {
                    sql.bind(c, ps, params);
                    T result;
                    try (ResultSet rs = ps.executeQuery()) {
                        result = reader.read(rs);
                    }
                    if (!auto) {
                        c.commit();
                    }
                    return result;
                } catch (SQLException | RuntimeException e) {
                    if (!auto) {
                        rollbackQuietly(c);
                    }
                    throw e;
                }
            } catch (SQLException e) {
                if (!retryable(e) || attempt >= maxAttempts) {
                    if (retryable(e)) {
                        LOG.warn("{}: gave up after {} attempts that each lost a race to a concurrent write",
                                sql.name(), attempt);
                    }
                    throw new PostgresStoreException(sql.name(), e);
                }
                backOff(attempt);
            }
        }
    }

    /**
     * Runs a statement that returns no rows, in one round trip.
     *
     * @param sql the statement
     * @param params its values
     * @return how many rows it changed
     */
    public int update(Sql sql, Params params) {
        for (int attempt = 1; ; attempt++) {
            try (Connection c = dataSource.getConnection()) {
                boolean auto = c.getAutoCommit();
                try (PreparedStatement ps = c.prepareStatement(sql.jdbc())) {
                    sql.bind(c, ps, params);
                    int n = ps.executeUpdate();
                    if (!auto) {
                        c.commit();
                    }
                    return n;
                } catch (SQLException | RuntimeException e) {
                    if (!auto) {
                        rollbackQuietly(c);
                    }
                    throw e;
                }
            } catch (SQLException e) {
                if (!retryable(e) || attempt >= maxAttempts) {
                    throw new PostgresStoreException(sql.name(), e);
                }
                backOff(attempt);
            }
        }
    }

    /**
     * Streams a read: the driver fetches {@code fetchSize} rows at a time inside one read-only
     * transaction (PostgreSQL keeps a cursor only inside a transaction), so a large result is never
     * held whole. What the sink throws ends the read and reaches the caller.
     *
     * @param sql the statement
     * @param params its values
     * @param rows takes each row
     */
    public void stream(Sql sql, Params params, Rows rows) {
        try (Connection c = dataSource.getConnection()) {
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement(sql.jdbc())) {
                ps.setFetchSize(fetchSize);
                sql.bind(c, ps, params);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rows.row(rs);
                    }
                }
                c.commit();
            } catch (SQLException | RuntimeException | Error e) {
                rollbackQuietly(c);
                throw e;
            } finally {
                c.setAutoCommit(auto);
            }
        } catch (SQLException e) {
            throw new PostgresStoreException(sql.name(), e);
        }
    }

    private static boolean retryable(SQLException e) {
        String state = e.getSQLState();
        return SERIALIZATION_FAILURE.equals(state) || DEADLOCK.equals(state);
    }

    /** The race was lost to a write that has committed: try again at once, then spread the tries out. */
    private static void backOff(int attempt) {
        LockSupport.parkNanos(pauseNanos(attempt, ThreadLocalRandom.current())); // returns at once for 0
    }

    /**
     * The pause after a failed attempt: none after the first two, then a random time below 50 µs,
     * a bound that doubles with each attempt up to 3.2 ms.
     *
     * @param attempt the attempt that lost, from 1
     * @param random where the pause's length comes from
     * @return the pause in nanoseconds, 0 for none
     */
    static long pauseNanos(int attempt, RandomGenerator random) {
        if (attempt <= 2) {
            return 0;
        }
        return random.nextLong(50L << Math.min(attempt - 3, 6)) * 1_000L;
    }

    private static void rollbackQuietly(Connection c) {
        try {
            c.rollback();
        } catch (SQLException e) {
            // The statement's own failure is the one reported; closing the connection ends the transaction.
        }
    }
}
