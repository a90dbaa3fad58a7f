package dev.csatkit.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.csatkit.channels.spi.ChannelKind;
import dev.csatkit.score.SurveyResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A store with nothing overridden answers every call as the store it wraps. */
class ForwardingSurveyStoreTest {

    private static final Instant T = Instant.parse("2025-03-14T09:00:00Z");

    private static Instant at(long seconds) {
        return T.plusSeconds(seconds);
    }

    private final InMemorySurveyStore inner = new InMemorySurveyStore();
    private final SurveyStore store = new ForwardingSurveyStore(inner) {
    };

    @Test
    void everyCallReachesTheWrappedStore() {
        OpenSurvey s = OpenSurvey.builder("sv-1", "csat", "call-1", T).contactId("c1")
                .channel(ChannelKind.SMS, "sms", "+46701").holds(List.of(new CapHold("cap-a", at(600))))
                .sendAt(at(1)).build();
        assertThat(store.schedule(new ScheduleRequest(s, List.of(), T, at(3_600)))).isEqualTo(new ScheduleResult.Scheduled(s));
        assertThat(store.find("sv-1")).hasValue(s);
        assertThat(store.precheck("call-2", List.of("cap-a"), List.of(), T))
                .hasValue(new ScheduleResult.Capped("cap-a", at(600)));
        List<OpenSurvey> due = store.claimDue(at(1), 10, at(100));
        assertThat(due).extracting(OpenSurvey::id).containsExactly("sv-1");
        OpenSurvey sent = due.get(0).toBuilder().promptedAt(at(2)).sentAt(at(2)).state(SurveyState.AWAITING_REPLY).build();
        SurveyResponse response = SurveyResponse.builder("call-1", "csat", at(2)).rating(4, at(3)).build();
        ReplyRecord reply = new ReplyRecord("sv-1", at(3), ReplyRecord.Kind.RATING, OptionalInt.of(4), Optional.empty(),
                true);
        OutboxMessage help = new OutboxMessage("help-1", OutboxMessage.Purpose.HELP, "sms", ChannelKind.SMS, "+46701",
                Optional.empty(), Locale.ROOT, at(4), 0);
        assertThat(store.apply(Transition.at(at(3)).change(due.get(0), sent).inbound("in-1", at(60)).response(response)
                .reply(reply).send(help).build())).isEqualTo(new ApplyResult.Applied(false));
        assertThat(store.latestDelivered("sms", "+46701")).hasValue(sent);
        assertThat(store.seenInbound("in-1", at(59))).isTrue();
        assertThat(store.seenInbound("in-1", at(60))).isFalse();
        assertThat(store.response("sv-1")).hasValue(response);
        assertThat(store.history("sv-1")).containsExactly(reply);
        List<SurveyResponse> responses = new ArrayList<>();
        store.forEachResponse(T, at(10), responses::add);
        assertThat(responses).containsExactly(response);

        List<OutboxMessage> claimed = store.claimOutbox(at(4), 10, at(50));
        assertThat(claimed).extracting(OutboxMessage::key).containsExactly("help-1");
        assertThat(store.settleOutbox(claimed.get(0).dueAt(at(50), true), Optional.empty())).isFalse();
        assertThat(store.settleOutbox(claimed.get(0), Optional.empty())).isTrue();

        assertThat(store.isOptedOut(List.of("SMS:+46701"))).isFalse();
        inner.apply(Transition.at(T).optOut(new Transition.OptOutChange(List.of("SMS:+46701"), false, Optional.empty()))
                .build());
        assertThat(store.isOptedOut(List.of("SMS:+46701"))).isTrue();

        MoodAssessment mood = new MoodAssessment("call-1", "csat", "ann", Optional.empty(), "mood", 3, at(5));
        store.saveMood(mood);
        List<MoodAssessment> moods = new ArrayList<>();
        store.forEachMood(T, at(10), moods::add);
        assertThat(moods).containsExactly(mood);
        inner.forEachMood(T, at(10), moods::add);
        assertThat(moods).containsExactly(mood, mood);

        LowScoreReview review = LowScoreReview.builder("sv-1", "csat", "call-1", "c1", 1, at(5)).build();
        assertThat(store.saveReview(ReviewChange.open(review))).isTrue();
        assertThat(store.saveReview(ReviewChange.open(review))).isFalse();
        assertThat(store.review("sv-1")).hasValue(review);
        List<LowScoreReview> reviews = new ArrayList<>();
        store.forEachReview(T, at(10), reviews::add);
        assertThat(reviews).containsExactly(review);
        assertThat(store.reviews(Set.of(ReviewStatus.OPEN), 5)).containsExactly(review);

        inner.apply(Transition.at(at(6)).change(sent, sent.toBuilder().end(SurveyState.EXPIRED, "closed", at(6)).build())
                .build());
        assertThat(store.purge(at(7), 10)).isEqualTo(1);
        assertThat(inner.find("sv-1")).isEmpty();
    }
}
