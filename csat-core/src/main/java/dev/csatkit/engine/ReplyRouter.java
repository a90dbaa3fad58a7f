package dev.csatkit.engine;

import dev.csatkit.channels.spi.Channel;
import dev.csatkit.channels.spi.ChannelKind;
import dev.csatkit.channels.spi.InboundReply;
import dev.csatkit.channels.spi.ReplyContent;
import dev.csatkit.internal.channel.Masking;
import dev.csatkit.reply.InvalidReason;
import dev.csatkit.reply.KeyPress;
import dev.csatkit.reply.KeypadParser;
import dev.csatkit.reply.KeypadReply;
import dev.csatkit.reply.ParsedReply;
import dev.csatkit.reply.ReplyParser;
import dev.csatkit.scale.RatingScales;
import dev.csatkit.store.ApplyResult;
import dev.csatkit.store.OpenSurvey;
import dev.csatkit.store.OutboxMessage;
import dev.csatkit.store.ReplyRecord;
import dev.csatkit.store.SurveyStore;
import dev.csatkit.store.Transition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes each inbound reply to the survey last delivered at its address (or named by its email
 * link), reads it, and writes the step the state machine gives in one {@link SurveyStore#apply},
 * with the provider message id, so a redelivered message is recognised and a failure loses
 * nothing: the redelivery is read again.
 */
final class ReplyRouter {

    private static final Logger LOG = LoggerFactory.getLogger(SurveyEngine.class);
    private static final int MAX_CAS_TRIES = 32;
    // Reads keywords in replies that match no survey; parsers are immutable, so one serves all.
    private static final ReplyParser KEYWORDS = ReplyParser.forScale(RatingScales.fivePoint());

    private final EngineCore core;

    ReplyRouter(EngineCore core) {
        this.core = core;
    }

    ReplyOutcome receive(InboundReply reply) {
        Channel channel = core.channels.get(reply.channelId());
        if (channel == null) {
            return handled(Optional.empty(), reply, new ReplyOutcome.Unmatched("channel " + reply.channelId()
                    + " is not one of the engine's"));
        }
        String inboundId = "m\u0000" + reply.channelId() + '\u0000' + reply.providerMessageId();
        if (core.store.seenInbound(inboundId, core.clock.instant())) {
            return handled(Optional.empty(), reply, new ReplyOutcome.Duplicate(reply.providerMessageId()));
        }
        for (int tries = 0; tries < MAX_CAS_TRIES; tries++) {
            Optional<OpenSurvey> found = reply.content() instanceof ReplyContent.Link link
                    ? core.store.find(link.surveyId()).filter(s -> s.channelId().equals(reply.channelId()))
                    : core.store.latestDelivered(reply.channelId(), reply.sender());
            ProfileRuntime rt = found.map(core::runtime).orElse(null);
            Attempt a = rt == null ? unmatched(channel, reply, inboundId) : answer(found.get(), rt, reply, inboundId);
            if (a != null) {
                LOG.debug("reply {} from {} on {}: {}", Masking.text(reply.providerMessageId()),
                        Masking.address(reply.sender()), reply.channelId(), a.outcome.getClass().getSimpleName());
                return a.outcome;
            }
        }
        LOG.warn("a reply on {} was not applied: its survey kept changing", reply.channelId());
        return new ReplyOutcome.Unmatched("the survey was busy; the reply was not applied");
    }

    /** What one try gave; null when the survey changed under it and the reply is read again. */
    private record Attempt(ReplyOutcome outcome) {
    }

    private ReplyOutcome handled(Optional<OpenSurvey> survey, InboundReply reply, ReplyOutcome outcome) {
        core.publish(new SurveyEvent.ReplyHandled(survey, reply.channelId(), outcome, core.clock.instant()));
        return outcome;
    }

    private @Nullable Attempt unmatched(Channel channel, InboundReply reply, String inboundId) {
        if (reply.content() instanceof ReplyContent.Text text) {
            // Opt-out and opt-in are honoured even with no survey open: the law asks for that.
            Locale language = Locale.ENGLISH;
            ParsedReply parsed = KEYWORDS.parse(text.text(), language);
            // With no survey, the customer's language is unknown: English first (the carriers'
            // keywords), then each shipped language, whose confirmation then goes out in it.
            List<Locale> order = languageOrder(text.text());
            for (int i = 1; i < order.size() && !isKeyword(parsed); i++) {
                language = order.get(i);
                parsed = KEYWORDS.parse(text.text(), language);
            }
            if (isKeyword(parsed)) {
                boolean optIn = parsed instanceof ParsedReply.OptIn;
                Instant now = core.clock.instant();
                Transition.Builder t = Transition.at(now).inbound(inboundId, now.plus(core.retention))
                        .optOut(new Transition.OptOutChange(List.of(SurveyStore.addressKey(channel.kind(),
                                reply.sender())), optIn, optIn ? Optional.empty()
                                : confirmation(channel, reply.sender(), Optional.empty(), language, now)));
                return settleKeyword(core.store.apply(t.build()), optIn, channel, reply, Optional.empty(), t, true);
            }
        }
        return new Attempt(handled(Optional.empty(), reply, new ReplyOutcome.Unmatched("no survey was sent to "
                + Masking.address(reply.sender()) + " on " + reply.channelId())));
    }

    private static final Locale UKRAINIAN = Locale.forLanguageTag("uk");
    private static final List<Locale> LANGUAGES = RatingScales.LABEL_LOCALES;
    private static final List<Locale> UKRAINIAN_FIRST;

    static {
        List<Locale> order = new ArrayList<>(LANGUAGES);
        order.remove(UKRAINIAN);
        order.add(1, UKRAINIAN);
        UKRAINIAN_FIRST = List.copyOf(order);
    }

    /**
     * The order languages are tried in for a reply with no survey: English first. Russian and
     * Ukrainian each read the other's words too, so letters only Ukrainian has put it first and
     * the confirmation goes out in the language the customer wrote.
     */
    private static List<Locale> languageOrder(String text) {
        for (int i = 0; i < text.length(); i++) {
            switch (text.charAt(i)) {
                case 'і', 'ї', 'є', 'ґ', 'І', 'Ї', 'Є', 'Ґ' -> {
                    return UKRAINIAN_FIRST;
                }
                default -> {
                }
            }
        }
        return LANGUAGES;
    }

    private static boolean isKeyword(ParsedReply parsed) {
        return parsed instanceof ParsedReply.OptOut || parsed instanceof ParsedReply.OptIn;
    }

    private @Nullable Attempt settleKeyword(ApplyResult r, boolean optIn, Channel channel, InboundReply reply,
            Optional<OpenSurvey> survey, Transition.Builder t, boolean publish) {
        if (r instanceof ApplyResult.Stale) {
            return null;
        }
        if (r instanceof ApplyResult.Duplicate) {
            return new Attempt(handled(survey, reply, new ReplyOutcome.Duplicate(reply.providerMessageId())));
        }
        boolean changed = ((ApplyResult.Applied) r).optOutRecorded();
        if (optIn) {
            return new Attempt(handled(survey, reply, new ReplyOutcome.OptedIn(changed)));
        }
        if (changed) {
            LOG.info("{} opted out of {} surveys", Masking.address(reply.sender()),
                    SurveyMachine.kindName(channel.kind()));
            t.build().optOut().flatMap(Transition.OptOutChange::confirmation).ifPresent(core::sendSide);
        }
        ReplyOutcome.OptedOut outcome = new ReplyOutcome.OptedOut(changed);
        if (publish) {
            // No survey changed: the event says the address opted out, or that it said so again.
            core.publish(changed ? new SurveyEvent.OptedOut(SurveyMachine.kindName(channel.kind()), reply.sender(),
                    Optional.empty(), core.clock.instant())
                    : new SurveyEvent.ReplyHandled(survey, reply.channelId(), outcome, core.clock.instant()));
        }
        return new Attempt(outcome);
    }

    /** The single confirmation of an opt-out, on channels that carry text; keyed at random, never by address. */
    private Optional<OutboxMessage> confirmation(Channel channel, String address, Optional<String> surveyKey,
            Locale locale, Instant now) {
        if (channel.kind() != ChannelKind.SMS && channel.kind() != ChannelKind.CHAT) {
            return Optional.empty();
        }
        return Optional.of(new OutboxMessage("optout:" + UUID.randomUUID(), OutboxMessage.Purpose.OPT_OUT_CONFIRMATION,
                channel.id(), channel.kind(), address, surveyKey, locale, now.plus(core.sendLease), 0));
    }

    private @Nullable Attempt answer(OpenSurvey stored, ProfileRuntime rt, InboundReply reply, String inboundId) {
        Instant clockNow = core.clock.instant();
        SurveyMachine.Context c = core.context(rt, clockNow);
        List<SurveyEvent> events = new ArrayList<>();
        OpenSurvey s = SurveyMachine.delivered(c, stored, events);
        // The link page reports the token's recipient as the sender: the contact's id, or the
        // address where a host signs its own links with it.
        if (reply.content() instanceof ReplyContent.Link && !s.contactId().equals(reply.sender())
                && !s.address().equals(reply.sender())) {
            return new Attempt(handled(Optional.of(stored), reply, new ReplyOutcome.Unmatched("the link of survey "
                    + s.id() + " was not sent to this address")));
        }
        // A reply stamped a moment before the engine recorded the send is dated at the send.
        Instant at = s.sentAt().filter(reply.receivedAt()::isBefore).orElse(reply.receivedAt());
        ReplyContent content = reply.content();
        Transition.Builder t = Transition.at(clockNow).check(stored).inbound(inboundId, clockNow.plus(core.retention));
        SurveyMachine.Step step;
        if (content instanceof ReplyContent.Keys keys) {
            KeypadParser keypad = rt.keypad(s);
            step = keypad == null
                    ? SurveyMachine.read(c, s, new ParsedReply.Invalid(InvalidReason.EMPTY,
                            "keypad keys on a " + SurveyMachine.kindName(rt.profile().sendOn()) + " survey", false), at)
                    : SurveyMachine.keys(c, s, keypad.parse(keys.presses().stream()
                            .map(k -> new KeyPress(k.key(), k.at())).toList()), at);
        } else {
            ParsedReply parsed = parse(rt, s, content);
            if (parsed instanceof ParsedReply.OptOut o && asksFirst(rt, s, o)) {
                step = SurveyMachine.askOptOut(c, s, at, o.words());
            } else if (parsed instanceof ParsedReply.OptOut || parsed instanceof ParsedReply.OptIn) {
                // Every opt-out counts, certain or only possible, as the law asks by default.
                Optional<String> words = parsed instanceof ParsedReply.OptOut out
                        ? Optional.of(String.join(" ", out.words())) : Optional.empty();
                return keyword(rt, c, stored, s, parsed instanceof ParsedReply.OptIn, words, reply, at, t, events);
            } else if (parsed instanceof ParsedReply.Help) {
                step = SurveyMachine.help(c, s, at);
            } else if (content instanceof ReplyContent.Link link) {
                step = SurveyMachine.readLink(c, s, parsed, link.answers(), at);
            } else {
                step = SurveyMachine.read(c, s, parsed, at);
            }
        }
        step = promoted(stored, s, step);
        events.addAll(step.events());
        ApplyResult r = core.commit(t, withEvents(step, events));
        if (r instanceof ApplyResult.Stale) {
            return null;
        }
        if (r instanceof ApplyResult.Duplicate) {
            return new Attempt(handled(Optional.of(stored), reply, new ReplyOutcome.Duplicate(
                    reply.providerMessageId())));
        }
        return new Attempt(step.outcome());
    }

    /**
     * Whether a possible opt-out is asked about instead of honoured: only where the profile says
     * so, once per survey, on an open survey and on a channel that can carry the question.
     */
    private static boolean asksFirst(ProfileRuntime rt, OpenSurvey s, ParsedReply.OptOut o) {
        return !o.certain() && rt.profile().possibleOptOut() == PossibleOptOut.ASK_ONCE && !s.optOutAsked()
                && !s.state().isFinal()
                && (rt.profile().sendOn() == ChannelKind.SMS || rt.profile().sendOn() == ChannelKind.CHAT);
    }

    private ParsedReply parse(ProfileRuntime rt, OpenSurvey s, ReplyContent content) {
        // Read on the scale of the question being asked.
        if (content instanceof ReplyContent.Text text) {
            return rt.parser(s).parse(text.text(), s.locale());
        }
        if (content instanceof ReplyContent.Button button) {
            return rt.parser(s).parseChoice(button.payload());
        }
        ReplyContent.Link link = (ReplyContent.Link) content;
        Optional<String> comment = link.comment().map(SurveyMachine::clip);
        return rt.parser().scale().contains(link.value())
                ? new ParsedReply.Rating(link.value(), comment, !comment.equals(link.comment()))
                : new ParsedReply.Invalid(InvalidReason.OUT_OF_RANGE, link.value() + " is not on the scale "
                + rt.parser().scale().id(), false);
    }

    /** STOP or START on a survey: the opt-out covers the address and the contact on every channel. */
    private @Nullable Attempt keyword(ProfileRuntime rt, SurveyMachine.Context c, OpenSurvey stored, OpenSurvey s,
            boolean optIn, Optional<String> words, InboundReply reply, Instant at, Transition.Builder t,
            List<SurveyEvent> events) {
        List<String> keys = OutboundGate.optOutKeys(s);
        SurveyMachine.Step step;
        if (optIn) {
            OpenSurvey next = s.toBuilder().build();
            step = new SurveyMachine.Step(next, List.of(), List.of(), null, new ReplyRecord(s.id(), at,
                    ReplyRecord.Kind.OPT_IN, OptionalInt.empty(), Optional.empty(), true), List.of(), null);
            t.optOut(new Transition.OptOutChange(keys, true, Optional.empty()));
        } else {
            step = SurveyMachine.optOut(c, s, at, false, words);
            t.optOut(new Transition.OptOutChange(keys, false,
                    confirmation(rt.channel(), s.address(), Optional.of(s.id()), s.locale(), c.now())));
        }
        step = promoted(stored, s, step);
        events.addAll(step.events());
        ApplyResult r = core.commit(t, withEvents(step, events));
        return settleKeyword(r, optIn, rt.channel(), reply, Optional.of(s), t, step.events().isEmpty());
    }

    /** A step on a survey promoted from SENDING must write the promotion even when it changes nothing else. */
    private static SurveyMachine.Step promoted(OpenSurvey stored, OpenSurvey s, SurveyMachine.Step step) {
        if (step.next() != null || stored == s) {
            return step;
        }
        return new SurveyMachine.Step(s.toBuilder().build(), step.outbox(), step.holds(), step.response(), step.reply(),
                step.events(), step.outcome());
    }

    private static SurveyMachine.Step withEvents(SurveyMachine.Step step, List<SurveyEvent> events) {
        return new SurveyMachine.Step(step.next(), step.outbox(), step.holds(), step.response(), step.reply(),
                List.copyOf(events), step.outcome());
    }
}
