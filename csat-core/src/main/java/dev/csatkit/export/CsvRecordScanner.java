package dev.csatkit.export;

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

    private int[] starts = new int[32];
    private int[] ends = new int[32];
    // Cells quoted with doubled quotes inside, whose text is not their bytes as they stand.
    private boolean[] escaped = new boolean[32];
    private int count;
    private int next;
    private int lines;
    private @Nullable String problem;

    /**
     * Scans the record starting at {@code pos}.
     *
     * @param b the bytes
     * @param pos where the record starts
     * @param limit the end of the bytes held
     * @param eof whether the input ends at {@code limit}
     * @return {@link #FOUND}, {@link #INCOMPLETE}, {@link #BROKEN} or {@link #END}
     */
    int scan(byte[] b, int pos, int limit, boolean eof) {
        count = 0;
        lines = 0;
        problem = null;
        if (pos >= limit) {
            return eof ? END : INCOMPLETE;
        }
        int p = pos;
        while (true) {
            // One cell per turn; p stands at its first byte.
            if (count == starts.length) {
                grow();
            }
            if (p >= limit) {
                if (!eof) {
                    return INCOMPLETE;
                }
                addCell(p, p, false);
                next = p;
                return FOUND;
            }
            if (b[p] != '"') {
                int s = p;
                while (p < limit) {
                    byte c = b[p];
                    // Every byte of common text sorts above the comma: one comparison per byte.
                    if (c > ',' || c != ',' && c != '\n' && c != '\r') {
                        p++;
                        continue;
                    }
                    break;
                }
                if (p >= limit) {
                    if (!eof) {
                        return INCOMPLETE;
                    }
                    addCell(s, p, false);
                    next = p;
                    return FOUND;
                }
                addCell(s, p, false);
                if (b[p] == ',') {
                    p++;
                    continue;
                }
                return endOfLine(b, p, limit, eof);
            }
            // A quoted cell: up to the quote that is not doubled.
            int s = ++p;
            boolean doubled = false;
            while (true) {
                while (p < limit) {
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
            addCell(s, p, doubled);
            p++;
            // After the closing quote: blanks, then a comma or the end of the line.
            while (true) {
                if (p >= limit) {
                    if (!eof) {
                        return INCOMPLETE;
                    }
                    next = p;
                    return FOUND;
                }
                byte c = b[p];
                if (c == ',') {
                    p++;
                    break;
                }
                if (c == '\n' || c == '\r') {
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
        }
    }

    private int endOfLine(byte[] b, int p, int limit, boolean eof) {
        if (b[p] == '\r') {
            if (p + 1 >= limit && !eof) {
                return INCOMPLETE;
            }
            if (p + 1 < limit && b[p + 1] == '\n') {
                p++;
            }
        }
        lines++;
        next = p + 1;
        return FOUND;
    }

    private void addCell(int s, int e, boolean doubled) {
        starts[count] = s;
        ends[count] = e;
        escaped[count] = doubled;
        count++;
    }

    private void grow() {
        starts = Arrays.copyOf(starts, starts.length * 2);
        ends = Arrays.copyOf(ends, ends.length * 2);
        escaped = Arrays.copyOf(escaped, escaped.length * 2);
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

    /** @return where cell {@code i} starts; inside the quotes for a quoted cell */
    int start(int i) {
        return starts[i];
    }

    /** @return where cell {@code i} ends, exclusive; before the closing quote for a quoted cell */
    int end(int i) {
        return ends[i];
    }

    /** @return whether cell {@code i} holds doubled quotes, so its bytes are not its text */
    boolean escaped(int i) {
        return escaped[i];
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
        return escaped[i] ? s.replace("\"\"", "\"") : s;
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
