package dev.csatkit.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class InMemoryContactLedgerProperties {

    static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");

    /** One call: which, on which keys from a pool of six, after how many milliseconds, for how long. */
    record Step(int op, int a, int b, int advance, int window, int retention) {
    }

    @Provide
    Arbitrary<List<Step>> steps() {
        return Combinators.combine(Arbitraries.integers().between(0, 9), Arbitraries.integers().between(0, 5),
                Arbitraries.integers().between(0, 5), Arbitraries.integers().between(0, 40),
                Arbitraries.integers().between(1, 100), Arbitraries.integers().between(1, 200))
                .as(Step::new).list().ofMaxSize(300);
    }

    /** The reference: plain maps of expiries in epoch milliseconds, expired entries kept until swept. */
    static final class Model {
        final Map<String, Long> holds = new HashMap<>();
        final Map<String, Long> claims = new HashMap<>();

        static boolean live(Map<String, Long> m, String key, long now) {
            return m.getOrDefault(key, Long.MIN_VALUE) > now;
        }

        int live(long now) {
            return (int) (holds.values().stream().filter(u -> u > now).count()
                    + claims.values().stream().filter(u -> u > now).count());
        }
    }

    @Property(tries = 1_000)
    void behavesLikeMapsOfExpiries(@ForAll("steps") List<Step> steps) {
        InMemoryContactLedger ledger = new InMemoryContactLedger();
        Model model = new Model();
        long now = T0.toEpochMilli();
        for (Step s : steps) {
            now += s.advance();
            Instant at = Instant.ofEpochMilli(now);
            // One pool of names for both key spaces, so equal strings meet as claim and as hold.
            String a = "k" + s.a();
            String b = "k" + s.b();
            long holdUntil = now + s.window();
            long claimUntil = now + s.retention();
            switch (s.op()) {
                case 0, 1 -> {
                    Reservation expected = Model.live(model.holds, b, now)
                            ? new Reservation.Denied(Instant.ofEpochMilli(model.holds.get(b)))
                            : grant(model.holds, b, holdUntil);
                    assertThat(ledger.reserve(b, at, Duration.ofMillis(s.window()))).isEqualTo(expected);
                }
                case 2, 3, 4 -> {
                    Reservation expected;
                    if (Model.live(model.claims, a, now)) {
                        expected = new Reservation.AlreadyClaimed(Instant.ofEpochMilli(model.claims.get(a)));
                    } else if (Model.live(model.holds, b, now)) {
                        expected = new Reservation.Denied(Instant.ofEpochMilli(model.holds.get(b)));
                    } else {
                        model.claims.put(a, claimUntil);
                        expected = grant(model.holds, b, holdUntil);
                    }
                    assertThat(ledger.reserveOnce(a, b, at, Duration.ofMillis(s.window()),
                            Duration.ofMillis(s.retention()))).isEqualTo(expected);
                }
                case 5 -> {
                    boolean expected = !Model.live(model.claims, a, now);
                    if (expected) {
                        model.claims.put(a, claimUntil);
                    }
                    assertThat(ledger.claim(a, at, Duration.ofMillis(s.retention()))).isEqualTo(expected);
                }
                case 6, 7 -> {
                    // Half the time the token of the current hold, otherwise one that matches nothing.
                    long until = s.op() == 6 ? model.holds.getOrDefault(b, holdUntil) : holdUntil + 1_000;
                    boolean released = ledger.release(b, Instant.ofEpochMilli(until));
                    if (model.holds.getOrDefault(b, Long.MIN_VALUE) != until) {
                        assertThat(released).isFalse();
                    } else {
                        // An expired hold may already be gone, reused or swept, so either answer is right.
                        if (until > now) {
                            assertThat(released).isTrue();
                        }
                        model.holds.remove(b);
                    }
                }
                default -> {
                    long t = now;
                    int expired = model.holds.size() + model.claims.size() - model.live(now);
                    assertThat(ledger.sweep(at)).isBetween(0, expired);
                    model.holds.values().removeIf(u -> u <= t);
                    model.claims.values().removeIf(u -> u <= t);
                    assertThat(ledger.size()).isEqualTo(model.live(now));
                }
            }
            assertThat(ledger.size()).isGreaterThanOrEqualTo(model.live(now));
        }
    }

    private static Reservation grant(Map<String, Long> holds, String key, long until) {
        holds.put(key, until);
        return new Reservation.Granted(Instant.ofEpochMilli(until));
    }
}
