package dev.csatkit.store.postgres;

import static dev.csatkit.store.tck.StoreFixtures.T0;
import static dev.csatkit.store.tck.StoreFixtures.acrossHold;
import static dev.csatkit.store.tck.StoreFixtures.delivered;
import static dev.csatkit.store.tck.StoreFixtures.fullReview;
import static dev.csatkit.store.tck.StoreFixtures.move;
import static dev.csatkit.store.tck.StoreFixtures.optOutConfirmation;
import static dev.csatkit.store.tck.StoreFixtures.rated;
import static dev.csatkit.store.tck.StoreFixtures.request;
import static dev.csatkit.store.tck.StoreFixtures.review;
import static dev.csatkit.store.tck.StoreFixtures.step;
import static dev.csatkit.store.tck.StoreFixtures.survey;
import static dev.csatkit.store.tck.StoreFixtures.taken;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import dev.csatkit.store.ApplyResult;
import dev.csatkit.store.CapHold;
import dev.csatkit.store.LowScoreReview;
import dev.csatkit.store.OpenSurvey;
import dev.csatkit.store.OutboxMessage;
import dev.csatkit.store.ReviewChange;
import dev.csatkit.store.ReviewStatus;
import dev.csatkit.store.ScheduleResult;
import dev.csatkit.store.SurveyState;
import dev.csatkit.store.Transition;
import dev.csatkit.store.postgres.internal.Gate;
import dev.csatkit.store.postgres.testing.TestPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The PostgreSQL store's own edges, which the store kit leaves open. */
class PostgresStoreEdgesTest {

    private static HikariDataSource pool;
    private static String schema;
    private static PostgresSurveyStore store;

    @BeforeAll
    static void connect() {
        pool = TestPostgres.get().pool(2);
        schema = TestPostgres.get().freshSchema(pool, "edges");
        store = new PostgresSurveyStore(PostgresStoreConfig.builder(pool).schema(schema).build());
    }

    @AfterAll
    static void disconnect() {
        TestPostgres.get().dropSchema(pool, schema);
        pool.close();
    }

    @Test
    void itsTextNamesTheSchemaOnly() {
        assertThat(store).hasToString("PostgresSurveyStore[schema=" + schema + "]");
    }

    @Test
    void migrateAppliesWhatTheStoresSchemaLacks() {
        String other = "edges_migrate_" + ProcessHandle.current().pid();
        PostgresSurveyStore fresh = new PostgresSurveyStore(PostgresStoreConfig.builder(pool).schema(other).build());
        try {
            assertThat(fresh.migrate()).isEqualTo(PostgresMigration.SCRIPTS.size());
            assertThat(fresh.migrate()).isZero();
        } finally {
            TestPostgres.get().dropSchema(pool, other);
        }
    }

    @Test
    void claimingDueSurveysChecksTheLimitAndTheLease() {
        assertThatThrownBy(() -> store.claimDue(T0, 0, T0.plusSeconds(60)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("limit = 0: must be at least 1");
        assertThatThrownBy(() -> store.claimDue(T0, 1, T0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("leaseUntil = 2025-06-01T10:00:00Z: must be after now = 2025-06-01T10:00:00Z");
    }

    @Test
    void claimingSideMessagesChecksTheLimitAndTheLease() {
        assertThatThrownBy(() -> store.claimOutbox(T0, 0, T0.plusSeconds(60)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("limit = 0: must be at least 1");
        assertThatThrownBy(() -> store.claimOutbox(T0, 1, T0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("leaseUntil = 2025-06-01T10:00:00Z: must be after now = 2025-06-01T10:00:00Z");
        assertThat(store.claimOutbox(T0, 1, T0.plusSeconds(60))).isEmpty();
    }

    @Test
    void aLimitOfOneIsALimit() {
        assertThat(store.purge(T0, 1)).isZero();
        assertThat(store.reviews(Set.of(ReviewStatus.OPEN), 1)).isEmpty();
        assertThatThrownBy(() -> store.purge(T0, 0)).hasMessage("limit = 0: must be at least 1");
        assertThatThrownBy(() -> store.reviews(Set.of(ReviewStatus.OPEN), 0)).hasMessage("limit = 0: must be at least 1");
    }

    @Test
    void reviewsInStatusesOutsideTheQueueAreListedToo() {
        OpenSurvey s = survey("edges-resolved").build();
        LowScoreReview resolved = fullReview(s, T0);
        assertThat(store.saveReview(ReviewChange.open(resolved))).isTrue();
        assertThat(store.reviews(Set.of(ReviewStatus.RESOLVED), 10)).containsExactly(resolved);
        assertThat(store.reviews(Set.of(ReviewStatus.OPEN, ReviewStatus.RESOLVED), 10)).containsExactly(resolved);
        assertThat(store.reviews(Set.of(ReviewStatus.OPEN), 10)).isEmpty();
    }

    @Test
    void surveysDueAtTheSameTimeAreHandedOutByKey() {
        // Scheduled in the reverse of their keys' order, all due at the same time.
        for (String name : List.of("tie-c", "tie-a", "tie-b")) {
            assertThat(store.schedule(request(survey(name).build()))).isInstanceOf(ScheduleResult.Scheduled.class);
        }
        Instant now = T0.plus(Duration.ofHours(1));
        assertThat(store.claimDue(now, 10, now.plusSeconds(300))).extracting(OpenSurvey::id)
                .containsExactly("survey-tie-a", "survey-tie-b", "survey-tie-c");
    }

    @Test
    void precheckReadsOneDecisionInSixteenOnceItsReadsRarelyRefuse() {
        // A store of its own, so that its count of refusing reads starts here.
        PostgresSurveyStore counted = new PostgresSurveyStore(PostgresStoreConfig.builder(pool).schema(schema).build());
        OpenSurvey claimed = survey("edges-claimed").build();
        assertThat(counted.schedule(request(claimed))).isInstanceOf(ScheduleResult.Scheduled.class);
        for (int i = 0; i < 256; i++) {
            assertThat(counted.precheck("edges-new-" + i, List.of("cap:edges-free"), List.of(), T0)).isEmpty();
        }
        // None of the 256 reads refused: from now on one decision in sixteen is read.
        int told = 0;
        for (int i = 0; i < 16; i++) {
            if (counted.precheck(claimed.interactionId(), List.of("cap:edges-free"), List.of(), T0).isPresent()) {
                told++;
            }
        }
        assertThat(told).isEqualTo(1);
    }

    @Test
    void aHoldMovedToATimeAlreadyPastIsReleased() throws SQLException {
        CapHold hold = acrossHold("contact-edges-moved", T0.plus(Duration.ofDays(1)));
        OpenSurvey s = survey("edges-moved", "contact-edges-moved").holds(List.of(hold)).build();
        assertThat(store.schedule(request(s))).isInstanceOf(ScheduleResult.Scheduled.class);
        Instant now = T0.plus(Duration.ofHours(1));
        assertThat(store.apply(step(s, delivered(s, now), now).hold(move(hold, now.minusSeconds(1))).build()))
                .isEqualTo(new ApplyResult.Applied(false));
        try (Connection c = pool.getConnection(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT count(*) FROM \"" + schema + "\".gate WHERE key = '"
                        + Gate.HOLD.key(hold.key()) + "'")) {
            rs.next();
            assertThat(rs.getInt(1)).as("the hold's row is gone, not kept with a time already past").isZero();
        }
    }

    @Test
    void aReviewChangedByAStepIsStoredAtItsNewVersion() {
        OpenSurvey s = survey("edges-review").build();
        assertThat(store.schedule(request(s))).isInstanceOf(ScheduleResult.Scheduled.class);
        OpenSurvey sent = delivered(s, T0);
        assertThat(store.apply(step(s, sent, T0).build())).isEqualTo(new ApplyResult.Applied(false));
        Instant at = T0.plus(Duration.ofMinutes(5));
        LowScoreReview r0 = review(sent, 1, at);
        OpenSurvey rated = sent.toBuilder().rating(1, at).state(SurveyState.RATED).build();
        assertThat(store.apply(step(sent, rated, at).review(ReviewChange.open(r0)).build()))
                .isInstanceOf(ApplyResult.Applied.class);
        Instant later = at.plus(Duration.ofHours(1));
        LowScoreReview r1 = taken(r0, "qa-lena", later);
        OpenSurvey again = rated.toBuilder().rating(2, later).build();
        assertThat(store.apply(step(rated, again, later).review(ReviewChange.of(r0, r1)).build()))
                .isInstanceOf(ApplyResult.Applied.class);
        // The next change is compared with the version the step wrote: 1.
        LowScoreReview r2 = r1.toBuilder().next(later.plusSeconds(60)).status(ReviewStatus.WITHDRAWN).build();
        assertThat(store.saveReview(ReviewChange.of(r1, r2))).isTrue();
        assertThat(store.review(r0.surveyKey())).contains(r2);
    }

    @Test
    void anOutcomeNoSurveyOwnsIsNotWritten() {
        OpenSurvey never = survey("edges-ownerless").build();
        Instant now = T0.plus(Duration.ofHours(1));
        assertThat(store.apply(Transition.at(now).response(rated(never, T0, 4, now)).build()))
                .isEqualTo(new ApplyResult.Applied(false));
        assertThat(store.response(never.id())).isEmpty();
    }

    @Test
    void onlyAnOptOutQueuesItsConfirmation() {
        List<String> keys = List.of("contact:edges-opt");
        OutboxMessage confirmation = optOutConfirmation("edges-opt-confirmation", "addr-edges-opt", T0);
        Instant later = T0.plusSeconds(60);
        // A confirmation handed with an opt-in is not queued: there is nothing to confirm.
        assertThat(store.apply(Transition.at(T0)
                .optOut(new Transition.OptOutChange(keys, true, Optional.of(confirmation))).build()))
                .isInstanceOf(ApplyResult.Applied.class);
        assertThat(store.claimOutbox(later, 10, later.plusSeconds(300))).isEmpty();
        assertThat(store.apply(Transition.at(T0)
                .optOut(new Transition.OptOutChange(keys, false, Optional.of(confirmation))).build()))
                .isInstanceOf(ApplyResult.Applied.class);
        assertThat(store.claimOutbox(later, 10, later.plusSeconds(300))).extracting(OutboxMessage::key)
                .containsExactly("edges-opt-confirmation");
    }
}
