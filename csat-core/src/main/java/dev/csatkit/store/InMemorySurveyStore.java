package dev.csatkit.store;

import dev.csatkit.internal.store.Ledger;
import dev.csatkit.internal.store.Reservation;
import dev.csatkit.score.SurveyResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * A {@link SurveyStore} in this JVM's memory: the default, so an engine runs with no server.
 *
 * <p><b>A restart loses everything it holds</b>: scheduled surveys, opt-outs, claims, holds and
 * outcomes. It is not shared between processes either. Hosts that run several instances, or
 * that must keep opt-outs and scheduled surveys across deploys, use a shared store such as the
 * PostgreSQL one.
 *
 * <p>Every write for one contact runs under that contact's lock (one of {@value #STRIPES}
 * stripes), so the steps of {@link #schedule} and {@link #apply} are atomic together; a step that
 * carries a provider message id also holds that id's stripe (the two taken in stripe order).
 * Reads take no lock. Claims and cap holds live in a compact fingerprint table (about 77 bytes
 * per tracked contact). Due times, claims and holds are compared to the millisecond. Index
 * entries are written after the values they point to, so a reader that meets an entry whose
 * survey has moved on may drop it as stale.
 */
public final class InMemorySurveyStore implements SurveyStore {

    /** Lock stripes; writes for contacts in different stripes never wait for each other. */
    public static final int STRIPES = 64;
    /** How many prompted surveys an address remembers, newest first: enough to step back past retries. */
    private static final int RECENT = 8;

    private record Due(long at, String id) implements Comparable<Due> {
        @Override
        public int compareTo(Due o) {
            int c = Long.compare(at, o.at);
            return c != 0 ? c : id.compareTo(o.id);
        }
    }

    private record Versioned(long version, SurveyResponse response) {
    }

    /** A review's place in the order reviews are handed out: by opening time, then key. */
    private record Opened(Instant at, String key) implements Comparable<Opened> {
        @Override
        public int compareTo(Opened o) {
            int c = at.compareTo(o.at);
            return c != 0 ? c : key.compareTo(o.key);
        }
    }

    private final Object[] locks = new Object[STRIPES];
    private final Ledger ledger = new Ledger();
    private final ConcurrentHashMap<String, OpenSurvey> surveys = new ConcurrentHashMap<>();
    private final ConcurrentSkipListSet<Due> dueIndex = new ConcurrentSkipListSet<>();
    private final ConcurrentHashMap<String, List<String>> byAddress = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Instant> optedOut = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Long> inbound = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, OutboxMessage> outbox = new ConcurrentHashMap<>();
    private final ConcurrentSkipListSet<Due> outboxIndex = new ConcurrentSkipListSet<>();
    private final ConcurrentHashMap<String, Versioned> responses = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<String> responseOrder = new ConcurrentLinkedQueue<>();
    private final ConcurrentHashMap<String, List<ReplyRecord>> histories = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<MoodAssessment> moods = new ConcurrentLinkedQueue<>();
    private final ConcurrentHashMap<String, LowScoreReview> reviews = new ConcurrentHashMap<>();
    private final ConcurrentSkipListSet<Opened> reviewOrder = new ConcurrentSkipListSet<>();

    /** Creates an empty store. */
    public InMemorySurveyStore() {
        for (int i = 0; i < STRIPES; i++) {
            locks[i] = new Object();
        }
    }

    private Object lock(String key) {
        return locks[stripe(key)];
    }

    private static int stripe(String key) {
        int h = key.hashCode();
        return (h ^ (h >>> 16)) & (STRIPES - 1);
    }

    // ------------------------------------------------------------------ scheduling

    @Override
    public ScheduleResult schedule(ScheduleRequest request) {
        OpenSurvey s = request.survey();
        Instant now = request.now();
        synchronized (lock(s.contactId())) {
            for (String key : request.optOutKeys()) {
                if (optedOut.containsKey(key)) {
                    return new ScheduleResult.OptedOut(key);
                }
            }
            Duration retention = window(now, request.claimUntil());
            List<CapHold> holds = s.holds();
            if (holds.isEmpty()) {
                if (!ledger.claim(s.interactionId(), now, retention)) {
                    return new ScheduleResult.Duplicate(request.claimUntil());
                }
            } else {
                CapHold first = holds.get(0);
                Reservation r = ledger.reserveOnce(s.interactionId(), first.key(), now, window(now, first.until()),
                        retention);
                if (r instanceof Reservation.AlreadyClaimed c) {
                    return new ScheduleResult.Duplicate(c.claimedUntil());
                }
                if (r instanceof Reservation.Denied d) {
                    return new ScheduleResult.Capped(first.key(), d.heldUntil());
                }
                Instant firstUntil = ((Reservation.Granted) r).until();
                for (int i = 1; i < holds.size(); i++) {
                    CapHold h = holds.get(i);
                    Reservation more = ledger.reserve(h.key(), now, window(now, h.until()));
                    if (more instanceof Reservation.Denied d) {
                        // Undo what this call took: the other keys are this contact's, under this lock.
                        for (int j = 1; j < i; j++) {
                            ledger.release(holds.get(j).key(), holds.get(j).until());
                        }
                        ledger.release(first.key(), firstUntil);
                        ledger.unclaim(s.interactionId(), request.claimUntil());
                        return new ScheduleResult.Capped(h.key(), d.heldUntil());
                    }
                }
            }
            if (surveys.putIfAbsent(s.id(), s) != null) {
                return new ScheduleResult.Duplicate(request.claimUntil());
            }
            index(null, s);
            return new ScheduleResult.Scheduled(s);
        }
    }

    /**
     * The ledger keeps expiries in epoch milliseconds as {@code now + window}: measured between
     * whole milliseconds, the expiry it keeps is {@code until}'s millisecond, which is what
     * {@link Ledger#release} and {@link Ledger#unclaim} compare the survey's copy against.
     */
    private static Duration window(Instant now, Instant until) {
        return Duration.ofMillis(Math.max(1, until.toEpochMilli() - now.toEpochMilli()));
    }

    @Override
    public Optional<ScheduleResult> precheck(String interactionId, List<String> capKeys, List<String> optOutKeys,
            Instant now) {
        if (!optedOut.isEmpty()) {
            for (String key : optOutKeys) {
                if (optedOut.containsKey(key)) {
                    return Optional.of(new ScheduleResult.OptedOut(key));
                }
            }
        }
        if (!capKeys.isEmpty()) {
            // The common refusal, a capped contact, in one overlapped read of claim and hold.
            long first = ledger.peekOnce(interactionId, capKeys.get(0), now);
            if (first < 0) {
                return Optional.of(new ScheduleResult.Duplicate(Instant.ofEpochMilli(-first)));
            }
            if (first > 0) {
                return Optional.of(new ScheduleResult.Capped(capKeys.get(0), Instant.ofEpochMilli(first)));
            }
        } else {
            Optional<Instant> claimed = ledger.claimedUntil(interactionId, now);
            if (claimed.isPresent()) {
                return Optional.of(new ScheduleResult.Duplicate(claimed.get()));
            }
        }
        for (String key : capKeys.subList(Math.min(1, capKeys.size()), capKeys.size())) {
            Optional<Instant> held = ledger.heldUntil(key, now);
            if (held.isPresent()) {
                return Optional.of(new ScheduleResult.Capped(key, held.get()));
            }
        }
        return Optional.empty();
    }

    // ------------------------------------------------------------------ dispatching

    @Override
    public List<OpenSurvey> claimDue(Instant now, int limit, Instant leaseUntil) {
        checkLease(now, limit, leaseUntil);
        long nowMillis = now.toEpochMilli();
        List<OpenSurvey> claimed = new ArrayList<>();
        Iterator<Due> it = dueIndex.iterator();
        while (it.hasNext() && claimed.size() < limit) {
            Due d = it.next();
            if (d.at > nowMillis) {
                break;
            }
            OpenSurvey seen = surveys.get(d.id);
            if (seen == null) {
                dueIndex.remove(d);
                continue;
            }
            synchronized (lock(seen.contactId())) {
                OpenSurvey s = surveys.get(d.id);
                Optional<Instant> at = s == null ? Optional.empty() : s.dueAt();
                if (at.isEmpty() || at.get().toEpochMilli() != d.at) {
                    dueIndex.remove(d); // values are written before their entries: this one is stale
                    continue;
                }
                OpenSurvey leased = s.toBuilder().lease(Optional.of(leaseUntil)).build();
                write(s, leased);
                claimed.add(leased);
            }
        }
        return claimed;
    }

    private static void checkLease(Instant now, int limit, Instant leaseUntil) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit = " + limit + ": must be at least 1");
        }
        if (!leaseUntil.isAfter(now)) {
            throw new IllegalArgumentException("leaseUntil = " + leaseUntil + ": must be after now = " + now);
        }
    }

    // ------------------------------------------------------------------ transitions

    @Override
    public ApplyResult apply(Transition t) {
        int own = stripe(t.current().map(OpenSurvey::contactId)
                .or(() -> t.optOut().map(o -> o.keys().get(0)))
                .or(t::inboundId).orElse(""));
        // A provider message id is checked and recorded under its own stripe as well, whatever the
        // step is about: redeliveries applied to different surveys (or to none) meet there. The
        // two stripes are always taken in index order, so two steps cannot deadlock.
        int inbound = t.inboundId().map(InMemorySurveyStore::stripe).orElse(own);
        synchronized (locks[Math.min(own, inbound)]) {
            synchronized (locks[Math.max(own, inbound)]) {
                return applyLocked(t);
            }
        }
    }

    private ApplyResult applyLocked(Transition t) {
        OpenSurvey current = t.current().orElse(null);
        if (current != null) {
            OpenSurvey stored = surveys.get(current.id());
            if (stored == null || stored.version() != current.version()) {
                return new ApplyResult.Stale();
            }
        }
        if (t.review().isPresent() && !isCurrent(t.review().get())) {
            return new ApplyResult.Stale();
        }
        long now = t.now().toEpochMilli();
        if (t.inboundId().isPresent()) {
            Long until = inbound.get(t.inboundId().get());
            if (until != null && until > now) {
                return new ApplyResult.Duplicate();
            }
        }
        ApplyResult.Capped capped = moveHolds(t.holds(), t.now());
        if (capped != null) {
            return capped;
        }
        // Nothing below can refuse: from here the step is written whole.
        if (current != null && t.next().isPresent()) {
            write(current, t.next().get());
        }
        t.inboundId().ifPresent(id -> inbound.put(id, t.inboundUntil().toEpochMilli()));
        t.outbox().forEach(this::putOutbox);
        t.response().ifPresent(r -> saveResponse(t.next().or(t::current).orElseThrow().id(),
                t.next().or(t::current).orElseThrow().version(), r));
        t.reply().ifPresent(this::append);
        t.review().ifPresent(r -> writeReview(r.next()));
        boolean recorded = false;
        if (t.optOut().isPresent()) {
            Transition.OptOutChange o = t.optOut().get();
            for (String key : o.keys()) {
                recorded |= o.optIn() ? optedOut.remove(key) != null : optedOut.putIfAbsent(key, t.now()) == null;
            }
            if (recorded && !o.optIn()) {
                o.confirmation().ifPresent(this::putOutbox);
            }
            if (o.optIn()) {
                // A confirmation of the opt-out just lifted, still waiting, would confirm what no longer holds.
                outbox.values().removeIf(m -> m.purpose() == OutboxMessage.Purpose.OPT_OUT_CONFIRMATION
                        && o.keys().contains(SurveyStore.addressKey(m.channel(), m.address())));
            }
        }
        return new ApplyResult.Applied(recorded);
    }

    /** Moves each hold, or none: the caller holds the lock of the contact every hold key belongs to. */
    private ApplyResult.@Nullable Capped moveHolds(List<Transition.HoldChange> changes, Instant now) {
        for (int i = 0; i < changes.size(); i++) {
            Transition.HoldChange c = changes.get(i);
            ledger.release(c.hold().key(), c.hold().until());
            if (c.until().isEmpty() || c.until().get().toEpochMilli() <= now.toEpochMilli()) {
                continue;
            }
            Reservation r = ledger.reserve(c.hold().key(), now, window(now, c.until().get()));
            if (r instanceof Reservation.Denied d) {
                // Put back every hold as it was before this step.
                restore(c.hold(), now);
                for (Transition.HoldChange done : changes.subList(0, i)) {
                    done.until().ifPresent(u -> ledger.release(done.hold().key(), u));
                    restore(done.hold(), now);
                }
                return new ApplyResult.Capped(c.hold().key(), d.heldUntil());
            }
        }
        return null;
    }

    private void restore(CapHold hold, Instant now) {
        if (hold.until().toEpochMilli() > now.toEpochMilli()) {
            ledger.reserve(hold.key(), now, window(now, hold.until()));
        }
    }

    /** Writes a survey's next version, then its index entries: readers never miss the new value. */
    private void write(OpenSurvey before, OpenSurvey after) {
        surveys.put(after.id(), after);
        index(before, after);
    }

    private void index(@Nullable OpenSurvey before, OpenSurvey after) {
        // Entries are by millisecond: a due time that moves within one keeps its entry.
        Optional<Long> was = before == null ? Optional.empty() : before.dueAt().map(Instant::toEpochMilli);
        Optional<Long> is = after.dueAt().map(Instant::toEpochMilli);
        if (!was.equals(is)) {
            is.ifPresent(at -> dueIndex.add(new Due(at, after.id())));
            was.ifPresent(at -> dueIndex.remove(new Due(at, after.id())));
        }
        Optional<Instant> prompted = after.promptedAt();
        if (prompted.isPresent() && (before == null || !before.promptedAt().equals(prompted))) {
            byAddress.compute(addressKey(after.channelId(), after.address()), (k, ids) -> {
                List<String> next = new ArrayList<>(RECENT + 1);
                next.add(after.id());
                if (ids != null) {
                    for (String id : ids) {
                        if (!id.equals(after.id()) && next.size() < RECENT) {
                            next.add(id);
                        }
                    }
                }
                // A survey prompted earlier whose write raced this one keeps its place by time.
                next.sort((a, b) -> promptedAt(b, after).compareTo(promptedAt(a, after)));
                return List.copyOf(next);
            });
        }
    }

    private Instant promptedAt(String id, OpenSurvey writing) {
        OpenSurvey s = id.equals(writing.id()) ? writing : surveys.get(id);
        return s == null ? Instant.MIN : s.promptedAt().orElse(Instant.MIN);
    }

    // ------------------------------------------------------------------ outbox

    private void putOutbox(OutboxMessage m) {
        OutboxMessage before = outbox.put(m.key(), m);
        outboxIndex.add(new Due(m.dueAt().toEpochMilli(), m.key()));
        if (before != null && before.dueAt().toEpochMilli() != m.dueAt().toEpochMilli()) {
            outboxIndex.remove(new Due(before.dueAt().toEpochMilli(), m.key()));
        }
    }

    @Override
    public List<OutboxMessage> claimOutbox(Instant now, int limit, Instant leaseUntil) {
        checkLease(now, limit, leaseUntil);
        long nowMillis = now.toEpochMilli();
        List<OutboxMessage> claimed = new ArrayList<>();
        Iterator<Due> it = outboxIndex.iterator();
        while (it.hasNext() && claimed.size() < limit) {
            Due d = it.next();
            if (d.at > nowMillis) {
                break;
            }
            synchronized (lock(d.id)) {
                OutboxMessage m = outbox.get(d.id);
                if (m == null || m.dueAt().toEpochMilli() != d.at) {
                    outboxIndex.remove(d);
                    continue;
                }
                OutboxMessage leased = m.dueAt(leaseUntil, false);
                putOutbox(leased);
                claimed.add(leased);
            }
        }
        return claimed;
    }

    @Override
    public boolean settleOutbox(OutboxMessage message, Optional<OutboxMessage> next) {
        synchronized (lock(message.key())) {
            OutboxMessage stored = outbox.get(message.key());
            if (stored == null || stored.attempts() != message.attempts()) {
                return false;
            }
            if (next.isPresent()) {
                putOutbox(next.get());
            } else {
                outbox.remove(message.key());
                outboxIndex.remove(new Due(stored.dueAt().toEpochMilli(), stored.key()));
            }
            return true;
        }
    }

    // ------------------------------------------------------------------ reading

    @Override
    public Optional<OpenSurvey> find(String surveyKey) {
        return Optional.ofNullable(surveys.get(surveyKey));
    }

    @Override
    public Optional<OpenSurvey> latestDelivered(String channelId, String address) {
        for (String id : byAddress.getOrDefault(addressKey(channelId, address), List.of())) {
            OpenSurvey s = surveys.get(id);
            if (s != null && (s.sentAt().isPresent() || s.state() == SurveyState.SENDING)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    @Override
    public boolean isOptedOut(Collection<String> keys) {
        if (optedOut.isEmpty()) {
            return false;
        }
        for (String key : keys) {
            if (optedOut.containsKey(key)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public boolean seenInbound(String inboundId, Instant now) {
        Long until = inbound.get(inboundId);
        return until != null && until > now.toEpochMilli();
    }

    // ------------------------------------------------------------------ outcomes

    private void saveResponse(String surveyKey, long version, SurveyResponse response) {
        Versioned mine = new Versioned(version, response);
        boolean[] first = {false};
        responses.compute(surveyKey, (k, stored) -> {
            if (stored == null) {
                first[0] = true;
                return mine;
            }
            return stored.version > version ? stored : mine;
        });
        if (first[0]) {
            responseOrder.add(surveyKey);
        }
    }

    private void append(ReplyRecord reply) {
        histories.compute(reply.surveyKey(), (k, list) -> {
            List<ReplyRecord> next = list == null ? new ArrayList<>(2) : list;
            next.add(reply);
            return next;
        });
    }

    @Override
    public Optional<SurveyResponse> response(String surveyKey) {
        return Optional.ofNullable(responses.get(surveyKey)).map(Versioned::response);
    }

    @Override
    public List<ReplyRecord> history(String surveyKey) {
        AtomicReference<List<ReplyRecord>> copy = new AtomicReference<>(List.of());
        // Copied under the entry's lock, since appends change the list in place.
        histories.computeIfPresent(surveyKey, (k, list) -> {
            copy.set(List.copyOf(list));
            return list;
        });
        return copy.get();
    }

    @Override
    public void forEachResponse(Instant from, Instant to, Consumer<SurveyResponse> sink) {
        Objects.requireNonNull(sink, "sink");
        for (String key : responseOrder) {
            Versioned v = responses.get(key);
            if (v != null && !v.response.sentAt().isBefore(from) && v.response.sentAt().isBefore(to)) {
                sink.accept(v.response);
            }
        }
    }

    @Override
    public void saveMood(MoodAssessment mood) {
        moods.add(Objects.requireNonNull(mood, "mood"));
    }

    @Override
    public void forEachMood(Instant from, Instant to, Consumer<MoodAssessment> sink) {
        Objects.requireNonNull(sink, "sink");
        for (MoodAssessment m : moods) {
            if (!m.at().isBefore(from) && m.at().isBefore(to)) {
                sink.accept(m);
            }
        }
    }

    // ------------------------------------------------------------------ reviews

    /**
     * {@inheritDoc}
     *
     * <p>Runs under the lock of the review's contact, which is the lock its survey's steps hold:
     * a review changed with a step and one changed by a reviewer never interleave.
     */
    @Override
    public boolean saveReview(ReviewChange change) {
        Objects.requireNonNull(change, "change");
        synchronized (lock(change.next().contactId())) {
            if (!isCurrent(change)) {
                return false;
            }
            writeReview(change.next());
            return true;
        }
    }

    /** Whether the stored review is the one the change was read from; the caller holds the contact's lock. */
    private boolean isCurrent(ReviewChange change) {
        LowScoreReview stored = reviews.get(change.surveyKey());
        return change.current().isEmpty() ? stored == null
                : stored != null && stored.version() == change.current().get().version();
    }

    /** Writes a review, then its place in the order: readers never meet an entry without its value. */
    private void writeReview(LowScoreReview next) {
        if (reviews.put(next.surveyKey(), next) == null) {
            reviewOrder.add(new Opened(next.openedAt(), next.surveyKey()));
        }
    }

    @Override
    public Optional<LowScoreReview> review(String surveyKey) {
        return Optional.ofNullable(reviews.get(surveyKey));
    }

    @Override
    public void forEachReview(Instant from, Instant to, Consumer<LowScoreReview> sink) {
        Objects.requireNonNull(sink, "sink");
        if (!from.isBefore(to)) {
            return;
        }
        // No key is empty, so ("", t) sorts before every review opened at t.
        for (Opened o : reviewOrder.subSet(new Opened(from, ""), true, new Opened(to, ""), false)) {
            LowScoreReview r = reviews.get(o.key);
            if (r != null) {
                sink.accept(r);
            }
        }
    }

    // ------------------------------------------------------------------ retention

    @Override
    public int purge(Instant before, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit = " + limit + ": must be at least 1");
        }
        int removed = 0;
        for (OpenSurvey seen : surveys.values()) {
            if (removed >= limit) {
                break;
            }
            if (!ended(seen, before)) {
                continue;
            }
            synchronized (lock(seen.contactId())) {
                OpenSurvey s = surveys.get(seen.id());
                if (s == null || !ended(s, before)) {
                    continue;
                }
                surveys.remove(s.id());
                histories.remove(s.id());
                byAddress.computeIfPresent(addressKey(s.channelId(), s.address()), (k, ids) -> {
                    List<String> left = ids.stream().filter(id -> !id.equals(s.id())).toList();
                    return left.isEmpty() ? null : left;
                });
                removed++;
            }
        }
        long cutoff = before.toEpochMilli();
        inbound.values().removeIf(until -> until <= cutoff);
        ledger.sweep(before);
        return removed;
    }

    private static boolean ended(OpenSurvey s, Instant before) {
        return s.state().isFinal() && s.endedAt().map(at -> at.isBefore(before)).orElse(false);
    }

    /** @return how many surveys are kept, final ones not yet purged included */
    public int size() {
        return surveys.size();
    }

    private static String addressKey(String channelId, String address) {
        return channelId + '\u0000' + address;
    }
}
