package dev.csatkit.store.tck;

import static dev.csatkit.store.tck.StoreFixtures.T0;
import static dev.csatkit.store.tck.StoreFixtures.acrossHold;
import static dev.csatkit.store.tck.StoreFixtures.address;
import static dev.csatkit.store.tck.StoreFixtures.change;
import static dev.csatkit.store.tck.StoreFixtures.commentReply;
import static dev.csatkit.store.tck.StoreFixtures.delivered;
import static dev.csatkit.store.tck.StoreFixtures.ended;
import static dev.csatkit.store.tck.StoreFixtures.failedUnsent;
import static dev.csatkit.store.tck.StoreFixtures.fullReview;
import static dev.csatkit.store.tck.StoreFixtures.fullSurvey;
import static dev.csatkit.store.tck.StoreFixtures.message;
import static dev.csatkit.store.tck.StoreFixtures.mood;
import static dev.csatkit.store.tck.StoreFixtures.move;
import static dev.csatkit.store.tck.StoreFixtures.optIn;
import static dev.csatkit.store.tck.StoreFixtures.optOut;
import static dev.csatkit.store.tck.StoreFixtures.optOutConfirmation;
import static dev.csatkit.store.tck.StoreFixtures.optOutKeys;
import static dev.csatkit.store.tck.StoreFixtures.perSurveyHold;
import static dev.csatkit.store.tck.StoreFixtures.rated;
import static dev.csatkit.store.tck.StoreFixtures.ratingReply;
import static dev.csatkit.store.tck.StoreFixtures.release;
import static dev.csatkit.store.tck.StoreFixtures.request;
import static dev.csatkit.store.tck.StoreFixtures.retryPending;
import static dev.csatkit.store.tck.StoreFixtures.review;
import static dev.csatkit.store.tck.StoreFixtures.sending;
import static dev.csatkit.store.tck.StoreFixtures.step;
import static dev.csatkit.store.tck.StoreFixtures.survey;
import static dev.csatkit.store.tck.StoreFixtures.taken;
import static dev.csatkit.store.tck.StoreFixtures.unanswered;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.csatkit.channels.spi.ChannelKind;
import dev.csatkit.score.Answer;
import dev.csatkit.score.SurveyResponse;
import dev.csatkit.store.ApplyResult;
import dev.csatkit.store.CapHold;
import dev.csatkit.store.LowScoreReview;
import dev.csatkit.store.MoodAssessment;
import dev.csatkit.store.OpenSurvey;
import dev.csatkit.store.OutboxMessage;
import dev.csatkit.store.ReplyRecord;
import dev.csatkit.store.ReviewChange;
import dev.csatkit.store.ReviewStatus;
import dev.csatkit.store.ScheduleRequest;
import dev.csatkit.store.ScheduleResult;
import dev.csatkit.store.SurveyState;
import dev.csatkit.store.SurveyStore;
import dev.csatkit.store.Transition;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The {@link SurveyStore} contract, as tests. Extend this class in your store's test sources and
 * return a fresh, empty store from {@link #newStore()}; every test here then runs against it:
 *
 * <pre>{@code
 * class PostgresSurveyStoreTest extends SurveyStoreContractTest {
 *     static final EmbeddedPostgres db = ...;   // a real database is best
 *
 *     protected SurveyStore newStore() {
 *         db.truncateAll();
 *         return new PostgresSurveyStore(db.dataSource());
 *     }
 * }
 * }</pre>
 *
 * <p>The tests are grouped by operation: scheduling, claiming due surveys, applying transitions,
 * the outbox, finding the survey a reply answers, reports, reviews of low scores, purging, the atomicity of refused
 * steps, concurrency ({@value #THREADS} threads started together) and times finer than a
 * millisecond. Every time the kit passes is its own (from {@link StoreFixtures#T0} on); a store
 * that reads the system clock to decide fails. Each failure message says what the store must
 * change. {@link StoreFixtures} builds the surveys and steps, for your own tests too.
 *
 * <p>The concurrency checks repeat each race many times, but a race whose window is narrow
 * enough can still pass by luck: a pass is evidence, not proof. Run the kit often, on a machine
 * with several cores, and against the shared store your hosts run (not a stand-in).
 */
public abstract class SurveyStoreContractTest {

    /** How many threads the concurrency checks start at once. */
    public static final int THREADS = 8;

    private static final Duration MINUTE = Duration.ofMinutes(1);
    private static final Duration HOUR = Duration.ofHours(1);
    private static final Duration DAY = Duration.ofDays(1);
    private static final Duration RACE_TIMEOUT = Duration.ofSeconds(30);
    /** More than any check claims in total: a store that keeps handing out what it leased stops here. */
    private static final int CLAIM_BOUND = 100_000;

    private SurveyStore store;

    /** Creates the kit; the store is created before each test. */
    protected SurveyStoreContractTest() {
    }

    // ---- hooks ---------------------------------------------------------------------------------

    /**
     * Creates the store under test, empty: no survey, claim, hold, opt-out, outbox message,
     * provider message id, outcome, mood assessment or review. Called before every test.
     *
     * @return the store
     * @throws Exception when the store cannot be set up
     */
    protected abstract SurveyStore newStore() throws Exception;

    /**
     * Closes the store after a test. Closes it when it is {@link AutoCloseable}; override to do
     * more (or less).
     *
     * @param store the store under test
     * @throws Exception when it cannot be closed
     */
    protected void closeStore(SurveyStore store) throws Exception {
        if (store instanceof AutoCloseable closeable) {
            closeable.close();
        }
    }

    /** @return the store under test */
    protected final SurveyStore store() {
        return store;
    }

    @BeforeEach
    final void createStoreUnderTest() throws Exception {
        store = newStore();
        assertThat(store).as("newStore must return a store").isNotNull();
    }

    @AfterEach
    final void closeStoreUnderTest() throws Exception {
        closeStore(store);
    }

    // ---- helpers -------------------------------------------------------------------------------

    /**
     * Schedules a survey that nothing stands in the way of.
     *
     * @param request the request
     * @return the survey scheduled
     */
    protected final OpenSurvey scheduled(ScheduleRequest request) {
        ScheduleResult result = store.schedule(request);
        assertThat(result).as("scheduling %s with no claim, live hold or opt-out in its way must answer Scheduled "
                + "with the survey as given, got %s", request.survey().id(), result)
                .isEqualTo(new ScheduleResult.Scheduled(request.survey()));
        return request.survey();
    }

    /**
     * Schedules a survey at its {@link OpenSurvey#scheduledAt()}.
     *
     * @param survey a survey at version 0
     * @return the survey scheduled
     */
    protected final OpenSurvey scheduled(OpenSurvey survey) {
        return scheduled(request(survey));
    }

    /**
     * Applies a step that must be applied.
     *
     * @param transition the step
     * @param what what the step is, for the failure message
     * @return the result
     */
    protected final ApplyResult.Applied applied(Transition transition, String what) {
        ApplyResult result = store.apply(transition);
        assertThat(result).as("%s: nothing stands in the way of this step, so apply must answer Applied; got %s",
                what, result).isInstanceOf(ApplyResult.Applied.class);
        return (ApplyResult.Applied) result;
    }

    /**
     * Writes a survey's next version, and nothing else.
     *
     * @param from the version stored
     * @param to its next version
     * @param now the current time
     * @return {@code to}
     */
    protected final OpenSurvey advance(OpenSurvey from, OpenSurvey to, Instant now) {
        applied(change(from, to, now), "writing version " + to.version() + " of " + to.id());
        return to;
    }

    /**
     * Claims every survey due at {@code now}, in batches.
     *
     * @param now the current time
     * @param leaseUntil the end of the lease, after {@code now}
     * @return the surveys handed out, in order
     */
    protected final List<OpenSurvey> claimAllDue(Instant now, Instant leaseUntil) {
        List<OpenSurvey> all = new ArrayList<>();
        for (List<OpenSurvey> batch = store.claimDue(now, 100, leaseUntil); !batch.isEmpty();
                batch = store.claimDue(now, 100, leaseUntil)) {
            all.addAll(batch);
            assertThat(all.size()).as("claimDue keeps handing out surveys it leased before: the lease until %s must "
                    + "take each one out of the due surveys", leaseUntil).isLessThan(CLAIM_BOUND);
        }
        return all;
    }

    /**
     * Claims every outbox message due at {@code now}, leased for a day.
     *
     * @param now the current time
     * @return the messages handed out, in order
     */
    protected final List<OutboxMessage> claimAllOutbox(Instant now) {
        List<OutboxMessage> all = new ArrayList<>();
        for (List<OutboxMessage> batch = store.claimOutbox(now, 100, now.plus(DAY)); !batch.isEmpty();
                batch = store.claimOutbox(now, 100, now.plus(DAY))) {
            all.addAll(batch);
            assertThat(all.size()).as("claimOutbox keeps handing out messages it leased before")
                    .isLessThan(CLAIM_BOUND);
        }
        return all;
    }

    /**
     * @param surveys surveys
     * @return their ids, in order
     */
    protected static List<String> ids(Collection<OpenSurvey> surveys) {
        return surveys.stream().map(OpenSurvey::id).toList();
    }

    /**
     * @param messages outbox messages
     * @return their keys, in order
     */
    protected static List<String> keys(Collection<OutboxMessage> messages) {
        return messages.stream().map(OutboxMessage::key).toList();
    }

    /**
     * One thread's part of a race.
     *
     * @param <T> what it returns
     */
    @FunctionalInterface
    protected interface Task<T> {
        /**
         * @param thread the thread's number, from 0
         * @return what the thread saw
         * @throws Exception when the thread fails
         */
        T run(int thread) throws Exception;
    }

    /**
     * Runs a task on {@code threads} threads released together by one latch. A task that loops
     * stops when its thread is interrupted: after the race's timeout, the threads are.
     *
     * @param <T> what each thread returns
     * @param threads how many threads
     * @param task the task
     * @return each thread's result, by thread number
     * @throws Exception when a thread failed
     */
    protected final <T> List<T> race(int threads, Task<T> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch ready = new CountDownLatch(threads);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                int thread = i;
                futures.add(pool.submit(() -> {
                    ready.countDown();
                    start.await();
                    return task.run(thread);
                }));
            }
            ready.await(RACE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) {
                try {
                    results.add(f.get(RACE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
                } catch (TimeoutException e) {
                    return fail("a store call did not return within %s while %d threads called it at once: a "
                            + "deadlock or a lost wake-up", RACE_TIMEOUT, threads);
                } catch (ExecutionException e) {
                    return fail("a store call threw while %d threads called it at once: %s", threads, e.getCause());
                }
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    // ---- schedule ------------------------------------------------------------------------------

    /** {@link SurveyStore#schedule}: opt-out check, interaction claim, cap holds and insert. */
    @Nested
    @DisplayName("schedule")
    class Schedule {

        @Test
        void aScheduledSurveyIsStoredAtVersionZeroAndFoundAsGiven() {
            OpenSurvey s = fullSurvey("round-trip");
            ScheduleResult result = store.schedule(request(s));
            assertThat(result).as("schedule must answer Scheduled with the survey as stored, which is the survey as "
                    + "given").isEqualTo(new ScheduleResult.Scheduled(s));
            assertThat(store.find(s.id())).as("find must return the scheduled survey exactly as given: version 0 and "
                    + "every field (locale, values, credit, holds, times) kept").contains(s);
            assertThat(store.find("survey-never-scheduled")).as("find of an unknown key must be empty").isEmpty();
        }

        @Test
        void capKeysWithControlCharactersAreKeptAsGivenAndApart() {
            // The engine's cap keys hold a NUL ("*\0contact"). A store that cannot keep one as it is
            // must write it so that it reads back the same and never meets another key, such as one
            // that looks like its escaped form.
            String contact = "contact-control";
            CapHold nul = new CapHold("*\u0000" + contact, T0.plus(DAY));
            CapHold escapedLook = new CapHold("\u0001*\u00010" + contact, T0.plus(DAY).plus(HOUR));
            OpenSurvey s = survey("control", contact).holds(List.of(nul, escapedLook)).build();
            assertThat(store.schedule(request(s))).as("a survey whose cap keys hold NUL and U+0001 must be "
                    + "scheduled").isEqualTo(new ScheduleResult.Scheduled(s));
            assertThat(store.find(s.id())).as("find must return its cap keys exactly as given").contains(s);

            OpenSurvey sameKey = survey("control-same", contact).holds(List.of(new CapHold(nul.key(),
                    T0.plus(DAY)))).build();
            assertThat(store.schedule(request(sameKey))).as("the key with a NUL must be held as given")
                    .isEqualTo(new ScheduleResult.Capped(nul.key(), nul.until()));
            OpenSurvey twin = survey("control-twin", contact).holds(List.of(new CapHold("*0" + contact,
                    T0.plus(DAY)), new CapHold("*" + contact, T0.plus(DAY)))).build();
            assertThat(store.schedule(request(twin))).as("keys that differ from a held one only by its control "
                    + "characters must not be held by it").isEqualTo(new ScheduleResult.Scheduled(twin));
        }

        @Test
        void aReplayOfTheInteractionIsDuplicateAndWritesNothing() {
            OpenSurvey s = scheduled(survey("replay").holds(List.of(acrossHold("contact-replay", T0.plus(DAY))))
                    .build());
            ScheduleRequest replay = request(s);
            ScheduleResult result = store.schedule(replay);
            assertThat(result).as("scheduling the same interaction again, while its claim lasts, must answer "
                    + "Duplicate with the claim's expiry; got %s", result)
                    .isEqualTo(new ScheduleResult.Duplicate(replay.claimUntil()));
            assertThat(store.find(s.id())).as("a Duplicate must leave the stored survey as it was").contains(s);
        }

        @Test
        void aReplayIsDuplicateEvenWhenOneOfItsCapKeysIsHeld() {
            String contact = "contact-replay-held";
            OpenSurvey first = scheduled(survey("replay-held", contact).build());
            CapHold across = acrossHold(contact, T0.plus(DAY));
            scheduled(survey("replay-holder", contact).holds(List.of(across)).build());
            OpenSurvey replay = survey("replay-held", contact).holds(List.of(across)).build();
            ScheduleResult result = store.schedule(request(replay));
            assertThat(result).as("a replay of a claimed interaction must answer Duplicate even when one of its cap "
                    + "keys is held by another survey by now: check the claim before the holds; got %s", result)
                    .isInstanceOf(ScheduleResult.Duplicate.class);
            assertThat(store.find(first.id())).as("a Duplicate must leave the stored survey as it was").contains(first);
        }

        @Test
        void aLiveHoldAnswersCappedWithTheHoldersExpiryAndWritesNothing() {
            String contact = "contact-capped";
            Instant held = T0.plus(Duration.ofHours(6));
            scheduled(survey("cap-holder", contact).holds(List.of(acrossHold(contact, held))).build());
            OpenSurvey later = survey("cap-later", contact)
                    .holds(List.of(acrossHold(contact, held.plus(Duration.ofHours(6))))).build();

            ScheduleResult result = store.schedule(request(later, T0.plus(HOUR)));
            assertThat(result).as("a survey whose cap key another survey holds must answer Capped with that key and "
                    + "the holder's expiry; got %s", result)
                    .isEqualTo(new ScheduleResult.Capped(acrossHold(contact, held).key(), held));
            assertThat(store.find(later.id())).as("a Capped survey must not be stored").isEmpty();

            ScheduleResult again = store.schedule(request(later, T0.plus(Duration.ofHours(2))));
            assertThat(again).as("a Capped schedule must not claim the interaction: asked again while the hold "
                    + "lasts it must answer Capped again, not Duplicate; got %s", again)
                    .isInstanceOf(ScheduleResult.Capped.class);

            ScheduleRequest afterExpiry = request(later, held.plusMillis(1));
            ScheduleResult expired = store.schedule(afterExpiry);
            assertThat(expired).as("once the holder's hold expired (at %s), the same interaction must be scheduled: "
                    + "a Capped answer writes no claim and no hold; got %s", held, expired)
                    .isEqualTo(new ScheduleResult.Scheduled(later));
        }

        @Test
        void anOptedOutKeyAnswersOptedOutAndWritesNothing() {
            for (int i = 0; i < 2; i++) {
                String contact = "contact-opted-" + i;
                OpenSurvey s = survey("opted-" + i, contact).holds(List.of(acrossHold(contact, T0.plus(DAY)))).build();
                String key = optOutKeys(s).get(i);
                applied(Transition.at(T0).optOut(optOut(List.of(key), Optional.empty())).build(),
                        "an opt-out of " + key);

                ScheduleResult result = store.schedule(request(s, T0.plusSeconds(1)));
                assertThat(result).as("scheduling a survey one of whose opt-out keys (%s) is opted out must answer "
                        + "OptedOut with that key; got %s", key, result).isEqualTo(new ScheduleResult.OptedOut(key));
                assertThat(store.find(s.id())).as("an OptedOut survey must not be stored").isEmpty();

                applied(Transition.at(T0.plusSeconds(2)).optOut(optIn(List.of(key))).build(), "an opt-in of " + key);
                ScheduleResult after = store.schedule(request(s, T0.plusSeconds(3)));
                assertThat(after).as("after the opt-in the same interaction must be scheduled: an OptedOut answer "
                        + "writes no claim and no hold; got %s", after).isEqualTo(new ScheduleResult.Scheduled(s));
            }
        }

        @Test
        void twoHoldsAreTakenTogetherOrNotAtAll() {
            String contact = "contact-two-holds";
            Instant until = T0.plus(DAY);
            CapHold across = acrossHold(contact, until);
            scheduled(survey("holds-a", contact, "alpha")
                    .holds(List.of(perSurveyHold("alpha", contact, until), across)).build());

            OpenSurvey beta = survey("holds-b", contact, "beta")
                    .holds(List.of(perSurveyHold("beta", contact, until), across)).build();
            ScheduleResult result = store.schedule(request(beta, T0.plusSeconds(1)));
            assertThat(result).as("the second of two cap keys is held: the survey must answer Capped on it; got %s",
                    result).isEqualTo(new ScheduleResult.Capped(across.key(), until));

            ScheduleResult free = store.schedule(request(survey("holds-c", contact, "beta")
                    .holds(List.of(perSurveyHold("beta", contact, until.plus(HOUR)))).build(), T0.plusSeconds(2)));
            assertThat(free).as("a Capped survey took its first cap key anyway: the holds of one schedule are taken "
                    + "together or not at all, so the per-survey key must still be free; got %s", free)
                    .isInstanceOf(ScheduleResult.Scheduled.class);

            ScheduleResult alpha = store.schedule(request(survey("holds-d", contact, "alpha")
                    .holds(List.of(perSurveyHold("alpha", contact, until))).build(), T0.plusSeconds(3)));
            assertThat(alpha).as("a scheduled survey's every cap key must be held; the first survey's per-survey key "
                    + "was free to take again, got %s", alpha)
                    .isEqualTo(new ScheduleResult.Capped(perSurveyHold("alpha", contact, until).key(), until));
        }
    }

    // ---- claimDue ------------------------------------------------------------------------------

    /** {@link SurveyStore#claimDue}: due surveys, earliest first, each to one caller per lease. */
    @Nested
    @DisplayName("claimDue")
    class ClaimDue {

        @Test
        void onlyDueSurveysAreHandedOutEarliestFirstWithTheirLease() {
            Instant now = T0.plus(Duration.ofMinutes(10));
            OpenSurvey a = scheduled(survey("due-a").sendAt(now.minus(MINUTE)).build());
            OpenSurvey b = scheduled(survey("due-b").sendAt(now.minus(Duration.ofMinutes(5))).build());
            OpenSurvey c = scheduled(survey("due-c").sendAt(now).build());
            OpenSurvey d = scheduled(survey("due-d").sendAt(now.plusMillis(1)).build());
            Instant lease = now.plus(Duration.ofMinutes(2));

            List<OpenSurvey> got = store.claimDue(now, 10, lease);
            assertThat(ids(got)).as("claimDue must hand out exactly the surveys due at or before now, earliest due "
                    + "first").containsExactly(b.id(), a.id(), c.id());
            for (OpenSurvey before : List.of(b, a, c)) {
                OpenSurvey leased = before.toBuilder().lease(Optional.of(lease)).build();
                assertThat(got).as("a claimed survey must be returned as written: its next version (%d) with "
                        + "leaseUntil %s and nothing else changed", leased.version(), lease).contains(leased);
                assertThat(store.find(before.id())).as("claimDue must write the leased version").contains(leased);
            }
            assertThat(store.find(d.id())).as("a survey not yet due must not be touched").contains(d);
        }

        @Test
        void claimDueHandsOutAtMostLimit() {
            Instant now = T0.plus(HOUR);
            List<String> expected = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                expected.add(scheduled(survey("limit-" + i).sendAt(T0.plus(Duration.ofMinutes(i))).build()).id());
            }
            Instant lease = now.plus(MINUTE);
            List<String> got = new ArrayList<>();
            for (int call = 0; call < 3; call++) {
                List<OpenSurvey> batch = store.claimDue(now, 2, lease);
                assertThat(batch).as("claimDue(limit = 2) must return at most two surveys, and two while two or more "
                        + "are due").hasSize(call < 2 ? 2 : 1);
                got.addAll(ids(batch));
            }
            assertThat(store.claimDue(now, 2, lease)).as("every due survey is leased: nothing is left to claim")
                    .isEmpty();
            assertThat(got).as("batches must follow the due order").containsExactlyElementsOf(expected);
        }

        @Test
        void aLeasedSurveyIsNotHandedOutAgainBeforeItsLeaseEnds() {
            Instant now = T0.plus(Duration.ofMinutes(5));
            OpenSurvey s = scheduled(survey("leased").build());
            Instant lease = now.plus(MINUTE);
            assertThat(ids(store.claimDue(now, 10, lease))).containsExactly(s.id());

            assertThat(store.claimDue(lease.minusMillis(1), 10, lease.plus(MINUTE))).as("a survey leased until %s was "
                    + "handed out again before its lease ended: a leased survey is due only at its leaseUntil", lease)
                    .isEmpty();

            Instant second = lease.plus(Duration.ofMinutes(3));
            List<OpenSurvey> takeover = store.claimDue(lease, 10, second);
            assertThat(ids(takeover)).as("when the lease ends (at %s) the survey is due again and another caller "
                    + "takes it over", lease).containsExactly(s.id());
            assertThat(takeover.get(0).version()).as("a takeover writes the next version").isEqualTo(2);
            assertThat(takeover.get(0).leaseUntil()).as("a takeover writes the new lease").contains(second);
        }

        @Test
        void aSurveyIsDueWhenItsLatestVersionSaysSo() {
            OpenSurvey s = scheduled(survey("moved").sendAt(T0.plus(MINUTE)).build());
            OpenSurvey later = advance(s, s.toBuilder().sendAt(T0.plus(HOUR)).build(), T0);
            assertThat(store.claimDue(T0.plus(Duration.ofMinutes(30)), 10, T0.plus(Duration.ofMinutes(31))))
                    .as("the survey was moved to %s: it must not be due at its old time any more", later.sendAt())
                    .isEmpty();
            OpenSurvey sent = delivered(later, T0.plus(HOUR));
            advance(later, sent, T0.plus(HOUR));
            Instant reminder = sent.reminderAt().orElseThrow();
            assertThat(store.claimDue(reminder.minusMillis(1), 10, reminder)).as("a survey awaiting its reply is due "
                    + "at its reminder (%s), not before", reminder).isEmpty();
            assertThat(ids(store.claimDue(reminder, 10, reminder.plus(MINUTE)))).as("a survey awaiting its reply is "
                    + "due at its reminder").containsExactly(s.id());
        }

        @Test
        void aFinalSurveyIsNeverDue() {
            OpenSurvey s = scheduled(survey("final").build());
            OpenSurvey sent = advance(s, delivered(s, T0.plus(MINUTE)), T0.plus(MINUTE));
            Instant end = T0.plus(Duration.ofMinutes(2));
            advance(sent, ended(sent, SurveyState.EXPIRED, end), end);
            Instant far = T0.plus(Duration.ofDays(400));
            assertThat(store.claimDue(far, 10, far.plus(MINUTE))).as("a survey in a final state has nothing left to "
                    + "do and must never be handed out").isEmpty();
        }
    }

    // ---- apply ---------------------------------------------------------------------------------

    /** {@link SurveyStore#apply}: everything one step writes, all or nothing. */
    @Nested
    @DisplayName("apply")
    class Apply {

        @Test
        void anOldVersionIsStaleAndWritesNothing() {
            OpenSurvey s = scheduled(survey("stale").build());
            OpenSurvey v1 = advance(s, s.toBuilder().attempts(1).build(), T0);
            ApplyResult result = store.apply(step(s, s.toBuilder().attempts(7).build(), T0)
                    .reply(ratingReply(s, T0, 4)).build());
            assertThat(result).as("a step computed from version 0 while version 1 is stored must answer Stale; got %s",
                    result).isEqualTo(new ApplyResult.Stale());
            assertThat(store.find(s.id())).as("a Stale step must not write the survey").contains(v1);
            assertThat(store.history(s.id())).as("a Stale step must not append its reply").isEmpty();

            OpenSurvey ghost = survey("never-scheduled").build();
            ApplyResult gone = store.apply(change(ghost, ghost.toBuilder().attempts(1).build(), T0));
            assertThat(gone).as("a step on a survey that is not stored must answer Stale; got %s", gone)
                    .isEqualTo(new ApplyResult.Stale());
            assertThat(store.find(ghost.id())).as("a Stale step must not insert the survey").isEmpty();
        }

        @Test
        void theNextVersionIsWhatFindReturns() {
            OpenSurvey s = scheduled(fullSurvey("next"));
            Instant prompted = T0.plus(MINUTE);
            OpenSurvey sendingVersion = advance(s, sending(s, prompted), prompted);
            assertThat(store.find(s.id())).as("find must return the version apply wrote").contains(sendingVersion);
            Instant at = T0.plus(Duration.ofMinutes(2));
            OpenSurvey sent = advance(sendingVersion, delivered(sendingVersion, at), at);
            Instant ratedAt = at.plusSeconds(5);
            OpenSurvey ratedVersion = sent.toBuilder().state(SurveyState.RATED).rating(4, ratedAt)
                    .comment("Schnell und freundlich 👍").invalidReplies(1).noInputs(2).followUpAsked(true)
                    .optOutAsked(true)
                    .lease(Optional.of(ratedAt.plus(MINUTE))).build();
            advance(sent, ratedVersion, ratedAt);
            assertThat(store.find(s.id())).as("find must return the version apply wrote with every field kept "
                    + "(rating, comment, counters, window, reminder, lease, holds)").contains(ratedVersion);
        }

        @Test
        void aSurveyOfSeveralQuestionsKeepsWhereItStandsAndItsAnswers() {
            OpenSurvey s = scheduled(survey("questions").build());
            Instant at = T0.plus(MINUTE);
            OpenSurvey sent = advance(s, delivered(s, at), at);
            Instant rated = at.plusSeconds(20);
            OpenSurvey second = advance(sent, sent.toBuilder().state(SurveyState.RATED).rating(4, rated).question(1)
                    .build(), rated);
            Instant effortAt = rated.plusSeconds(40).plusNanos(123_456);
            OpenSurvey third = second.toBuilder().question(2)
                    .answers(List.of(new Answer("effort", 3, effortAt))).build();
            advance(second, third, effortAt);
            assertThat(store.find(s.id())).as("find must return the question a survey of several questions is on "
                    + "and the answers to its further questions, in order, as apply wrote them").contains(third);
            Instant speedAt = effortAt.plusSeconds(30);
            OpenSurvey done = third.toBuilder().question(3).answers(List.of(new Answer("effort", 3, effortAt),
                    new Answer("speed", 10, speedAt))).build();
            advance(third, done, speedAt);
            assertThat(store.find(s.id()).orElseThrow().answers()).as("a later version's answers replace the "
                    + "earlier ones").containsExactly(new Answer("effort", 3, effortAt), new Answer("speed", 10, speedAt));
        }

        @Test
        void aCheckOnlyStepKeepsTheVersion() {
            OpenSurvey s = scheduled(survey("check").build());
            applied(Transition.at(T0).check(s).reply(ratingReply(s, T0, 3)).build(), "a step that checks version 0");
            assertThat(store.find(s.id())).as("a step with no next version must leave the survey as it was")
                    .contains(s);
            assertThat(store.history(s.id())).as("a step that checks the version still writes its reply")
                    .containsExactly(ratingReply(s, T0, 3));
            OpenSurvey v1 = advance(s, s.toBuilder().attempts(1).build(), T0);
            ApplyResult stale = store.apply(Transition.at(T0).check(s).reply(ratingReply(s, T0, 1)).build());
            assertThat(stale).as("a step that checks version 0 while version 1 is stored must answer Stale; got %s",
                    stale).isEqualTo(new ApplyResult.Stale());
            assertThat(store.find(s.id())).contains(v1);
        }

        @Test
        void aRedeliveredInboundIdIsDuplicateUntilItExpires() {
            OpenSurvey s = scheduled(survey("inbound").build());
            OpenSurvey sent = advance(s, delivered(s, T0), T0);
            Instant at = T0.plus(MINUTE);
            Instant remembered = at.plus(DAY);
            OpenSurvey v2 = sent.toBuilder().invalidReplies(1).build();
            applied(step(sent, v2, at).inbound("sms:in-1", remembered).reply(commentReply(sent, at, "hm")).build(),
                    "the first delivery of inbound message sms:in-1");
            assertThat(store.seenInbound("sms:in-1", remembered.minusMillis(1))).as("seenInbound must be true while "
                    + "the id is remembered (until %s)", remembered).isTrue();

            ApplyResult again = store.apply(step(v2, v2.toBuilder().invalidReplies(2).build(), at.plusSeconds(1))
                    .inbound("sms:in-1", remembered).reply(commentReply(sent, at, "hm")).build());
            assertThat(again).as("a second step with an inbound id already recorded is a redelivery and must answer "
                    + "Duplicate; got %s", again).isEqualTo(new ApplyResult.Duplicate());
            assertThat(store.find(s.id())).as("a Duplicate step must not write the survey").contains(v2);
            assertThat(store.history(s.id())).as("a Duplicate step must not append its reply").hasSize(1);

            Instant after = remembered.plusMillis(1);
            assertThat(store.seenInbound("sms:in-1", after)).as("seenInbound must be false after the id expired at %s",
                    remembered).isFalse();
            applied(step(v2, v2.toBuilder().invalidReplies(2).build(), after).inbound("sms:in-1", after.plus(DAY))
                    .build(), "a step with an inbound id that expired at " + remembered);
        }

        @Test
        void aSurveyExtendsItsOwnHold() {
            String contact = "contact-extend";
            CapHold hold = acrossHold(contact, T0.plus(HOUR));
            OpenSurvey s = scheduled(survey("extend", contact).holds(List.of(hold)).build());
            Instant longer = T0.plus(Duration.ofHours(5));
            OpenSurvey next = s.toBuilder().holds(List.of(acrossHold(contact, longer))).build();
            applied(step(s, next, T0.plus(MINUTE)).hold(move(hold, longer)).build(), "a survey moving its own hold");

            ScheduleResult other = store.schedule(request(survey("extend-other", contact)
                    .holds(List.of(acrossHold(contact, T0.plus(DAY)))).build(), T0.plus(Duration.ofHours(2))));
            assertThat(other).as("the survey moved its hold to %s: another survey asking after the old expiry must be "
                    + "Capped until the new one; got %s", longer, other)
                    .isEqualTo(new ScheduleResult.Capped(hold.key(), longer));
        }

        @Test
        void aHoldAnotherSurveyTookMakesTheStepCappedAndWritesNothing() {
            String contact = "contact-taken";
            CapHold mine = acrossHold(contact, T0.plus(HOUR));
            OpenSurvey s = scheduled(survey("taken", contact).holds(List.of(mine)).build());
            Instant later = T0.plus(Duration.ofHours(2));
            CapHold theirs = acrossHold(contact, T0.plus(DAY));
            scheduled(request(survey("taker", contact).holds(List.of(theirs)).build(), later));

            OpenSurvey next = s.toBuilder().holds(List.of(acrossHold(contact, later.plus(DAY)))).attempts(1).build();
            ApplyResult result = store.apply(step(s, next, later).hold(move(mine, later.plus(DAY)))
                    .send(message("taken-1", s, OutboxMessage.Purpose.REMINDER, later)).build());
            assertThat(result).as("the survey's hold expired and another survey holds the key until %s: moving the "
                    + "old hold must answer Capped with the new holder's expiry; got %s", theirs.until(), result)
                    .isEqualTo(new ApplyResult.Capped(mine.key(), theirs.until()));
            assertThat(store.find(s.id())).as("a Capped step must not write the survey").contains(s);
            assertThat(keys(claimAllOutbox(later.plus(DAY)))).as("a Capped step must not write its outbox messages")
                    .doesNotContain("taken-1");
        }

        @Test
        void aReleasedHoldIsFreeForTheNextSurvey() {
            String contact = "contact-release";
            CapHold hold = acrossHold(contact, T0.plus(DAY));
            OpenSurvey s = scheduled(survey("release", contact).holds(List.of(hold)).build());
            OpenSurvey next = s.toBuilder().holds(List.of()).build();
            applied(step(s, next, T0.plus(MINUTE)).hold(release(hold)).build(), "a survey releasing its hold");
            scheduled(request(survey("after-release", contact).holds(List.of(acrossHold(contact, T0.plus(DAY))))
                    .build(), T0.plus(Duration.ofMinutes(2))));
        }

        @Test
        void releasingAnExpiredHoldLeavesTheNewHoldersHold() {
            String contact = "contact-stale-release";
            CapHold old = acrossHold(contact, T0.plus(HOUR));
            OpenSurvey s = scheduled(survey("stale-release", contact).holds(List.of(old)).build());
            Instant later = T0.plus(Duration.ofHours(2));
            CapHold theirs = acrossHold(contact, T0.plus(DAY));
            scheduled(request(survey("new-holder", contact).holds(List.of(theirs)).build(), later));

            ApplyResult result = store.apply(step(s, s.toBuilder().holds(List.of()).build(), later)
                    .hold(release(old)).build());
            assertThat(result).as("releasing a hold that already expired must not be refused; got %s", result)
                    .isInstanceOf(ApplyResult.Applied.class);
            ScheduleResult probe = store.schedule(request(survey("probe-release", contact)
                    .holds(List.of(acrossHold(contact, T0.plus(DAY)))).build(), later.plusSeconds(1)));
            assertThat(probe).as("a survey released its expired hold (token %s) and the store dropped the hold "
                    + "another survey took since: release only the hold whose expiry matches the token; got %s",
                    old.until(), probe).isEqualTo(new ScheduleResult.Capped(theirs.key(), theirs.until()));
        }

        @Test
        void outboxMessagesAreWrittenWithTheStep() {
            OpenSurvey s = scheduled(survey("outbox").build());
            OpenSurvey sent = advance(s, delivered(s, T0), T0);
            Instant at = T0.plus(MINUTE);
            OutboxMessage confirmation = message("outbox-confirm", sent, OutboxMessage.Purpose.CONFIRMATION, at);
            OutboxMessage followUp = message("outbox-follow-up", sent, OutboxMessage.Purpose.FOLLOW_UP,
                    at.plusSeconds(1));
            applied(step(sent, sent.toBuilder().state(SurveyState.RATED).rating(5, at).build(), at)
                    .send(confirmation).send(followUp).build(), "a rating with two side messages");
            assertThat(store.claimOutbox(at.plusSeconds(1), 10, at.plus(HOUR)))
                    .as("the step's outbox messages must be written with it, as given (then leased)")
                    .containsExactly(confirmation.dueAt(at.plus(HOUR), false), followUp.dueAt(at.plus(HOUR), false));
        }

        @Test
        void theOutcomeOfTheLatestVersionIsKept() {
            OpenSurvey s = scheduled(survey("outcome").build());
            assertThat(store.response(s.id())).as("no outcome before a step saves one").isEmpty();
            OpenSurvey sent = delivered(s, T0);
            applied(step(s, sent, T0).response(unanswered(s, T0)).build(), "a send with its outcome");
            assertThat(store.response(s.id())).contains(unanswered(s, T0));

            Instant at = T0.plus(MINUTE);
            OpenSurvey ratedVersion = sent.toBuilder().state(SurveyState.RATED).rating(4, at).build();
            applied(step(sent, ratedVersion, at).response(rated(s, T0, 4, at)).build(), "a rating with its outcome");
            assertThat(store.response(s.id())).as("the outcome of the latest version must replace the earlier one")
                    .contains(rated(s, T0, 4, at));

            ApplyResult stale = store.apply(step(s, sent, at).response(unanswered(s, T0)).build());
            assertThat(stale).isEqualTo(new ApplyResult.Stale());
            assertThat(store.response(s.id())).as("a step from an older version must not replace the outcome of a "
                    + "newer one").contains(rated(s, T0, 4, at));

            advance(ratedVersion, ratedVersion.toBuilder().comment("ok").build(), at.plusSeconds(1));
            assertThat(store.response(s.id())).as("a step with no outcome must keep the stored one")
                    .contains(rated(s, T0, 4, at));
        }

        @Test
        void repliesAreAppendedToTheHistoryInOrder() {
            OpenSurvey s = scheduled(survey("history").build());
            OpenSurvey current = advance(s, delivered(s, T0), T0);
            List<ReplyRecord> expected = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                Instant at = T0.plusSeconds(10 + i);
                ReplyRecord reply = i % 2 == 0 ? ratingReply(s, at, i + 1) : commentReply(s, at, "Kommentar " + i);
                OpenSurvey next = current.toBuilder().invalidReplies(i).build();
                applied(step(current, next, at).reply(reply).build(), "reply " + i);
                current = next;
                expected.add(reply);
            }
            assertThat(store.history(s.id())).as("history must return every reply, as given, in the order the steps "
                    + "were applied").containsExactlyElementsOf(expected);
            assertThat(store.history("survey-without-replies")).isEmpty();
        }

        @Test
        void theOutcomeKeepsItsQuestionAndAnswersAndTheHistoryTheQuestionEachReplyAnswered() {
            OpenSurvey s = scheduled(survey("answers").build());
            OpenSurvey sent = advance(s, delivered(s, T0), T0);
            Instant at = T0.plus(MINUTE);
            SurveyResponse answered = SurveyResponse.builder(s.interactionId(), s.surveyId(), T0).channel(s.channel())
                    .agent(s.agent().orElse(null)).locale(s.locale()).rating(5, at).comment("Très bien 👍")
                    .answer("effort", 2, at.plusSeconds(30)).answer("speed", 0, at.plusSeconds(61)).build();
            ReplyRecord reply = new ReplyRecord(s.id(), at.plusSeconds(61), ReplyRecord.Kind.RATING, OptionalInt.of(0),
                    Optional.of("0"), true, Optional.of("speed"));
            applied(step(sent, sent.toBuilder().state(SurveyState.RATED).rating(5, at).build(), at)
                    .response(answered).reply(reply).build(), "a step whose outcome carries answers");
            assertThat(store.response(s.id())).as("the outcome must keep the answers to further questions, each with "
                    + "its question, score and time").contains(answered);
            assertThat(store.history(s.id())).as("the history must keep the question a reply answered")
                    .containsExactly(reply);
            List<SurveyResponse> got = new ArrayList<>();
            store.forEachResponse(T0, T0.plus(HOUR), got::add);
            assertThat(got).as("forEachResponse must hand out the answers with the outcome").contains(answered);

            OpenSurvey other = scheduled(survey("answers-row").build());
            OpenSurvey otherSent = advance(other, delivered(other, T0), T0);
            SurveyResponse row = SurveyResponse.builder(other.interactionId(), other.surveyId(), T0)
                    .question("effort").rating(1, at).build();
            applied(Transition.at(at).check(otherSent).response(row).build(), "an outcome of a further question");
            assertThat(store.response(other.id())).as("an outcome must keep the question it is of").contains(row);
        }

        @Test
        void theOutcomeKeepsItsContactKeyRegionBrandWaitOpenTicketsAndKeysAsWritten() {
            Instant at = T0.plus(MINUTE);
            // A rating with every newer field, names outside ASCII and a wait with a fraction of a second;
            // a key off the scale with no score; nothing pressed, where a zero wait and no open
            // tickets are values to keep, not the absence of one.
            Map<String, SurveyResponse> written = new LinkedHashMap<>();
            String[][] cases = {{"newer-rated", "2#"}, {"newer-wrong-key", "0"}, {"newer-no-key", ""}};
            for (String[] c : cases) {
                OpenSurvey s = scheduled(survey(c[0]).build());
                OpenSurvey sent = advance(s, delivered(s, T0), T0);
                SurveyResponse.Builder b = SurveyResponse.builder(s.interactionId(), s.surveyId(), T0)
                        .channel(s.channel()).agent(s.agent().orElse(null)).locale(s.locale())
                        .keys(Optional.of(c[1]));
                if (c[0].equals("newer-rated")) {
                    b.rating(2, at).contactKey("ck-0123456789abcdef0123").region("Västra Götaland – väst")
                            .brand("Åkesson & Ørsted").waitTime(Duration.ofSeconds(95, 250_000_000))
                            .openTickets(OptionalInt.of(3));
                } else {
                    b.invalidReply(at).contactKey("ck-fedcba9876543210fedc").region("north").brand("acme")
                            .waitTime(c[0].equals("newer-no-key") ? Duration.ZERO : Duration.ofMinutes(12))
                            .openTickets(OptionalInt.of(c[0].equals("newer-no-key") ? 0 : 7));
                }
                SurveyResponse response = b.build();
                applied(step(sent, sent.toBuilder().state(SurveyState.RATED).rating(2, at).build(), at)
                        .response(response).build(), "an outcome with a contact key, region, brand, wait, open "
                        + "tickets and keys");
                written.put(s.id(), response);
            }
            for (Map.Entry<String, SurveyResponse> e : written.entrySet()) {
                SurveyResponse w = e.getValue();
                SurveyResponse got = store.response(e.getKey()).orElseThrow(
                        () -> new AssertionError("the outcome of survey " + e.getKey() + " must be found"));
                assertThat(got.contactKey()).as("the store must keep a response's contact key as written")
                        .isEqualTo(w.contactKey());
                assertThat(got.region()).as("the store must keep a response's region as written, outside ASCII too")
                        .isEqualTo(w.region());
                assertThat(got.brand()).as("the store must keep a response's brand as written, outside ASCII too")
                        .isEqualTo(w.brand());
                assertThat(got.waitTime()).as("the store must keep a response's wait as written, to the nanosecond, "
                        + "and a zero wait as zero, not as no wait").isEqualTo(w.waitTime());
                assertThat(got.openTickets()).as("the store must keep a response's open tickets as written, and 0 "
                        + "as 0, not as none").isEqualTo(w.openTickets());
                assertThat(got.keys()).as("the store must keep the keys a caller pressed as written: a rating's, a "
                        + "key off the scale with no score, and none when nothing was pressed").isEqualTo(w.keys());
                assertThat(got).as("the whole outcome, as written").isEqualTo(w);
            }
            List<SurveyResponse> all = new ArrayList<>();
            store.forEachResponse(T0, T0.plus(HOUR), all::add);
            assertThat(all).as("forEachResponse must hand out the newer fields as written too")
                    .containsAll(written.values());
        }

        @Test
        void anOptOutIsRecordedOnceAndConfirmedOnce() {
            OpenSurvey s = scheduled(survey("stop").build());
            List<String> keys = optOutKeys(s);
            OutboxMessage first = optOutConfirmation("stop-confirm-1", s.address(), T0);
            ApplyResult.Applied applied = applied(Transition.at(T0).check(s)
                    .optOut(optOut(keys, Optional.of(first))).build(), "the first opt-out");
            assertThat(applied.optOutRecorded()).as("the first opt-out of keys not yet opted out must answer "
                    + "Applied(optOutRecorded = true)").isTrue();
            for (String key : keys) {
                assertThat(store.isOptedOut(List.of(key))).as("%s must be opted out", key).isTrue();
                assertThat(store.isOptedOut(List.of("contact:someone-else", key))).as("isOptedOut must be true when "
                        + "any of the keys is opted out").isTrue();
            }
            assertThat(store.isOptedOut(List.of("contact:someone-else"))).isFalse();
            assertThat(store.isOptedOut(List.of())).isFalse();

            OutboxMessage second = optOutConfirmation("stop-confirm-2", s.address(), T0.plusSeconds(1));
            ApplyResult.Applied again = applied(Transition.at(T0.plusSeconds(1)).check(s)
                    .optOut(optOut(keys, Optional.of(second))).build(), "a second opt-out of the same keys");
            assertThat(again.optOutRecorded()).as("an opt-out of keys already opted out must answer "
                    + "Applied(optOutRecorded = false)").isFalse();
            assertThat(keys(claimAllOutbox(T0.plus(MINUTE)))).as("the confirmation must be written for the new "
                    + "opt-out only, so an address that sends STOP twice is confirmed once")
                    .containsExactly(first.key());
        }

        @Test
        void anOptInLiftsTheOptOut() {
            OpenSurvey s = survey("start").build();
            List<String> keys = optOutKeys(s);
            applied(Transition.at(T0).optOut(optOut(keys, Optional.empty())).build(), "an opt-out");
            ApplyResult.Applied in = applied(Transition.at(T0.plusSeconds(1)).optOut(optIn(keys)).build(), "an opt-in");
            assertThat(in.optOutRecorded()).as("an opt-in that lifts an opt-out answers Applied(true)").isTrue();
            assertThat(store.isOptedOut(keys)).as("an opt-in must lift the opt-out of every key it names").isFalse();
            ApplyResult.Applied again = applied(Transition.at(T0.plusSeconds(2)).optOut(optIn(keys)).build(),
                    "an opt-in of keys not opted out");
            assertThat(again.optOutRecorded()).as("an opt-in that lifts nothing answers Applied(false)").isFalse();
            scheduled(request(s, T0.plusSeconds(3)));
        }
    }

    // ---- outbox --------------------------------------------------------------------------------

    /** {@link SurveyStore#claimOutbox} and {@link SurveyStore#settleOutbox}. */
    @Nested
    @DisplayName("outbox")
    class Outbox {

        private List<OutboxMessage> write(OpenSurvey s, OutboxMessage... messages) {
            Transition.Builder b = Transition.at(T0).check(s);
            for (OutboxMessage m : messages) {
                b.send(m);
            }
            applied(b.build(), "a step writing " + messages.length + " outbox messages");
            return List.of(messages);
        }

        @Test
        void claimOutboxLeasesDueMessagesEarliestFirst() {
            OpenSurvey s = scheduled(survey("out").build());
            OutboxMessage late = message("out-late", s, OutboxMessage.Purpose.REMINDER, T0.plus(Duration.ofMinutes(3)));
            OutboxMessage early = message("out-early", s, OutboxMessage.Purpose.CONFIRMATION, T0.plus(MINUTE));
            OutboxMessage now = message("out-now", s, OutboxMessage.Purpose.FOLLOW_UP, T0.plus(Duration.ofMinutes(5)));
            OutboxMessage future = message("out-future", s, OutboxMessage.Purpose.HELP, T0.plus(DAY));
            write(s, late, early, now, future);

            Instant at = T0.plus(Duration.ofMinutes(5));
            Instant lease = at.plus(MINUTE);
            List<OutboxMessage> got = store.claimOutbox(at, 2, lease);
            assertThat(got).as("claimOutbox must hand out the messages due at or before now, earliest first, at most "
                    + "limit, each with dueAt set to the lease's end")
                    .containsExactly(early.dueAt(lease, false), late.dueAt(lease, false));
            assertThat(store.claimOutbox(at, 10, lease)).as("the rest of the due messages, the one due exactly now "
                    + "included").containsExactly(now.dueAt(lease, false));
            assertThat(store.claimOutbox(at, 10, lease)).isEmpty();
        }

        @Test
        void aLeasedMessageIsNotHandedOutAgainBeforeItsLeaseEnds() {
            OpenSurvey s = scheduled(survey("out-lease").build());
            OutboxMessage m = write(s, message("out-lease-1", s, OutboxMessage.Purpose.CONFIRMATION, T0)).get(0);
            Instant lease = T0.plus(MINUTE);
            assertThat(store.claimOutbox(T0, 10, lease)).containsExactly(m.dueAt(lease, false));
            assertThat(store.claimOutbox(lease.minusMillis(1), 10, lease.plus(MINUTE))).as("a message leased until %s "
                    + "was handed out again before its lease ended", lease).isEmpty();
            Instant second = lease.plus(MINUTE);
            assertThat(store.claimOutbox(lease, 10, second)).as("when the lease ends the message is due again and "
                    + "another caller takes it over").containsExactly(m.dueAt(second, false));
        }

        @Test
        void settlingRemovesOrReschedulesTheMessage() {
            OpenSurvey s = scheduled(survey("settle").build());
            OutboxMessage sent = message("settle-sent", s, OutboxMessage.Purpose.CONFIRMATION, T0);
            OutboxMessage retried = message("settle-retried", s, OutboxMessage.Purpose.FOLLOW_UP, T0);
            write(s, sent, retried);
            Instant lease = T0.plus(MINUTE);
            List<OutboxMessage> claimed = store.claimOutbox(T0, 10, lease);
            assertThat(claimed).hasSize(2);

            assertThat(store.settleOutbox(claimed.get(0), Optional.empty())).as("settling a message as claimed must "
                    + "succeed").isTrue();
            Instant retryAt = T0.plus(Duration.ofMinutes(10));
            OutboxMessage again = claimed.get(1).dueAt(retryAt, true);
            assertThat(store.settleOutbox(claimed.get(1), Optional.of(again))).isTrue();
            assertThat(store.settleOutbox(claimed.get(0), Optional.empty())).as("settling a message already removed "
                    + "must answer false").isFalse();

            assertThat(store.claimOutbox(retryAt.minusMillis(1), 10, retryAt.plus(MINUTE))).as("a message kept for "
                    + "another try is due at its new time, not before; a removed one never").isEmpty();
            Instant lease2 = retryAt.plus(MINUTE);
            assertThat(store.claimOutbox(retryAt, 10, lease2)).as("the message kept for another try, with its attempts")
                    .containsExactly(again.dueAt(lease2, false));

            OutboxMessage unclaimed = message("settle-as-written", s, OutboxMessage.Purpose.HELP, T0.plus(HOUR));
            write(s, unclaimed);
            assertThat(store.settleOutbox(unclaimed, Optional.empty())).as("a message may be settled as written, "
                    + "without a claim").isTrue();
            assertThat(store.settleOutbox(message("settle-never", s, OutboxMessage.Purpose.HELP, T0),
                    Optional.empty())).as("settling a message never written must answer false").isFalse();
        }

        @Test
        void theAttemptThatAnswersFirstSettlesAMessageTakenOverMeanwhile() {
            OpenSurvey s = scheduled(survey("takeover").build());
            write(s, message("takeover-1", s, OutboxMessage.Purpose.REMINDER, T0));
            Instant lease = T0.plus(MINUTE);
            OutboxMessage first = store.claimOutbox(T0, 10, lease).get(0);
            Instant lease2 = lease.plus(MINUTE);
            OutboxMessage second = store.claimOutbox(lease, 10, lease2).get(0);

            assertThat(store.settleOutbox(first, Optional.empty())).as("the first attempt's answer came after its "
                    + "lease ended and another caller took the message over: it must still settle the message, or "
                    + "the message would be sent once more").isTrue();
            assertThat(store.settleOutbox(second, Optional.empty())).as("once one attempt settled the message, the "
                    + "other attempt's settle must answer false").isFalse();
            assertThat(claimAllOutbox(T0.plus(DAY))).as("a settled message must be gone").isEmpty();
        }

        @Test
        void aRetryCountsAsAnAttemptSoALateAnswerOfTheOldOneIsRefused() {
            OpenSurvey s = scheduled(survey("retried").build());
            write(s, message("retried-1", s, OutboxMessage.Purpose.REMINDER, T0));
            OutboxMessage first = store.claimOutbox(T0, 10, T0.plus(MINUTE)).get(0);
            OutboxMessage second = store.claimOutbox(T0.plus(MINUTE), 10, T0.plus(MINUTE).plus(MINUTE)).get(0);
            Instant again = T0.plus(HOUR);

            assertThat(store.settleOutbox(second, Optional.of(second.dueAt(again, true)))).isTrue();
            assertThat(store.settleOutbox(first, Optional.empty())).as("another attempt settled the message first "
                    + "(its attempts moved on): the old attempt's settle must answer false and change nothing")
                    .isFalse();
            List<OutboxMessage> due = claimAllOutbox(again);
            assertThat(due).as("the message must stay, due again when the retry said").hasSize(1);
            assertThat(due.get(0).attempts()).isEqualTo(1);
        }

        @Test
        void settlingAClaimedMessageAsItStandsTellsWhetherAnotherAttemptSettledItSince() {
            OpenSurvey s = scheduled(survey("as-claimed").build());
            write(s, message("as-claimed-sent", s, OutboxMessage.Purpose.CONFIRMATION, T0),
                    message("as-claimed-retried", s, OutboxMessage.Purpose.FOLLOW_UP, T0),
                    message("as-claimed-kept", s, OutboxMessage.Purpose.HELP, T0));
            Instant lease = T0.plus(MINUTE);
            List<OutboxMessage> claimed = store.claimOutbox(T0, 10, lease);
            assertThat(claimed).extracting(OutboxMessage::key)
                    .containsExactly("as-claimed-kept", "as-claimed-retried", "as-claimed-sent");
            OutboxMessage kept = claimed.get(0);
            OutboxMessage retried = claimed.get(1);
            OutboxMessage sent = claimed.get(2);
            // Other attempts, of the messages as written, answer after the claim.
            assertThat(store.settleOutbox(sent.dueAt(T0, false), Optional.empty())).isTrue();
            Instant retryAt = T0.plus(HOUR);
            assertThat(store.settleOutbox(retried.dueAt(T0, false), Optional.of(retried.dueAt(retryAt, true))))
                    .isTrue();

            // The engine settles a message it claimed as it stands right before it sends it.
            assertThat(store.settleOutbox(sent, Optional.of(sent))).as("a message another attempt removed since "
                    + "the claim must answer false, and stay gone").isFalse();
            assertThat(store.settleOutbox(retried, Optional.of(retried))).as("a message another attempt kept for a "
                    + "later try since the claim must answer false and stay as that attempt left it").isFalse();
            assertThat(store.settleOutbox(kept, Optional.of(kept))).as("a message no attempt settled since the claim "
                    + "must answer true").isTrue();
            assertThat(store.claimOutbox(lease.minusMillis(1), 10, lease.plus(MINUTE))).as("kept as claimed: still "
                    + "leased until %s", lease).isEmpty();
            Instant lease2 = retryAt.plus(DAY); // claimAllOutbox leases for a day
            assertThat(claimAllOutbox(retryAt)).as("what is left, each as its last settle left it")
                    .containsExactlyInAnyOrder(kept.dueAt(lease2, false), retried.dueAt(lease2, true));
        }
    }

    // ---- latestDelivered -----------------------------------------------------------------------

    /** {@link SurveyStore#latestDelivered}: the survey a reply answers. */
    @Nested
    @DisplayName("latestDelivered")
    class LatestDelivered {

        @Test
        void theLatestDeliveredOrSendingSurveyAnswersTheAddress() {
            String contact = "contact-latest";
            String addr = address(contact);
            assertThat(store.latestDelivered(StoreFixtures.CHANNEL_ID, addr)).isEmpty();

            OpenSurvey a = scheduled(survey("latest-a", contact).build());
            OpenSurvey a1 = advance(a, delivered(a, T0.plus(MINUTE)), T0.plus(MINUTE));
            assertThat(store.latestDelivered(StoreFixtures.CHANNEL_ID, addr)).as("a delivered survey answers its "
                    + "address").contains(a1);

            OpenSurvey b = scheduled(survey("latest-b", contact).build());
            OpenSurvey b1 = advance(b, sending(b, T0.plus(Duration.ofMinutes(2))), T0.plus(Duration.ofMinutes(2)));
            assertThat(store.latestDelivered(StoreFixtures.CHANNEL_ID, addr)).as("a survey being sent (SENDING) that "
                    + "was prompted last answers its address, before the channel confirmed the send").contains(b1);

            OpenSurvey r = scheduled(survey("latest-retry", contact).build());
            advance(r, retryPending(r, T0.plus(Duration.ofMinutes(3)), T0.plus(Duration.ofMinutes(8))),
                    T0.plus(Duration.ofMinutes(3)));
            OpenSurvey f = scheduled(survey("latest-failed", contact).build());
            advance(f, failedUnsent(f, T0.plus(Duration.ofMinutes(4)), T0.plus(Duration.ofMinutes(4))),
                    T0.plus(Duration.ofMinutes(4)));
            assertThat(store.latestDelivered(StoreFixtures.CHANNEL_ID, addr)).as("surveys prompted later but waiting "
                    + "to retry an unconfirmed send, or failed unsent, must be passed over").contains(b1);

            OpenSurvey o = scheduled(survey("latest-other-channel", contact)
                    .channel(ChannelKind.SMS, "tck-sms-2", addr).build());
            OpenSurvey o1 = advance(o, delivered(o, T0.plus(Duration.ofMinutes(5))), T0.plus(Duration.ofMinutes(5)));
            assertThat(store.latestDelivered(StoreFixtures.CHANNEL_ID, addr)).as("a survey on another channel must "
                    + "not answer this channel's address").contains(b1);
            assertThat(store.latestDelivered("tck-sms-2", addr)).contains(o1);
            assertThat(store.latestDelivered(StoreFixtures.CHANNEL_ID, address("nobody"))).isEmpty();

            OpenSurvey b2 = advance(b1, delivered(b1, T0.plus(Duration.ofMinutes(6))), T0.plus(Duration.ofMinutes(6)));
            assertThat(store.latestDelivered(StoreFixtures.CHANNEL_ID, addr)).as("latestDelivered must return the "
                    + "survey's current version").contains(b2);
            OpenSurvey b3 = advance(b2, ended(b2, SurveyState.EXPIRED, T0.plus(DAY)), T0.plus(DAY));
            assertThat(store.latestDelivered(StoreFixtures.CHANNEL_ID, addr)).as("a delivered survey still answers "
                    + "its address once it has ended").contains(b3);
        }

        @Test
        void theLatestIsDecidedByPromptTimeNotWriteOrder() {
            String contact = "contact-order";
            OpenSurvey x = scheduled(survey("order-x", contact).build());
            OpenSurvey y = scheduled(survey("order-y", contact).build());
            OpenSurvey x1 = advance(x, delivered(x, T0.plus(Duration.ofMinutes(10))), T0.plus(Duration.ofMinutes(10)));
            advance(y, delivered(y, T0.plus(Duration.ofMinutes(9))), T0.plus(Duration.ofMinutes(10)));
            assertThat(store.latestDelivered(StoreFixtures.CHANNEL_ID, address(contact))).as("the survey prompted last "
                    + "answers the address, even when an earlier prompt's write came after it").contains(x1);
        }
    }

    // ---- reports -------------------------------------------------------------------------------

    /** {@link SurveyStore#forEachResponse} and {@link SurveyStore#forEachMood}. */
    @Nested
    @DisplayName("reports")
    class Reports {

        @Test
        void forEachResponseHandsOutCurrentOutcomesSentInTheRange() {
            Instant from = T0;
            Instant to = T0.plus(HOUR);
            List<Instant> sentAt = List.of(from.minusMillis(1), from, to.minusMillis(1), to);
            List<SurveyResponse> inRange = new ArrayList<>();
            for (int i = 0; i < sentAt.size(); i++) {
                OpenSurvey s = scheduled(survey("report-" + i).build());
                OpenSurvey sent = advance(s, delivered(s, sentAt.get(i)), sentAt.get(i));
                SurveyResponse first = unanswered(s, sentAt.get(i));
                applied(Transition.at(sentAt.get(i)).check(sent).response(first).build(), "saving an outcome");
                SurveyResponse current = first;
                if (i == 1) {
                    Instant at = sentAt.get(i).plus(MINUTE);
                    current = rated(s, sentAt.get(i), 2, at);
                    applied(step(sent, sent.toBuilder().rating(2, at).state(SurveyState.RATED).build(), at)
                            .response(current).build(), "replacing an outcome");
                }
                if (i == 1 || i == 2) {
                    inRange.add(current);
                }
            }
            List<SurveyResponse> got = new ArrayList<>();
            store.forEachResponse(from, to, got::add);
            assertThat(got).as("forEachResponse must hand out the current outcome of each survey sent in [from, to), "
                    + "once each, from included and to excluded").containsExactlyInAnyOrderElementsOf(inRange);
        }

        @Test
        void forEachMoodHandsOutAssessmentsMadeInTheRange() {
            Instant from = T0;
            Instant to = T0.plus(HOUR);
            List<MoodAssessment> inRange = new ArrayList<>();
            List<Instant> at = List.of(from.minusMillis(1), from, to.minusMillis(1), to);
            for (int i = 0; i < at.size(); i++) {
                MoodAssessment m = mood("call-" + i, at.get(i), i + 1);
                store.saveMood(m);
                if (i == 1 || i == 2) {
                    inRange.add(m);
                }
            }
            List<MoodAssessment> got = new ArrayList<>();
            store.forEachMood(from, to, got::add);
            assertThat(got).as("forEachMood must hand out each assessment made in [from, to), as saved")
                    .containsExactlyInAnyOrderElementsOf(inRange);
        }
    }

    // ---- reviews of low scores -----------------------------------------------------------------

    /**
     * Reviews of low scores: opened with a survey's step ({@link Transition#review()}), changed by
     * reviewers ({@link SurveyStore#saveReview}), both compared and set on the review's version,
     * listed by status and handed out by opening time.
     */
    @Nested
    @DisplayName("reviews")
    class Reviews {

        /** A survey sent at {@code T0} and rated low at {@code at}, with its review opened by the same step. */
        private LowScoreReview ratedLow(String name, Instant at) {
            OpenSurvey s = scheduled(survey(name).build());
            OpenSurvey sent = advance(s, delivered(s, T0), T0);
            LowScoreReview r = review(sent, 1, at);
            applied(step(sent, sent.toBuilder().rating(1, at).state(SurveyState.RATED).build(), at)
                    .response(rated(s, T0, 1, at)).review(ReviewChange.open(r)).build(), "a low rating with its review");
            return r;
        }

        @Test
        void aReviewOpensWithItsStepAndIsFoundAsWritten() {
            LowScoreReview r = ratedLow("review-open", T0.plus(MINUTE));
            assertThat(store.review(r.surveyKey())).as("the review a step opened must be found as written")
                    .contains(r);
            assertThat(store.find(r.surveyKey()).orElseThrow().rating()).hasValue(1);
            assertThat(store.review("survey-none")).as("a survey with no low score has no review").isEmpty();
        }

        @Test
        void everyFieldOfAReviewIsKept() {
            OpenSurvey s = scheduled(survey("review-full").build());
            LowScoreReview full = fullReview(s, T0.plus(MINUTE));
            assertThat(store.saveReview(ReviewChange.open(full))).as("saving a review where the survey has none "
                    + "must write it").isTrue();
            assertThat(store.review(s.id())).as("a review must come back with every field as written: reviewer, "
                    + "times, notes over several lines, reopen count and reason").contains(full);
        }

        @Test
        void saveReviewWritesOnlyOverTheVersionRead() {
            LowScoreReview r0 = ratedLow("review-cas", T0.plus(MINUTE));
            LowScoreReview r1 = taken(r0, "qa-lena", T0.plus(HOUR));
            assertThat(store.saveReview(ReviewChange.of(r0, r1))).as("a change from the stored version must be "
                    + "written").isTrue();
            LowScoreReview late = taken(r0, "qa-omar", T0.plus(HOUR));
            assertThat(store.saveReview(ReviewChange.of(r0, late))).as("a change from version 0 after version 1 was "
                    + "written must be refused: saveReview must compare the stored version").isFalse();
            assertThat(store.saveReview(ReviewChange.open(review(store.find(r0.surveyKey()).orElseThrow(), 2,
                    T0.plus(HOUR))))).as("opening a review where the survey has one must be refused").isFalse();
            assertThat(store.review(r0.surveyKey())).as("a refused change must write nothing").contains(r1);
        }

        @Test
        void aStepWhoseReviewMovedOnIsStaleAndWritesNothing() {
            LowScoreReview r0 = ratedLow("review-stale", T0.plus(MINUTE));
            LowScoreReview r1 = taken(r0, "qa-lena", T0.plus(HOUR));
            assertThat(store.saveReview(ReviewChange.of(r0, r1))).isTrue();
            OpenSurvey rated = store.find(r0.surveyKey()).orElseThrow();
            Instant now = T0.plus(Duration.ofHours(2));
            OpenSurvey next = rated.toBuilder().rating(5, now).build();
            LowScoreReview withdrawn = r0.toBuilder().next(now).status(ReviewStatus.WITHDRAWN).build();
            ApplyResult result = store.apply(step(rated, next, now).review(ReviewChange.of(r0, withdrawn)).build());
            assertThat(result).as("a step whose review was changed since it was read (version 0, now 1) must answer "
                    + "Stale; got %s", result).isEqualTo(new ApplyResult.Stale());
            assertThat(store.find(r0.surveyKey())).as("a step refused for its review must not write the survey")
                    .contains(rated);
            assertThat(store.review(r0.surveyKey())).contains(r1);

            ApplyResult again = store.apply(step(rated, next, now).review(ReviewChange.open(review(rated, 1, now)))
                    .build());
            assertThat(again).as("a step that opens a review where the survey already has one must answer Stale; "
                    + "got %s", again).isEqualTo(new ApplyResult.Stale());
            assertThat(store.review(r0.surveyKey())).contains(r1);
        }

        @Test
        void forEachReviewHandsOutReviewsOpenedInTheRangeOldestFirst() {
            Instant from = T0.plus(HOUR);
            Instant to = from.plus(HOUR);
            List<Instant> at = List.of(from.minusMillis(1), to.minusMillis(1), from, from, to);
            List<LowScoreReview> opened = new ArrayList<>();
            for (int i = 0; i < at.size(); i++) {
                opened.add(ratedLow("review-range-" + i, at.get(i)));
            }
            List<LowScoreReview> got = new ArrayList<>();
            store.forEachReview(from, to, got::add);
            assertThat(got).as("forEachReview must hand out each review opened in [from, to), oldest first and by "
                    + "survey key at the same time").containsExactly(opened.get(2), opened.get(3), opened.get(1));
        }

        @Test
        void reviewsListTheQueueByStatusOldestFirstUpToTheLimit() {
            LowScoreReview a = ratedLow("review-queue-a", T0.plus(Duration.ofMinutes(3)));
            LowScoreReview b = ratedLow("review-queue-b", T0.plus(Duration.ofMinutes(1)));
            LowScoreReview c = ratedLow("review-queue-c", T0.plus(Duration.ofMinutes(2)));
            LowScoreReview cTaken = taken(c, "qa-lena", T0.plus(HOUR));
            assertThat(store.saveReview(ReviewChange.of(c, cTaken))).isTrue();
            Set<ReviewStatus> open = Set.of(ReviewStatus.OPEN, ReviewStatus.IN_REVIEW);
            assertThat(store.reviews(open, 10)).as("the queue: reviews in the statuses asked for, oldest opened first, "
                    + "as currently stored").containsExactly(b, cTaken, a);
            assertThat(store.reviews(open, 2)).as("at most limit").containsExactly(b, cTaken);
            assertThat(store.reviews(Set.of(ReviewStatus.OPEN), 10)).as("only the statuses asked for")
                    .containsExactly(b, a);
            assertThat(store.reviews(Set.of(ReviewStatus.RESOLVED), 10)).isEmpty();
        }

        @Test
        void purgeKeepsReviews() {
            LowScoreReview r = ratedLow("review-purged", T0.plus(MINUTE));
            OpenSurvey rated = store.find(r.surveyKey()).orElseThrow();
            advance(rated, ended(rated, SurveyState.ANSWERED, T0.plus(HOUR)), T0.plus(HOUR));
            while (store.purge(T0.plus(DAY), 100) == 100) {
                // purge in batches
            }
            assertThat(store.find(r.surveyKey())).isEmpty();
            assertThat(store.review(r.surveyKey())).as("reviews are report data and must stay after a purge")
                    .contains(r);
        }
    }

    // ---- purge ---------------------------------------------------------------------------------

    /** {@link SurveyStore#purge}. */
    @Nested
    @DisplayName("purge")
    class Purge {

        @Test
        void purgeRemovesEndedSurveysInBoundedBatchesAndKeepsOutcomes() {
            Instant cutoff = T0.plus(DAY);
            List<OpenSurvey> old = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                OpenSurvey s = scheduled(survey("purge-" + i).build());
                OpenSurvey sent = delivered(s, T0.plus(MINUTE));
                applied(step(s, sent, T0.plus(MINUTE)).response(unanswered(s, T0.plus(MINUTE)))
                        .reply(ratingReply(s, T0.plus(MINUTE), 3)).build(), "a send");
                advance(sent, ended(sent, SurveyState.ANSWERED, T0.plus(Duration.ofHours(i + 1))), T0.plus(HOUR));
                old.add(s);
            }
            OpenSurvey edge = scheduled(survey("purge-edge").build());
            OpenSurvey edgeEnded = advance(edge, ended(edge, SurveyState.FAILED, cutoff), cutoff);
            OpenSurvey open = scheduled(survey("purge-open").build());
            OpenSurvey awaiting = advance(open, delivered(open, T0.plus(MINUTE)), T0.plus(MINUTE));
            OpenSurvey scheduled = scheduled(survey("purge-scheduled").sendAt(T0.plus(Duration.ofDays(3))).build());

            assertThat(store.purge(cutoff, 2)).as("purge must remove at most limit surveys per call, and limit while "
                    + "more are left").isEqualTo(2);
            assertThat(store.purge(cutoff, 2)).isEqualTo(2);
            assertThat(store.purge(cutoff, 2)).isEqualTo(1);
            assertThat(store.purge(cutoff, 2)).as("nothing is left to purge").isZero();
            for (OpenSurvey s : old) {
                assertThat(store.find(s.id())).as("a survey that ended before the cut-off must be purged").isEmpty();
                assertThat(store.history(s.id())).as("a purged survey's history must go with it").isEmpty();
                assertThat(store.response(s.id())).as("outcomes are the reports' data and must stay after a purge")
                        .contains(unanswered(s, T0.plus(MINUTE)));
            }
            assertThat(store.find(edge.id())).as("a survey that ended at the cut-off, not before, must stay")
                    .contains(edgeEnded);
            assertThat(store.find(open.id())).as("an open survey must never be purged").contains(awaiting);
            assertThat(store.find(scheduled.id())).as("a scheduled survey must never be purged").contains(scheduled);
        }
    }

    // ---- atomicity -----------------------------------------------------------------------------

    /**
     * A refused step writes nothing: checked by what can be read afterwards, since the kit cannot
     * fail a store half-way through a write.
     */
    @Nested
    @DisplayName("refused steps write nothing")
    class Atomicity {

        private record Observed(Optional<OpenSurvey> survey, List<ReplyRecord> history,
                Optional<SurveyResponse> response, boolean optedOut, boolean inboundSeen,
                Optional<LowScoreReview> review) {
        }

        private static final String OPT_OUT_KEY = "SMS:addr-refused";

        private Observed observe(OpenSurvey s, String inboundId, Instant now) {
            return new Observed(store.find(s.id()), store.history(s.id()), store.response(s.id()),
                    store.isOptedOut(List.of(OPT_OUT_KEY)), store.seenInbound(inboundId, now), store.review(s.id()));
        }

        /** A step that writes something of every kind. */
        private Transition.Builder loaded(OpenSurvey from, OpenSurvey to, Instant now, String inboundId) {
            return step(from, to, now)
                    .send(message("refused-message", from, OutboxMessage.Purpose.FOLLOW_UP, now))
                    .response(rated(from, from.sentAt().orElse(T0), 5, now))
                    .reply(ratingReply(from, now, 5))
                    .inbound(inboundId, now.plus(DAY))
                    .optOut(optOut(List.of(OPT_OUT_KEY),
                            Optional.of(optOutConfirmation("refused-confirmation", "addr-refused", now))))
                    .review(ReviewChange.open(review(from, 1, now)));
        }

        private void assertNoOutbox(String what) {
            assertThat(keys(claimAllOutbox(T0.plus(Duration.ofDays(30))))).as("%s wrote outbox messages or an "
                    + "opt-out confirmation", what).doesNotContain("refused-message", "refused-confirmation");
        }

        private OpenSurvey sentWithHistory(OpenSurvey s) {
            OpenSurvey sent = delivered(s, T0);
            applied(step(s, sent, T0).response(unanswered(s, T0)).reply(commentReply(s, T0, "first")).build(),
                    "a send with an outcome and a reply");
            return sent;
        }

        @Test
        void aStaleStepWritesNothing() {
            OpenSurvey sent = sentWithHistory(scheduled(survey("refused-stale").build()));
            Instant now = T0.plus(MINUTE);
            OpenSurvey newer = advance(sent, sent.toBuilder().invalidReplies(1).build(), now);
            Observed before = observe(sent, "in-stale", now);
            ApplyResult result = store.apply(loaded(sent, sent.toBuilder().rating(5, now).build(), now, "in-stale")
                    .build());
            assertThat(result).isEqualTo(new ApplyResult.Stale());
            assertThat(observe(sent, "in-stale", now)).as("a Stale step must write nothing at all: not the survey, "
                    + "reply, outcome, opt-out, inbound id or review").isEqualTo(before);
            assertThat(before.survey()).contains(newer);
            assertNoOutbox("a Stale step");
        }

        @Test
        void aDuplicateStepWritesNothing() {
            OpenSurvey sent = sentWithHistory(scheduled(survey("refused-duplicate").build()));
            Instant now = T0.plus(MINUTE);
            OpenSurvey v2 = sent.toBuilder().invalidReplies(1).build();
            applied(step(sent, v2, now).inbound("in-duplicate", now.plus(DAY)).build(), "the first delivery");
            Observed before = observe(v2, "in-other", now);
            ApplyResult result = store.apply(loaded(v2, v2.toBuilder().rating(5, now).build(), now, "in-duplicate")
                    .build());
            assertThat(result).isEqualTo(new ApplyResult.Duplicate());
            assertThat(observe(v2, "in-other", now)).as("a Duplicate step must write nothing at all: not the survey, "
                    + "reply, outcome, opt-out or review").isEqualTo(before);
            assertNoOutbox("a Duplicate step");
        }

        @Test
        void aCappedStepWritesNothing() {
            String contact = "contact-refused-capped";
            CapHold own = perSurveyHold(contact, T0.plus(DAY));
            CapHold expiring = acrossHold(contact, T0.plus(HOUR));
            OpenSurvey s = scheduled(survey("refused-capped", contact).holds(List.of(own, expiring)).build());
            OpenSurvey sent = sentWithHistory(s);
            Instant now = T0.plus(Duration.ofHours(2));
            CapHold theirs = acrossHold(contact, T0.plus(DAY).plus(HOUR));
            scheduled(request(survey("refused-taker", contact, "other-survey").holds(List.of(theirs)).build(), now));

            Instant longer = now.plus(Duration.ofDays(2));
            Observed before = observe(sent, "in-capped", now);
            OpenSurvey next = sent.toBuilder().holds(List.of(new CapHold(own.key(), longer),
                    new CapHold(expiring.key(), longer))).rating(5, now).build();
            ApplyResult result = store.apply(loaded(sent, next, now, "in-capped")
                    .hold(move(own, longer)).hold(move(expiring, longer)).build());
            assertThat(result).as("the survey's second hold expired and another survey took the key: the step must "
                    + "answer Capped; got %s", result)
                    .isEqualTo(new ApplyResult.Capped(expiring.key(), theirs.until()));
            assertThat(observe(sent, "in-capped", now)).as("a Capped step must write nothing at all: not the survey, "
                    + "reply, outcome, opt-out, inbound id or review").isEqualTo(before);

            ScheduleResult probe = store.schedule(request(survey("refused-probe", contact)
                    .holds(List.of(perSurveyHold(contact, longer))).build(), now.plusSeconds(1)));
            assertThat(probe).as("a Capped step moved (or released) the survey's first hold before it met the taken "
                    + "one: every hold must stay as it was, here until %s; got %s", own.until(), probe)
                    .isEqualTo(new ScheduleResult.Capped(own.key(), own.until()));
            assertNoOutbox("a Capped step");
        }
    }

    // ---- concurrency ---------------------------------------------------------------------------

    /** Many threads at once; each test repeats its race to catch narrow windows. */
    @Nested
    @DisplayName("concurrency")
    class Concurrency {

        private static final int ROUNDS = 200;

        @Test
        void onlyOneOfConcurrentSchedulesOfOneInteractionIsScheduled() throws Exception {
            for (int round = 0; round < ROUNDS; round++) {
                String contact = "contact-race-a-" + round;
                OpenSurvey s = survey("race-a-" + round, contact).holds(List.of(acrossHold(contact, T0.plus(DAY))))
                        .build();
                List<ScheduleResult> results = race(THREADS, t -> store.schedule(request(s)));
                assertThat(results).as("%d threads scheduled one interaction at once: exactly one must be Scheduled, "
                        + "every other Duplicate; got %s", THREADS, results)
                        .filteredOn(ScheduleResult.Scheduled.class::isInstance).hasSize(1);
                assertThat(results).as("got %s", results).filteredOn(ScheduleResult.Duplicate.class::isInstance)
                        .hasSize(THREADS - 1);
                assertThat(store.find(s.id())).contains(s);
            }
        }

        @Test
        void onlyOneOfConcurrentSurveysOfOneContactTakesTheCrossSurveyHold() throws Exception {
            for (int round = 0; round < ROUNDS; round++) {
                String contact = "contact-race-b-" + round;
                int r = round;
                List<ScheduleResult> results = race(THREADS, t -> store.schedule(request(
                        survey("race-b-" + r + "-" + t, contact, "survey-" + t)
                                .holds(List.of(perSurveyHold("survey-" + t, contact, T0.plus(DAY)),
                                        acrossHold(contact, T0.plus(DAY)))).build())));
                assertThat(results).as("%d threads scheduled different interactions of one contact, each holding the "
                        + "contact's cross-survey key: exactly one must be Scheduled, every other Capped; got %s",
                        THREADS, results).filteredOn(ScheduleResult.Scheduled.class::isInstance).hasSize(1);
                assertThat(results).filteredOn(ScheduleResult.Capped.class::isInstance).hasSize(THREADS - 1);
                int stored = 0;
                for (int t = 0; t < THREADS; t++) {
                    stored += store.find("survey-race-b-" + round + "-" + t).isPresent() ? 1 : 0;
                }
                assertThat(stored).as("only the Scheduled survey may be stored").isEqualTo(1);
            }
        }

        @Test
        void onlyOneOfConcurrentStepsFromOneVersionIsApplied() throws Exception {
            for (int round = 0; round < ROUNDS; round++) {
                OpenSurvey s = scheduled(survey("race-c-" + round).build());
                List<ApplyResult> results = race(THREADS, t -> store.apply(
                        step(s, s.toBuilder().attempts(t + 1).build(), T0)
                                .reply(commentReply(s, T0, "thread " + t)).build()));
                assertThat(results).as("%d threads applied a step from the same version at once: exactly one must be "
                        + "Applied, every other Stale; got %s", THREADS, results)
                        .filteredOn(ApplyResult.Applied.class::isInstance).hasSize(1);
                assertThat(results).filteredOn(ApplyResult.Stale.class::isInstance).hasSize(THREADS - 1);
                int winner = results.indexOf(new ApplyResult.Applied(false));
                assertThat(store.find(s.id())).as("the stored version must be the winner's")
                        .contains(s.toBuilder().attempts(winner + 1).build());
                assertThat(store.history(s.id())).as("only the winner's reply may be written")
                        .containsExactly(commentReply(s, T0, "thread " + winner));
            }
        }

        @Test
        void onlyOneOfConcurrentReviewChangesFromOneVersionIsWritten() throws Exception {
            for (int round = 0; round < ROUNDS; round++) {
                OpenSurvey s = scheduled(survey("race-review-" + round).build());
                LowScoreReview r0 = review(s, 1, T0);
                assertThat(store.saveReview(ReviewChange.open(r0))).isTrue();
                List<Boolean> results = race(THREADS, t -> store.saveReview(ReviewChange.of(r0,
                        taken(r0, "reviewer-" + t, T0.plus(MINUTE)))));
                assertThat(results).as("%d reviewers changed one review from the same version at once: exactly one "
                        + "change must be written; got %s", THREADS, results).filteredOn(w -> w).hasSize(1);
                int winner = results.indexOf(true);
                assertThat(store.review(s.id())).as("the stored review must be the winner's")
                        .contains(taken(r0, "reviewer-" + winner, T0.plus(MINUTE)));
            }
        }

        @Test
        void concurrentClaimsHandOutEachDueSurveyOnce() throws Exception {
            int surveys = 3000;
            Instant now = T0.plus(HOUR);
            for (int i = 0; i < surveys; i++) {
                scheduled(survey("race-d-" + i, "contact-race-d-" + (i % 300))
                        .sendAt(T0.plusMillis(i % 997)).build());
            }
            List<List<String>> results = race(THREADS, t -> {
                List<String> mine = new ArrayList<>();
                for (List<OpenSurvey> batch = store.claimDue(now, 25, now.plus(HOUR));
                        !batch.isEmpty() && mine.size() <= surveys && !Thread.currentThread().isInterrupted();
                        batch = store.claimDue(now, 25, now.plus(HOUR))) {
                    mine.addAll(ids(batch));
                }
                return mine;
            });
            List<String> all = results.stream().flatMap(List::stream).toList();
            Set<String> distinct = new HashSet<>(all);
            assertThat(all.size() - distinct.size()).as("%d threads claiming %d due surveys at once were handed the "
                    + "same survey more than once: lease each survey to one caller only", THREADS, surveys).isZero();
            assertThat(distinct).as("every due survey must be handed out").hasSize(surveys);
        }

        @Test
        void noDueSurveyIsLostWhileSchedulesAndStepsRaceClaims() throws Exception {
            for (int round = 0; round < 5; round++) {
                raceSchedulesAndStepsWithClaims("race-e-" + round + "-");
            }
        }

        /**
         * Two threads schedule surveys due now, three move existing surveys back and forth between
         * due now and due in two days (ending due), and three claim due surveys with a clock that
         * advances a millisecond a call and leases of one millisecond, so that leased surveys come
         * due again at once and every due time is met again while it changes.
         */
        private void raceSchedulesAndStepsWithClaims(String prefix) throws Exception {
            Instant now = T0.plus(HOUR);
            Instant away = now.plus(Duration.ofDays(2));
            Instant check = now.plus(DAY);
            int existing = 3000;
            int fresh = 240;
            int moves = 3;
            List<String> all = new ArrayList<>();
            for (int i = 0; i < existing; i++) {
                all.add(scheduled(request(survey(prefix + "old-" + i, prefix + "contact-" + (i % 40))
                        .sendAt(now.minusMillis(i % 7)).build(), T0)).id());
            }
            for (int i = 0; i < fresh; i++) {
                all.add("survey-" + prefix + "new-" + i);
            }
            int schedulers = 2;
            int appliers = 3;
            AtomicInteger producing = new AtomicInteger(schedulers + appliers);
            AtomicLong clock = new AtomicLong();
            List<Integer> results = race(THREADS, t -> {
                int done = 0;
                if (t < schedulers) {
                    for (int i = t; i < fresh; i += schedulers) {
                        OpenSurvey s = survey(prefix + "new-" + i, prefix + "contact-" + (i % 40))
                                .sendAt(now.minusMillis(i % 13)).build();
                        done += store.schedule(request(s, now)) instanceof ScheduleResult.Scheduled ? 1 : 0;
                    }
                    producing.decrementAndGet();
                } else if (t < schedulers + appliers) {
                    for (int move = 0; move < moves; move++) {
                        for (int i = t - schedulers; i < existing; i += appliers) {
                            Instant sendAt = move % 2 == 1 ? away : now.minusMillis(i % 7);
                            done += reschedule("survey-" + prefix + "old-" + i, sendAt, now) ? 1 : 0;
                        }
                    }
                    producing.decrementAndGet();
                } else {
                    boolean last = false;
                    while (!last && !Thread.currentThread().isInterrupted()) {
                        last = producing.get() == 0;
                        Instant at = now.plusMillis(clock.incrementAndGet());
                        done += store.claimDue(at, 8, at.plusMillis(1)).size();
                    }
                }
                return done;
            });
            for (int t = 0; t < schedulers; t++) {
                assertThat(results.get(t)).as("scheduler %d: every new survey must be Scheduled", t)
                        .isEqualTo(fresh / schedulers);
            }
            for (int t = schedulers; t < schedulers + appliers; t++) {
                assertThat(results.get(t)).as("applier %d: every step must eventually be Applied", t)
                        .isEqualTo(existing / appliers * moves);
            }
            for (String id : all) {
                Optional<OpenSurvey> s = store.find(id);
                assertThat(s).as("survey %s must be stored", id).isPresent();
                assertThat(s.get().dueAt()).as("survey %s must be due by %s", id, check)
                        .hasValueSatisfying(at -> assertThat(at).isBeforeOrEqualTo(check));
            }
            List<String> claimable = ids(claimAllDue(check, check.plus(MINUTE)));
            assertThat(claimable).as("after schedules and steps raced claimDue, every survey that is due must still be "
                    + "handed out: a survey whose due time changed while another thread claimed was lost from the due "
                    + "index (never drop an index entry as stale without checking it under the same lock or "
                    + "transaction as the writes that replace it)").containsExactlyInAnyOrderElementsOf(all);
        }

        /** Moves a survey's send time, reading it again whenever a claim wrote it first. */
        private boolean reschedule(String id, Instant sendAt, Instant now) {
            for (int attempt = 0; attempt < 10_000 && !Thread.currentThread().isInterrupted(); attempt++) {
                OpenSurvey current = store.find(id).orElseThrow();
                ApplyResult r = store.apply(change(current, current.toBuilder().sendAt(sendAt).build(), now));
                if (r instanceof ApplyResult.Applied) {
                    return true;
                }
                if (!(r instanceof ApplyResult.Stale)) {
                    fail("a step that moves a survey's send time answered %s; only Applied or Stale can be right", r);
                }
            }
            return fail("a step on survey %s stayed Stale for 10000 attempts", id);
        }

        @Test
        void onlyOneOfConcurrentStepsWithOneInboundIdIsApplied() throws Exception {
            for (int round = 0; round < ROUNDS; round++) {
                List<OpenSurvey> surveys = new ArrayList<>();
                for (int t = 0; t < THREADS; t++) {
                    surveys.add(scheduled(survey("race-f-" + round + "-" + t).build()));
                }
                String inbound = "sms:race-f-" + round;
                int r = round;
                List<ApplyResult> results = race(THREADS, t -> {
                    OpenSurvey s = surveys.get(t);
                    Transition.Builder b = t % 2 == 0
                            ? step(s, s.toBuilder().attempts(1).build(), T0)
                            : Transition.at(T0);
                    return store.apply(b.inbound(inbound, T0.plus(DAY))
                            .send(message("race-f-" + r + "-" + t, s, OutboxMessage.Purpose.HELP, T0)).build());
                });
                assertThat(results).as("%d threads applied steps carrying one inbound id at once (on different "
                        + "surveys, or on none): exactly one must be Applied, every other Duplicate; got %s. Record "
                        + "the id and check it in the same atomic step, whatever survey the step is about", THREADS,
                        results).filteredOn(ApplyResult.Applied.class::isInstance).hasSize(1);
                assertThat(results).filteredOn(ApplyResult.Duplicate.class::isInstance).hasSize(THREADS - 1);
            }
            assertThat(claimAllOutbox(T0)).as("only the Applied steps' messages may be written").hasSize(ROUNDS);
        }
    }

    // ---- time precision ------------------------------------------------------------------------

    /**
     * Times the engine reads from its clock may carry microseconds. A store may keep times to the
     * millisecond, but must not lose or refuse anything for it.
     */
    @Nested
    @DisplayName("precheck")
    class Precheck {

        private List<String> keys(OpenSurvey s) {
            return s.holds().stream().map(CapHold::key).toList();
        }

        @Test
        void precheckNeverRefusesWhatScheduleWouldAccept() {
            String contact = "contact-precheck-free";
            OpenSurvey s = survey("precheck-free", contact).holds(List.of(acrossHold(contact, T0.plus(DAY)))).build();
            assertThat(store.precheck(s.interactionId(), keys(s), optOutKeys(s), T0))
                    .as("precheck must answer empty when nothing stands in the way: it may only tell refusals early")
                    .isEmpty();
            scheduled(s);
        }

        @Test
        void whatPrecheckTellsIsWhatScheduleAnswers() {
            String contact = "contact-precheck";
            CapHold across = acrossHold(contact, T0.plus(DAY));
            OpenSurvey first = scheduled(survey("precheck-first", contact).holds(List.of(across)).build());
            OpenSurvey second = survey("precheck-second", contact).holds(List.of(across)).build();

            Optional<ScheduleResult> replay = store.precheck(first.interactionId(), keys(first), optOutKeys(first), T0);
            assertThat(replay.stream().toList()).as("precheck of a claimed interaction may answer empty or Duplicate, nothing else")
                    .allSatisfy(r -> assertThat(r).isInstanceOf(ScheduleResult.Duplicate.class));
            Optional<ScheduleResult> capped = store.precheck(second.interactionId(), keys(second),
                    optOutKeys(second), T0);
            assertThat(capped.stream().toList()).as("precheck of a held cap key may answer empty or Capped with the holder's expiry")
                    .allSatisfy(r -> assertThat(r).isEqualTo(new ScheduleResult.Capped(across.key(), across.until())));
            assertThat(store.schedule(request(second))).isInstanceOf(ScheduleResult.Capped.class);

            OpenSurvey optedOut = survey("precheck-opted-out", "contact-precheck-out").build();
            store.apply(Transition.at(T0).optOut(optOut(optOutKeys(optedOut), Optional.empty())).build());
            assertThat(store.precheck(optedOut.interactionId(), keys(optedOut), optOutKeys(optedOut), T0).stream()
                    .toList()).as("precheck of an opted-out contact may answer empty or OptedOut")
                    .allSatisfy(r -> assertThat(r).isInstanceOf(ScheduleResult.OptedOut.class));
        }

        @Test
        void precheckWritesNothing() {
            OpenSurvey s = survey("precheck-writes", "contact-precheck-writes")
                    .holds(List.of(acrossHold("contact-precheck-writes", T0.plus(DAY)))).build();
            store.precheck(s.interactionId(), keys(s), optOutKeys(s), T0);
            store.precheck(s.interactionId(), keys(s), optOutKeys(s), T0);
            assertThat(store.schedule(request(s))).as("a precheck must claim and hold nothing")
                    .isEqualTo(new ScheduleResult.Scheduled(s));
        }
    }

    @Nested
    @DisplayName("times finer than a millisecond")
    class Precision {

        @Test
        void aDueTimeMovedWithinAMillisecondStaysDue() {
            Instant due = T0.plus(MINUTE).plusNanos(300_000);
            OpenSurvey s = scheduled(survey("sub-ms").sendAt(due).build());
            advance(s, s.toBuilder().sendAt(due.plusNanos(300_000)).build(), T0);
            Instant now = T0.plus(MINUTE).plusMillis(1);
            assertThat(ids(store.claimDue(now, 10, now.plus(HOUR)))).as("a survey whose due time moved by less than a "
                    + "millisecond was lost from the due surveys: compare due times as they are indexed")
                    .containsExactly(s.id());
        }

        @Test
        void anOutboxMessageMovedWithinAMillisecondStaysDue() {
            OpenSurvey s = scheduled(survey("sub-ms-outbox").build());
            OutboxMessage m = message("sub-ms-outbox-1", s, OutboxMessage.Purpose.REMINDER,
                    T0.plus(MINUTE).plusNanos(300_000));
            applied(Transition.at(T0).check(s).send(m).build(), "a step writing an outbox message");
            OutboxMessage again = m.dueAt(m.dueAt().plusNanos(300_000), true);
            assertThat(store.settleOutbox(m, Optional.of(again))).isTrue();
            Instant now = T0.plus(MINUTE).plusMillis(1);
            assertThat(keys(store.claimOutbox(now, 10, now.plus(HOUR)))).as("a message whose due time moved by less "
                    + "than a millisecond was lost from the outbox").containsExactly(m.key());
        }

        @Test
        void aHoldWithSubMillisecondTimesCanBeMovedAndReleasedByItsOwner() {
            String contact = "contact-sub-ms-hold";
            Instant now = T0.plusNanos(700_000);
            CapHold hold = acrossHold(contact, T0.plus(HOUR).plusNanos(200_000));
            OpenSurvey s = scheduled(request(survey("sub-ms-hold", contact).holds(List.of(hold)).build(), now));

            CapHold moved = new CapHold(hold.key(), T0.plus(Duration.ofHours(2)).plusNanos(900_000));
            OpenSurvey s1 = s.toBuilder().holds(List.of(moved)).build();
            applied(step(s, s1, now.plusMillis(5)).hold(move(hold, moved.until())).build(), "a survey moving the hold "
                    + "it was granted at a time with microseconds (keep the hold's expiry as the survey knows it, "
                    + "or compare tokens at the precision kept)");
            applied(step(s1, s1.toBuilder().holds(List.of()).build(), now.plusMillis(10)).hold(release(moved)).build(),
                    "a survey releasing its hold");
            ScheduleResult next = store.schedule(request(survey("sub-ms-hold-next", contact)
                    .holds(List.of(acrossHold(contact, T0.plus(Duration.ofHours(3))))).build(), now.plusMillis(20)));
            assertThat(next).as("the hold was released, so the key must be free; got %s", next)
                    .isInstanceOf(ScheduleResult.Scheduled.class);
        }
    }
}
