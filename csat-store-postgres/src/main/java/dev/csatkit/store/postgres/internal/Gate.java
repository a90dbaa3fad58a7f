package dev.csatkit.store.postgres.internal;

/**
 * The kinds of row in the {@code gate} table (migration 4), each a key space of its own: a row's
 * key is the kind's letter followed by the key in its stored form ({@link Text#store}), so no key
 * of one kind can equal a key of another, and the schema's SQL prefixes keys the same way.
 */
public enum Gate {
    /** An opted-out contact id or channel address; its row lasts until an opt-in deletes it. */
    OPT_OUT('o'),
    /** An interaction id claimed by its survey, until the claim lapses. */
    CLAIM('c'),
    /** A frequency-cap key held until the hold lapses; the expiry is the holder's token. */
    HOLD('h');

    private final char letter;

    Gate(char letter) {
        this.letter = letter;
    }

    /**
     * @param key a key as the engine gives it
     * @return the row's key: this kind's letter, then the key's stored form
     */
    public String key(String key) {
        return letter + Text.store(key);
    }
}
