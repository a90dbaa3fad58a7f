package dev.csatkit.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.csatkit.channels.spi.ChannelKind;
import dev.csatkit.policy.QuietHours;
import dev.csatkit.store.InMemorySurveyStore;
import dev.csatkit.store.OpenSurvey;
import dev.csatkit.store.OutboxMessage.Purpose;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which messages quiet hours hold back: all but the ones asked on a call that is still going on. */
class OutboundGateTest {

    static final Instant NIGHT = Instant.parse("2026-03-02T22:00:00Z");
    static final Instant MORNING = Instant.parse("2026-03-03T08:00:00Z");

    final OutboundGate gate = new OutboundGate(new InMemorySurveyStore());
    final ProfileRuntime quiet = ProfileRuntime.of(SurveyProfile.builder(EngineFixture.smsSurvey("after-call"),
            ChannelKind.CHAT).quietHours(QuietHours.SMS_DEFAULT).build(), EngineFixture.chat());

    static OpenSurvey on(ChannelKind kind) {
        return OpenSurvey.builder("s-1", "after-call", "c-1", NIGHT).contactId("k1")
                .channel(kind, "ch", "+447700900123").build();
    }

    @Test
    void aPromptOrAReminderWaitsForTheMorning() {
        assertThat(gate.check(quiet, on(ChannelKind.CHAT), Optional.empty(), NIGHT)).isEqualTo(
                new OutboundGate.Defer(MORNING, "quiet hours 21:00–08:00 in Z"));
        assertThat(gate.check(quiet, on(ChannelKind.CHAT), Optional.of(Purpose.REMINDER), NIGHT))
                .isInstanceOf(OutboundGate.Defer.class);
        assertThat(gate.check(quiet, on(ChannelKind.CHAT), Optional.empty(), MORNING))
                .isInstanceOf(OutboundGate.Pass.class);
    }

    @Test
    void whatIsSaidOnAKeypadCallIsNeverHeldBack() {
        assertThat(gate.check(quiet, on(ChannelKind.VOICE_DTMF), Optional.of(Purpose.KEYPAD_REPEAT), NIGHT))
                .isInstanceOf(OutboundGate.Pass.class);
        assertThat(gate.check(quiet, on(ChannelKind.VOICE_DTMF), Optional.of(Purpose.KEYPAD_NO_INPUT), NIGHT))
                .isInstanceOf(OutboundGate.Pass.class);
        assertThat(gate.check(quiet, on(ChannelKind.VOICE_DTMF), Optional.of(Purpose.QUESTION), NIGHT))
                .isInstanceOf(OutboundGate.Pass.class);
        // A further question in writing is a new message, and waits.
        assertThat(gate.check(quiet, on(ChannelKind.CHAT), Optional.of(Purpose.QUESTION), NIGHT))
                .isInstanceOf(OutboundGate.Defer.class);
        assertThat(gate.check(quiet, on(ChannelKind.VOICE_DTMF), Optional.of(Purpose.THANK_YOU), NIGHT))
                .isInstanceOf(OutboundGate.Defer.class);
    }

    @Test
    void theOptOutKeysAreTheAddressAndTheContact() {
        assertThat(OutboundGate.optOutKeys(on(ChannelKind.CHAT))).containsExactly("CHAT:+447700900123", "contact:k1");
    }
}
