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
 * by channel and address points at the survey last prompted there, and a sorted index by due time
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
    private final ConcurrentHashMap<String, String> byAddress = new ConcurrentHashMap<>();
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
        String id = byAddress.get(addressKey(channelId, address));
        return id == null ? Optional.empty() : find(id);
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
            // The latest prompt to an address wins: that is the survey a reply answers.
            byAddress.merge(addressKey(after.channelId(), after.address()), after.id(), (old, mine) -> {
                OpenSurvey other = old.equals(mine) ? null : byId.get(old);
                return other == null || other.promptedAt().isEmpty()
                        || !other.promptedAt().get().isAfter(prompted.get()) ? mine : old;
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
                byAddress.remove(addressKey(s.channelId(), s.address()), s.id());
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

    private static String addressKey(String channelId, String address) {
        return channelId + '\u0000' + address;
    }
}
