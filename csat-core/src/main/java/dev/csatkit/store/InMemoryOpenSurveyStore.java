package dev.csatkit.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;

/**
 * An {@link OpenSurveyStore} in this JVM's memory, the default. Surveys are kept by id; an index
 * by channel and address keeps the surveys last prompted there, newest first, and a sorted index by due time
 * serves {@link #due}. Index entries are written under the survey's own map entry, and stale ones
 * are skipped (and dropped) when read, so the indexes never point a reader at a wrong version.
 */
public final class InMemoryOpenSurveyStore implements OpenSurveyStore {

    private record Due(long at, String id) implements Comparable<Due> {
        @Override
        public int compareTo(Due o) {
            int c = Long.compare(at, o.at);
            return c != 0 ? c : id.compareTo(o.id);
        }
    }

    private final ConcurrentHashMap<String, OpenSurvey> byId = new ConcurrentHashMap<>();
    /** Per channel and address, the ids of the surveys last prompted there, newest first. */
    private final ConcurrentHashMap<String, List<String>> byAddress = new ConcurrentHashMap<>();
    /** How many prompted surveys an address remembers: enough to step back past failed sends. */
    private static final int RECENT = 4;
    private final ConcurrentSkipListSet<Due> dueIndex = new ConcurrentSkipListSet<>();

    /** Creates an empty store. */
    public InMemoryOpenSurveyStore() {
    }

    @Override
    public boolean insert(OpenSurvey survey) {
        AtomicBoolean inserted = new AtomicBoolean();
        byId.computeIfAbsent(survey.id(), id -> {
            inserted.set(true);
            index(null, survey);
            return survey;
        });
        return inserted.get();
    }

    @Override
    public Optional<OpenSurvey> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    @Override
    public Optional<OpenSurvey> latestTo(String channelId, String address) {
        List<String> ids = byAddress.getOrDefault(addressKey(channelId, address), List.of());
        for (String id : ids) {
            OpenSurvey s = byId.get(id);
            if (s != null && !neverDelivered(s)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    /** A survey whose send failed for good never reached the contact, so no reply answers it. */
    private static boolean neverDelivered(OpenSurvey s) {
        return s.state() == SurveyState.FAILED && s.sentAt().isEmpty();
    }

    @Override
    public boolean replace(OpenSurvey current, OpenSurvey next) {
        Objects.requireNonNull(next, "next");
        if (!current.id().equals(next.id()) || next.version() != current.version() + 1) {
            throw new IllegalArgumentException("the next version of survey " + current.id() + " must have id "
                    + current.id() + " and version " + (current.version() + 1) + ", not " + next.id() + " v"
                    + next.version());
        }
        AtomicBoolean replaced = new AtomicBoolean();
        byId.computeIfPresent(current.id(), (id, stored) -> {
            if (stored.version() != current.version()) {
                return stored;
            }
            replaced.set(true);
            index(stored, next);
            return next;
        });
        return replaced.get();
    }

    private void index(@Nullable OpenSurvey before, OpenSurvey after) {
        if (before != null) {
            before.dueAt().ifPresent(at -> dueIndex.remove(new Due(at.toEpochMilli(), before.id())));
        }
        after.dueAt().ifPresent(at -> dueIndex.add(new Due(at.toEpochMilli(), after.id())));
        Optional<Instant> prompted = after.promptedAt();
        if (prompted.isPresent() && (before == null || !before.promptedAt().equals(prompted))) {
            // The latest prompt to an address comes first: that is the survey a reply answers.
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

    @Override
    public List<OpenSurvey> due(Instant now, int limit) {
        long nowMillis = now.toEpochMilli();
        List<OpenSurvey> found = new ArrayList<>();
        Iterator<Due> it = dueIndex.iterator();
        while (it.hasNext() && found.size() < limit) {
            Due d = it.next();
            if (d.at > nowMillis) {
                break;
            }
            OpenSurvey s = byId.get(d.id);
            Optional<Instant> at = s == null ? Optional.empty() : s.dueAt();
            if (at.isEmpty() || at.get().toEpochMilli() != d.at) {
                dueIndex.remove(d);
            } else {
                found.add(s);
            }
        }
        return found;
    }

    @Override
    public int purge(Instant endedBefore) {
        int[] removed = {0};
        byId.values().removeIf(s -> {
            boolean old = s.state().isFinal() && s.endedAt().map(at -> at.isBefore(endedBefore)).orElse(false);
            if (old) {
                byAddress.computeIfPresent(addressKey(s.channelId(), s.address()), (k, ids) -> {
                    List<String> left = ids.stream().filter(id -> !id.equals(s.id())).toList();
                    return left.isEmpty() ? null : left;
                });
                removed[0]++;
            }
            return old;
        });
        return removed[0];
    }

    /** @return how many surveys are kept, final ones not yet purged included */
    public int size() {
        return byId.size();
    }

    private Instant promptedAt(String id, OpenSurvey writing) {
        OpenSurvey s = id.equals(writing.id()) ? writing : byId.get(id);
        return s == null ? Instant.MIN : s.promptedAt().orElse(Instant.MIN);
    }

    private static String addressKey(String channelId, String address) {
        return channelId + '\u0000' + address;
    }
}
