package dev.csatkit.store.postgres.testing;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.postgresql.PGConnection;

/**
 * A data source that lends one real connection to the test server again and again and, like a pool
 * that trusts its borrowers, resets nothing when it comes back: {@code close} only returns it. So
 * whatever a call leaves on the connection (a transaction still open or failed, auto-commit turned
 * off) is there for the next call to meet, and for the test to see: {@link #state()} is the
 * session's state as the server reports it to another session.
 */
public final class OneConnection extends ConnectionsOnly implements AutoCloseable {

    private final Connection connection;
    private final int pid;

    /**
     * @param autoCommit the auto-commit mode the connection is lent in
     * @throws SQLException when the server cannot be reached
     */
    public OneConnection(boolean autoCommit) throws SQLException {
        TestPostgres pg = TestPostgres.get();
        connection = DriverManager.getConnection(pg.url(), pg.user(), pg.password());
        pid = connection.unwrap(PGConnection.class).getBackendPID();
        connection.setAutoCommit(autoCommit);
    }

    /**
     * @return {@code idle}, {@code idle in transaction} or {@code idle in transaction (aborted)}
     */
    public String state() {
        TestPostgres pg = TestPostgres.get();
        try (Connection c = DriverManager.getConnection(pg.url(), pg.user(), pg.password());
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT state FROM pg_stat_activity WHERE pid = " + pid)) {
            rs.next();
            return rs.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * @return whether the connection is in auto-commit mode now
     * @throws SQLException when the driver cannot tell
     */
    public boolean autoCommit() throws SQLException {
        return connection.getAutoCommit();
    }

    /** Really closes the connection. */
    @Override
    public void close() throws SQLException {
        connection.close();
    }

    @Override
    public Connection getConnection() {
        return (Connection) Proxy.newProxyInstance(OneConnection.class.getClassLoader(),
                new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                    if (method.getName().equals("close") && method.getParameterCount() == 0) {
                        return null;
                    }
                    try {
                        return method.invoke(connection, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
