package dev.csatkit.internal;

import java.util.Optional;
import java.util.OptionalInt;
import org.jspecify.annotations.Nullable;

/**
 * Writes a {@code toString} in the form records use, {@code Name[a=1, b=2]}, for values that
 * must mask some of their fields and so cannot keep the record's own. Empty optionals are left
 * out, so that the fields that say something stand out in a log line.
 */
public final class Fields {
    private final StringBuilder out;
    private boolean first = true;

    private Fields(String type) {
        out = new StringBuilder(128).append(type).append('[');
    }

    /**
     * @param type the simple name of the type described
     * @return an empty description
     */
    public static Fields of(String type) {
        return new Fields(type);
    }

    /**
     * @param name the field's name
     * @param value its value, already masked when personal
     * @return this
     */
    public Fields add(String name, @Nullable Object value) {
        if (!first) {
            out.append(", ");
        }
        first = false;
        out.append(name).append('=').append(value);
        return this;
    }

    /**
     * @param name the field's name
     * @param value its value, already masked when personal; left out when empty
     * @return this
     */
    public Fields add(String name, Optional<?> value) {
        return value.isPresent() ? add(name, (Object) value.get()) : this;
    }

    /**
     * @param name the field's name
     * @param value its value; left out when empty
     * @return this
     */
    public Fields add(String name, OptionalInt value) {
        return value.isPresent() ? add(name, (Object) value.getAsInt()) : this;
    }

    /** @return the description, {@code Name[a=1, b=2]} */
    @Override
    public String toString() {
        return out + "]";
    }
}
