package dev.csatkit.store.postgres;

import static dev.csatkit.store.tck.StoreFixtures.T0;
import static dev.csatkit.store.tck.StoreFixtures.acrossHold;
import static dev.csatkit.store.tck.StoreFixtures.delivered;
import static dev.csatkit.store.tck.StoreFixtures.message;
import static dev.csatkit.store.tck.StoreFixtures.optOut;
import static dev.csatkit.store.tck.StoreFixtures.optOutConfirmation;
import static dev.csatkit.store.tck.StoreFixtures.optOutKeys;
import static dev.csatkit.store.tck.StoreFixtures.perSurveyHold;
import static dev.csatkit.store.tck.StoreFixtures.rated;
import static dev.csatkit.store.tck.StoreFixtures.ratingReply;
import static dev.csatkit.store.tck.StoreFixtures.request;
import static dev.csatkit.store.tck.StoreFixtures.survey;
import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.csatkit.store.CapHold;
import dev.csatkit.store.LowScoreReview;
import dev.csatkit.store.OpenSurvey;
import dev.csatkit.store.OutboxMessage;
import dev.csatkit.store.ReviewChange;
import dev.csatkit.store.ReviewStatus;
import dev.csatkit.store.SurveyState;
import dev.csatkit.store.Transition;
import dev.csatkit.store.postgres.internal.Gate;
import dev.csatkit.store.postgres.internal.Params;
import dev.csatkit.store.postgres.internal.Sql;
import dev.csatkit.store.postgres.internal.Statements;
import dev.csatkit.store.postgres.testing.TestPostgres;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every statement the store runs, explained on tables filled like a busy helpdesk's (100 000
 * surveys, most of them ended, and the claims, holds, outcomes and replies that go with them,
 * holds and provider message ids live for their last few days), after {@code ANALYZE}: none may
 * read a whole table, and each must use the index made for it.
 * The plans are written to {@code target/query-plans.txt}.
 */
class PostgresQueryPlanTest {

    private static final int SURVEYS = 100_000;
    private static HikariDataSource pool;
    private static String schema;
    private static PostgresSurveyStore store;
    private static final StringBuilder PLANS = new StringBuilder();

    @BeforeAll
    static void fill() throws SQLException {
        pool = TestPostgres.get().pool(2);
        schema = TestPostgres.get().freshSchema(pool, "plans");
        store = new PostgresSurveyStore(PostgresStoreConfig.builder(pool).schema(schema).build());
        String s = '"' + schema + '"';
        try (Connection c = pool.getConnection(); Statement st = c.createStatement()) {
            st.execute("SET search_path TO " + s);
            st.execute("""
                    INSERT INTO survey (id, version, contact_id, channel_id, address, state, due_at, prompted_at,
                        sent_at, ended_at, lease_until, body)
                    SELECT 'survey-' || i, 3, 'contact-' || mod(i, 20000), 'sms', 'addr-' || mod(i, 20000),
                        CASE WHEN mod(i, 10) < 7 THEN 'ANSWERED' ELSE 'AWAITING_REPLY' END,
                        CASE WHEN mod(i, 10) < 7 THEN NULL ELSE timestamptz '2025-06-01 10:00Z' + mod(i, 1440) * interval '1 minute' END,
                        timestamptz '2025-05-01 10:00Z' + i * interval '20 seconds',
                        timestamptz '2025-05-01 10:00Z' + i * interval '20 seconds',
                        CASE WHEN mod(i, 10) < 7 THEN timestamptz '2025-05-02 10:00Z' + i * interval '20 seconds' END,
                        NULL, '{}'
                    FROM generate_series(1, %d) AS i""".formatted(SURVEYS));
            st.execute("""
                    INSERT INTO gate (key, until) SELECT 'cinteraction-' || i,
                        timestamptz '2025-05-01 10:00Z' + i * interval '1 minute' FROM generate_series(1, %d) AS i"""
                    .formatted(SURVEYS));
            st.execute("""
                    INSERT INTO gate (key, until) SELECT 'hcap:' || i,
                        timestamptz '2025-05-08 10:00Z' + i * interval '1 minute'
                    FROM generate_series(1, 40000) AS i""");
            st.execute("INSERT INTO gate SELECT 'oSMS:addr-' || i, 'infinity', now() FROM generate_series(1, 2000) AS i");
            st.execute("""
                    INSERT INTO inbound SELECT 'm:' || i, timestamptz '2025-05-01 10:00Z' + i * interval '1 minute'
                    FROM generate_series(1, 50000) AS i""");
            st.execute("""
                    INSERT INTO outbox SELECT 'out-' || i, timestamptz '2025-06-01 10:00Z' + i * interval '1 minute',
                        0, '{}' FROM generate_series(1, 5000) AS i""");
            st.execute("""
                    INSERT INTO response (survey_key, version, sent_at, body) SELECT 'survey-' || i, 3,
                        timestamptz '2025-05-01 10:00Z' + i * interval '20 seconds', '{}'
                    FROM generate_series(1, %d) AS i""".formatted(SURVEYS));
            st.execute("""
                    INSERT INTO reply (survey_key, body) SELECT 'survey-' || mod(i, %d), '{}'
                    FROM generate_series(1, %d) AS i""".formatted(SURVEYS, SURVEYS));
            st.execute("""
                    INSERT INTO mood (at, body) SELECT timestamptz '2025-05-01 10:00Z' + i * interval '1 minute', '{}'
                    FROM generate_series(1, 20000) AS i""");
            st.execute("""
                    INSERT INTO review (survey_key, version, status, opened_at, body) SELECT 'survey-' || i, 1,
                        CASE WHEN mod(i, 20) = 0 THEN 'OPEN' WHEN mod(i, 20) = 1 THEN 'IN_REVIEW' ELSE 'RESOLVED' END,
                        timestamptz '2025-05-01 10:00Z' + i * interval '20 seconds', '{}'
                    FROM generate_series(1, %d, 5) AS i""".formatted(SURVEYS));
            st.execute("ANALYZE");
        }
    }

    @AfterAll
    static void writePlans() throws IOException {
        TestPostgres.get().dropSchema(pool, schema);
        pool.close();
        Files.writeString(Path.of("target", "query-plans.txt"), PLANS);
    }

    private static Statements sql() {
        return store.statements();
    }

    /** Explains a statement with its values and checks that it reads no table whole and uses the given indexes. */
    private static void check(Sql sql, Params params, String... indexes) throws SQLException {
        String plan;
        try (Connection c = pool.getConnection();
                PreparedStatement ps = c.prepareStatement("EXPLAIN (COSTS OFF) " + sql.jdbc())) {
            sql.bind(c, ps, params);
            StringBuilder b = new StringBuilder();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    b.append(rs.getString(1)).append('\n');
                }
            }
            plan = b.toString().replace('"' + schema + '"', "csat").replace(schema, "csat");
        }
        PLANS.append("-- ").append(sql.name()).append('\n').append(plan).append('\n');
        assertThat(plan).as("the plan of %s must read no table whole:%n%s", sql.name(), plan)
                .doesNotContain("Seq Scan");
        for (String index : indexes) {
            assertThat(plan).as("the plan of %s must use %s:%n%s", sql.name(), index, plan).contains(index);
        }
    }

    /**
     * A statement that calls a function: the plans of the function's own statements, as
     * {@code auto_explain} reports them to the session while the call runs in a transaction that
     * is then rolled back.
     */
    private static void checkCalled(Sql sql, Params params, String... indexes) throws SQLException {
        StringBuilder b = new StringBuilder();
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(false);
            try (Statement st = c.createStatement()) {
                st.execute("LOAD 'auto_explain'");
                st.execute("SET LOCAL auto_explain.log_min_duration = 0");
                st.execute("SET LOCAL auto_explain.log_nested_statements = on");
                st.execute("SET LOCAL auto_explain.log_level = notice");
                st.execute("SET LOCAL client_min_messages = notice");
                try (PreparedStatement ps = c.prepareStatement(sql.jdbc())) {
                    sql.bind(c, ps, params);
                    ps.execute();
                    for (SQLWarning w = ps.getWarnings(); w != null; w = w.getNextWarning()) {
                        b.append(w.getMessage()).append('\n');
                    }
                }
            } finally {
                c.rollback();
                c.setAutoCommit(true);
            }
        }
        String plan = b.toString().replace('"' + schema + '"', "csat").replace(schema, "csat");
        PLANS.append("-- ").append(sql.name()).append(" (the statements of the function it calls)\n").append(plan)
                .append('\n');
        assertThat(plan).as("auto_explain must report the plans of %s", sql.name()).contains("Query Text");
        assertThat(plan).as("the plan of %s must read no table whole:%n%s", sql.name(), plan)
                .doesNotContain("Seq Scan");
        for (String index : indexes) {
            assertThat(plan).as("the plan of %s must use %s:%n%s", sql.name(), index, plan).contains(index);
        }
    }

    @Test
    void scheduleUsesPrimaryKeysOnly() throws SQLException {
        String contact = "contact-plan";
        Instant until = T0.plus(Duration.ofDays(1));
        OpenSurvey s = survey("plan", contact)
                .holds(List.of(perSurveyHold(contact, until), acrossHold(contact, until))).build();
        checkCalled(sql().schedule, store.scheduleParams(request(s)), "gate_pkey", "survey_pkey");
    }

    @Test
    void precheckUsesPrimaryKeysOnly() throws SQLException {
        String contact = "contact-plan-pre";
        Instant until = T0.plus(Duration.ofDays(1));
        OpenSurvey s = survey("plan-pre", contact)
                .holds(List.of(perSurveyHold(contact, until), acrossHold(contact, until))).build();
        List<String> keys = PostgresSurveyStore.precheckKeys(s.interactionId(),
                s.holds().stream().map(CapHold::key).toList(), optOutKeys(s));
        check(sql().precheck(keys.size()), PostgresSurveyStore.precheckParams(keys, T0), "gate_pkey");
    }

    /**
     * On tables this full, a plan made for each call's arrays looks cheaper to the server than one
     * plan for all, and costs more than the read itself: precheck must let it settle on one plan
     * per session, once the driver has prepared the statement (after five calls).
     */
    @Test
    void precheckSettlesOnOnePlanPerSession() throws SQLException {
        Sql sql = sql().precheck(4);
        try (Connection c = pool.getConnection(); PreparedStatement ps = c.prepareStatement(sql.jdbc())) {
            for (int i = 0; i < 12; i++) {
                OpenSurvey s = survey("plan-pre-" + i, "contact-" + i)
                        .holds(List.of(new CapHold("cap:" + (i + 1), T0.plus(Duration.ofDays(1))))).build();
                sql.bind(c, ps, PostgresSurveyStore.precheckParams(PostgresSurveyStore.precheckKeys(
                        "interaction-" + (i + 1), s.holds().stream().map(CapHold::key).toList(),
                        List.of("contact:contact-" + i, "SMS:addr-" + (i + 1))), T0));
                ps.executeQuery().close();
            }
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT generic_plans, "
                    + "custom_plans FROM pg_prepared_statements WHERE statement LIKE '%gate g WHERE g.key IN%'")) {
                assertThat(rs.next()).as("the driver prepared precheck on the server").isTrue();
                assertThat(rs.getLong(1)).as("generic plans of precheck, beside %s custom ones", rs.getLong(2))
                        .isPositive();
            }
        }
    }

    @Test
    void claimsUseTheDueIndexes() throws SQLException {
        Instant now = Instant.parse("2025-06-01T11:00:00Z");
        check(sql().claimDue, PostgresSurveyStore.claimParams(now, 100, now.plusSeconds(300)), "survey_due",
                "survey_pkey");
        check(sql().claimOutbox, PostgresSurveyStore.claimParams(now, 100, now.plusSeconds(300)), "outbox_due",
                "outbox_pkey");
    }

    @Test
    void applyUsesPrimaryKeysOnly() throws SQLException {
        String contact = "contact-plan-apply";
        CapHold hold = acrossHold(contact, T0.plus(Duration.ofDays(1)));
        OpenSurvey s = survey("plan-apply", contact).holds(List.of(hold)).build();
        OpenSurvey sent = delivered(s, T0);
        OpenSurvey rated = sent.toBuilder().state(SurveyState.RATED).rating(5, T0.plusSeconds(60)).build();
        Transition t = Transition.at(T0.plusSeconds(60)).change(sent, rated)
                .hold(new Transition.HoldChange(hold, Optional.of(T0.plus(Duration.ofDays(2)))))
                .send(message("plan-1", sent, OutboxMessage.Purpose.CONFIRMATION, T0))
                .response(rated(s, T0, 5, T0.plusSeconds(60))).reply(ratingReply(s, T0.plusSeconds(60), 5))
                .inbound("m:plan", T0.plus(Duration.ofDays(30)))
                .optOut(optOut(optOutKeys(s), Optional.of(optOutConfirmation("plan-stop", s.address(), T0))))
                .build();
        check(sql().apply, store.applyParams(t), "survey_pkey", "inbound_pkey", "gate_pkey", "outbox_pkey",
                "response_pkey");
        OpenSurvey low = sent.toBuilder().state(SurveyState.RATED).rating(1, T0.plusSeconds(60)).build();
        LowScoreReview opened = LowScoreReview.open(low, 1, T0.plusSeconds(60));
        Transition withReview = Transition.at(T0.plusSeconds(60)).change(sent, low)
                .response(rated(s, T0, 1, T0.plusSeconds(60))).review(ReviewChange.open(opened)).build();
        check(sql().apply, store.applyParams(withReview), "survey_pkey", "review_pkey");
    }

    @Test
    void reviewsUseTheirIndexes() throws SQLException {
        OpenSurvey s = survey("plan-review").build();
        LowScoreReview r = LowScoreReview.open(s, 1, T0);
        check(sql().saveReview, PostgresSurveyStore.saveReviewParams(ReviewChange.open(r)), "review_pkey");
        check(sql().review, new Params().text("key", "survey-76"), "review_pkey");
        check(sql().openReviews, PostgresSurveyStore.reviewsParams(Set.of(ReviewStatus.OPEN, ReviewStatus.IN_REVIEW),
                50), "review_open");
        check(sql().reviews, PostgresSurveyStore.reviewsParams(Set.of(ReviewStatus.RESOLVED), 50), "review_opened");
        Instant from = Instant.parse("2025-05-10T00:00:00Z");
        check(sql().forEachReview, new Params().time("from", from).time("to", from.plus(Duration.ofDays(1))),
                "review_opened");
    }

    @Test
    void settlingUsesTheOutboxKey() throws SQLException {
        OutboxMessage m = message("out-7", survey("plan-settle").build(), OutboxMessage.Purpose.REMINDER, T0);
        check(sql().settleRemove, PostgresSurveyStore.settleParams(m, Optional.empty()), "outbox_pkey");
        check(sql().settleKeep, PostgresSurveyStore.settleParams(m, Optional.of(m.dueAt(T0, true))), "outbox_pkey");
    }

    @Test
    void readsUseTheirIndexes() throws SQLException {
        Instant from = Instant.parse("2025-05-10T00:00:00Z");
        check(sql().find, new Params().text("id", "survey-77"), "survey_pkey");
        check(sql().latestDelivered, new Params().text("channelId", "sms").text("address", "addr-77"),
                "survey_prompted");
        check(sql().isOptedOut, new Params().gateKeys("keys", Gate.OPT_OUT, List.of("contact:contact-77",
                "SMS:addr-77")), "gate_pkey");
        check(sql().seenInbound, new Params().text("id", "m:77").time("now", from), "inbound_pkey");
        check(sql().response, new Params().text("key", "survey-77"), "response_pkey");
        check(sql().history, new Params().text("key", "survey-77"), "reply_pkey");
        check(sql().responses, new Params().time("from", from).time("to", from.plus(Duration.ofDays(1))),
                "response_sent");
        check(sql().moods, new Params().time("from", from).time("to", from.plus(Duration.ofDays(1))), "mood_at");
    }

    @Test
    void purgeUsesTheEndedAndExpiryIndexes() throws SQLException {
        check(sql().purge, PostgresSurveyStore.purgeParams(Instant.parse("2025-05-03T00:00:00Z"), 1_000),
                "survey_ended", "reply_pkey", "gate_until", "inbound_until");
    }

}
