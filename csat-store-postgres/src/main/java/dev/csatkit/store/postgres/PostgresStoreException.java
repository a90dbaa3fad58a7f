package dev.csatkit.store.postgres;

import dev.csatkit.CsatException;
import java.sql.SQLException;

/**
 * A survey store operation failed in the database: the server could not be reached, refused the
 * statement, or the operation kept losing races to concurrent writes past the configured number
 * of attempts. Nothing the operation would have written was written. The message names the
 * operation and the SQLSTATE, never a stored value; the server's own message, which may quote
 * one, stays in the cause.
 */
public class PostgresStoreException extends CsatException {

    private static final long serialVersionUID = 1L;

    private final String sqlState;

    /**
     * @param operation the store operation or migration step that failed
     * @param cause the driver's error
     */
    public PostgresStoreException(String operation, SQLException cause) {
        super("PostgreSQL survey store: " + operation + " failed (SQLSTATE " + cause.getSQLState() + ")", cause);
        this.sqlState = String.valueOf(cause.getSQLState());
    }

    /**
     * @param message what went wrong, with no stored value in it
     */
    public PostgresStoreException(String message) {
        super("PostgreSQL survey store: " + message);
        this.sqlState = "";
    }

    /** @return the SQLSTATE the server answered, or empty when the failure was not the server's */
    public String sqlState() {
        return sqlState;
    }
}
