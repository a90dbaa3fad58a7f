package dev.csatkit.internal.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class FingerprintTableProperties {

    /** Homes at the first, middle and last slot of a stripe: long runs that wrap around the end. */
    static final long[] HOMES = {0, 0x8000_0000L, 0xFFFF_FFFFL};

    static long hi(int id) {
        return (long) (id % 2) << 58 | id;
    }

    static long lo(int id) {
        return HOMES[id % HOMES.length] << 32 | id;
    }

    record Step(int op, int id, int advance, int window) {
    }

    @Provide
    Arbitrary<List<Step>> steps() {
        return Combinators.combine(Arbitraries.integers().between(0, 5), Arbitraries.integers().between(1, 60),
                Arbitraries.integers().between(0, 10), Arbitraries.integers().between(1, 300))
                .as(Step::new).list().ofMaxSize(600);
    }

    @Property(tries = 500)
    void clusteredKeysBehaveLikeAMap(@ForAll("steps") List<Step> steps) {
        FingerprintTable table = new FingerprintTable(256);
        Map<Integer, Long> model = new HashMap<>();
        long now = 0;
        for (Step s : steps) {
            now += s.advance();
            long t = now;
            long current = model.getOrDefault(s.id(), Long.MIN_VALUE);
            switch (s.op()) {
                case 0, 1, 2 -> {
                    long answer = table.reserve(hi(s.id()), lo(s.id()), now, now + s.window());
                    if (current > now) {
                        assertThat(answer).isEqualTo(current);
                    } else {
                        assertThat(answer).isEqualTo(FingerprintTable.GRANTED);
                        model.put(s.id(), now + s.window());
                    }
                }
                case 3, 4 -> {
                    boolean removed = table.remove(hi(s.id()), lo(s.id()), current);
                    if (current > now) {
                        assertThat(removed).isTrue();
                    }
                    model.remove(s.id());
                }
                default -> {
                    table.sweep(now);
                    model.values().removeIf(u -> u <= t);
                    assertThat(table.size()).isEqualTo(model.size());
                }
            }
            // Every live key is still found where its probe sequence leads.
            for (Map.Entry<Integer, Long> e : model.entrySet()) {
                if (e.getValue() > now) {
                    int id = e.getKey();
                    assertThat(table.reserve(hi(id), lo(id), now, now + 1)).as("key %d", id).isEqualTo(e.getValue());
                }
            }
        }
    }
}
