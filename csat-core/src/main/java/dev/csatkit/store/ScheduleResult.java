package dev.csatkit.store;

import java.time.Instant;
import java.util.Objects;

/** What {@link SurveyStore#schedule} did: exactly one of four things, decided atomically. */
public sealed interface ScheduleResult {

    /**
     * The interaction is claimed, the cap keys are held and the survey is stored.
     *
     * @param survey the survey as stored
     */
    record Scheduled(OpenSurvey survey) implements ScheduleResult {
        /** Checks that nothing is missing. */
        public Scheduled {
            Objects.requireNonNull(survey, "survey");
        }
    }

    /**
     * The interaction was claimed before: a replay. Nothing was written.
     *
     * @param claimedUntil until when the earlier claim is kept
     */
    record Duplicate(Instant claimedUntil) implements ScheduleResult {
        /** Checks that nothing is missing. */
        public Duplicate {
            Objects.requireNonNull(claimedUntil, "claimedUntil");
        }
    }

    /**
     * One of the cap keys is held by another survey. Nothing was written, so a replay of the
     * interaction gets the same answer while the hold lasts.
     *
     * @param key the cap key that is held
     * @param heldUntil until when it is held
     */
    record Capped(String key, Instant heldUntil) implements ScheduleResult {
        /** Checks that nothing is missing. */
        public Capped {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(heldUntil, "heldUntil");
        }
    }

    /**
     * One of the opt-out keys is opted out. Nothing was written.
     *
     * @param key the opted-out key
     */
    record OptedOut(String key) implements ScheduleResult {
        /** Checks that nothing is missing. */
        public OptedOut {
            Objects.requireNonNull(key, "key");
        }
    }
}
