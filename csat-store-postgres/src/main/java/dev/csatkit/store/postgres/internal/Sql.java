package dev.csatkit.store.postgres.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A statement written with named parameters ({@code :now}, never confused with a {@code ::type}
 * cast) and the store's schema as {@code {s}}, turned into the JDBC text once, when the store is
 * built. A name may appear several times; each place is bound from the same value.
 */
public final class Sql {

    private static final Pattern NAME = Pattern.compile("(?<![:\\w]):([a-zA-Z]\\w*)");

    private final String name;
    private final String jdbc;
    private final List<String> names;

    private Sql(String name, String jdbc, List<String> names) {
        this.name = name;
        this.jdbc = jdbc;
        this.names = List.copyOf(names);
    }

    /**
     * @param name what the statement does, for error messages and logs
     * @param text the statement, with {@code {s}} for the schema and {@code :name} parameters
     * @param schema the schema, already checked to be a plain lower-case identifier
     * @return the statement
     */
    public static Sql of(String name, String text, String schema) {
        String withSchema = text.replace("{s}", '"' + schema + '"');
        Matcher m = NAME.matcher(withSchema);
        StringBuilder out = new StringBuilder(withSchema.length());
        List<String> names = new ArrayList<>();
        while (m.find()) {
            names.add(m.group(1));
            m.appendReplacement(out, "?");
        }
        m.appendTail(out);
        return new Sql(name, out.toString(), names);
    }

    /** @return what the statement does */
    public String name() {
        return name;
    }

    /** @return the statement as JDBC takes it, with {@code ?} placeholders */
    public String jdbc() {
        return jdbc;
    }

    /** @return the parameter names, one per placeholder, in order */
    public List<String> names() {
        return names;
    }

    /**
     * Binds every placeholder.
     *
     * @param c the connection, for arrays
     * @param ps the prepared statement
     * @param params the values by name
     * @throws SQLException when the driver refuses a value
     * @throws IllegalStateException when a name has no value: a defect in the store
     */
    public void bind(Connection c, PreparedStatement ps, Params params) throws SQLException {
        for (int i = 0; i < names.size(); i++) {
            params.bind(names.get(i), c, ps, i + 1);
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
