package dev.csatkit.benchmarks;

import com.zaxxer.hikari.HikariDataSource;
import dev.csatkit.channels.spi.ChannelKind;
import dev.csatkit.engine.Agent;
import dev.csatkit.engine.Contact;
import dev.csatkit.engine.HangUp;
import dev.csatkit.engine.Interaction;
import dev.csatkit.engine.Medium;
import dev.csatkit.engine.SurveyEngine;
import dev.csatkit.engine.SurveyProfile;
import dev.csatkit.policy.FrequencyCap;
import dev.csatkit.scale.RatingScales;
import dev.csatkit.store.SurveyStore;
import dev.csatkit.store.postgres.PostgresStoreConfig;
import dev.csatkit.store.postgres.PostgresSurveyStore;
import dev.csatkit.store.postgres.testing.TestPostgres;
import dev.csatkit.survey.DefaultMessages;
import dev.csatkit.survey.SurveyDefinition;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntConsumer;

/**
 * What the PostgreSQL benchmarks share: the server (the tests' embedded one, or the one
 * {@code CSAT_TEST_POSTGRES_URL} names, which every fork then shares), a schema per trial, and
 * the engine of {@link EngineDecideBenchmark}'s SMS survey on the PostgreSQL store.
 */
final class PostgresBench {

    static final Instant NOW = EngineDecideBenchmark.NOW;
    static final Agent AGENT = Agent.human("a-1", "Alice", "Blue");

    private PostgresBench() {
    }

    /** A pool of {@code size} connections on the benchmark server. */
    static HikariDataSource pool(int size) {
        return TestPostgres.get().pool(size);
    }

    /** A fresh, migrated schema. */
    static String schema(HikariDataSource pool, String prefix) {
        return TestPostgres.get().freshSchema(pool, prefix);
    }

    static void drop(HikariDataSource pool, String schema) {
        TestPostgres.get().dropSchema(pool, schema);
    }

    static PostgresSurveyStore store(HikariDataSource pool, String schema) {
        return new PostgresSurveyStore(PostgresStoreConfig.builder(pool).schema(schema).build());
    }

    /** The benchmark engine: one SMS survey after calls, a one-day cap across surveys, no quiet hours. */
    static SurveyEngine engine(SurveyStore store, Clock clock, int batchSize) {
        SurveyDefinition survey = SurveyDefinition.builder("after-call").name("After-call survey")
                .scale(RatingScales.fivePoint()).channels(ChannelKind.SMS).defaultLocale(Locale.ENGLISH)
                .messages(Locale.ENGLISH, DefaultMessages.forChannel(ChannelKind.SMS, Locale.ENGLISH).orElseThrow())
                .build();
        return SurveyEngine.builder().clock(clock).store(store).channel(new EngineDecideBenchmark.NullChannel())
                .batchSize(batchSize).sendTimeout(Duration.ofSeconds(10))
                .profile(SurveyProfile.builder(survey, ChannelKind.SMS)
                        .acknowledgeSendingRules("ops@example.com", Instant.parse("2026-01-05T09:00:00Z"))
                        .placeholders(Map.of("company", "Acme"))
                        .noQuietHours().frequencyCap(FrequencyCap.acrossSurveys(Duration.ofDays(1))).build())
                .build();
    }

    static Clock fixed() {
        return Clock.fixed(NOW, ZoneOffset.UTC);
    }

    /** Interaction {@code id} of contact {@code k}, built as a host builds it from its feed. */
    static Interaction call(String id, int k) {
        Contact contact = Contact.builder(EngineDecideBenchmark.contactId(k))
                .phone(EngineDecideBenchmark.numbered("+4670", k)).locale(Locale.ENGLISH).zone(ZoneOffset.UTC)
                .build();
        return Interaction.builder(id, contact, Medium.VOICE).agent(AGENT).between(NOW.minusSeconds(300), NOW)
                .hangUp(HangUp.AGENT).build();
    }

    /** Runs {@code task(i)} for i in 0 … n-1 on eight threads. */
    static void parallel(int n, IntConsumer task) {
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> parts = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int first = t;
                parts.add(threads.submit(() -> {
                    for (int i = first; i < n; i += 8) {
                        task.accept(i);
                    }
                }));
            }
            for (Future<?> f : parts) {
                f.get();
            }
        } catch (Exception e) {
            throw new IllegalStateException("benchmark setup failed", e);
        } finally {
            threads.shutdownNow();
        }
    }

    static void execute(HikariDataSource pool, String sql) {
        try (Connection c = pool.getConnection(); Statement st = c.createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }
}
