package dev.csatkit.engine;

import dev.csatkit.channels.spi.ChannelKind;
import dev.csatkit.policy.QuietHours;
import dev.csatkit.store.OpenSurvey;
import dev.csatkit.store.OutboxMessage;
import dev.csatkit.store.SurveyStore;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The one gate every outbound message passes — prompt, retry, reminder, confirmation, follow-up —
 * so that no path can forget a rule. The frequency cap is the third rule; it is checked by the
 * store in the same step that starts a prompt's send (the holds move to the actual send time).
 */
final class OutboundGate {

    /** What the gate says. */
    sealed interface Verdict {
    }

    /** The message may go now. */
    record Pass() implements Verdict {
    }

    /** The contact opted out: nothing but the opt-out's own confirmation goes to it any more. */
    record OptedOut() implements Verdict {
    }

    /** Quiet hours: the message waits until {@code until}, never dropped. */
    record Defer(Instant until, String why) implements Verdict {
    }

    private final SurveyStore store;

    OutboundGate(SurveyStore store) {
        this.store = store;
    }

    static List<String> optOutKeys(OpenSurvey s) {
        return List.of(SurveyStore.addressKey(s.channel(), s.address()), SurveyStore.contactKey(s.contactId()));
    }

    /**
     * @param purpose empty for the survey's prompt, else the side message's purpose
     */
    Verdict check(ProfileRuntime rt, OpenSurvey s, Optional<OutboxMessage.Purpose> purpose, Instant now) {
        boolean confirmation = purpose.filter(p -> p == OutboxMessage.Purpose.OPT_OUT_CONFIRMATION).isPresent();
        if (confirmation) {
            return new Pass(); // the one message an opt-out asks for, sent at once
        }
        if (store.isOptedOut(optOutKeys(s))) {
            return new OptedOut();
        }
        // A keypad survey's further questions are asked on the same call, as its prompts again are.
        boolean inCall = purpose.filter(p -> p.name().startsWith("KEYPAD_")
                || p == OutboxMessage.Purpose.QUESTION && s.channel() == ChannelKind.VOICE_DTMF).isPresent();
        Optional<QuietHours> quiet = rt.profile().quietHours();
        if (quiet.isPresent() && !inCall) {
            Instant next = quiet.get().nextAllowed(now, s.zone());
            if (next.isAfter(now)) {
                return new Defer(next, "quiet hours " + quiet.get() + " in " + s.zone());
            }
        }
        return new Pass();
    }
}
