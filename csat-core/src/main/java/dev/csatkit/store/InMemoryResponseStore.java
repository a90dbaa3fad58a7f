package dev.csatkit.store;

import dev.csatkit.score.SurveyResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A {@link ResponseStore} in this JVM's memory, the default. Outcomes keep the order in which
 * surveys first got one, so a report or an export reads them in a stable order.
 */
public final class InMemoryResponseStore implements ResponseStore {

    private record Versioned(long version, SurveyResponse response) {
    }

    private final ConcurrentHashMap<String, Versioned> byKey = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<String> order = new ConcurrentLinkedQueue<>();
    private final ConcurrentHashMap<String, List<ReplyRecord>> histories = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<MoodAssessment> moods = new ConcurrentLinkedQueue<>();

    /** Creates an empty store. */
    public InMemoryResponseStore() {
    }

    @Override
    public void save(String surveyKey, long version, SurveyResponse response) {
        Objects.requireNonNull(surveyKey, "surveyKey");
        Versioned mine = new Versioned(version, Objects.requireNonNull(response, "response"));
        boolean[] first = {false};
        byKey.compute(surveyKey, (k, stored) -> {
            if (stored == null) {
                first[0] = true;
                return mine;
            }
            return stored.version > version ? stored : mine;
        });
        if (first[0]) {
            order.add(surveyKey);
        }
    }

    @Override
    public Optional<SurveyResponse> find(String surveyKey) {
        return Optional.ofNullable(byKey.get(surveyKey)).map(Versioned::response);
    }

    @Override
    public void append(ReplyRecord reply) {
        histories.compute(reply.surveyKey(), (k, list) -> {
            List<ReplyRecord> next = list == null ? new ArrayList<>(2) : list;
            next.add(reply);
            return next;
        });
    }

    @Override
    public List<ReplyRecord> history(String surveyKey) {
        AtomicReference<List<ReplyRecord>> copy = new AtomicReference<>(List.of());
        // Copied under the entry's lock, since appends mutate the list in place.
        histories.computeIfPresent(surveyKey, (k, list) -> {
            copy.set(List.copyOf(list));
            return list;
        });
        return copy.get();
    }

    @Override
    public void saveMood(MoodAssessment mood) {
        moods.add(Objects.requireNonNull(mood, "mood"));
    }

    @Override
    public List<SurveyResponse> responses() {
        List<SurveyResponse> out = new ArrayList<>(byKey.size());
        for (String key : order) {
            Versioned r = byKey.get(key);
            if (r != null) {
                out.add(r.response);
            }
        }
        return out;
    }

    @Override
    public List<MoodAssessment> moods() {
        return List.copyOf(moods);
    }
}
