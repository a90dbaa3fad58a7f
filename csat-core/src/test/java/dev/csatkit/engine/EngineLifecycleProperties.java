package dev.csatkit.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.csatkit.channels.spi.ChannelKind;
import dev.csatkit.channels.spi.DeliveryResult;
import dev.csatkit.channels.spi.InboundReply;
import dev.csatkit.channels.spi.ReplyContent;
import dev.csatkit.engine.EngineFixture.Attempt;
import dev.csatkit.engine.EngineFixture.ScriptedChannel;
import dev.csatkit.engine.EngineFixture.TestClock;
import dev.csatkit.policy.FrequencyCap;
import dev.csatkit.policy.QuietHours;
import dev.csatkit.store.OpenSurvey;
import dev.csatkit.store.SurveyState;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.state.Action;
import net.jqwik.api.state.ActionChain;
import net.jqwik.api.state.Transformer;

/**
 * The engine's lifecycle as a model: random chains of decisions, clock moves across quiet hours
 * and cap windows, dispatches through a channel that accepts, retries, refuses or hangs, and
 * replies of every kind (ratings, comments, garbage, HELP, STOP, START, redeliveries), with the
 * engine's promises checked after every step against what the model saw happen.
 */
class EngineLifecycleProperties {

    static final Instant START = Instant.parse("2026-03-02T06:00:00Z");
    static final Duration CAP = Duration.ofHours(2);
    static final QuietHours QUIET = new QuietHours(LocalTime.of(21, 0), LocalTime.of(8, 0));
    static final List<ZoneId> ZONES = List.of(ZoneId.of("UTC"), ZoneId.of("America/New_York"),
            ZoneId.of("Asia/Tokyo"), ZoneId.of("Europe/London"));
    static final String OPTED_OUT_TEXT = "not receive any more surveys";

    enum Mode { ACCEPT, RETRY, REFUSE, HANG }

    enum Reply { RATING, LOW_RATING, COMMENT, GARBAGE, HELP, STOP, START, REDELIVER }

    /** The engine, its channel and clock, and what the model knows should hold. */
    static final class World {
        final TestClock clock = new TestClock(START);
        final ScriptedChannel sms = EngineFixture.sms().stampedBy(clock);
        final List<SurveyEvent> events = new CopyOnWriteArrayList<>();
        final List<Contact> contacts = new ArrayList<>();
        final SurveyEngine engine;
        volatile Mode mode = Mode.ACCEPT;
        int interactions;
        int messages;
        Optional<InboundReply> lastReply = Optional.empty();
        /** Each interaction decided, with its contact and whether it got a survey. */
        final List<Object[]> decided = new ArrayList<>();
        final List<String> scheduled = new ArrayList<>();
        /** The final state each survey reached, once it did: it never changes again. */
        final Map<String, SurveyState> finals = new HashMap<>();
        /** Per phone number: the channel log's length when it opted out, while it stays opted out. */
        final Map<String, Integer> optedOutAt = new HashMap<>();

        World() {
            for (int i = 0; i < ZONES.size(); i++) {
                contacts.add(Contact.builder("k" + i).phone("+4670000000" + i).locale(Locale.ENGLISH)
                        .zone(ZONES.get(i)).build());
            }
            sms.policy = m -> switch (mode) {
                case ACCEPT, HANG -> null;
                case RETRY -> new DeliveryResult.RetryLater(Optional.empty(), "carrier busy");
                case REFUSE -> new DeliveryResult.FailedPermanently("number unreachable");
            };
            sms.hang = m -> mode == Mode.HANG;
            engine = SurveyEngine.builder().clock(clock).channel(sms).listener(events::add)
                    .sendLease(Duration.ofSeconds(30)).sendTimeout(Duration.ofMillis(1))
                    .profile(SurveyProfile.builder(EngineFixture.smsSurvey("after-call"), ChannelKind.SMS)
                            .acknowledgeSendingRules("ops@example.com", EngineFixture.T0)
                            .placeholders(EngineFixture.company()).quietHours(QUIET)
                            .frequencyCap(FrequencyCap.acrossSurveys(CAP)).reminderAfter(Duration.ofHours(1))
                            .answerWindow(Duration.ofHours(3)).commentWindow(Duration.ofMinutes(30))
                            .retry(new RetryPolicy(3, Duration.ofMinutes(2), Duration.ofMinutes(10), 2, 0)).build())
                    .build();
        }

        void decide(int contact) {
            String id = "i" + interactions++;
            Instant now = clock.instant();
            Decision d = engine.decide(EngineFixture.call(id, contacts.get(contact))
                    .between(now.minus(Duration.ofMinutes(5)), now).build());
            decided.add(new Object[] {id, contact, d instanceof Decision.Scheduled});
            if (d instanceof Decision.Scheduled s) {
                scheduled.add(s.surveyKey());
            }
        }

        void replay(int index) {
            if (decided.isEmpty()) {
                return;
            }
            Object[] earlier = decided.get(index % decided.size());
            String id = (String) earlier[0];
            Instant now = clock.instant();
            Decision d = engine.decide(EngineFixture.call(id, contacts.get((Integer) earlier[1]))
                    .between(now.minus(Duration.ofMinutes(5)), now).build());
            if ((Boolean) earlier[2]) {
                // DUPLICATE, or an earlier rule's no (the contact may have opted out since): never a second survey.
                assertThat(d).as("a replay of %s, which has its survey", id).isInstanceOf(Decision.Skipped.class);
            } else if (d instanceof Decision.Scheduled s) {
                earlier[2] = true; // refused then (capped, quiet): the replay may be surveyed now
                scheduled.add(s.surveyKey());
            }
        }

        void reply(int contact, Reply kind) {
            String phone = contacts.get(contact).address(ChannelKind.SMS).orElseThrow();
            InboundReply reply;
            if (kind == Reply.REDELIVER && lastReply.isPresent()) {
                reply = lastReply.get();
            } else {
                String text = switch (kind) {
                    case RATING -> "5";
                    case LOW_RATING -> "1";
                    case COMMENT -> "the agent was kind";
                    case GARBAGE -> "???";
                    case HELP -> "HELP";
                    case STOP, REDELIVER -> "STOP";
                    case START -> "START";
                };
                reply = new InboundReply("sms", phone, "+15550100", new ReplyContent.Text(text), "m" + messages++,
                        clock.instant());
            }
            lastReply = Optional.of(reply);
            int before = events.size();
            int logged = sms.logged().size();
            String text = ((ReplyContent.Text) reply.content()).text();
            ReplyOutcome outcome = engine.receive(reply);
            assertThat(outcome).isNotNull();
            assertThat(events.size()).as("every reply is accounted for by an event: %s gave %s", text, outcome)
                    .isGreaterThan(before);
            if (outcome instanceof ReplyOutcome.OptedOut) {
                optedOutAt.putIfAbsent(reply.sender(), logged);
            } else if (outcome instanceof ReplyOutcome.OptedIn) {
                optedOutAt.remove(reply.sender());
            }
        }

        /** The promises, checked after every step. */
        void check() {
            checkFinalStates();
            List<Attempt> log = sms.logged();
            checkOptOuts(log);
            checkQuietHours(log);
            checkCap(log);
        }

        private void checkFinalStates() {
            Map<String, Integer> finalEvents = new HashMap<>();
            for (SurveyEvent e : events) {
                finalKey(e).ifPresent(k -> finalEvents.merge(k, 1, Integer::sum));
            }
            for (String key : scheduled) {
                OpenSurvey s = engine.survey(key).orElseThrow();
                SurveyState was = finals.get(key);
                if (was != null) {
                    assertThat(s.state()).as("survey %s ended %s and must stay so", key, was).isEqualTo(was);
                } else if (s.state().isFinal()) {
                    finals.put(key, s.state());
                }
                assertThat(finalEvents.getOrDefault(key, 0)).as("final events of survey %s (%s)", key, s.state())
                        .isEqualTo(s.state().isFinal() ? 1 : 0);
            }
        }

        private static Optional<String> finalKey(SurveyEvent e) {
            if (e instanceof SurveyEvent.Answered a) {
                return Optional.of(a.survey().id());
            }
            if (e instanceof SurveyEvent.Expired x) {
                return Optional.of(x.survey().id());
            }
            if (e instanceof SurveyEvent.Failed f && f.permanent()) {
                return Optional.of(f.survey().id());
            }
            if (e instanceof SurveyEvent.OptedOut o) {
                return o.survey().filter(s -> s.state() == SurveyState.OPTED_OUT).map(OpenSurvey::id);
            }
            return Optional.empty();
        }

        private void checkOptOuts(List<Attempt> log) {
            optedOutAt.forEach((phone, from) -> {
                List<Attempt> after = log.subList(Math.min(from, log.size()), log.size()).stream()
                        .filter(a -> a.message().recipient().equals(phone)).toList();
                assertThat(after.stream().filter(a -> !a.text().contains(OPTED_OUT_TEXT)).map(Attempt::text))
                        .as("nothing but the confirmation goes to %s after its STOP", phone).isEmpty();
                assertThat(after.stream().map(a -> a.message().idempotencyKey()).distinct())
                        .as("one opt-out is confirmed once").hasSizeLessThanOrEqualTo(1);
            });
        }

        private void checkQuietHours(List<Attempt> log) {
            for (Attempt a : log) {
                if (a.text().contains(OPTED_OUT_TEXT)) {
                    continue; // asked for by the customer a moment ago, and the last message
                }
                ZoneId zone = zoneOf(a.message().recipient());
                assertThat(QUIET.contains(a.at().atZone(zone).toLocalTime()))
                        .as("%s sent at %s in %s", a.message().idempotencyKey(), a.at(), zone).isFalse();
            }
        }

        private void checkCap(List<Attempt> log) {
            Map<String, Instant> firstPrompt = new HashMap<>();
            Map<String, String> recipient = new HashMap<>();
            for (Attempt a : log) {
                String key = a.message().idempotencyKey();
                if (key.endsWith(":prompt") && a.result() instanceof DeliveryResult.Accepted) {
                    firstPrompt.putIfAbsent(key, a.at());
                    recipient.put(key, a.message().recipient());
                }
            }
            Map<String, List<Instant>> byPhone = new HashMap<>();
            firstPrompt.forEach((key, at) -> byPhone.computeIfAbsent(recipient.get(key), p -> new ArrayList<>())
                    .add(at));
            byPhone.forEach((phone, times) -> {
                times.sort(null);
                for (int i = 1; i < times.size(); i++) {
                    assertThat(Duration.between(times.get(i - 1), times.get(i))).as("prompts to %s", phone)
                            .isGreaterThanOrEqualTo(CAP);
                }
            });
        }

        private ZoneId zoneOf(String phone) {
            return ZONES.get(phone.charAt(phone.length() - 1) - '0');
        }

        /**
         * After the chain: the channel heals — sends it left hanging time out, as an adapter's own
         * timeout ends them — and time runs on until nothing is open.
         */
        void settle() {
            mode = Mode.ACCEPT;
            sms.release(new DeliveryResult.RetryLater(Optional.empty(), "timed out"));
            for (int hour = 0; hour < 72; hour++) {
                clock.advance(Duration.ofHours(1));
                engine.dispatchDue();
                check();
            }
            for (String key : scheduled) {
                OpenSurvey s = engine.survey(key).orElseThrow();
                assertThat(s.state().isFinal()).as("survey %s ended", s).isTrue();
            }
        }
    }

    @Property(tries = 1000)
    void every_promise_holds_after_every_step(@ForAll("lifecycles") ActionChain<World> chain) {
        World end = chain.withInvariant("the engine's promises", World::check).run();
        end.settle();
    }

    @Provide
    Arbitrary<ActionChain<World>> lifecycles() {
        return ActionChain.startWith(World::new)
                .withAction(4, act(Arbitraries.integers().between(0, ZONES.size() - 1),
                        c -> "decide for contact " + c, (w, c) -> w.decide(c)))
                .withAction(1, act(Arbitraries.integers().between(0, 1000), i -> "replay interaction " + i,
                        (w, i) -> w.replay(i)))
                .withAction(4, act(Arbitraries.of(1, 5, 20, 45, 90, 180, 400), m -> "advance " + m + " min",
                        (w, m) -> w.clock.advance(Duration.ofMinutes(m))))
                .withAction(4, act(Arbitraries.just(0), x -> "dispatch", (w, x) -> w.engine.dispatchDue()))
                .withAction(4, act(Arbitraries.integers().between(0, ZONES.size() - 1)
                                .flatMap(c -> Arbitraries.of(Reply.class).map(r -> List.of(c, r.ordinal()))),
                        p -> "reply " + Reply.values()[p.get(1)] + " from contact " + p.get(0),
                        (w, p) -> w.reply(p.get(0), Reply.values()[p.get(1)])))
                .withAction(1, act(Arbitraries.of(Mode.class), m -> "channel " + m, (w, m) -> w.mode = m))
                .withMaxTransformations(50);
    }

    private static <T> Action.Independent<World> act(Arbitrary<T> values, java.util.function.Function<T, String> name,
            java.util.function.BiConsumer<World, T> step) {
        return () -> values.map(v -> Transformer.mutate(name.apply(v), w -> step.accept(w, v)));
    }
}
