package dev.csatkit.store.postgres.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The values of one statement's named parameters. Text goes through {@link Text#store}, times
 * through {@link Times#sql} (bound as text, cast in the statement), lists as arrays. Not
 * thread-safe; one per call.
 */
public final class Params {

    @FunctionalInterface
    private interface Value {
        void bind(Connection c, PreparedStatement ps, int index) throws SQLException;
    }

    private final Map<String, Value> values = new HashMap<>();

    /**
     * @param name the parameter
     * @param value a text, or null
     * @return this
     */
    public Params text(String name, @Nullable String value) {
        String v = value == null ? null : Text.store(value);
        return put(name, (c, ps, i) -> ps.setString(i, v));
    }

    /**
     * @param name the parameter
     * @param value a text already in its stored form ({@link Text#store}, {@link Gate#key})
     * @return this
     */
    public Params stored(String name, String value) {
        return put(name, (c, ps, i) -> ps.setString(i, value));
    }

    /**
     * @param name the parameter
     * @param json a JSON document the codec wrote (already storable), or null
     * @return this
     */
    public Params json(String name, @Nullable String json) {
        return put(name, (c, ps, i) -> ps.setString(i, json));
    }

    /**
     * @param name the parameter
     * @param value an instant, or null; bound as text for a {@code ::timestamptz} cast
     * @return this
     */
    public Params time(String name, @Nullable Instant value) {
        String v = value == null ? null : Times.sql(value);
        return put(name, (c, ps, i) -> ps.setString(i, v));
    }

    /**
     * @param name the parameter
     * @param value a number
     * @return this
     */
    public Params bigint(String name, long value) {
        return put(name, (c, ps, i) -> ps.setLong(i, value));
    }

    /**
     * @param name the parameter
     * @param value a number
     * @return this
     */
    public Params integer(String name, int value) {
        return put(name, (c, ps, i) -> ps.setInt(i, value));
    }

    /**
     * @param name the parameter
     * @param value a boolean
     * @return this
     */
    public Params bool(String name, boolean value) {
        return put(name, (c, ps, i) -> ps.setBoolean(i, value));
    }

    /**
     * @param name the parameter
     * @param value a number, or null
     * @return this
     */
    public Params nullableBigint(String name, @Nullable Long value) {
        return put(name, (c, ps, i) -> {
            if (value == null) {
                ps.setNull(i, Types.BIGINT);
            } else {
                ps.setLong(i, value);
            }
        });
    }

    /**
     * @param name the parameter
     * @param texts texts, each through {@link Text#store}
     * @return this
     */
    public Params texts(String name, List<String> texts) {
        return array(name, "text", texts.stream().map(Text::store).toArray());
    }

    /**
     * @param name the parameter
     * @param kind the kind of {@code gate} row the keys name
     * @param keys keys as the engine gives them
     * @return this
     */
    public Params gateKeys(String name, Gate kind, List<String> keys) {
        return array(name, "text", keys.stream().map(kind::key).toArray());
    }

    /**
     * @param name the parameter
     * @param docs JSON documents the codec wrote
     * @return this
     */
    public Params jsons(String name, List<String> docs) {
        return array(name, "text", docs.toArray());
    }

    /**
     * @param name the parameter
     * @param times instants, bound as a text array for a {@code ::text[]} unnest and cast
     * @return this
     */
    public Params times(String name, List<Instant> times) {
        return array(name, "text", times.stream().map(Times::sql).toArray());
    }

    /**
     * @param name the parameter
     * @param numbers numbers
     * @return this
     */
    public Params integers(String name, List<Integer> numbers) {
        return array(name, "int4", numbers.toArray());
    }

    /** Binds {@code values} as an SQL array of {@code type}, made on the statement's connection. */
    private Params array(String name, String type, Object[] values) {
        return put(name, (c, ps, i) -> ps.setArray(i, c.createArrayOf(type, values)));
    }

    private Params put(String name, Value v) {
        values.put(name, v);
        return this;
    }

    void bind(String name, Connection c, PreparedStatement ps, int index) throws SQLException {
        Value v = values.get(name);
        if (v == null) {
            throw new IllegalStateException("statement parameter :" + name + " has no value");
        }
        v.bind(c, ps, index);
    }
}
