package dev.csatkit.engine;

import static dev.csatkit.engine.EngineFixture.T0;
import static dev.csatkit.engine.EngineFixture.call;
import static dev.csatkit.engine.EngineFixture.company;
import static dev.csatkit.engine.EngineFixture.contact;
import static dev.csatkit.engine.EngineFixture.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.csatkit.InvalidConfigurationException;
import dev.csatkit.channels.spi.Channel;
import dev.csatkit.channels.spi.ChannelCapabilities;
import dev.csatkit.channels.spi.ChannelKind;
import dev.csatkit.channels.spi.DeliveryResult;
import dev.csatkit.channels.spi.OutboundMessage;
import dev.csatkit.engine.EngineFixture.ScriptedChannel;
import dev.csatkit.engine.EngineFixture.TestClock;
import dev.csatkit.policy.FrequencyCap;
import dev.csatkit.score.SurveyResponse;
import dev.csatkit.store.ApplyResult;
import dev.csatkit.store.ForwardingSurveyStore;
import dev.csatkit.store.InMemorySurveyStore;
import dev.csatkit.store.OpenSurvey;
import dev.csatkit.store.ReviewChange;
import dev.csatkit.store.SurveyState;
import dev.csatkit.store.Transition;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The façade's own corners: caps of one survey only, the skip of an interaction no profile
 * routes, a request naming a survey whose routes do not follow the interaction, the tries at a
 * review that keeps changing, the scheduler's thread, the responses' feed, and the builder's
 * messages and limits. And the dispatcher's paths that another instance opens, each made with a
 * store that answers one write as that instance would, a second engine on the same store, or a
 * channel whose answer the test gives: a write that throws, a survey handed out with nothing
 * due, a send taken over, an answer after the lease was renewed or the survey sent again, and a
 * deferral or a retry whose cap another survey took.
 */
class SurveyEngineCornersTest {

    static final String PHONE = "+46701234567";
    final TestClock clock = new TestClock(T0);
    final ScriptedChannel sms = EngineFixture.sms();

    static SurveyProfile.Builder smsProfile(String survey) {
        return SurveyProfile.builder(EngineFixture.smsSurvey(survey), ChannelKind.SMS)
                .acknowledgeSendingRules("ops@example.com", T0).placeholders(company()).noQuietHours();
    }

    @Test
    void capsOfOneSurveyDoNotHoldTheContactAcrossSurveys() {
        try (SurveyEngine e = SurveyEngine.builder().clock(clock).channel(sms).channel(EngineFixture.chat())
                .profile(smsProfile("after-call").route(Route.media(Medium.VOICE))
                        .frequencyCap(FrequencyCap.perSurvey(Duration.ofDays(3))).build())
                .profile(SurveyProfile.builder(EngineFixture.smsSurvey("after-chat"), ChannelKind.CHAT)
                        .route(Route.media(Medium.CHAT)).placeholders(company()).noQuietHours()
                        .frequencyCap(FrequencyCap.perSurvey(Duration.ofDays(3))).build())
                .build()) {
            Contact k = contact("k1", PHONE);
            assertThat(e.decide(call("call-1", k).build())).isInstanceOf(Decision.Scheduled.class);
            Interaction chat = Interaction.builder("chat-1", k, Medium.CHAT).agent(EngineFixture.alice())
                    .between(T0.minus(Duration.ofMinutes(6)), T0).build();
            assertThat(e.decide(chat)).isInstanceOf(Decision.Scheduled.class);
        }
    }

    @Test
    void anInteractionNoProfileRoutesIsSkippedNamingWhereItCameFrom() {
        try (SurveyEngine e = SurveyEngine.builder().clock(clock).channel(sms)
                .profile(smsProfile("after-call").route(Route.media(Medium.CHAT)).build()).build()) {
            Decision d = e.decide(call("call-1", contact("k1", PHONE)).brand("Acme").build());
            assertThat(d).isEqualTo(new Decision.Skipped(SkipReason.NO_SURVEY,
                    "no survey profile routes VOICE at entry point +15550100 for brand Acme", java.util.Optional.empty()));
        }
    }

    @Test
    void aRequestNamingASurveyWhoseRoutesDoNotFollowTakesTheProfileThatReachesTheContact() {
        try (SurveyEngine e = SurveyEngine.builder().clock(clock).channel(sms).channel(EngineFixture.chat())
                .profile(SurveyProfile.builder(EngineFixture.smsSurvey("after-call"), ChannelKind.CHAT)
                        .route(Route.media(Medium.CHAT)).placeholders(company()).noQuietHours().build())
                .profile(smsProfile("after-call").route(Route.media(Medium.CHAT)).build()).build()) {
            Contact phoneOnly = Contact.builder("k1").phone(PHONE).locale(java.util.Locale.ENGLISH)
                    .zone(java.time.ZoneOffset.UTC).build();
            Decision d = e.requestSurvey(SurveyRequest.of(call("call-1", phoneOnly).build(), "after-call"));
            assertThat(d).isInstanceOfSatisfying(Decision.Scheduled.class,
                    s -> assertThat(e.survey(s.surveyKey()).orElseThrow().channel()).isEqualTo(ChannelKind.SMS));
            Contact none = Contact.builder("k2").locale(java.util.Locale.ENGLISH).zone(java.time.ZoneOffset.UTC)
                    .build();
            Decision first = e.requestSurvey(SurveyRequest.of(call("call-2", none).build(), "after-call"));
            assertThat(first).isInstanceOfSatisfying(Decision.Skipped.class,
                    s -> assertThat(s.detail()).contains("chat"));
        }
    }

    @Test
    void aReviewThatKeepsChangingIsTriedSixteenTimes() {
        InMemorySurveyStore memory = new InMemorySurveyStore();
        AtomicBoolean refuse = new AtomicBoolean(false);
        AtomicInteger saves = new AtomicInteger();
        ForwardingSurveyStore changing = new ForwardingSurveyStore(memory) {
            @Override
            public boolean saveReview(ReviewChange change) {
                if (refuse.get()) {
                    saves.incrementAndGet();
                    return false;
                }
                return super.saveReview(change);
            }
        };
        try (SurveyEngine e = SurveyEngine.builder().clock(clock).channel(sms).store(changing)
                .profile(smsProfile("after-call").build()).build()) {
            Decision.Scheduled d = (Decision.Scheduled) e.decide(call("c1", contact("k-c1", PHONE)).build());
            e.dispatchDue();
            e.receive(text(sms, PHONE, "1", clock.instant()));
            assertThat(e.review(d.surveyKey())).isPresent();
            refuse.set(true);
            assertThatThrownBy(() -> e.takeReview(d.surveyKey(), "qa-lena"))
                    .isInstanceOf(ReviewRefusedException.class).hasMessageContaining("kept changing");
            assertThat(saves).hasValue(16);
        }
    }

    @Test
    void aSurveyWhoseWriteThrowsFailsAloneAndGivesBackItsCap() {
        InMemorySurveyStore memory = new InMemorySurveyStore();
        AtomicBoolean fail = new AtomicBoolean(false);
        ForwardingSurveyStore throwing = new ForwardingSurveyStore(memory) {
            @Override
            public ApplyResult apply(Transition transition) {
                if (fail.getAndSet(false)) {
                    throw new IllegalStateException("the store is full");
                }
                return super.apply(transition);
            }
        };
        try (SurveyEngine e = SurveyEngine.builder().clock(clock).channel(sms).store(throwing)
                .profile(smsProfile("after-call").build()).build()) {
            Contact k = contact("k-c1", PHONE);
            Decision.Scheduled d = (Decision.Scheduled) e.decide(call("c1", k).build());
            fail.set(true);
            assertThat(e.dispatchDue().failed()).isEqualTo(1);
            OpenSurvey failed = e.survey(d.surveyKey()).orElseThrow();
            assertThat(failed.state()).isEqualTo(SurveyState.FAILED);
            assertThat(failed.endReason()).contains("could not be sent: IllegalStateException");
            assertThat(sms.attempts).isEmpty();
            // The failed survey gave its cap back: the contact may be surveyed again at once.
            assertThat(e.decide(call("c2", k).build())).isInstanceOf(Decision.Scheduled.class);
        }
    }

    @Test
    void anAwaitingSurveyClaimedBeforeItsReminderIsDueIsOnlyUnleased() {
        InMemorySurveyStore memory = new InMemorySurveyStore();
        AtomicReference<String> early = new AtomicReference<>();
        // As after a lease ran out: the store hands out a survey with nothing due yet.
        ForwardingSurveyStore takenOver = new ForwardingSurveyStore(memory) {
            @Override
            public List<OpenSurvey> claimDue(Instant now, int limit, Instant leaseUntil) {
                String key = early.getAndSet(null);
                return key == null ? super.claimDue(now, limit, leaseUntil) : List.of(memory.find(key).orElseThrow());
            }
        };
        try (SurveyEngine e = SurveyEngine.builder().clock(clock).channel(sms).store(takenOver)
                .profile(smsProfile("after-call").reminderAfter(Duration.ofHours(4)).build()).build()) {
            Decision.Scheduled d = (Decision.Scheduled) e.decide(call("c1", contact("k-c1", PHONE)).build());
            assertThat(e.dispatchDue().sent()).isEqualTo(1);
            clock.advance(Duration.ofHours(1));
            early.set(d.surveyKey());
            assertThat(e.dispatchDue().reminded()).isZero();
            assertThat(sms.attempts).hasSize(1);
            assertThat(e.survey(d.surveyKey()).orElseThrow().reminderAt()).contains(T0.plus(Duration.ofHours(4)));
        }
    }

    @Test
    void aSendTakenOverAtItsLastAttemptIsGivenUpAndCountedOnce() {
        InMemorySurveyStore memory = new InMemorySurveyStore();
        SurveyProfile once = smsProfile("after-call").retry(new RetryPolicy(1, Duration.ofMinutes(1),
                Duration.ofHours(1), 2, 0)).build();
        // The first instance's send never answers; its dispatch stops waiting after a millisecond.
        sms.hang = m -> true;
        try (SurveyEngine first = SurveyEngine.builder().clock(clock).channel(sms).store(memory).profile(once)
                .sendTimeout(Duration.ofMillis(1)).build();
                SurveyEngine second = SurveyEngine.builder().clock(clock).channel(sms).store(memory).profile(once)
                        .build()) {
            Decision.Scheduled d = (Decision.Scheduled) first.decide(call("c1", contact("k-c1", PHONE)).build());
            assertThat(first.dispatchDue().sent()).isZero();
            clock.advance(Duration.ofMinutes(6));
            // The lease ran out: the second instance takes the survey over, at its last attempt.
            assertThat(second.dispatchDue().failed()).isEqualTo(1);
            assertThat(second.survey(d.surveyKey()).orElseThrow().state()).isEqualTo(SurveyState.FAILED);
            assertThat(sms.attempts).hasSize(1);
        } finally {
            sms.hung.forEach(f -> f.cancel(false));
        }
    }

    /** An SMS channel whose answers the test gives, each send counted down on {@code sending}. */
    static final class SilentSms implements Channel {
        final CountDownLatch sending = new CountDownLatch(1);
        final List<CompletableFuture<DeliveryResult>> answers = new CopyOnWriteArrayList<>();

        @Override
        public String id() {
            return "sms";
        }

        @Override
        public ChannelKind kind() {
            return ChannelKind.SMS;
        }

        @Override
        public ChannelCapabilities capabilities() {
            return ChannelCapabilities.sms(4);
        }

        @Override
        public CompletionStage<DeliveryResult> send(OutboundMessage message) {
            CompletableFuture<DeliveryResult> answer = new CompletableFuture<>();
            answers.add(answer);
            sending.countDown();
            return answer;
        }
    }

    @Test
    void anAnswerThatComesAfterOnlyTheLeaseWasRenewedStillMarksTheSurveySent() throws Exception {
        SilentSms silent = new SilentSms();
        ExecutorService background = Executors.newSingleThreadExecutor();
        try (SurveyEngine e = SurveyEngine.builder().clock(clock).channel(silent)
                .profile(smsProfile("after-call").build()).build()) {
            Decision.Scheduled d = (Decision.Scheduled) e.decide(call("c1", contact("k-c1", PHONE)).build());
            Future<SurveyEngine.DispatchSummary> first = background.submit(e::dispatchDue);
            silent.sending.await();
            clock.advance(Duration.ofMinutes(6));
            // The lease ran out while the channel was silent: this instance claims the survey again,
            // which renews only the lease, since the send is still under way here.
            assertThat(e.dispatchDue().sent()).isZero();
            silent.answers.get(0).complete(new DeliveryResult.Accepted("p-1"));
            assertThat(first.get().sent()).isEqualTo(1);
            assertThat(e.survey(d.surveyKey()).orElseThrow().state()).isEqualTo(SurveyState.AWAITING_REPLY);
            assertThat(silent.answers).hasSize(1);
        } finally {
            background.shutdownNow();
        }
    }

    @Test
    void anAnswerThatComesAfterAnotherInstanceSentAgainIsNotCountedAsSent() throws Exception {
        InMemorySurveyStore memory = new InMemorySurveyStore();
        SilentSms silent = new SilentSms();
        ExecutorService background = Executors.newSingleThreadExecutor();
        try (SurveyEngine first = SurveyEngine.builder().clock(clock).channel(silent).store(memory)
                .profile(smsProfile("after-call").build()).build();
                SurveyEngine second = SurveyEngine.builder().clock(clock).channel(sms).store(memory)
                        .profile(smsProfile("after-call").build()).build()) {
            Decision.Scheduled d = (Decision.Scheduled) first.decide(call("c1", contact("k-c1", PHONE)).build());
            Future<SurveyEngine.DispatchSummary> waiting = background.submit(first::dispatchDue);
            silent.sending.await();
            clock.advance(Duration.ofMinutes(6));
            // The lease ran out: the second instance sends the survey again, and its channel accepts.
            assertThat(second.dispatchDue().sent()).isEqualTo(1);
            silent.answers.get(0).complete(new DeliveryResult.Accepted("p-late"));
            assertThat(waiting.get().sent()).isZero();
            assertThat(second.survey(d.surveyKey()).orElseThrow().state()).isEqualTo(SurveyState.AWAITING_REPLY);
        } finally {
            background.shutdownNow();
        }
    }

    @Test
    void aDeferralWhoseCapAnotherSurveyTookWaitsForTheLaterOfTheCapAndTheQuietHours() {
        InMemorySurveyStore memory = new InMemorySurveyStore();
        Instant heldUntil = T0.plus(Duration.ofDays(2));
        AtomicBoolean capped = new AtomicBoolean(false);
        // As when another survey of the contact took the cap between the gate's check and the write.
        ForwardingSurveyStore taken = new ForwardingSurveyStore(memory) {
            @Override
            public ApplyResult apply(Transition transition) {
                return capped.getAndSet(false) ? new ApplyResult.Capped("cap:k-c1", heldUntil)
                        : super.apply(transition);
            }
        };
        try (SurveyEngine e = SurveyEngine.builder().clock(clock).channel(sms).store(taken)
                .profile(SurveyProfile.builder(EngineFixture.smsSurvey("after-call"), ChannelKind.SMS)
                        .acknowledgeSendingRules("ops@example.com", T0).placeholders(company()).build())
                .build()) {
            Decision.Scheduled d = (Decision.Scheduled) e.decide(call("c1", contact("k-c1", PHONE)).build());
            clock.advance(Duration.ofHours(12)); // 22:00 in the contact's zone: quiet until 08:00
            capped.set(true);
            e.dispatchDue();
            OpenSurvey waiting = e.survey(d.surveyKey()).orElseThrow();
            assertThat(waiting.state()).isEqualTo(SurveyState.SCHEDULED);
            assertThat(waiting.retryAt()).contains(heldUntil);
            assertThat(sms.attempts).isEmpty();
        }
    }

    @Test
    void aRetryWhoseCapAnotherSurveyTookWhileTheSendWasOutKeepsItsHolds() {
        InMemorySurveyStore memory = new InMemorySurveyStore();
        AtomicBoolean capped = new AtomicBoolean(false);
        ForwardingSurveyStore taken = new ForwardingSurveyStore(memory) {
            @Override
            public ApplyResult apply(Transition transition) {
                return capped.getAndSet(false) ? new ApplyResult.Capped("cap:k-c1", T0.plus(Duration.ofDays(2)))
                        : super.apply(transition);
            }
        };
        // The channel asks to try later; meanwhile another survey of the contact took the cap.
        sms.policy = m -> {
            capped.set(true);
            return new DeliveryResult.RetryLater(java.util.Optional.empty(), "busy");
        };
        try (SurveyEngine e = SurveyEngine.builder().clock(clock).channel(sms).store(taken)
                .profile(smsProfile("after-call").build()).build()) {
            Decision.Scheduled d = (Decision.Scheduled) e.decide(call("c1", contact("k-c1", PHONE)).build());
            List<dev.csatkit.store.CapHold> holds = e.survey(d.surveyKey()).orElseThrow().holds();
            assertThat(e.dispatchDue().retrying()).isEqualTo(1);
            OpenSurvey waiting = e.survey(d.surveyKey()).orElseThrow();
            assertThat(waiting.state()).isEqualTo(SurveyState.SCHEDULED);
            assertThat(waiting.retryAt()).isPresent();
            // Held from the send (at the same instant as the decision), not moved to count from the retry.
            assertThat(waiting.holds()).isNotEmpty().isEqualTo(holds);
        }
    }

    @Test
    void theSchedulersThreadDoesNotKeepTheJvmAlive() {
        try (SurveyEngine e = SurveyEngine.builder().clock(clock).channel(sms).profile(smsProfile("after-call").build())
                .build()) {
            e.start(Duration.ofHours(1));
            // The executor starts its thread when the first run is scheduled, before start returns.
            assertThat(Thread.getAllStackTraces().keySet()).filteredOn(t -> t.getName().equals("csat-dispatch"))
                    .isNotEmpty().allSatisfy(t -> assertThat(t.isDaemon()).isTrue());
        }
    }

    @Test
    void closingKeepsTheCallersInterrupt() throws InterruptedException {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        // The send holds the scheduler's thread, deaf to interrupts, until the test lets it go.
        sms.policy = m -> {
            entered.countDown();
            boolean interrupted = false;
            while (true) {
                try {
                    release.await();
                    break;
                } catch (InterruptedException x) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            return null;
        };
        SurveyEngine e = SurveyEngine.builder().clock(clock).channel(sms).profile(smsProfile("after-call").build())
                .build();
        try {
            e.decide(call("c1", contact("k-c1", PHONE)).build());
            e.start(Duration.ofHours(1));
            entered.await();
            Thread.currentThread().interrupt();
            e.close();
            assertThat(Thread.interrupted()).as("the interrupt close was given").isTrue();
        } finally {
            Thread.interrupted();
            release.countDown();
            e.close();
        }
    }

    @Test
    void theResponsesFeedReadsTheStore() {
        try (SurveyEngine e = SurveyEngine.builder().clock(clock).channel(sms).profile(smsProfile("after-call").build())
                .build()) {
            e.decide(call("c1", contact("k-c1", PHONE)).build());
            e.dispatchDue();
            e.receive(text(sms, PHONE, "4", clock.instant()));
            List<SurveyResponse> seen = new ArrayList<>();
            e.forEachResponse(T0.minusSeconds(1), T0.plusSeconds(3_600), seen::add);
            assertThat(seen).extracting(SurveyResponse::score).containsExactly(java.util.OptionalInt.of(4));
        }
    }

    @Test
    void aProfileNamingAChannelOfAnotherKindIsToldWhichKindItNeeds() {
        assertThatThrownBy(() -> SurveyEngine.builder().clock(clock).channel(sms).channel(EngineFixture.chat())
                .profile(smsProfile("after-call").channelId("chat").build()).build())
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("must name one of the engine's sms channels");
    }

    @Test
    void aHundredProfilesAreAllowed() {
        SurveyEngine.Builder b = SurveyEngine.builder().clock(clock).channel(sms);
        for (int n = 0; n < SurveyEngine.MAX_PROFILES; n++) {
            b.profile(smsProfile("survey-" + n).build());
        }
        try (SurveyEngine e = b.build()) {
            assertThat(e).isNotNull();
        }
        b.profile(smsProfile("survey-100").build());
        assertThatThrownBy(b::build).isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("profiles");
    }

    @Test
    void anSmsThatDoesNotFitItsChannelIsRefused() {
        ScriptedChannel tiny = new ScriptedChannel("sms", ChannelKind.SMS, ChannelCapabilities.sms(1));
        assertThatThrownBy(() -> SurveyEngine.builder().clock(clock).channel(tiny)
                .profile(smsProfile("after-call").placeholders(java.util.Map.of("company", "x".repeat(400))).build())
                .build()).isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("profiles[");
    }

    @Test
    void aMissingReviewerOrReasonIsRefusedAsMissing() {
        try (SurveyEngine e = SurveyEngine.builder().clock(clock).channel(sms).profile(smsProfile("after-call").build())
                .build()) {
            assertThatThrownBy(() -> e.takeReview("no-such-survey", null))
                    .isInstanceOf(InvalidConfigurationException.class).hasMessageContaining("reviewer");
            assertThatThrownBy(() -> e.reopenReview("no-such-survey", "Anna", null))
                    .isInstanceOf(InvalidConfigurationException.class).hasMessageContaining("reason");
            assertThatThrownBy(() -> e.takeReview("no-such-survey", "An\nna"))
                    .isInstanceOf(InvalidConfigurationException.class).hasMessageNotContaining("(missing)");
            assertThatThrownBy(() -> e.reopenReview("no-such-survey", "Anna", " "))
                    .isInstanceOf(InvalidConfigurationException.class).hasMessageNotContaining("(missing)");
        }
    }
}
