package dev.csatkit.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.csatkit.score.SurveyResponse;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class InMemoryResponseStoreTest {

    static final Instant SENT = Instant.parse("2026-03-02T10:00:00Z");

    static SurveyResponse sent() {
        return SurveyResponse.builder("call-1", "after-call", SENT).build();
    }

    static SurveyResponse rated(int value) {
        return SurveyResponse.builder("call-1", "after-call", SENT).rating(value, SENT.plusSeconds(60)).build();
    }

    @Test
    void anOutcomeFromAnOlderSurveyVersionNeverReplacesANewerOne() {
        InMemoryResponseStore store = new InMemoryResponseStore();
        store.save("s-1", 3, rated(5));
        store.save("s-1", 2, sent()); // the dispatch's write, arriving after the rating's

        assertThat(store.find("s-1")).contains(rated(5));
        assertThat(store.responses()).containsExactly(rated(5));
    }

    @Test
    void theSameOrALaterVersionReplacesAndTheFirstSaveFixesTheOrder() {
        InMemoryResponseStore store = new InMemoryResponseStore();
        store.save("s-1", 1, sent());
        store.save("s-2", 1, sent());
        store.save("s-1", 1, rated(2));
        store.save("s-1", 4, rated(4));

        assertThat(store.find("s-1")).contains(rated(4));
        assertThat(store.responses()).containsExactly(rated(4), sent());
    }
}
