package dev.csatkit.engine;

import static dev.csatkit.engine.EngineFixture.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.csatkit.channels.spi.ChannelKind;
import dev.csatkit.engine.EngineFixture.TestClock;
import dev.csatkit.policy.FrequencyCap;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Eight threads decide 100 000 interactions of 500 contacts while the clock moves on: no contact is
 * ever surveyed twice inside its window, and no interaction twice.
 */
class EngineConcurrencyTest {

    static final int THREADS = 8;
    static final int INTERACTIONS = 100_000;
    static final int CONTACTS = 500;
    static final Duration WINDOW = Duration.ofHours(6);

    @Test
    void eight_threads_never_survey_a_contact_twice_inside_its_window() throws Exception {
        TestClock clock = new TestClock(T0);
        SurveyProfile profile = SurveyProfile.builder(EngineFixture.smsSurvey("after-call"), ChannelKind.SMS)
                .acknowledgeSendingRules("ops@example.com", EngineFixture.T0)
                .placeholders(EngineFixture.company()).noQuietHours()
                .frequencyCap(FrequencyCap.acrossSurveys(WINDOW)).build();
        SurveyEngine engine = SurveyEngine.builder().clock(clock).channel(EngineFixture.sms()).profile(profile).build();
        List<Contact> contacts = new ArrayList<>();
        for (int i = 0; i < CONTACTS; i++) {
            contacts.add(EngineFixture.contact("k" + i, String.format("+4670%07d", i)));
        }
        ConcurrentLinkedQueue<Object[]> scheduled = new ConcurrentLinkedQueue<>();
        Map<String, Boolean> interactions = new ConcurrentHashMap<>();
        AtomicInteger next = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int seed = t;
            done.add(pool.submit(() -> {
                SplittableRandom random = new SplittableRandom(seed);
                start.await();
                for (int n = next.getAndIncrement(); n < INTERACTIONS; n = next.getAndIncrement()) {
                    if (n % 1000 == 0) {
                        clock.advance(Duration.ofMinutes(10)); // the week moves on while threads race
                    }
                    // A few hot contacts call again and again; replays of earlier ids are mixed in.
                    Contact c = contacts.get(random.nextInt(10) < 7 ? random.nextInt(20) : random.nextInt(CONTACTS));
                    String id = random.nextInt(10) == 0 && n > 0 ? "i" + random.nextInt(n) : "i" + n;
                    Instant now = clock.instant();
                    Decision d = engine.decide(EngineFixture.call(id, c).between(now.minusSeconds(60), now).build());
                    if (d instanceof Decision.Scheduled s) {
                        scheduled.add(new Object[] {c.id(), engine.survey(s.surveyKey()).orElseThrow().scheduledAt()});
                        assertThat(interactions.putIfAbsent(id, true)).as("interaction %s surveyed twice", id).isNull();
                    }
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> f : done) {
            f.get(2, TimeUnit.MINUTES);
        }
        pool.shutdown();
        Map<String, List<Instant>> byContact = new ConcurrentHashMap<>();
        for (Object[] s : scheduled) {
            byContact.computeIfAbsent((String) s[0], k -> new ArrayList<>()).add((Instant) s[1]);
        }
        assertThat(scheduled).hasSizeGreaterThan(CONTACTS);
        byContact.forEach((contact, times) -> {
            times.sort(null);
            for (int i = 1; i < times.size(); i++) {
                assertThat(Duration.between(times.get(i - 1), times.get(i)))
                        .as("contact %s surveyed twice inside %s", contact, WINDOW).isGreaterThanOrEqualTo(WINDOW);
            }
        });
    }
}
