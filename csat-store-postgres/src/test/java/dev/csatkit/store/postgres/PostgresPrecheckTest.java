package dev.csatkit.store.postgres;

import static dev.csatkit.store.tck.StoreFixtures.T0;
import static dev.csatkit.store.tck.StoreFixtures.acrossHold;
import static dev.csatkit.store.tck.StoreFixtures.optOut;
import static dev.csatkit.store.tck.StoreFixtures.optOutKeys;
import static dev.csatkit.store.tck.StoreFixtures.perSurveyHold;
import static dev.csatkit.store.tck.StoreFixtures.request;
import static dev.csatkit.store.tck.StoreFixtures.survey;
import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.csatkit.store.CapHold;
import dev.csatkit.store.OpenSurvey;
import dev.csatkit.store.ScheduleResult;
import dev.csatkit.store.Transition;
import dev.csatkit.store.postgres.testing.TestPostgres;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The PostgreSQL store's {@code precheck} tells every refusal it reads, exactly as {@code schedule}
 * would answer it. The store kit lets a precheck answer empty whenever it likes (it may only tell
 * refusals early); this store reads whenever the decision has a cap key, so here its answers are
 * checked to be the refusals themselves, in {@code schedule}'s order.
 */
class PostgresPrecheckTest {

    private static final Instant DAY = T0.plus(Duration.ofDays(1));
    private static HikariDataSource pool;
    private static String schema;
    private static PostgresSurveyStore store;

    @BeforeAll
    static void connect() {
        pool = TestPostgres.get().pool(2);
        schema = TestPostgres.get().freshSchema(pool, "precheck");
        store = new PostgresSurveyStore(PostgresStoreConfig.builder(pool).schema(schema).build());
    }

    @AfterAll
    static void disconnect() {
        TestPostgres.get().dropSchema(pool, schema);
        pool.close();
    }

    private static List<String> keys(OpenSurvey s) {
        return s.holds().stream().map(CapHold::key).toList();
    }

    private static Optional<ScheduleResult> precheck(OpenSurvey s, Instant now) {
        return store.precheck(s.interactionId(), keys(s), optOutKeys(s), now);
    }

    @Test
    void aHeldCapIsToldWithTheFirstHeldKeyInTheCallersOrder() {
        String contact = "contact-held";
        CapHold own = perSurveyHold(contact, DAY);
        CapHold across = acrossHold(contact, DAY.plusSeconds(60));
        assertThat(store.schedule(request(survey("held-first", contact).holds(List.of(across)).build())))
                .isInstanceOf(ScheduleResult.Scheduled.class);
        OpenSurvey second = survey("held-second", contact).holds(List.of(own, across)).build();

        assertThat(precheck(second, T0)).contains(new ScheduleResult.Capped(across.key(), across.until()));
        assertThat(store.schedule(request(second))).isEqualTo(new ScheduleResult.Capped(across.key(), across.until()));
        assertThat(precheck(second, across.until())).as("a hold that has expired refuses nothing").isEmpty();
    }

    @Test
    void aClaimedInteractionIsToldAsDuplicateBeforeItsCap() {
        OpenSurvey first = survey("claimed", "contact-claimed").holds(List.of(acrossHold("contact-claimed", DAY)))
                .build();
        assertThat(store.schedule(request(first))).isInstanceOf(ScheduleResult.Scheduled.class);

        assertThat(precheck(first, T0)).containsInstanceOf(ScheduleResult.Duplicate.class)
                .get().isEqualTo(store.schedule(request(first)));
    }

    @Test
    void anOptOutIsToldBeforeAnythingElseWithTheFirstOptedOutKey() {
        String contact = "contact-out";
        OpenSurvey first = survey("out-first", contact).holds(List.of(acrossHold(contact, DAY))).build();
        assertThat(store.schedule(request(first))).isInstanceOf(ScheduleResult.Scheduled.class);
        List<String> keys = optOutKeys(first);
        store.apply(Transition.at(T0).optOut(optOut(keys.subList(1, keys.size()), Optional.empty())).build());

        assertThat(precheck(first, T0)).as("opted out, claimed and capped: the opt-out comes first")
                .contains(new ScheduleResult.OptedOut(keys.get(1)));
    }

    @Test
    void nothingInTheWayIsEmptyAndWritesNothing() {
        OpenSurvey s = survey("free", "contact-free").holds(List.of(acrossHold("contact-free", DAY))).build();
        assertThat(precheck(s, T0)).isEmpty();
        assertThat(store.schedule(request(s))).isEqualTo(new ScheduleResult.Scheduled(s));
    }

    /** Each count of keys reads through a statement of its own: each must keep the caller's order. */
    @Test
    void everyCountOfKeysAnswersInTheCallersOrder() {
        CapHold x = new CapHold("count:x", DAY);
        CapHold y = new CapHold("count:y", DAY.plusSeconds(60));
        assertThat(store.schedule(request(survey("count-held", "contact-count").holds(List.of(x, y)).build())))
                .isInstanceOf(ScheduleResult.Scheduled.class);
        store.apply(Transition.at(T0).optOut(optOut(List.of("count:b", "count:c"), Optional.empty())).build());

        assertThat(store.precheck("count-1", List.of("count:z", y.key(), x.key()), List.of(), T0))
                .contains(new ScheduleResult.Capped(y.key(), y.until()));
        assertThat(store.precheck("count-2", List.of(x.key()), List.of("count:a"), T0))
                .contains(new ScheduleResult.Capped(x.key(), x.until()));
        assertThat(store.precheck("count-3", List.of(y.key(), y.key()), List.of("count:a", "count:a"), T0))
                .as("a key given twice").contains(new ScheduleResult.Capped(y.key(), y.until()));
        assertThat(store.precheck("count-4", List.of("count:z"), List.of("count:a", "count:c", "count:b"), T0))
                .contains(new ScheduleResult.OptedOut("count:c"));
        assertThat(store.precheck("count-5", List.of("count:z"), List.of("count:b", "count:c", "count:a", "count:d"),
                T0)).contains(new ScheduleResult.OptedOut("count:b"));
        assertThat(store.precheck("interaction-count-held", List.of("count:z"), List.of("count:a"), T0))
                .as("the scheduled survey's interaction").containsInstanceOf(ScheduleResult.Duplicate.class);
        assertThat(store.precheck("count-6", List.of("count:z", "count:w"), List.of("count:a"), T0)).isEmpty();
    }
}
