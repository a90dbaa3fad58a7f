package dev.csatkit.internal.channel;

/**
 * The GSM 03.38 default alphabet and its extension table. A basic character takes one septet;
 * an extension character is sent as an escape septet followed by its own, so it takes two.
 */
public final class Gsm7 {

    /** The basic table, in code order, without the escape code 0x1B. */
    static final String BASIC = "@£$¥èéùìòÇ\nØø\rÅå\u0394_\u03A6\u0393\u039B\u03A9\u03A0\u03A8\u03A3\u0398\u039E"
            + "ÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
            + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§"
            + "¿abcdefghijklmnopqrstuvwxyzäöñüà";

    /** The extension table: form feed, {@code ^ { } \ [ ~ ] |} and the euro sign. */
    static final String EXTENSION = "\f^{}\\[~]|€";

    private static final int TABLE_SIZE = 0x400;
    private static final byte[] WIDTH = new byte[TABLE_SIZE];
    private static final char EURO = '€';

    static {
        for (char c : BASIC.toCharArray()) {
            WIDTH[c] = 1;
        }
        for (char c : EXTENSION.toCharArray()) {
            if (c < TABLE_SIZE) {
                WIDTH[c] = 2;
            }
        }
    }

    private Gsm7() {
    }

    /**
     * @param c a UTF-16 code unit
     * @return the septets it takes in GSM-7: 1 for the basic table, 2 for the extension table,
     *     0 when GSM-7 cannot carry it
     */
    public static int septets(char c) {
        if (c < TABLE_SIZE) {
            return WIDTH[c];
        }
        return c == EURO ? 2 : 0;
    }
}
