package dev.csatkit.store.postgres.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.csatkit.channels.spi.ChannelKind;
import dev.csatkit.score.SurveyResponse;
import dev.csatkit.store.OpenSurvey;
import dev.csatkit.store.ReplyRecord;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** The keypad keys a survey, its response and its history keep survive the store's encoding. */
class CodecKeysTest {

    private static final Instant AT = Instant.parse("2026-03-02T10:00:00Z");

    @Test
    void aSurveysKeysAreKept() {
        OpenSurvey s = OpenSurvey.builder("k-1", "ivr-after", "call-1", AT).channel(ChannelKind.VOICE_DTMF, "ivr",
                "+447700900123").keys(Optional.of("0")).build();
        OpenSurvey read = Codec.survey(new Codec.SurveyColumns(s.id(), s.version(), s.contactId(), s.channelId(),
                s.address(), s.state().name()), Codec.survey(s));
        assertThat(read.keys()).contains("0");
        OpenSurvey none = OpenSurvey.builder("k-2", "ivr-after", "call-2", AT).channel(ChannelKind.VOICE_DTMF, "ivr",
                "+447700900123").build();
        assertThat(Codec.survey(none)).doesNotContain("\"ky\"");
    }

    @Test
    void aResponsesAndAReplysKeysAreKept() {
        SurveyResponse r = SurveyResponse.builder("call-1", "ivr-after", AT).channel(ChannelKind.VOICE_DTMF)
                .invalidReply(AT.plusSeconds(30)).keys(Optional.of("0")).build();
        assertThat(Codec.response(Codec.response(r))).isEqualTo(r);
        ReplyRecord h = new ReplyRecord("k-1", AT, ReplyRecord.Kind.INVALID, OptionalInt.empty(), Optional.empty(),
                false, Optional.empty(), Optional.of("10#"));
        assertThat(Codec.reply("k-1", Codec.reply(h))).isEqualTo(h);
    }

    @Test
    void aResponsesDimensionsAreKept() {
        SurveyResponse r = SurveyResponse.builder("call-2", "after-call", AT).channel(ChannelKind.SMS)
                .agent("agent-7").team("billing").entryPoint("+448000000001").caseType("refund")
                .rating(4, AT.plusSeconds(60)).build();
        String body = Codec.response(r);
        assertThat(body).contains("\"ag\":\"agent-7\"", "\"tm\":\"billing\"", "\"ep\":\"+448000000001\"",
                "\"ct\":\"refund\"");
        SurveyResponse read = Codec.response(body);
        assertThat(read.agent()).contains("agent-7");
        assertThat(read.team()).contains("billing");
        assertThat(read.entryPoint()).contains("+448000000001");
        assertThat(read.caseType()).contains("refund");
        assertThat(read).isEqualTo(r);
    }
}
