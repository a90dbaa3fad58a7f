package dev.csatkit.engine;

import static dev.csatkit.engine.EngineFixture.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.csatkit.channels.spi.ChannelKind;
import dev.csatkit.store.LowScoreReview;
import dev.csatkit.store.OpenSurvey;
import dev.csatkit.store.ReviewStatus;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What an event says in a log line: personal data masked or hidden, everything else as it is. */
class SurveyEventTextTest {

    static final OpenSurvey SURVEY = OpenSurvey.builder("s-1", "after-call", "c-1", T0).contactId("k1")
            .channel(ChannelKind.SMS, "sms", "+447700900123").build();

    @Test
    void aSkipShowsItsReasonAndItsDetailMasked() {
        SurveyEvent.Skipped e = new SurveyEvent.Skipped("c-1", new Decision.Skipped(SkipReason.INVALID_ADDRESS,
                "phone +447700900123 is odd", Optional.of("after-call")), T0);
        assertThat(e.toString()).isEqualTo("Skipped[interactionId=c-1, reason=INVALID_ADDRESS, detail=phone +44***23"
                + " is odd, surveyId=after-call, at=2026-03-02T10:00:00Z]");
    }

    @Test
    void aFailureShowsItsReasonMasked() {
        SurveyEvent.Failed e = new SurveyEvent.Failed(SURVEY, "refused +447700900123", true, T0);
        assertThat(e.toString()).isEqualTo("Failed[survey=" + SURVEY + ", reason=refused +44***23, permanent=true,"
                + " at=2026-03-02T10:00:00Z]");
    }

    @Test
    void commentsAreHiddenAndAddressesMasked() {
        assertThat(new SurveyEvent.Commented(SURVEY, "Jane was rude", T0).toString())
                .isEqualTo("Commented[survey=" + SURVEY + ", comment=«masked», at=2026-03-02T10:00:00Z]");
        assertThat(new SurveyEvent.LowScore(SURVEY, 1, Optional.of("Jane was rude"), T0).toString())
                .isEqualTo("LowScore[survey=" + SURVEY + ", value=1, comment=«masked»,"
                        + " at=2026-03-02T10:00:00Z]");
        assertThat(new SurveyEvent.OptedOut("sms", "+447700900123", Optional.empty(), T0).toString())
                .isEqualTo("OptedOut[channel=sms, address=+44***23, at=2026-03-02T10:00:00Z]");
    }

    @Test
    void aReviewChangeShowsItsStatusAndWhoMasked() {
        LowScoreReview r = LowScoreReview.open(SURVEY, 1, T0);
        SurveyEvent.ReviewChanged e = new SurveyEvent.ReviewChanged(r, Optional.of(ReviewStatus.WITHDRAWN),
                Optional.of("boss@example.com"), T0);
        assertThat(e.status()).isEqualTo(ReviewStatus.OPEN);
        assertThat(e.toString()).isEqualTo("ReviewChanged[review=" + r + ", previous=WITHDRAWN,"
                + " by=b***@e***.com, at=2026-03-02T10:00:00Z]");
    }

    @Test
    void anOptOutQuestionShowsHowManyWordsNotWhich() {
        ReplyOutcome.OptOutAsked o = new ReplyOutcome.OptOutAsked("s-1", List.of("cancel", "enough"));
        assertThat(o.toString()).isEqualTo("OptOutAsked[surveyKey=s-1, words=(2)]");
        assertThat(o.words()).containsExactly("cancel", "enough");
    }
}
