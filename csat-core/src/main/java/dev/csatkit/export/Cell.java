package dev.csatkit.export;

import java.util.Objects;
import java.util.OptionalDouble;

/**
 * One typed cell of a {@link Table}, so that each writer renders it its own way: a CSV writes
 * percentages unrounded, a text table with one decimal, a spreadsheet as a number with a format.
 */
public sealed interface Cell {

    /**
     * Text, such as a name or a comment. Writers for spreadsheets pass it through
     * {@link FormulaGuard#neutralise(String)}.
     *
     * @param value the text
     */
    record Text(String value) implements Cell {
        /** Checks the value is present. */
        public Text {
            Objects.requireNonNull(value, "value");
        }
    }

    /**
     * A whole count.
     *
     * @param value the count
     */
    record Count(long value) implements Cell {
    }

    /**
     * A percentage on the 0–100 scale (Net CSAT and differences may be negative).
     *
     * @param value the percentage
     */
    record Percent(double value) implements Cell {
    }

    /**
     * Any other decimal number, such as a mean rating.
     *
     * @param value the number
     */
    record Decimal(double value) implements Cell {
    }

    /**
     * A yes/no value.
     *
     * @param value the flag
     */
    record Flag(boolean value) implements Cell {
    }

    /** No value: no data, or not applicable. */
    record Empty() implements Cell {
    }

    /** The one empty cell. */
    Empty EMPTY = new Empty();

    /**
     * @param value a percentage or no data
     * @return a percent cell, or {@link #EMPTY}
     */
    static Cell percent(OptionalDouble value) {
        return value.isPresent() ? new Percent(value.getAsDouble()) : EMPTY;
    }

    /**
     * @param value a decimal or no data
     * @return a decimal cell, or {@link #EMPTY}
     */
    static Cell decimal(OptionalDouble value) {
        return value.isPresent() ? new Decimal(value.getAsDouble()) : EMPTY;
    }

    /**
     * @param value some text
     * @return a text cell
     */
    static Cell text(String value) {
        return new Text(value);
    }
}
