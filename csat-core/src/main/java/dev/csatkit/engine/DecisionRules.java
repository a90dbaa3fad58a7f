package dev.csatkit.engine;

import dev.csatkit.channel.PhoneNumber;
import dev.csatkit.channels.spi.ChannelKind;
import dev.csatkit.internal.channel.Masking;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The decision rules that need no store, in the order they are checked; the first that says no
 * is the reason. Opt-out, cap and replay are checked by the store, atomically, when the survey is
 * scheduled.
 */
final class DecisionRules {

    private static final Logger LOG = LoggerFactory.getLogger(SurveyEngine.class);

    private DecisionRules() {
    }

    record Skip(SkipReason reason, String detail) {
    }

    static @Nullable Skip trigger(SurveyProfile p, Interaction i) {
        if (i.suppressed().isPresent()) {
            return new Skip(SkipReason.SUPPRESSED, "the host marked interaction " + i.id()
                    + " as not to be surveyed: " + i.suppressed().get());
        }
        if (i.ending() == Ending.AUTO_RESOLVED && !p.surveyAutoResolved()) {
            return new Skip(SkipReason.AUTO_RESOLVED, "the helpdesk closed interaction " + i.id()
                    + " by itself, and survey " + p.id() + " surveys only what an agent resolved");
        }
        if (i.ending() != Ending.RESOLVED && i.ending() != Ending.AUTO_RESOLVED) {
            return new Skip(SkipReason.NOT_RESOLVED, "the interaction ended " + i.ending());
        }
        if (p.disabledMedia().contains(i.medium())) {
            return new Skip(SkipReason.CHANNEL_DISABLED, "survey " + p.id() + " is off for " + i.medium());
        }
        if (i.entryPoint().isPresent() && p.disabledEntryPoints().contains(i.entryPoint().get())) {
            return new Skip(SkipReason.ENTRY_POINT_DISABLED, "survey " + p.id() + " is off for entry point "
                    + i.entryPoint().get());
        }
        boolean keypad = p.sendOn() == ChannelKind.VOICE_DTMF;
        if (keypad && i.medium() != Medium.VOICE) {
            return new Skip(SkipReason.NOT_INBOUND, "a keypad survey follows calls, not " + i.medium());
        }
        if (p.inboundOnly() && i.direction() != Direction.INBOUND) {
            return new Skip(SkipReason.NOT_INBOUND, "survey " + p.id() + " follows inbound interactions only");
        }
        if (keypad && i.hangUp() != HangUp.AGENT) {
            return new Skip(SkipReason.CONTACT_HUNG_UP, "a keypad survey needs the agent to end the call; hang-up: "
                    + i.hangUp());
        }
        if (i.agent().isEmpty()) {
            if (!p.surveyWithoutAgent()) {
                return new Skip(SkipReason.AGENT_TYPE, "no agent worked the interaction, and survey " + p.id()
                        + " follows only what an agent worked");
            }
        } else {
            Agent agent = i.agent().get();
            if (agent.kind() == AgentKind.VIRTUAL && !p.includeVirtualAgents()) {
                return new Skip(SkipReason.AGENT_TYPE, "agent " + agent.id() + " is virtual and survey " + p.id()
                        + " rates humans only");
            }
            // The handle time is an agent's time: an interaction nobody worked is not held to it.
            if (i.handleTime().compareTo(p.minHandleTime()) < 0) {
                return new Skip(SkipReason.TOO_SHORT, "handle time " + i.handleTime() + " is below the minimum "
                        + p.minHandleTime());
            }
        }
        boolean eligible;
        try {
            eligible = p.eligibility().test(i.contact());
        } catch (RuntimeException e) {
            LOG.warn("survey {}: the host's contact rule failed for contact {}: {}", p.id(), i.contact().id(),
                    Masking.text(e.toString()));
            return new Skip(SkipReason.INELIGIBLE_CONTACT, "the host's contact rule failed: " + e.getClass().getName());
        }
        if (!eligible) {
            return new Skip(SkipReason.INELIGIBLE_CONTACT, "the host's contact rule excludes contact "
                    + i.contact().id());
        }
        return reachable(p, i);
    }

    /**
     * The rules that protect the customer and the send itself, which a survey on demand passes
     * too: not the agent rating themself, and an address on the survey's channel that can be used.
     */
    static @Nullable Skip reachable(SurveyProfile p, Interaction i) {
        Optional<Agent> worked = i.agent();
        if (worked.isPresent()) {
            Agent agent = worked.get();
            if (agent.id().equals(i.contact().id()) || !agent.addresses().isEmpty()
                    && i.contact().addresses().values().stream().anyMatch(agent.addresses()::contains)) {
                return new Skip(SkipReason.SELF_RATING, "the contact is agent " + agent.id());
            }
        }
        Optional<String> address = i.contact().address(p.sendOn());
        if (address.isEmpty()) {
            return new Skip(SkipReason.NO_ADDRESS, "the contact has no " + kindName(p.sendOn()) + " address");
        }
        String a = address.get();
        boolean phone = p.sendOn() == ChannelKind.SMS || p.sendOn() == ChannelKind.VOICE_DTMF;
        if (phone && !PhoneNumber.isE164(a)) {
            return new Skip(SkipReason.INVALID_ADDRESS, "phone number " + Masking.phone(a) + " is not in E.164 form");
        }
        if (p.sendOn() == ChannelKind.EMAIL && (a.indexOf('@') <= 0 || a.indexOf('@') == a.length() - 1)) {
            return new Skip(SkipReason.INVALID_ADDRESS, "email " + Masking.address(a) + " has no local part and domain");
        }
        return null;
    }

    /** The stored value the response takes its contact key from. */
    static final String CONTACT_KEY = "contact.key";
    /** The stored value the response takes the contact's region from. */
    static final String REGION = "contact.region";
    /** The stored value the response takes the brand from. */
    static final String BRAND = "interaction.brand";
    /** The stored value the response takes the wait time from, in whole seconds. */
    static final String WAIT_SECONDS = "interaction.wait_seconds";
    /** The stored value the response takes the contact's open tickets from. */
    static final String OPEN_TICKETS = "contact.open_tickets";
    /**
     * Kept with a survey whose notice the host played before the call, so that every store keeps
     * it without a change to the store SPI; absent otherwise.
     */
    static final String NOTICE_PLAYED = "interaction.notice_played";

    static Map<String, String> values(SurveyProfile p, Interaction i) {
        return values(p, i, ContactKeys.DEFAULT);
    }

    /** The placeholder values, with the contact's key, region and the brand kept for the response. */
    static Map<String, String> values(SurveyProfile p, Interaction i, ContactKeys keys) {
        Map<String, String> v = new HashMap<>(p.placeholders());
        // A survey on demand may follow an interaction no agent worked.
        Optional<Agent> agent = i.agent();
        v.put("agent.id", agent.map(Agent::id).orElse(""));
        v.put("agent.name", agent.map(a -> a.name().orElse(a.id())).orElse(""));
        v.put("team.name", agent.flatMap(Agent::team).orElse(""));
        v.put("contact.name", i.contact().attributes().getOrDefault("name", ""));
        v.put("interaction.id", i.id());
        v.put("ticket.id", i.id());
        v.put(CONTACT_KEY, keys.keyOf(i.contact().id()));
        v.put(REGION, i.contact().region().orElse(""));
        v.put(BRAND, i.brand().orElse(""));
        v.put(WAIT_SECONDS, i.waitTime().map(w -> Long.toString(w.toSeconds())).orElse(""));
        v.put(OPEN_TICKETS, i.openTickets().isPresent() ? Integer.toString(i.openTickets().getAsInt()) : "");
        if (i.noticePlayed() && p.sendOn() == ChannelKind.VOICE_DTMF) {
            v.put(NOTICE_PLAYED, "true");
        }
        return v;
    }


    private static String kindName(ChannelKind kind) {
        return kind.name().toLowerCase(Locale.ROOT);
    }
}
