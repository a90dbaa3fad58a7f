package dev.csatkit.score;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/** Test data: responses built the way the engine will build them. */
final class Responses {
    static final Instant T0 = Instant.parse("2025-03-14T09:00:00Z");

    private Responses() {
    }

    static SurveyResponse rating(String id, String agent, int score) {
        return SurveyResponse.builder(id, "post-call", T0).agent(agent).channel("sms")
                .rating(score, T0.plusSeconds(60)).build();
    }

    static SurveyResponse unanswered(String id, String agent) {
        return SurveyResponse.builder(id, "post-call", T0).agent(agent).channel("sms").build();
    }

    static SurveyResponse invalid(String id, String agent) {
        return SurveyResponse.builder(id, "post-call", T0).agent(agent).invalidReply(T0.plusSeconds(5)).build();
    }

    static SurveyResponse late(String id, String agent, int score) {
        return SurveyResponse.builder(id, "post-call", T0).agent(agent)
                .lateReply(OptionalInt.of(score), T0.plusSeconds(86_400 * 8)).build();
    }

    /** {@code count} ratings of {@code score} for {@code agent}. */
    static List<SurveyResponse> ratings(String agent, int score, int count) {
        List<SurveyResponse> list = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            list.add(rating(agent + "-" + score + "-" + i, agent, score));
        }
        return list;
    }
}
