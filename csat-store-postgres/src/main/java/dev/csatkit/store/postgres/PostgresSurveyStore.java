package dev.csatkit.store.postgres;

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
import dev.csatkit.store.SurveyStore;
import dev.csatkit.store.Transition;
import dev.csatkit.store.postgres.internal.Codec;
import dev.csatkit.store.postgres.internal.Db;
import dev.csatkit.store.postgres.internal.Gate;
import dev.csatkit.store.postgres.internal.Params;
import dev.csatkit.store.postgres.internal.PrecheckRate;
import dev.csatkit.store.postgres.internal.Statements;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * The {@link SurveyStore} on PostgreSQL 14 or newer: the store for hosts that run several engine
 * instances, or restart. Every instance that uses the same database and schema shares every
 * survey, claim, cap hold, opt-out, outbox message and outcome, and a restart loses nothing.
 *
 * <pre>{@code
 * HikariDataSource pool = new HikariDataSource(hikariConfig);      // the host's pool
 * PostgresSurveyStore store = new PostgresSurveyStore(PostgresStoreConfig.builder(pool).build());
 * store.migrate();                                                // or run db/migration/csat with Flyway
 * SurveyEngine engine = SurveyEngine.builder().store(store) ... .build();
 * }</pre>
 *
 * <p><b>One round trip per operation.</b> Each operation is one SQL statement on one borrowed
 * connection, in auto-commit mode (or committed at once when the pool hands out connections
 * without it):
 * <ul>
 *   <li>{@link #schedule}: one call of the schema's {@code schedule_survey} function: opt-out
 *       check, interaction claim, cap holds ({@code INSERT … ON CONFLICT … DO UPDATE … WHERE} the
 *       hold expired), survey insert, answering which of the four outcomes happened;</li>
 *   <li>{@link #claimDue} and {@link #claimOutbox}: one {@code UPDATE … FROM (SELECT … FOR UPDATE
 *       SKIP LOCKED LIMIT n) … RETURNING}: callers at once never wait for each other and never get the
 *       same row;</li>
 *   <li>{@link #apply}: one statement: the survey row locked at the version read, the review's
 *       version when the step changes it, the provider message id, the cap holds, then the next
 *       version, outbox messages, outcome, review, reply and opt-out;</li>
 *   <li>{@link #saveReview}: one {@code INSERT … ON CONFLICT … DO UPDATE … WHERE} the stored version
 *       is the one read;</li>
 *   <li>{@link #settleOutbox}: one {@code UPDATE} or {@code DELETE} checked on the attempts;</li>
 *   <li>reads: one {@code SELECT} each; {@link #forEachResponse}, {@link #forEachMood} and
 *       {@link #forEachReview} stream
 *       in batches of the configured fetch size inside one read-only transaction (the cursor needs
 *       one), so a report never holds the whole result;</li>
 *   <li>{@link #precheck}: one plain {@code SELECT} of what {@code schedule} reads first, so that
 *       a refused decision (a capped contact, most of a busy helpdesk's) costs one cheap read and
 *       no survey is built for it; skipped while its reads rarely refuse;</li>
 *   <li>{@link #purge}: one statement that deletes one bounded batch of each kind.</li>
 * </ul>
 * A write reads what stands in its way, then writes only when nothing does. When a concurrent
 * transaction takes a claim, hold or provider message id between the two, the statement undoes
 * itself (SQLSTATE 40001) and is run again, up to {@link PostgresStoreConfig#maxAttempts()} times;
 * the run after a lost race reads the winner's row and answers {@code Duplicate} or {@code Capped}.
 *
 * <p>Times are kept as {@code timestamptz}, to the microsecond, for the queries; every record's
 * body also keeps them to the nanosecond, so {@link #find} returns a survey exactly as written.
 * Thread-safe; holds nothing but the configuration and a count of how often {@link #precheck}'s
 * reads refuse.
 */
public final class PostgresSurveyStore implements SurveyStore {

    private final PostgresStoreConfig config;
    private final Statements sql;
    private final Db db;
    private final PrecheckRate precheckRate = new PrecheckRate();

    /**
     * @param config where the store's tables are and how to reach them
     */
    public PostgresSurveyStore(PostgresStoreConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        this.sql = new Statements(config.schema());
        this.db = new Db(config.dataSource(), config.maxAttempts(), config.fetchSize());
    }

    /**
     * @param dataSource the host's pooled data source
     * @return a store in the default schema, with default settings
     */
    public static PostgresSurveyStore create(DataSource dataSource) {
        return new PostgresSurveyStore(PostgresStoreConfig.builder(dataSource).build());
    }

    /** @return the store's configuration */
    public PostgresStoreConfig config() {
        return config;
    }

    /**
     * Creates or upgrades the store's schema: {@link PostgresMigration#migrate(DataSource, String)}
     * on this store's data source and schema. Safe when several instances start at once.
     *
     * @return how many migrations were applied
     */
    public int migrate() {
        return PostgresMigration.migrate(config.dataSource(), config.schema());
    }

    // ------------------------------------------------------------------ scheduling

    @Override
    public ScheduleResult schedule(ScheduleRequest request) {
        OpenSurvey s = request.survey();
        List<CapHold> holds = distinct(s.holds());
        return db.query(sql.schedule, scheduleParams(request), rs -> {
            rs.next();
            return switch (rs.getString(1)) {
                case "O" -> new ScheduleResult.OptedOut(request.optOutKeys().get(rs.getInt(2) - 1));
                case "D" -> new ScheduleResult.Duplicate(Optional.ofNullable(time(rs, 3)).orElse(request.claimUntil()));
                case "C" -> new ScheduleResult.Capped(holds.get(rs.getInt(4) - 1).key(),
                        Objects.requireNonNull(time(rs, 5)));
                default -> new ScheduleResult.Scheduled(s);
            };
        });
    }

    /**
     * {@inheritDoc}
     *
     * <p>One plain {@code SELECT} of the rows {@code schedule} reads first (opt-outs, the
     * interaction's claim, the cap holds), in one snapshot, writing nothing. A capped contact, the
     * usual refusal of a busy helpdesk, is then answered in one round trip that costs the server
     * about what a bare {@code INSERT … ON CONFLICT DO NOTHING} does, before the engine builds the
     * survey; a decision that goes on takes this read and {@code schedule}'s call, which stays the
     * authority. It answers empty without reading when the read would rarely pay for its round
     * trip: when the decision has no cap key (what would refuse it, an opt-out or a replayed
     * interaction, is rare, and {@code schedule} reads it anyway), and for fifteen decisions in
     * sixteen while fewer than a quarter of the last 256 reads refused (contacts mostly new).
     */
    @Override
    public Optional<ScheduleResult> precheck(String interactionId, List<String> capKeys, List<String> optOutKeys,
            Instant now) {
        if (capKeys.isEmpty() || !precheckRate.shouldRead()) {
            return Optional.empty();
        }
        List<String> opt = List.copyOf(optOutKeys);
        List<String> caps = List.copyOf(capKeys);
        List<String> rowKeys = precheckKeys(interactionId, caps, opt);
        Optional<ScheduleResult> refused = db.query(sql.precheck(rowKeys.size()), precheckParams(rowKeys, now),
                rs -> precheckAnswer(rs, rowKeys, opt, caps));
        precheckRate.record(refused.isPresent());
        return refused;
    }

    /** The {@code gate} keys precheck reads: the opt-out keys, the interaction's claim, the cap keys, in that order. */
    static List<String> precheckKeys(String interactionId, List<String> capKeys, List<String> optOutKeys) {
        List<String> keys = new ArrayList<>();
        optOutKeys.forEach(k -> keys.add(Gate.OPT_OUT.key(k)));
        keys.add(Gate.CLAIM.key(interactionId));
        capKeys.forEach(k -> keys.add(Gate.HOLD.key(k)));
        return keys;
    }

    static Params precheckParams(List<String> rowKeys, Instant now) {
        Params p = new Params().time("now", now);
        for (int i = 0; i < rowKeys.size(); i++) {
            p.stored("k" + (i + 1), rowKeys.get(i));
        }
        return p;
    }

    /**
     * {@code schedule}'s answer from precheck's rows: the first opt-out in the caller's order, else
     * the claim, else the first hold. A row's place among {@code rowKeys} (the first, should a key
     * be named twice) tells its kind and its order within the kind.
     */
    private static Optional<ScheduleResult> precheckAnswer(ResultSet rs, List<String> rowKeys, List<String> opt,
            List<String> caps) throws SQLException {
        int claim = opt.size();
        int opted = Integer.MAX_VALUE;
        int held = Integer.MAX_VALUE;
        Instant claimed = null;
        Instant heldUntil = null;
        while (rs.next()) {
            int at = rowKeys.indexOf(rs.getString(1));
            if (at < 0) {
                // A key that came back unlike any bound (the driver replaced a character it cannot
                // encode): precheck may only tell refusals early, and schedule still reads it.
                continue;
            }
            if (at < claim) {
                opted = Math.min(opted, at);
            } else if (at == claim) {
                claimed = time(rs, 2);
            } else if (at < held) {
                held = at;
                heldUntil = time(rs, 2);
            }
        }
        if (opted != Integer.MAX_VALUE) {
            return Optional.of(new ScheduleResult.OptedOut(opt.get(opted)));
        }
        if (claimed != null) {
            return Optional.of(new ScheduleResult.Duplicate(claimed));
        }
        if (heldUntil != null) {
            return Optional.of(new ScheduleResult.Capped(caps.get(held - claim - 1), heldUntil));
        }
        return Optional.empty();
    }

    Params scheduleParams(ScheduleRequest request) {
        OpenSurvey s = request.survey();
        List<CapHold> holds = distinct(s.holds());
        // Rows are locked in key order, so two statements that want the same keys never deadlock.
        List<CapHold> byKey = holds.stream().sorted(Comparator.comparing(CapHold::key)).toList();
        Params p = new Params()
                .texts("optOutKeys", request.optOutKeys())
                .text("interaction", s.interactionId())
                .time("now", request.now())
                .texts("holdKeys", holds.stream().map(CapHold::key).toList())
                .time("claimUntil", request.claimUntil())
                .texts("lockKeys", byKey.stream().map(CapHold::key).toList())
                .times("lockUntils", byKey.stream().map(CapHold::until).toList());
        surveyColumns(p, s);
        return p;
    }

    // ------------------------------------------------------------------ dispatching

    @Override
    public List<OpenSurvey> claimDue(Instant now, int limit, Instant leaseUntil) {
        checkLease(now, limit, leaseUntil);
        List<Due<OpenSurvey>> due = db.query(sql.claimDue, claimParams(now, limit, leaseUntil), rs -> {
            List<Due<OpenSurvey>> out = new ArrayList<>();
            while (rs.next()) {
                out.add(new Due<>(time(rs, 8), survey(rs)));
            }
            return out;
        });
        due.sort(Comparator.comparing((Due<OpenSurvey> d) -> d.at).thenComparing(d -> d.value.id()));
        return due.stream().map(d -> d.value).toList();
    }

    @Override
    public List<OutboxMessage> claimOutbox(Instant now, int limit, Instant leaseUntil) {
        checkLease(now, limit, leaseUntil);
        List<Due<OutboxMessage>> due = db.query(sql.claimOutbox, claimParams(now, limit, leaseUntil), rs -> {
            List<Due<OutboxMessage>> out = new ArrayList<>();
            while (rs.next()) {
                out.add(new Due<>(time(rs, 4), Codec.outbox(rs.getString(1), leaseUntil, rs.getInt(2),
                        rs.getString(3))));
            }
            return out;
        });
        due.sort(Comparator.comparing((Due<OutboxMessage> d) -> d.at).thenComparing(d -> d.value.key()));
        return due.stream().map(d -> d.value).toList();
    }

    static Params claimParams(Instant now, int limit, Instant leaseUntil) {
        return new Params().time("now", now).integer("limit", limit).time("lease", leaseUntil)
                .json("leaseText", leaseUntil.toString());
    }

    /** A row claimed, with the due time it was claimed at, for the earliest-first order. */
    private record Due<T>(Instant at, T value) {
    }

    private static void checkLease(Instant now, int limit, Instant leaseUntil) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit = " + limit + ": must be at least 1");
        }
        if (!leaseUntil.isAfter(now)) {
            throw new IllegalArgumentException("leaseUntil = " + leaseUntil + ": must be after now = " + now);
        }
    }

    @Override
    public boolean settleOutbox(OutboxMessage message, Optional<OutboxMessage> next) {
        return db.update(next.isEmpty() ? sql.settleRemove : sql.settleKeep, settleParams(message, next)) == 1;
    }

    static Params settleParams(OutboxMessage message, Optional<OutboxMessage> next) {
        Params p = new Params().text("key", message.key()).integer("attempts", message.attempts());
        next.ifPresent(n -> p.time("due", n.dueAt()).integer("nextAttempts", n.attempts())
                .json("body", Codec.outbox(n)));
        return p;
    }

    // ------------------------------------------------------------------ transitions

    @Override
    public ApplyResult apply(Transition t) {
        List<Transition.HoldChange> moves = moves(t);
        return db.query(sql.apply, applyParams(t), rs -> {
            rs.next();
            return switch (rs.getString(1)) {
                case "S" -> new ApplyResult.Stale();
                case "D" -> new ApplyResult.Duplicate();
                case "C" -> new ApplyResult.Capped(moves.get(rs.getInt(2) - 1).hold().key(),
                        Objects.requireNonNull(time(rs, 3)));
                default -> new ApplyResult.Applied(rs.getBoolean(4));
            };
        });
    }

    /** The holds a step moves to a time still ahead, in key order (the order their rows are locked in). */
    private static List<Transition.HoldChange> moves(Transition t) {
        return t.holds().stream().filter(c -> c.until().filter(u -> u.isAfter(t.now())).isPresent())
                .sorted(Comparator.comparing(c -> c.hold().key())).toList();
    }

    Params applyParams(Transition t) {
        Optional<OpenSurvey> current = t.current();
        Optional<OpenSurvey> next = t.next();
        List<Transition.HoldChange> moves = moves(t);
        // A hold moved to a time already past is released: nobody holds it from now on.
        List<Transition.HoldChange> releases = t.holds().stream().filter(c -> !moves.contains(c))
                .sorted(Comparator.comparing(c -> c.hold().key())).toList();

        Params p = new Params()
                .text("sid", current.map(OpenSurvey::id).orElse(null))
                .bigint("currentVersion", current.map(OpenSurvey::version).orElse(-1L))
                .bool("hasCurrent", current.isPresent())
                .bool("hasNext", next.isPresent())
                .integer("updateCount", next.isPresent() ? 1 : 0)
                .time("now", t.now())
                .text("inbound", t.inboundId().orElse(null))
                .time("inboundUntil", t.inboundUntil())
                .integer("seenCount", t.inboundId().isPresent() ? 1 : 0)
                .gateKeys("moveKeys", Gate.HOLD, moves.stream().map(c -> c.hold().key()).toList())
                .times("moveTokens", moves.stream().map(c -> c.hold().until()).toList())
                .times("moveUntils", moves.stream().map(c -> c.until().orElseThrow()).toList())
                .gateKeys("releaseKeys", Gate.HOLD, releases.stream().map(c -> c.hold().key()).toList())
                .times("releaseTokens", releases.stream().map(c -> c.hold().until()).toList());
        if (next.isPresent()) {
            surveyColumns(p, next.get());
        } else {
            p.bigint("version", 0).text("contactId", null).text("channelId", null).text("address", null)
                    .text("state", null).time("dueAt", null).time("promptedAt", null).time("sentAt", null)
                    .time("endedAt", null).time("leaseUntil", null).json("body", null);
        }
        p.texts("outKeys", t.outbox().stream().map(OutboxMessage::key).toList())
                .times("outDue", t.outbox().stream().map(OutboxMessage::dueAt).toList())
                .integers("outAttempts", t.outbox().stream().map(OutboxMessage::attempts).toList())
                .jsons("outBodies", t.outbox().stream().map(Codec::outbox).toList());
        Optional<OpenSurvey> owner = next.or(() -> current);
        Optional<SurveyResponse> response = t.response().filter(r -> owner.isPresent());
        p.text("responseKey", response.map(r -> owner.get().id()).orElse(null))
                .bigint("responseVersion", owner.map(OpenSurvey::version).orElse(0L))
                .time("responseSentAt", response.map(SurveyResponse::sentAt).orElse(null))
                .json("responseBody", response.map(Codec::response).orElse(null));
        Optional<ReviewChange> review = t.review();
        p.bool("hasReview", review.isPresent())
                .integer("reviewCount", review.isPresent() ? 1 : 0)
                .text("reviewKey", review.map(ReviewChange::surveyKey).orElse(null))
                .bigint("reviewCurrent", review.map(ReviewChange::expectedVersion).orElse(-1L))
                .bigint("reviewVersion", review.map(r -> r.next().version()).orElse(0L))
                .text("reviewStatus", review.map(r -> r.next().status().name()).orElse(null))
                .time("reviewOpenedAt", review.map(r -> r.next().openedAt()).orElse(null))
                .json("reviewBody", review.map(r -> Codec.review(r.next())).orElse(null));
        p.text("replyKey", t.reply().map(ReplyRecord::surveyKey).orElse(null))
                .json("replyBody", t.reply().map(Codec::reply).orElse(null));
        Optional<Transition.OptOutChange> opt = t.optOut();
        Optional<OutboxMessage> confirmation = opt.filter(o -> !o.optIn()).flatMap(Transition.OptOutChange::confirmation);
        p.gateKeys("optKeys", Gate.OPT_OUT, opt.map(o -> o.keys().stream().distinct().sorted().toList())
                        .orElse(List.of()))
                .bool("optIn", opt.map(Transition.OptOutChange::optIn).orElse(false))
                .text("confirmKey", confirmation.map(OutboxMessage::key).orElse(null))
                .time("confirmDue", confirmation.map(OutboxMessage::dueAt).orElse(null))
                .integer("confirmAttempts", confirmation.map(OutboxMessage::attempts).orElse(0))
                .json("confirmBody", confirmation.map(Codec::outbox).orElse(null));
        return p;
    }

    // ------------------------------------------------------------------ reading

    @Override
    public Optional<OpenSurvey> find(String surveyKey) {
        return db.query(sql.find, new Params().text("id", surveyKey),
                rs -> rs.next() ? Optional.of(survey(rs)) : Optional.empty());
    }

    @Override
    public Optional<OpenSurvey> latestDelivered(String channelId, String address) {
        return db.query(sql.latestDelivered, new Params().text("channelId", channelId).text("address", address),
                rs -> rs.next() ? Optional.of(survey(rs)) : Optional.empty());
    }

    @Override
    public boolean isOptedOut(Collection<String> keys) {
        if (keys.isEmpty()) {
            return false;
        }
        return db.query(sql.isOptedOut, new Params().gateKeys("keys", Gate.OPT_OUT, List.copyOf(keys)),
                PostgresSurveyStore::flag);
    }

    @Override
    public boolean seenInbound(String inboundId, Instant now) {
        return db.query(sql.seenInbound, new Params().text("id", inboundId).time("now", now),
                PostgresSurveyStore::flag);
    }

    @Override
    public Optional<SurveyResponse> response(String surveyKey) {
        return db.query(sql.response, new Params().text("key", surveyKey),
                rs -> rs.next() ? Optional.of(Codec.response(rs.getString(1))) : Optional.empty());
    }

    @Override
    public List<ReplyRecord> history(String surveyKey) {
        return db.query(sql.history, new Params().text("key", surveyKey), rs -> {
            List<ReplyRecord> out = new ArrayList<>();
            while (rs.next()) {
                out.add(Codec.reply(rs.getString(1), rs.getString(2)));
            }
            return List.copyOf(out);
        });
    }

    /**
     * {@inheritDoc}
     *
     * <p>Outcomes come in the order they were first recorded. The sink runs while this read holds a
     * connection of the pool; a sink that calls the store borrows another.
     */
    @Override
    public void forEachResponse(Instant from, Instant to, Consumer<SurveyResponse> sink) {
        Objects.requireNonNull(sink, "sink");
        db.stream(sql.responses, new Params().time("from", from).time("to", to),
                rs -> sink.accept(Codec.response(rs.getString(1))));
    }

    @Override
    public void saveMood(MoodAssessment mood) {
        Objects.requireNonNull(mood, "mood");
        db.update(sql.saveMood, new Params().time("at", mood.at()).json("body", Codec.mood(mood)));
    }

    /**
     * {@inheritDoc}
     *
     * <p>Assessments come in the order they were saved, streamed as {@link #forEachResponse} does.
     */
    @Override
    public void forEachMood(Instant from, Instant to, Consumer<MoodAssessment> sink) {
        Objects.requireNonNull(sink, "sink");
        db.stream(sql.moods, new Params().time("from", from).time("to", to),
                rs -> sink.accept(Codec.mood(rs.getString(1))));
    }

    // ------------------------------------------------------------------ reviews

    @Override
    public boolean saveReview(ReviewChange change) {
        Objects.requireNonNull(change, "change");
        return db.update(sql.saveReview, saveReviewParams(change)) == 1;
    }

    static Params saveReviewParams(ReviewChange change) {
        LowScoreReview r = change.next();
        return new Params().text("key", r.surveyKey()).bigint("version", r.version()).text("status", r.status().name())
                .time("openedAt", r.openedAt()).json("body", Codec.review(r)).bigint("current", change.expectedVersion());
    }

    @Override
    public Optional<LowScoreReview> review(String surveyKey) {
        return db.query(sql.review, new Params().text("key", surveyKey),
                rs -> rs.next() ? Optional.of(Codec.review(rs.getString(1))) : Optional.empty());
    }

    /**
     * {@inheritDoc}
     *
     * <p>One {@code SELECT}: the open ones ({@link ReviewStatus#isOpen()}) along the partial index
     * {@code review_open}, which holds the queue alone; any other statuses along
     * {@code review_opened}.
     */
    @Override
    public List<LowScoreReview> reviews(Set<ReviewStatus> statuses, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit = " + limit + ": must be at least 1");
        }
        boolean open = statuses.stream().allMatch(ReviewStatus::isOpen);
        return db.query(open ? sql.openReviews : sql.reviews, reviewsParams(statuses, limit), rs -> {
            List<LowScoreReview> out = new ArrayList<>();
            while (rs.next()) {
                out.add(Codec.review(rs.getString(1)));
            }
            return List.copyOf(out);
        });
    }

    static Params reviewsParams(Set<ReviewStatus> statuses, int limit) {
        return new Params().texts("statuses", statuses.stream().map(ReviewStatus::name).sorted().toList())
                .integer("limit", limit);
    }

    /**
     * {@inheritDoc}
     *
     * <p>Streamed as {@link #forEachResponse} is.
     */
    @Override
    public void forEachReview(Instant from, Instant to, Consumer<LowScoreReview> sink) {
        Objects.requireNonNull(sink, "sink");
        db.stream(sql.forEachReview, new Params().time("from", from).time("to", to),
                rs -> sink.accept(Codec.review(rs.getString(1))));
    }

    // ------------------------------------------------------------------ retention

    /**
     * {@inheritDoc}
     *
     * <p>One statement deletes up to {@code limit} ended surveys (oldest first, with their
     * replies), up to {@code limit} lapsed claims and holds, and up to {@code limit} expired
     * provider message ids,
     * skipping rows another transaction holds, so no batch waits or makes anyone wait for long.
     * It returns the largest of those counts: a batch that filled any of them returns
     * {@code limit}, so that a caller looping "while it returns limit" (as the engine does) also
     * clears a backlog of expired claims when few surveys end.
     */
    @Override
    public int purge(Instant before, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit = " + limit + ": must be at least 1");
        }
        return db.query(sql.purge, purgeParams(before, limit), rs -> {
            rs.next();
            return (int) Math.max(rs.getLong(1), Math.max(rs.getLong(3), rs.getLong(4)));
        });
    }

    static Params purgeParams(Instant before, int limit) {
        return new Params().time("before", before).integer("limit", limit);
    }

    /** @return the statements, for the query-plan test */
    Statements statements() {
        return sql;
    }

    @Override
    public String toString() {
        return "PostgresSurveyStore[schema=" + config.schema() + "]";
    }

    // ------------------------------------------------------------------ rows

    private static void surveyColumns(Params p, OpenSurvey s) {
        p.text("id", s.id()).bigint("version", s.version()).text("contactId", s.contactId())
                .text("channelId", s.channelId()).text("address", s.address()).text("state", s.state().name())
                .time("dueAt", s.dueAt().orElse(null)).time("promptedAt", s.promptedAt().orElse(null))
                .time("sentAt", s.sentAt().orElse(null)).time("endedAt", s.endedAt().orElse(null))
                .time("leaseUntil", s.leaseUntil().orElse(null)).json("body", Codec.survey(s));
    }

    /** Reads a survey from its first seven columns: id, version, contact, channel, address, state, body. */
    private static OpenSurvey survey(ResultSet rs) throws SQLException {
        return Codec.survey(new Codec.SurveyColumns(rs.getString(1), rs.getLong(2), rs.getString(3),
                rs.getString(4), rs.getString(5), rs.getString(6)), rs.getString(7));
    }

    private static @Nullable Instant time(ResultSet rs, int column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    private static boolean flag(ResultSet rs) throws SQLException {
        rs.next();
        return rs.getBoolean(1);
    }

    private static <T extends CapHold> List<T> distinct(List<T> holds) {
        Map<String, T> byKey = new LinkedHashMap<>();
        holds.forEach(h -> byKey.putIfAbsent(h.key(), h));
        return List.copyOf(byKey.values());
    }
}
