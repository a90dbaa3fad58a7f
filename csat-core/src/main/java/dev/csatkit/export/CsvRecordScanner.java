package dev.csatkit.export;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Finds the cells of one CSV record in UTF-8 bytes, splitting exactly where Jackson's CSV parser
 * splits the decoded text: a cell is quoted only when its first byte is a quote; a quote inside
 * an unquoted cell is text; a doubled quote inside a quoted cell is one quote; blanks after a
 * closing quote are skipped; records end at {@code \n}, {@code \r\n} or {@code \r}, and line
 * breaks inside quotes count as lines. Commas, quotes and line breaks are ASCII and never occur
 * inside a multi-byte UTF-8 sequence, so splitting bytes splits the text the same way.
 *
 * <p>A record is scanned eight bytes at a time: every comma in a word ends a cell, and only a
 * quote, a line end or another control byte stops the word loop. The end of the bytes held is
 * marked with a line feed so that the scan needs no bounds check of its own: the byte array must
 * have {@link #PADDING} bytes past the end of the bytes held, which the scanner may overwrite. A run of a few hundred milliseconds spends most of its rows in code the JIT is
 * still profiling, which counts every branch taken, so fewer branches per byte is most of the
 * speed.
 *
 * <p>One instance scans one record at a time and keeps where its cells are; not thread-safe.
 */
final class CsvRecordScanner {

    /** A whole record was found. */
    static final int FOUND = 0;
    /** The record runs past the bytes given; scan again from its start with more. */
    static final int INCOMPLETE = 1;
    /** The CSV itself is broken at this record; nothing after it can be read reliably. */
    static final int BROKEN = 2;
    /** No record: the input ended. */
    static final int END = 3;
    /** The bytes a buffer must have past the end of the bytes held. */
    static final int PADDING = 16;

    // Little-endian, so the first byte in the text is the lowest in the word.
    static final VarHandle WORDS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;
    private static final long COMMAS = ',' * ONES;
    private static final long QUOTES = '"' * ONES;

    private int[] starts = new int[32];
    private int[] ends = new int[32];
    private int count;
    // Whether a quoted cell held doubled quotes: its bytes are then not its text.
    private boolean escaped;
    // Which cells those are; written only on the quoted path, so the common path stays lean.
    private int[] doubledCells = new int[4];
    private int doubledCount;
    private int next;
    private int lines;
    private @Nullable String problem;

    /**
     * Scans the record starting at {@code pos}.
     *
     * @param b the bytes, with {@link #PADDING} writable bytes past {@code limit}
     * @param pos where the record starts
     * @param limit the end of the bytes held
     * @param eof whether the input ends at {@code limit}
     * @return {@link #FOUND}, {@link #INCOMPLETE}, {@link #BROKEN} or {@link #END}
     */
    int scan(byte[] b, int pos, int limit, boolean eof) {
        if (pos >= limit) {
            return eof ? END : INCOMPLETE;
        }
        b[limit] = '\n';
        lines = 0;
        escaped = false;
        doubledCount = 0;
        int n = 0;
        int cell = pos;
        int p = pos;
        int[] st = starts;
        int[] en = ends;
        while (true) {
            // A word holds at most eight commas: keep room for them and for cell().
            if (n + 9 > st.length) {
                grow();
                st = starts;
                en = ends;
            }
            // Eight bytes at a time: every comma in them ends a cell; a quote, a line end or
            // another control byte (the mark at limit among them) needs a closer look.
            long w = (long) WORDS.get(b, p);
            long commas = zeros(w ^ COMMAS);
            long special = zeros(w ^ QUOTES) | (w - 0x0E * ONES) & ~w & HIGHS;
            if (special == 0) {
                while (commas != 0) {
                    int at = p + (Long.numberOfTrailingZeros(commas) >>> 3);
                    st[n] = cell;
                    en[n++] = at;
                    cell = at + 1;
                    commas &= commas - 1;
                }
                p += 8;
                continue;
            }
            // Only the first special byte is sure: the commas before it, then the byte itself.
            long first = special & -special;
            commas &= first - 1;
            while (commas != 0) {
                int at = p + (Long.numberOfTrailingZeros(commas) >>> 3);
                st[n] = cell;
                en[n++] = at;
                cell = at + 1;
                commas &= commas - 1;
            }
            int at = p + (Long.numberOfTrailingZeros(first) >>> 3);
            byte c = b[at];
            if (c == '\n' || c == '\r') {
                st[n] = cell;
                en[n++] = at;
                count = n;
                return endOfLine(b, at, limit, eof);
            }
            if (c == '"' && at == cell) {
                count = n;
                return quoted(b, at, limit, eof);
            }
            // A quote inside an unquoted cell, or a tab: text like any other byte.
            p = at + 1;
        }
    }

    /** @return the high bit of every byte of {@code x} that is zero, and no other bit */
    private static long zeros(long x) {
        return ~(((x & 0x7F7F7F7F7F7F7F7FL) + 0x7F7F7F7F7F7F7F7FL) | x) & HIGHS;
    }

    /** The rest of a record from a quoted cell at {@code p} on; cells before it are counted. */
    private int quoted(byte[] b, int p, int limit, boolean eof) {
        int n = count;
        while (true) {
            if (n >= starts.length - 1) {
                grow();
            }
            if (p < limit && b[p] == '"') {
                int s = ++p;
                boolean doubled = false;
                while (true) {
                    while (p < limit) {
                        // Eight bytes at a time up to a quote or a control byte such as a line end.
                        while (p + 8 <= limit) {
                            long w = (long) WORDS.get(b, p);
                            long q = w ^ 0x22 * ONES;
                            long stop = ((q - ONES) & ~q | (w - 0x0E * ONES) & ~w) & HIGHS;
                            if (stop != 0) {
                                p += Long.numberOfTrailingZeros(stop) >>> 3;
                                break;
                            }
                            p += 8;
                        }
                        if (p >= limit) {
                            break;
                        }
                        byte c = b[p];
                        if (c == '"') {
                            break;
                        }
                        if (c == '\n') {
                            lines++;
                        } else if (c == '\r') {
                            if (p + 1 >= limit && !eof) {
                                return INCOMPLETE;
                            }
                            if (p + 1 >= limit || b[p + 1] != '\n') {
                                lines++;
                            }
                        }
                        p++;
                    }
                    if (p >= limit) {
                        if (!eof) {
                            return INCOMPLETE;
                        }
                        problem = "Missing closing quote for value";
                        return BROKEN;
                    }
                    if (p + 1 >= limit && !eof) {
                        return INCOMPLETE;
                    }
                    if (p + 1 < limit && b[p + 1] == '"') {
                        doubled = true;
                        p += 2;
                        continue;
                    }
                    break;
                }
                if (doubled) {
                    escaped = true;
                    if (doubledCount == doubledCells.length) {
                        doubledCells = Arrays.copyOf(doubledCells, doubledCount * 2);
                    }
                    doubledCells[doubledCount++] = n;
                }
                starts[n] = s;
                ends[n++] = p;
                p++;
                // After the closing quote: blanks, then a comma or the end of the line.
                while (true) {
                    if (p >= limit) {
                        if (!eof) {
                            return INCOMPLETE;
                        }
                        count = n;
                        next = p;
                        return FOUND;
                    }
                    byte c = b[p];
                    if (c == ',') {
                        p++;
                        break;
                    }
                    if (c == '\n' || c == '\r') {
                        count = n;
                        return endOfLine(b, p, limit, eof);
                    }
                    if (c >= 0 && c <= ' ') {
                        p++;
                        continue;
                    }
                    problem = "Unexpected character " + describe(b, p, limit)
                            + ": Expected column separator character (',' (code 44)) or end-of-line";
                    return BROKEN;
                }
            } else {
                int s = p;
                while (p < limit) {
                    byte c = b[p];
                    if (c == ',' || c == '\n' || c == '\r') {
                        break;
                    }
                    p++;
                }
                starts[n] = s;
                ends[n++] = p;
                if (p >= limit) {
                    count = n;
                    return endOfLine(b, p, limit, eof);
                }
                if (b[p] != ',') {
                    count = n;
                    return endOfLine(b, p, limit, eof);
                }
                p++;
            }
        }
    }

    /** The end of a record at {@code p}: a line end, or {@code limit}. */
    private int endOfLine(byte[] b, int p, int limit, boolean eof) {
        if (p >= limit) {
            if (!eof) {
                return INCOMPLETE;
            }
            next = limit;
            return FOUND;
        }
        if (b[p] == '\r') {
            if (p + 1 >= limit) {
                if (!eof) {
                    return INCOMPLETE;
                }
            } else if (b[p + 1] == '\n') {
                p++;
            }
        }
        lines++;
        next = p + 1;
        return FOUND;
    }

    private void grow() {
        starts = Arrays.copyOf(starts, starts.length * 2);
        ends = Arrays.copyOf(ends, ends.length * 2);
    }

    private static String describe(byte[] b, int p, int limit) {
        int end = p + 1;
        while (end < limit && end < p + 4 && (b[end] & 0xC0) == 0x80) {
            end++;
        }
        String text = new String(b, p, end - p, StandardCharsets.UTF_8);
        int cp = text.codePointAt(0);
        return "('" + new String(Character.toChars(cp)) + "' (code " + cp + "))";
    }

    /** @return the cells of the record found */
    int count() {
        return count;
    }

    /**
     * The cells' starts, inside the quotes for a quoted cell; the entry after the last cell is
     * free for the caller, such as an empty cell standing for a column the file lacks.
     */
    int[] starts() {
        return starts;
    }

    /** @return the cells' ends, exclusive; before the closing quote for a quoted cell */
    int[] ends() {
        return ends;
    }

    /** @return whether some quoted cell holds doubled quotes, so its bytes are not its text */
    boolean escaped() {
        return escaped;
    }

    /** @return where the next record starts */
    int next() {
        return next;
    }

    /** @return the line breaks the record spans, its own end included */
    int lines() {
        return lines;
    }

    /** @return what broke the CSV, for a {@link #BROKEN} record */
    String problem() {
        return problem == null ? "" : problem;
    }

    /**
     * @param b the bytes scanned
     * @param i a cell
     * @return the cell's text, as the CSV parser would give it
     */
    String text(byte[] b, int i) {
        String s = new String(b, starts[i], ends[i] - starts[i], StandardCharsets.UTF_8);
        return escaped && doubled(i) ? s.replace("\"\"", "\"") : s;
    }

    private boolean doubled(int i) {
        for (int k = 0; k < doubledCount; k++) {
            if (doubledCells[k] == i) {
                return true;
            }
        }
        return false;
    }

    /**
     * @param b the bytes scanned
     * @return every cell's text
     */
    List<String> texts(byte[] b) {
        List<String> cells = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            cells.add(text(b, i));
        }
        return cells;
    }

    /**
     * @param b the bytes scanned
     * @return whether the record is blank: one cell of white space only, which readers skip
     */
    boolean blank(byte[] b) {
        return count == 1 && text(b, 0).isBlank();
    }
}
