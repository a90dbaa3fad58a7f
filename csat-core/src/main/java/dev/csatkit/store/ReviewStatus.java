package dev.csatkit.store;

/**
 * Where the review of a low score stands.
 *
 * <pre>
 *            take                 resolve
 *   OPEN ──────────► IN_REVIEW ──────────► RESOLVED
 *    ▲ │               │  ▲ take (hand over)   │
 *    │ │ withdrawn     │  └───┘                │ reopen
 *    │ ▼               ▼ withdrawn             │
 *   WITHDRAWN ◄────────┘                       │
 *    │  low score again, or reopen             │
 *    └──────────────────► OPEN ◄───────────────┘
 * </pre>
 */
public enum ReviewStatus {
    /** Waiting for a reviewer. */
    OPEN,
    /** A reviewer has taken it. */
    IN_REVIEW,
    /** Reviewed, with its notes; only reopening changes it again. */
    RESOLVED,
    /**
     * The customer replaced the low score with a satisfied rating before anyone resolved the
     * review: nothing is left to review, unless someone reopens it or a low score comes back.
     */
    WITHDRAWN;

    /** @return whether it waits for or is with a reviewer: {@link #OPEN} or {@link #IN_REVIEW} */
    public boolean isOpen() {
        return this == OPEN || this == IN_REVIEW;
    }
}
