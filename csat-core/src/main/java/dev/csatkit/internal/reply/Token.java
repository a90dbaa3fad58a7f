package dev.csatkit.internal.reply;

/**
 * One token of a reply. Positions refer to the reply as given, so that a comment can be cut
 * out of the original text with its case and accents intact.
 */
final class Token {

    /** What a token is made of. */
    enum Kind {
        /** Letters (and marks, inner apostrophes); {@link #text} is folded. */
        WORD,
        /** Decimal digits of any script; {@link #value} holds the number. */
        NUMBER,
        /** One punctuation character; {@link #text} is its canonical form ({@code -}, {@code /}). */
        PUNCT,
        /** An emoji or other symbol, with its joined sequence; {@link #text} is its key. */
        SYMBOL,
        /** A control character, an unpaired surrogate, a private-use or unassigned code point. */
        OTHER
    }

    /** The largest number kept exactly; larger numbers are only known to be large. */
    static final int NUMBER_CAP = 1_000_000;

    final Kind kind;
    final int start;
    int end;
    final boolean spaceBefore;
    String text = "";
    int value;
    int digits;

    Token(Kind kind, int start, int end, boolean spaceBefore) {
        this.kind = kind;
        this.start = start;
        this.end = end;
        this.spaceBefore = spaceBefore;
    }

    boolean is(Kind k) {
        return kind == k;
    }

    boolean isPunct(String p) {
        return kind == Kind.PUNCT && text.equals(p);
    }

    /** Whether the number grew past {@link #NUMBER_CAP}. */
    boolean overflow() {
        return value > NUMBER_CAP;
    }

    void addDigit(int d) {
        digits++;
        if (value <= NUMBER_CAP) {
            value = value * 10 + d;
        }
    }

    @Override
    public String toString() {
        return kind + "[" + start + "," + end + ")" + (kind == Kind.NUMBER ? "=" + value : " " + text);
    }
}
