package dev.csatkit.engine;

import static dev.csatkit.engine.EngineFixture.T0;
import static dev.csatkit.engine.EngineFixture.call;
import static dev.csatkit.engine.EngineFixture.company;
import static dev.csatkit.engine.EngineFixture.contact;
import static dev.csatkit.engine.EngineFixture.keys;
import static dev.csatkit.engine.EngineFixture.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.csatkit.InvalidConfigurationException;
import dev.csatkit.channels.spi.AudioStage;
import dev.csatkit.channels.spi.ChannelKind;
import dev.csatkit.channels.spi.DeliveryResult;
import dev.csatkit.channels.spi.InboundReply;
import dev.csatkit.channels.spi.MessageContent;
import dev.csatkit.channels.spi.ReplyContent;
import dev.csatkit.engine.EngineFixture.ScriptedChannel;
import dev.csatkit.engine.EngineFixture.TestClock;
import dev.csatkit.scale.RatingScales;
import dev.csatkit.score.SurveyResponse;
import dev.csatkit.store.OpenSurvey;
import dev.csatkit.store.ReplyRecord;
import dev.csatkit.store.SurveyState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class RepliesTest {

    static final String PHONE = "+46701234567";
    final TestClock clock = new TestClock(T0);
    final ScriptedChannel sms = EngineFixture.sms();
    final List<SurveyEvent> events = new ArrayList<>();

    /** The shared SMS engine, with quiet hours off so that sends go when due. */
    SurveyEngine engine(UnaryOperator<SurveyProfile.Builder> tune) {
        return EngineFixture.smsEngine(clock, sms, events::add, b -> tune.apply(b.noQuietHours()));
    }

    OpenSurvey sent(SurveyEngine e, String id) {
        Decision.Scheduled d = (Decision.Scheduled) e.decide(call(id, contact("k-" + id, PHONE)).build());
        e.dispatchDue();
        return e.survey(d.surveyKey()).orElseThrow();
    }

    ReplyOutcome reply(SurveyEngine e, String body) {
        return e.receive(text(sms, PHONE, body, clock.instant()));
    }

    @Test
    void a_rating_is_recorded_confirmed_and_followed_by_the_comment_question() {
        SurveyEngine e = engine(b -> b);
        OpenSurvey s = sent(e, "c1");
        assertThat(reply(e, "4")).isEqualTo(new ReplyOutcome.Rated(s.id(), 4, false));
        assertThat(sms.texts()).hasSize(3);
        assertThat(sms.texts().get(1)).isEqualTo("Thanks, we got your 1-5 rating.");
        assertThat(sms.texts().get(2)).contains("What could we do better");
        clock.advance(Duration.ofMinutes(5));
        assertThat(reply(e, "The wait was long")).isEqualTo(new ReplyOutcome.Commented(s.id()));
        assertThat(sms.texts().get(3)).isEqualTo("Thank you for your comment.");
        SurveyResponse r = e.responses().get(0);
        assertThat(r.score()).hasValue(4);
        assertThat(r.comment()).contains("The wait was long");
        assertThat(r.agent()).contains("a-1");
        assertThat(events).filteredOn(ev -> ev instanceof SurveyEvent.Commented).hasSize(1);
    }

    @Test
    void a_reply_that_comes_while_the_prompt_is_being_sent_answers_it() {
        SurveyEngine e = engine(b -> b);
        List<ReplyOutcome> during = new ArrayList<>();
        sms.policy = m -> {
            if (m.idempotencyKey().endsWith(":prompt")) {
                // The customer answers before the carrier's confirmation reaches the engine, which
                // then times out: the reply proves the send, so it is neither lost nor sent again.
                during.add(reply(e, "5"));
                return new DeliveryResult.RetryLater(java.util.Optional.empty(), "carrier timed out");
            }
            return null;
        };
        Decision.Scheduled d = (Decision.Scheduled) e.decide(call("c1", contact("k-c1", PHONE)).build());

        SurveyEngine.DispatchSummary first = e.dispatchDue();
        clock.advance(Duration.ofHours(1));
        SurveyEngine.DispatchSummary later = e.dispatchDue();

        assertThat(during).containsExactly(new ReplyOutcome.Rated(d.surveyKey(), 5, false));
        assertThat(first.sent()).isEqualTo(1);
        assertThat(first.retrying() + later.sent() + later.retrying()).isZero();
        OpenSurvey s = e.survey(d.surveyKey()).orElseThrow();
        assertThat(s.state()).isEqualTo(SurveyState.RATED);
        assertThat(s.sentAt()).isPresent();
        assertThat(sms.attempts).filteredOn(m -> m.idempotencyKey().endsWith(":prompt")).hasSize(1);
        assertThat(events).filteredOn(ev -> ev instanceof SurveyEvent.Sent).hasSize(1);
        assertThat(e.responses()).singleElement().satisfies(r -> assertThat(r.score()).hasValue(5));
    }

    @Test
    void a_reply_stamped_before_the_engine_recorded_the_send_counts_from_the_send() {
        SurveyEngine e = engine(b -> b);
        Decision.Scheduled d = (Decision.Scheduled) e.decide(call("c1", contact("k-c1", PHONE)).build());
        sms.policy = m -> {
            clock.advance(Duration.ofSeconds(2)); // the carrier takes two seconds to answer
            return null;
        };
        e.dispatchDue();
        java.time.Instant sentAt = e.survey(d.surveyKey()).orElseThrow().sentAt().orElseThrow();

        // The adapter stamped the reply while the engine still waited for the carrier.
        ReplyOutcome o = e.receive(text(sms, PHONE, "4", sentAt.minusSeconds(1)));

        assertThat(o).isEqualTo(new ReplyOutcome.Rated(d.surveyKey(), 4, false));
        assertThat(e.responses()).singleElement().satisfies(r -> {
            assertThat(r.score()).hasValue(4);
            assertThat(r.respondedAt()).contains(sentAt);
        });
    }

    @Test
    void a_reply_never_rates_a_survey_whose_prompt_waits_for_a_retry() {
        SurveyEngine e = engine(b -> b);
        Decision.Scheduled d = (Decision.Scheduled) e.decide(call("c1", contact("k-c1", PHONE)).build());
        sms.script.add(new DeliveryResult.RetryLater(java.util.Optional.empty(), "carrier timed out"));
        assertThat(e.dispatchDue().retrying()).isEqualTo(1);
        clock.advance(Duration.ofSeconds(20));

        // The carrier did not confirm the prompt: the reply cannot be for it.
        assertThat(reply(e, "5")).isInstanceOf(ReplyOutcome.Unmatched.class);
        clock.advance(Duration.ofHours(1));
        assertThat(e.dispatchDue().sent()).isEqualTo(1);
        assertThat(reply(e, "4")).isEqualTo(new ReplyOutcome.Rated(d.surveyKey(), 4, false));

        assertThat(sms.attempts).filteredOn(m -> m.idempotencyKey().endsWith(":prompt"))
                .extracting(m -> m.idempotencyKey()).containsExactly(d.surveyKey() + ":prompt",
                        d.surveyKey() + ":prompt");
        assertThat(e.survey(d.surveyKey()).orElseThrow().state()).isEqualTo(SurveyState.RATED);
    }

    @Test
    void a_reply_passes_over_a_later_survey_that_failed_unsent_to_reach_the_open_one() {
        SurveyEngine e = engine(b -> b.noFrequencyCap());
        Decision.Scheduled first = (Decision.Scheduled) e.decide(call("c1", contact("k-c1", PHONE)).build());
        e.dispatchDue();
        clock.advance(Duration.ofMinutes(5));
        Decision.Scheduled second = (Decision.Scheduled) e.decide(call("c2", contact("k-c1", PHONE)).build());
        sms.script.add(new DeliveryResult.FailedPermanently("rejected by the carrier"));
        e.dispatchDue();
        assertThat(e.survey(second.surveyKey()).orElseThrow().state()).isEqualTo(SurveyState.FAILED);

        assertThat(reply(e, "4")).isEqualTo(new ReplyOutcome.Rated(first.surveyKey(), 4, false));
    }

    @Test
    void a_survey_due_after_its_contact_opted_out_ends_unsent() {
        SurveyEngine e = engine(b -> b.delay(Duration.ofHours(1)));
        Decision.Scheduled d = (Decision.Scheduled) e.decide(call("c1", contact("k-c1", PHONE)).build());
        assertThat(reply(e, "STOP")).isInstanceOf(ReplyOutcome.OptedOut.class);
        clock.advance(Duration.ofHours(1));
        e.dispatchDue();

        OpenSurvey s = e.survey(d.surveyKey()).orElseThrow();
        assertThat(s.state()).isEqualTo(SurveyState.OPTED_OUT);
        assertThat(s.sentAt()).isEmpty();
        assertThat(sms.attempts).noneMatch(m -> m.idempotencyKey().endsWith(":prompt"));
        assertThat(events).filteredOn(ev -> ev instanceof SurveyEvent.OptedOut
                && ((SurveyEvent.OptedOut) ev).survey().isPresent()).hasSize(1);
    }

    @Test
    void a_rating_with_its_comment_skips_the_follow_up() {
        SurveyEngine e = engine(b -> b);
        sent(e, "c1");
        assertThat(reply(e, "2 nobody called me back")).isInstanceOf(ReplyOutcome.Rated.class);
        assertThat(sms.texts()).hasSize(2);
        assertThat(events).filteredOn(ev -> ev instanceof SurveyEvent.LowScore).singleElement()
                .satisfies(ev -> assertThat(((SurveyEvent.LowScore) ev).comment()).contains("nobody called me back"));
    }

    @Test
    void low_scores_at_or_below_the_threshold_raise_an_event_for_review() {
        SurveyEngine e = engine(b -> b.lowScoreThreshold(3));
        sent(e, "c1");
        reply(e, "3");
        assertThat(events).filteredOn(ev -> ev instanceof SurveyEvent.LowScore).singleElement()
                .satisfies(ev -> {
                    SurveyEvent.LowScore low = (SurveyEvent.LowScore) ev;
                    assertThat(low.value()).isEqualTo(3);
                    assertThat(low.survey().interactionId()).isEqualTo("c1");
                    assertThat(low.survey().agent()).contains("a-1");
                });
    }

    @Test
    void invalid_replies_get_the_message_at_most_n_times_and_are_kept() {
        SurveyEngine e = engine(b -> b.maxInvalidReplies(2));
        OpenSurvey s = sent(e, "c1");
        String[] unreadable = {"maybe", "what is this?", "hmm"};
        for (int i = 1; i <= 3; i++) {
            ReplyOutcome o = reply(e, unreadable[i - 1]);
            assertThat(o).isInstanceOf(ReplyOutcome.Invalid.class);
            assertThat(((ReplyOutcome.Invalid) o).count()).isEqualTo(i);
        }
        assertThat(sms.texts()).filteredOn(t -> t.startsWith("Please reply with a number")).hasSize(2);
        assertThat(e.responses().get(0).invalid()).isTrue();
        assertThat(e.history(s.id())).extracting(ReplyRecord::kind).containsOnly(ReplyRecord.Kind.INVALID);
        assertThat(reply(e, "5")).isInstanceOf(ReplyOutcome.Rated.class);
        assertThat(e.responses().get(0).isRating()).isTrue();
    }

    @Test
    void a_second_rating_in_the_window_replaces_the_first_and_after_it_the_rating_is_locked() {
        SurveyEngine e = engine(b -> b.answerWindow(Duration.ofHours(2)).commentWindow(Duration.ofHours(4)));
        OpenSurvey s = sent(e, "c1");
        reply(e, "2");
        clock.advance(Duration.ofMinutes(30));
        assertThat(reply(e, "5")).isEqualTo(new ReplyOutcome.Rated(s.id(), 5, true));
        clock.advance(Duration.ofHours(2));
        assertThat(reply(e, "1")).isEqualTo(new ReplyOutcome.Late(s.id(), false));
        assertThat(e.responses().get(0).score()).hasValue(5);
        assertThat(e.history(s.id())).extracting(ReplyRecord::kind)
                .containsExactly(ReplyRecord.Kind.RATING, ReplyRecord.Kind.RATING, ReplyRecord.Kind.LATE);
    }

    @Test
    void a_reply_after_the_window_is_late_and_not_counted_unless_configured() {
        SurveyEngine e = engine(b -> b.answerWindow(Duration.ofHours(1)));
        OpenSurvey s = sent(e, "c1");
        clock.advance(Duration.ofHours(2));
        e.dispatchDue();
        assertThat(e.survey(s.id()).orElseThrow().state()).isEqualTo(SurveyState.EXPIRED);
        assertThat(reply(e, "4")).isEqualTo(new ReplyOutcome.Late(s.id(), false));
        SurveyResponse r = e.responses().get(0);
        assertThat(r.late()).isTrue();
        assertThat(r.isRating()).isFalse();
        assertThat(r.score()).hasValue(4);

        SurveyEngine counting = engine(b -> b.answerWindow(Duration.ofHours(1)).countLateReplies(true));
        OpenSurvey s2 = sent(counting, "c2");
        clock.advance(Duration.ofHours(2));
        assertThat(counting.receive(text(sms, PHONE, "4", clock.instant())))
                .isEqualTo(new ReplyOutcome.Late(s2.id(), true));
        assertThat(counting.responses().get(0).isRating()).isTrue();
    }

    @Test
    void an_opt_out_is_recorded_for_good_confirmed_once_and_lifted_by_an_opt_in() {
        SurveyEngine e = engine(b -> b);
        OpenSurvey s = sent(e, "c1");
        assertThat(reply(e, "STOP")).isEqualTo(new ReplyOutcome.OptedOut(true));
        assertThat(e.survey(s.id()).orElseThrow().state()).isEqualTo(SurveyState.OPTED_OUT);
        // The first STOP is the one confirmed, at once; the second adds nothing.
        List<String> afterFirst = List.copyOf(sms.texts());
        assertThat(afterFirst).filteredOn(t -> t.contains("not receive any more surveys")).hasSize(1);
        assertThat(reply(e, "stop")).isEqualTo(new ReplyOutcome.OptedOut(false));
        e.dispatchDue();
        assertThat(sms.texts()).isEqualTo(afterFirst);
        clock.advance(Duration.ofDays(400));
        assertThat(((Decision.Skipped) e.decide(call("c2", contact("k-c2", PHONE)).build())).reason())
                .isEqualTo(SkipReason.OPTED_OUT);
        assertThat(reply(e, "START")).isEqualTo(new ReplyOutcome.OptedIn(true));
        assertThat(e.decide(call("c3", contact("k-c3", PHONE)).build())).isInstanceOf(Decision.Scheduled.class);
        assertThat(events).filteredOn(ev -> ev instanceof SurveyEvent.OptedOut).hasSize(1);
    }

    @Test
    void help_sends_the_question_again() {
        SurveyEngine e = engine(b -> b);
        OpenSurvey s = sent(e, "c1");
        assertThat(reply(e, "HELP")).isEqualTo(new ReplyOutcome.Helped(s.id()));
        assertThat(sms.texts()).hasSize(2);
        assertThat(sms.texts().get(1)).isEqualTo(sms.texts().get(0));
    }

    @Test
    void a_reply_with_no_survey_is_unmatched_not_thrown() {
        SurveyEngine e = engine(b -> b);
        assertThat(reply(e, "5")).isInstanceOf(ReplyOutcome.Unmatched.class);
        InboundReply elsewhere = new InboundReply("other", PHONE, "x", new ReplyContent.Text("5"), "m-x", T0);
        assertThat(e.receive(elsewhere)).isInstanceOf(ReplyOutcome.Unmatched.class);
    }

    @Test
    void the_same_provider_message_twice_is_handled_once() {
        SurveyEngine e = engine(b -> b);
        OpenSurvey s = sent(e, "c1");
        InboundReply r = new InboundReply("sms", PHONE, "x", new ReplyContent.Text("5"), "prov-1", clock.instant());
        assertThat(e.receive(r)).isInstanceOf(ReplyOutcome.Rated.class);
        assertThat(e.receive(r)).isEqualTo(new ReplyOutcome.Duplicate("prov-1"));
        assertThat(e.history(s.id())).hasSize(1);
    }

    @Test
    void chat_buttons_and_email_links_are_read_as_ratings() {
        ScriptedChannel chat = EngineFixture.chat();
        ScriptedChannel mail = EngineFixture.email();
        SurveyEngine e = SurveyEngine.builder().clock(clock).channel(chat).channel(mail)
                .emailLinks((key, to, value, expires) -> "https://example.com/r?s=" + key + "&v=" + value)
                .profile(SurveyProfile.builder(EngineFixture.smsSurvey("chat"), ChannelKind.CHAT)
                        .route(Route.media(Medium.CHAT)).placeholders(company()).noFrequencyCap().build())
                .profile(SurveyProfile.builder(EngineFixture.smsSurvey("mail"), ChannelKind.EMAIL)
                        .route(Route.media(Medium.TICKET)).placeholders(company()).noFrequencyCap().build())
                .build();
        Contact k = contact("k1", PHONE);
        Decision.Scheduled c = (Decision.Scheduled) e.decide(Interaction.builder("chat-1", k, Medium.CHAT)
                .agent(EngineFixture.alice()).build());
        Decision.Scheduled m = (Decision.Scheduled) e.decide(Interaction.builder("ticket-1", k, Medium.TICKET)
                .agent(EngineFixture.alice()).build());
        e.dispatchDue();
        assertThat(((MessageContent.Chat) chat.delivered.get(0).content()).buttons()).hasSize(5);
        assertThat(((MessageContent.Email) mail.delivered.get(0).content()).plainText())
                .contains("https://example.com/r?s=" + m.surveyKey() + "&v=5");
        assertThat(e.receive(new InboundReply("chat", "chat-k1", "bot", new ReplyContent.Button("4"), "b1", T0)))
                .isEqualTo(new ReplyOutcome.Rated(c.surveyKey(), 4, false));
        assertThat(e.receive(new InboundReply("mail", "k1@example.com", "csat@example.com",
                new ReplyContent.Link(m.surveyKey(), 5), "ballot-1", T0)))
                .isEqualTo(new ReplyOutcome.Rated(m.surveyKey(), 5, false));
        assertThat(e.receive(new InboundReply("mail", "someone@else.com", "csat@example.com",
                new ReplyContent.Link(m.surveyKey(), 1), "ballot-2", T0)))
                .isInstanceOf(ReplyOutcome.Unmatched.class);
    }

    /** An engine with one email survey after tickets; {@code signedFor} collects whom links name. */
    SurveyEngine mailEngine(ScriptedChannel mail, java.util.Set<String> signedFor) {
        return SurveyEngine.builder().clock(clock).channel(mail).listener(events::add)
                .emailLinks((key, to, value, expires) -> {
                    signedFor.add(to);
                    return "https://example.com/r?s=" + key + "&v=" + value;
                })
                .profile(SurveyProfile.builder(EngineFixture.smsSurvey("mail"), ChannelKind.EMAIL)
                        .route(Route.media(Medium.TICKET)).placeholders(company()).build())
                .build();
    }

    static Decision.Scheduled ticketSurveySent(SurveyEngine e) {
        Decision.Scheduled m = (Decision.Scheduled) e.decide(Interaction.builder("ticket-1",
                contact("k1", PHONE), Medium.TICKET).agent(EngineFixture.alice()).build());
        e.dispatchDue();
        return m;
    }

    @Test
    void an_email_rating_carries_its_comment_and_no_email_asks_for_a_typed_reply() {
        ScriptedChannel mail = EngineFixture.email();
        java.util.Set<String> signedFor = new java.util.HashSet<>();
        SurveyEngine e = mailEngine(mail, signedFor);
        Decision.Scheduled m = ticketSurveySent(e);

        assertThat(signedFor).as("links name the contact, never the email address").containsExactly("k1");
        assertThat(e.receive(new InboundReply("mail", "k1", "csat@example.com",
                new ReplyContent.Link(m.surveyKey(), 2, java.util.Optional.of("Nobody called back")), "ballot-1", T0)))
                .isEqualTo(new ReplyOutcome.Rated(m.surveyKey(), 2, false));

        OpenSurvey s = e.survey(m.surveyKey()).orElseThrow();
        assertThat(s.comment()).contains("Nobody called back");
        assertThat(s.followUpAsked()).isFalse();
        assertThat(mail.delivered).hasSize(2).last().satisfies(confirmation -> assertThat(
                ((MessageContent.Email) confirmation.content()).plainText()).isEqualTo("Thanks, we got your 1-5 rating."));
        assertThat(events).filteredOn(ev -> ev instanceof SurveyEvent.LowScore).singleElement()
                .satisfies(ev -> assertThat(((SurveyEvent.LowScore) ev).comment()).contains("Nobody called back"));
    }

    @Test
    void a_link_comment_longer_than_a_response_keeps_is_cut_between_characters() {
        SurveyEngine e = mailEngine(EngineFixture.email(), new java.util.HashSet<>());
        Decision.Scheduled m = ticketSurveySent(e);
        // An emoji (two chars) straddles the last character a response keeps.
        String comment = "x".repeat(SurveyResponse.MAX_COMMENT_LENGTH - 1) + "\uD83D\uDE00" + "tail";

        assertThat(e.receive(new InboundReply("mail", "k1", "csat@example.com",
                new ReplyContent.Link(m.surveyKey(), 3, java.util.Optional.of(comment)), "ballot-1", T0)))
                .isEqualTo(new ReplyOutcome.Rated(m.surveyKey(), 3, false));
        assertThat(e.responses()).singleElement().satisfies(r ->
                assertThat(r.comment()).contains("x".repeat(SurveyResponse.MAX_COMMENT_LENGTH - 1)));
    }

    @Test
    void keypad_no_match_and_no_input_are_counted_apart_and_past_the_limit_the_survey_ends() {
        ScriptedChannel ivr = EngineFixture.keypad();
        SurveyEngine e = SurveyEngine.builder().clock(clock).channel(ivr).listener(events::add)
                .profile(SurveyProfile.builder(EngineFixture.keypadSurvey("ivr"), ChannelKind.VOICE_DTMF)
                        .maxInvalidReplies(1).maxNoInputs(2).moodScale(RatingScales.threeFaces()).build())
                .build();
        Interaction callIn = call("c1", contact("k1", PHONE)).build();
        Decision.Scheduled d = (Decision.Scheduled) e.decide(callIn);
        e.dispatchDue();
        ReplyOutcome.Invalid none = (ReplyOutcome.Invalid) e.receive(keys(ivr, PHONE, "", T0));
        assertThat(none.kind()).isEqualTo(ReplyOutcome.InvalidKind.NO_INPUT);
        ReplyOutcome.Invalid bad = (ReplyOutcome.Invalid) e.receive(keys(ivr, PHONE, "0", T0));
        assertThat(bad.kind()).isEqualTo(ReplyOutcome.InvalidKind.NO_MATCH);
        assertThat(bad.count()).isEqualTo(1);
        assertThat(bad.surveyEnded()).isFalse();
        MessageContent.Keypad reprompt = (MessageContent.Keypad) ivr.delivered.get(ivr.delivered.size() - 1).content();
        assertThat(reprompt.stage(AudioStage.Phase.ANNOUNCEMENT)).isPresent();
        ReplyOutcome.Invalid again = (ReplyOutcome.Invalid) e.receive(keys(ivr, PHONE, "#", T0));
        assertThat(again.surveyEnded()).isTrue();
        OpenSurvey s = e.survey(d.surveyKey()).orElseThrow();
        assertThat(s.state()).isEqualTo(SurveyState.EXPIRED);
        assertThat(s.noInputs()).isEqualTo(1);
        assertThat(s.invalidReplies()).isEqualTo(2);
        assertThat(e.recordMood(callIn, 1).value()).isEqualTo(1);
        assertThat(e.moods()).hasSize(1);
        assertThatThrownBy(() -> e.recordMood(callIn, 7)).isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("mood");
    }

    @Test
    void a_keypad_rating_is_recorded_without_text_messages() {
        ScriptedChannel ivr = EngineFixture.keypad();
        SurveyEngine e = SurveyEngine.builder().clock(clock).channel(ivr)
                .profile(SurveyProfile.builder(EngineFixture.keypadSurvey("ivr"), ChannelKind.VOICE_DTMF).build())
                .build();
        Decision.Scheduled d = (Decision.Scheduled) e.decide(call("c1", contact("k1", PHONE)).build());
        e.dispatchDue();
        assertThat(e.receive(keys(ivr, PHONE, "8", T0))).isEqualTo(new ReplyOutcome.Rated(d.surveyKey(), 8, false));
        assertThat(ivr.delivered).hasSize(1);
        assertThat(e.receive(keys(ivr, PHONE, "*", T0))).isEqualTo(new ReplyOutcome.Replayed(d.surveyKey()));
    }
}
