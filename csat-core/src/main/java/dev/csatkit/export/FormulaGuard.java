package dev.csatkit.export;

/**
 * Keeps spreadsheets from running text as a formula ("CSV injection"): a cell that starts with
 * {@code =}, {@code +}, {@code -}, {@code @}, a tab or a carriage return gets a leading
 * apostrophe, which spreadsheets read as "this is text".
 *
 * <p>Text that already starts with an apostrophe gets one more, so that
 * {@link #restore(String)} can always undo {@link #neutralise(String)} exactly: exported
 * responses read back unchanged.
 */
public final class FormulaGuard {

    private FormulaGuard() {
    }

    /**
     * @param text any cell text
     * @return the text, with a leading {@code '} when a spreadsheet would run it as a formula
     */
    public static String neutralise(String text) {
        return isRisky(text) || text.startsWith("'") ? "'" + text : text;
    }

    /**
     * Undoes {@link #neutralise(String)}: drops one leading apostrophe.
     *
     * @param cell a cell as exported
     * @return the original text
     */
    public static String restore(String cell) {
        return cell.startsWith("'") ? cell.substring(1) : cell;
    }

    /**
     * @param text any cell text
     * @return whether a spreadsheet could take it for a formula
     */
    public static boolean isRisky(String text) {
        if (text.isEmpty()) {
            return false;
        }
        char c = text.charAt(0);
        return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
    }
}
