package dev.csatkit.internal.store;

import java.time.Instant;
import java.util.concurrent.locks.StampedLock;

/**
 * Expiries by {@link Fingerprint}: a lock-striped, open-addressing (linear probing) table that
 * keeps each entry as three {@code long}s — the fingerprint's two halves and the expiry in epoch
 * milliseconds — so an entry costs 24 bytes divided by the load, and no object.
 *
 * <p>The top bits of {@code hi} choose one of {@value #STRIPES} stripes; the high half of
 * {@code lo} chooses the home slot inside it. Each stripe is a {@link StampedLock}: lookups that
 * end in "held" change nothing and are read optimistically, without writing to the lock; writes
 * convert that read into the write lock when nothing changed meanwhile, and otherwise take it.
 *
 * <p>An entry whose expiry is at or before the {@code now} of the call that meets it counts as
 * absent, and its slot is reused by the next key inserted along its probe sequence. A stripe
 * rebuilds itself without expired entries when it reaches three quarters full, sized to be half
 * full afterwards (so it grows, stays or shrinks with its live entries), and also sweeps after
 * {@code sweepEvery / STRIPES} writes or as many writes as it has slots, whichever is more, so a
 * sweep costs at most one slot visit per write.
 */
public final class FingerprintTable {

    /** Stripes per table; a power of two. */
    public static final int STRIPES = 64;

    /** What {@link #reserve} returns when it wrote the entry; never a live expiry. */
    public static final long GRANTED = Long.MIN_VALUE;

    private static final int STRIPE_SHIFT = Long.SIZE - Integer.numberOfTrailingZeros(STRIPES);
    private static final int WIDTH = 3;
    private static final int MIN_CAPACITY = 16;
    private static final int NO_ROOM = Integer.MIN_VALUE;

    private final Stripe[] stripes = new Stripe[STRIPES];
    private final int sweepShare;

    /**
     * @param sweepEvery writes to the whole table between sweeps of each stripe, on average
     */
    public FingerprintTable(int sweepEvery) {
        this.sweepShare = Math.max(1, sweepEvery / STRIPES);
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new Stripe();
        }
    }

    /**
     * Writes {@code until} for the key unless the key has an entry that is live at {@code now}.
     *
     * @return {@link #GRANTED}, or the live entry's expiry
     */
    public long reserve(long hi, long lo, long now, long until) {
        Stripe s = stripe(hi);
        long stamp = s.tryOptimisticRead();
        if (stamp != 0L) {
            long[] t = s.slots;
            int at = find(t, hi, lo, now, start(t, lo));
            long held = expiryAt(t, at);
            if (held > now) {
                if (s.validate(stamp)) {
                    return held;
                }
            } else if ((stamp = s.tryConvertToWriteLock(stamp)) != 0L) {
                try {
                    s.put(t, at, hi, lo, until, now);
                    return GRANTED;
                } finally {
                    s.unlockWrite(stamp);
                }
            }
        }
        stamp = s.writeLock();
        try {
            long[] t = s.slots;
            int at = find(t, hi, lo, now, start(t, lo));
            long held = expiryAt(t, at);
            if (held > now) {
                return held;
            }
            s.put(t, at, hi, lo, until, now);
            return GRANTED;
        } finally {
            s.unlockWrite(stamp);
        }
    }

    /**
     * Reads the key's expiry without writing, optimistically where no writer is in the way.
     *
     * @return the live entry's expiry, or {@link Long#MIN_VALUE} when the key has none live at {@code now}
     */
    public long peek(long hi, long lo, long now) {
        Stripe s = stripe(hi);
        long stamp = s.tryOptimisticRead();
        if (stamp != 0L) {
            long[] t = s.slots;
            long held = expiryAt(t, find(t, hi, lo, now, start(t, lo)));
            if (s.validate(stamp)) {
                return held > now ? held : Long.MIN_VALUE;
            }
        }
        stamp = s.readLock();
        try {
            long[] t = s.slots;
            long held = expiryAt(t, find(t, hi, lo, now, start(t, lo)));
            return held > now ? held : Long.MIN_VALUE;
        } finally {
            s.unlockRead(stamp);
        }
    }

    /**
     * Reads, without writing, whether the interaction has a live claim in {@code claims} or else
     * the key a live hold in {@code holds}: the two reads overlap, as in {@link #reserveOnce}.
     *
     * @return minus the claim's expiry when claimed; else the hold's expiry when held; else 0
     */
    public static long peekOnce(FingerprintTable claims, String interactionKey, FingerprintTable holds, String key,
            long now) {
        Fingerprint i = Fingerprint.of(interactionKey);
        Stripe cs = claims.stripe(i.hi());
        long cStamp = cs.tryOptimisticRead();
        long[] ct = cs.slots;
        int cStart = start(ct, i.lo());
        long cFirst = ct[cStart];
        Fingerprint k = Fingerprint.of(key);
        Stripe hs = holds.stripe(k.hi());
        long hStamp = hs.tryOptimisticRead();
        long[] ht = hs.slots;
        int hStart = start(ht, k.lo());
        long hFirst = ht[hStart];
        if (cStamp != 0L && hStamp != 0L) {
            long claimed = expiryAt(ct, find(ct, i.hi(), i.lo(), now, cStart, cFirst));
            long held = expiryAt(ht, find(ht, k.hi(), k.lo(), now, hStart, hFirst));
            if (cs.validate(cStamp) && hs.validate(hStamp)) {
                return claimed > now ? -claimed : held > now ? held : 0L;
            }
        }
        long claimed = claims.peek(i.hi(), i.lo(), now);
        if (claimed != Long.MIN_VALUE) {
            return -claimed;
        }
        long held = holds.peek(k.hi(), k.lo(), now);
        return held != Long.MIN_VALUE ? held : 0L;
    }

    /**
     * Claims the interaction in {@code claims} and holds the key in {@code holds}, or neither,
     * atomically: a live claim wins over a live hold, which wins over a grant.
     *
     * @param claims the table of interaction claims
     * @param holds the table of cap holds; another table than {@code claims}
     * @return the answer, with {@code holdUntil} when granted
     */
    public static Reservation reserveOnce(FingerprintTable claims, String interactionKey, long claimUntil,
            FingerprintTable holds, String key, long holdUntil, long now) {
        // Each table is read right after its key is hashed, and before the next key is, so the two
        // cache misses overlap each other and the second hash instead of following one another.
        Fingerprint i = Fingerprint.of(interactionKey);
        Stripe cs = claims.stripe(i.hi());
        long cStamp = cs.tryOptimisticRead();
        long[] ct = cs.slots;
        int cStart = start(ct, i.lo());
        long cFirst = ct[cStart];
        Fingerprint k = Fingerprint.of(key);
        Stripe hs = holds.stripe(k.hi());
        long hStamp = hs.tryOptimisticRead();
        long[] ht = hs.slots;
        int hStart = start(ht, k.lo());
        long hFirst = ht[hStart];
        if (cStamp != 0L && hStamp != 0L) {
            int cAt = find(ct, i.hi(), i.lo(), now, cStart, cFirst);
            int hAt = find(ht, k.hi(), k.lo(), now, hStart, hFirst);
            long claimed = expiryAt(ct, cAt);
            long held = expiryAt(ht, hAt);
            if (claimed > now) {
                if (cs.validate(cStamp)) {
                    return new Reservation.AlreadyClaimed(Instant.ofEpochMilli(claimed));
                }
            } else if (held > now) {
                if (cs.validate(cStamp) && hs.validate(hStamp)) {
                    return new Reservation.Denied(Instant.ofEpochMilli(held));
                }
            } else if ((cStamp = cs.tryConvertToWriteLock(cStamp)) != 0L) {
                if ((hStamp = hs.tryConvertToWriteLock(hStamp)) != 0L) {
                    try {
                        cs.put(ct, cAt, i.hi(), i.lo(), claimUntil, now);
                        hs.put(ht, hAt, k.hi(), k.lo(), holdUntil, now);
                    } finally {
                        hs.unlockWrite(hStamp);
                        cs.unlockWrite(cStamp);
                    }
                    return new Reservation.Granted(Instant.ofEpochMilli(holdUntil));
                }
                cs.unlockWrite(cStamp);
            }
        }
        // Claims before holds: every caller that locks both takes them in this order.
        cStamp = cs.writeLock();
        hStamp = hs.writeLock();
        try {
            ct = cs.slots;
            ht = hs.slots;
            int cAt = find(ct, i.hi(), i.lo(), now, start(ct, i.lo()));
            int hAt = find(ht, k.hi(), k.lo(), now, start(ht, k.lo()));
            long claimed = expiryAt(ct, cAt);
            if (claimed > now) {
                return new Reservation.AlreadyClaimed(Instant.ofEpochMilli(claimed));
            }
            long held = expiryAt(ht, hAt);
            if (held > now) {
                return new Reservation.Denied(Instant.ofEpochMilli(held));
            }
            cs.put(ct, cAt, i.hi(), i.lo(), claimUntil, now);
            hs.put(ht, hAt, k.hi(), k.lo(), holdUntil, now);
            return new Reservation.Granted(Instant.ofEpochMilli(holdUntil));
        } finally {
            hs.unlockWrite(hStamp);
            cs.unlockWrite(cStamp);
        }
    }

    /**
     * Removes the key's entry if its expiry is exactly {@code until}, live or not.
     *
     * @return whether an entry was removed
     */
    public boolean remove(long hi, long lo, long until) {
        Stripe s = stripe(hi);
        long stamp = s.writeLock();
        try {
            // No expiry is at or before Long.MIN_VALUE, so the probe reports the key's own slot.
            int at = find(s.slots, hi, lo, Long.MIN_VALUE, start(s.slots, lo));
            if (at < 0 || s.slots[at + 2] != until) {
                return false;
            }
            s.delete(at);
            return true;
        } finally {
            s.unlockWrite(stamp);
        }
    }

    /** @return the entries in the table, expired ones not yet swept included */
    public int size() {
        int n = 0;
        for (Stripe s : stripes) {
            long stamp = s.readLock();
            try {
                n += s.count;
            } finally {
                s.unlockRead(stamp);
            }
        }
        return n;
    }

    /**
     * Removes every entry that has expired at {@code now}, shrinking stripes left mostly empty.
     *
     * @return how many were removed
     */
    public int sweep(long now) {
        int removed = 0;
        for (Stripe s : stripes) {
            long stamp = s.writeLock();
            try {
                removed += s.sweep(now);
            } finally {
                s.unlockWrite(stamp);
            }
        }
        return removed;
    }

    /** @return the slots in the table, for footprint checks */
    public long capacity() {
        long n = 0;
        for (Stripe s : stripes) {
            long stamp = s.readLock();
            try {
                n += s.slots.length / WIDTH;
            } finally {
                s.unlockRead(stamp);
            }
        }
        return n;
    }

    private Stripe stripe(long hi) {
        return stripes[(int) (hi >>> STRIPE_SHIFT)];
    }

    private static int home(long lo, int capacity) {
        return (int) (((lo >>> 32) * capacity) >>> 32);
    }

    /** The index of the home slot of {@code lo} in {@code t}. */
    private static int start(long[] t, long lo) {
        return home(lo, t.length / WIDTH) * WIDTH;
    }

    private static int find(long[] t, long hi, long lo, long now, int start) {
        return find(t, hi, lo, now, start, t[start]);
    }

    /**
     * The probe shared by locked and optimistic readers: it stays inside {@code t} and ends after
     * at most one lap whatever a concurrent writer does, so a torn read costs only a retry.
     *
     * @param start the home slot's index, from {@link #start}
     * @param first {@code t[start]}, read by the caller as early as it could
     * @return the index of the key's entry; else {@code -1 - i} where {@code i} is the first slot
     *     on the way that is empty or expired at {@code now}; else {@link #NO_ROOM}
     */
    private static int find(long[] t, long hi, long lo, long now, int start, long first) {
        int i = start;
        long h = first;
        int reusable = NO_ROOM;
        for (int left = t.length / WIDTH; left > 0; left--) {
            long l = t[i + 1];
            if (h == hi && l == lo) {
                return i;
            }
            if ((h | l) == 0) {
                return -1 - (reusable == NO_ROOM ? i : reusable);
            }
            if (reusable == NO_ROOM && t[i + 2] <= now) {
                reusable = i;
            }
            i += WIDTH;
            if (i == t.length) {
                i = 0;
            }
            h = t[i];
        }
        return reusable == NO_ROOM ? NO_ROOM : -1 - reusable;
    }

    /** The key's expiry, or {@link Long#MIN_VALUE} when {@link #find} did not find it. */
    private static long expiryAt(long[] t, int at) {
        return at >= 0 ? t[at + 2] : Long.MIN_VALUE;
    }

    private static boolean empty(long[] t, int i) {
        return (t[i] | t[i + 1]) == 0;
    }

    /** One stripe: the lock and the slots share an object, so a lookup touches one header. */
    @SuppressWarnings("serial")
    private final class Stripe extends StampedLock {
        long[] slots = new long[MIN_CAPACITY * WIDTH];
        int count;
        int writes;

        /** Under the write lock: writes the entry where {@link #find} said, {@code t} being {@link #slots}. */
        void put(long[] t, int at, long hi, long lo, long until, long now) {
            if (at >= 0) {
                t[at + 2] = until;
            } else {
                int i = -1 - at;
                if (at == NO_ROOM || empty(t, i) && count >= t.length / WIDTH / 4 * 3) {
                    // The key is absent and stays so; after the rebuild every slot on its way is live or empty.
                    rebuild(now, capacityFor(countLive(now) + 1));
                    t = slots;
                    i = -1 - find(t, hi, lo, now, start(t, lo));
                }
                if (empty(t, i)) {
                    count++;
                }
                t[i] = hi;
                t[i + 1] = lo;
                t[i + 2] = until;
            }
            if (++writes >= Math.max(sweepShare, t.length / WIDTH)) {
                sweep(now);
            }
        }

        /** Under the write lock. */
        int sweep(long now) {
            int live = countLive(now);
            int removed = count - live;
            int capacity = slots.length / WIDTH;
            int smaller = capacityFor(live);
            if (smaller <= capacity / 2) {
                rebuild(now, smaller);
            } else if (removed > 0) {
                rebuild(now, capacity);
            }
            writes = 0;
            return removed;
        }

        /** Under the write lock: backward-shift deletion, which leaves no tombstone behind. */
        void delete(int at) {
            long[] t = slots;
            int capacity = t.length / WIDTH;
            int hole = at / WIDTH;
            for (int j = next(hole, capacity); !empty(t, j * WIDTH); j = next(j, capacity)) {
                int home = home(t[j * WIDTH + 1], capacity);
                // The entry at j may move back to the hole unless its home lies cyclically in (hole, j].
                boolean stays = hole <= j ? hole < home && home <= j : hole < home || home <= j;
                if (!stays) {
                    System.arraycopy(t, j * WIDTH, t, hole * WIDTH, WIDTH);
                    hole = j;
                }
            }
            t[hole * WIDTH] = 0;
            t[hole * WIDTH + 1] = 0;
            t[hole * WIDTH + 2] = 0;
            count--;
        }

        private int countLive(long now) {
            long[] t = slots;
            int live = 0;
            for (int i = 0; i < t.length; i += WIDTH) {
                if (!empty(t, i) && t[i + 2] > now) {
                    live++;
                }
            }
            return live;
        }

        private void rebuild(long now, int capacity) {
            long[] old = slots;
            long[] t = new long[capacity * WIDTH];
            int live = 0;
            for (int i = 0; i < old.length; i += WIDTH) {
                if (!empty(old, i) && old[i + 2] > now) {
                    int j = home(old[i + 1], capacity) * WIDTH;
                    while (!empty(t, j)) {
                        j += WIDTH;
                        if (j == t.length) {
                            j = 0;
                        }
                    }
                    System.arraycopy(old, i, t, j, WIDTH);
                    live++;
                }
            }
            slots = t;
            count = live;
            writes = 0;
        }
    }

    /** Half full: room for as many inserts again before the next rebuild. */
    private static int capacityFor(int entries) {
        return Math.max(MIN_CAPACITY, 2 * entries);
    }

    private static int next(int slot, int capacity) {
        return slot + 1 == capacity ? 0 : slot + 1;
    }
}
