package dev.csatkit.examples.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.csatkit.channels.spi.ChannelKind;
import dev.csatkit.channels.spi.KeyPress;
import dev.csatkit.channels.spi.QuickReply;
import dev.csatkit.examples.channels.ConsoleSmsChannel;
import dev.csatkit.examples.channels.IvrScript;
import dev.csatkit.examples.demo.Phrasebook.Style;
import dev.csatkit.examples.demo.Phrasebook.Tone;
import dev.csatkit.examples.demo.Population.Customer;
import dev.csatkit.examples.demo.Traffic.Experience;
import dev.csatkit.store.OpenSurvey;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What customers do with the surveys they get, through the same doors a real customer would use:
 * keys pressed on the IVR line, texts that the SMS carrier hands to
 * {@link ConsoleSmsChannel#readReplies}, taps and messages that the chat platform posts to the
 * chat webhook, and rating links clicked in an email and confirmed on the link page.
 *
 * <p>Each customer answers or not as their temperament says, later at night only after they wake
 * up, in their own language and their own way of writing a rating — now and then in a form the
 * parser must refuse, after which they may try again once they read the invalid-reply message.
 * They answer the follow-up question only when it reached them. Every choice comes from one
 * seeded random source, on the simulation's thread, in the order of simulated time.
 */
final class Customers {

    /** Where customers' later actions are put, to run at their simulated time. */
    @FunctionalInterface
    interface Calendar {
        /**
         * @param when the simulated time
         * @param action what happens then
         */
        void at(Instant when, Runnable action);
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern HIDDEN = Pattern.compile("name=\"(s|t)\" value=\"([^\"]*)\"");
    private static final Style[] READABLE = Arrays.stream(Style.values()).filter(Style::readable)
            .toArray(Style[]::new);
    private static final Style[] REFUSED = Arrays.stream(Style.values()).filter(s -> !s.readable())
            .toArray(Style[]::new);
    private static final char[] INVALID_KEYS = {'0', '#', 'A'};

    private final SplittableRandom rnd;
    /** Callers who pressed a key not on the scale so far: every third of them gives up there. */
    private int wrongKeyCallers;
    private final Calendar calendar;
    private final SimulatedClock clock;
    private final Runnable awaitSends;
    private final ConsoleSmsChannel sms;
    private final SmsCarrier carrier;
    private final ChatPlatform chat;
    private final URI chatWebhook;
    private final InMemoryEmailChannel email;
    private final IvrScript ivr;
    private final Map<String, Long> actions = new TreeMap<>();
    private final Map<String, Runnable> undecided = new HashMap<>();
    // Chat surveys whose effort question a customer has taken up, so that it is answered once.
    private final Set<String> effortAnswered = new HashSet<>();
    private long replies;
    private long refusedSoFar;

    /**
     * @param rnd the source of every choice
     * @param calendar where later actions go
     * @param clock the simulated clock
     * @param awaitSends waits until every message the engine sent so far has been delivered or refused
     * @param sms the SMS adapter, whose inbound side takes the carrier's replies
     * @param carrier the SMS carrier, which shows what reached each handset
     * @param chat the chat platform
     * @param chatWebhook the chat adapter's webhook
     * @param email the email adapter, which shows what reached each mailbox
     * @param ivr the IVR platform's script of what callers do
     */
    Customers(SplittableRandom rnd, Calendar calendar, SimulatedClock clock, Runnable awaitSends,
            ConsoleSmsChannel sms, SmsCarrier carrier, ChatPlatform chat, URI chatWebhook, InMemoryEmailChannel email,
            IvrScript ivr) {
        this.rnd = rnd;
        this.calendar = calendar;
        this.clock = clock;
        this.awaitSends = awaitSends;
        this.sms = sms;
        this.carrier = carrier;
        this.chat = chat;
        this.chatWebhook = chatWebhook;
        this.email = email;
        this.ivr = ivr;
    }

    /** @return how often customers did each thing, by what they did, in name order */
    Map<String, Long> actions() {
        return new TreeMap<>(actions);
    }

    private void count(String action) {
        actions.merge(action, 1L, Long::sum);
    }

    // ------------------------------------------------------------------ keypad

    /**
     * Scripts what a caller does on the keypad survey that follows their call, before the IVR
     * places it: stays on the line or not, presses a key in time or too late, a key that is not
     * on the scale, or {@code *} to hear the question again. At most two misses, so the engine's
     * retry limits never cut a caller off who meant to answer.
     *
     * @param surveyKey the survey's key, which names the calls
     * @param c the caller
     * @param e how the call went for them
     */
    void keypadSurveyScheduled(String surveyKey, Customer c, Experience e) {
        String number = c.contact().address(ChannelKind.VOICE_DTMF).orElseThrow();
        List<List<KeyPress>> calls = new ArrayList<>();
        if (rnd.nextDouble() > 0.45 + 0.45 * c.responsiveness()) {
            count("keypad: hung up before pressing a key");
            for (int i = 0; i < 3; i++) {
                calls.add(List.of());
            }
        } else {
            // What the caller does, call by call, and its name in the report's counts.
            List<String> did = new ArrayList<>();
            int misses = 0;
            while (misses < 2 && rnd.nextDouble() < (misses == 0 ? 0.18 : 0.1)) {
                double m = rnd.nextDouble();
                if (m < 0.4) {
                    did.add("keypad: * to hear the question again");
                    calls.add(List.of(press('*', 0.5 + 3 * rnd.nextDouble())));
                } else if (m < 0.7) {
                    did.add("keypad: key not on the scale");
                    calls.add(List.of(press(INVALID_KEYS[rnd.nextInt(INVALID_KEYS.length)], 1 + 5 * rnd.nextDouble())));
                } else {
                    did.add("keypad: key after the 15 s window");
                    calls.add(List.of(press(digit(e.keypad()), 16 + 8 * rnd.nextDouble())));
                }
                misses++;
            }
            did.add("keypad: rating key");
            double at = 1 + 8 * rnd.nextDouble();
            calls.add(rnd.nextDouble() < 0.15
                    ? List.of(press(digit(e.keypad()), at), press('#', at + 0.4))
                    : List.of(press(digit(e.keypad()), at)));
            // Every third caller who presses a key not on the scale gives up there and presses
            // nothing more: the survey ends with that key and no score. Counted, not drawn, so the
            // seed's other choices stay as they were.
            int wrong = did.indexOf("keypad: key not on the scale");
            if (wrong >= 0 && ++wrongKeyCallers % 3 == 0) {
                did.subList(wrong + 1, did.size()).clear();
                did.add("keypad: key not on the scale, then nothing");
                calls.subList(wrong + 1, calls.size()).clear();
                for (int i = 0; i < 3; i++) {
                    calls.add(List.of());
                }
            }
            did.forEach(this::count);
        }
        for (int i = 0; i < calls.size(); i++) {
            ivr.add(number, new IvrScript.Call(IvrScript.Outcome.ANSWER, calls.get(i),
                    Optional.of(surveyKey + "-call-" + (i + 1))));
        }
    }

    private static char digit(int value) {
        return (char) ('0' + value);
    }

    private static KeyPress press(char key, double seconds) {
        return new KeyPress(key, Duration.ofMillis(Math.round(seconds * 1000)));
    }

    // ------------------------------------------------------------------ text channels

    /**
     * A survey reached the customer by SMS, email or chat: they decide whether, when and how to
     * answer, or to opt out.
     *
     * @param s the survey as sent
     * @param c the customer
     * @param e how the interaction went for them
     */
    void surveyDelivered(OpenSurvey s, Customer c, Experience e) {
        ChannelKind kind = s.channel();
        if (kind == ChannelKind.EMAIL && rnd.nextDouble() < 0.08) {
            calendar.at(clock.instant().plus(Duration.ofSeconds(20 + rnd.nextInt(60))), () -> scanLinks(s));
        }
        if (kind != ChannelKind.EMAIL && rnd.nextDouble() < c.optOutRate()) {
            calendar.at(awake(c, clock.instant().plus(minutes(2, 90))), () -> optOut(s, c));
            return;
        }
        double base = switch (kind) {
            case SMS -> 0.38;
            case CHAT -> 0.45;
            default -> 0.3;
        };
        Runnable answer = () -> answer(s, c, e);
        if (rnd.nextDouble() < base * (0.35 + 1.1 * c.responsiveness())) {
            calendar.at(awake(c, clock.instant().plus(replyDelay(kind))), answer);
        } else {
            undecided.put(s.id(), answer);
        }
    }

    /**
     * The survey's one reminder arrived: some who had let it pass answer now.
     *
     * @param s the survey
     * @param c the customer
     */
    void reminded(OpenSurvey s, Customer c) {
        Runnable answer = undecided.remove(s.id());
        if (answer != null && rnd.nextDouble() < 0.25) {
            count("reminder: answered after it");
            calendar.at(awake(c, clock.instant().plus(minutes(5, 60))), answer);
        }
    }

    /**
     * Forgets a survey that ended, so that a customer who never answered leaves nothing behind.
     *
     * @param surveyKey the survey's key
     */
    void ended(String surveyKey) {
        undecided.remove(surveyKey);
    }

    private Duration replyDelay(ChannelKind kind) {
        boolean late = rnd.nextDouble() < 0.025;
        return switch (kind) {
            case SMS -> late ? Duration.ofHours(25 + rnd.nextInt(20)) : logNormalMinutes(25, 1.2);
            case CHAT -> late ? Duration.ofHours(25 + rnd.nextInt(20)) : logNormalMinutes(4, 1.0);
            default -> late ? Duration.ofHours(80 + rnd.nextInt(30)) : logNormalMinutes(300, 1.0);
        };
    }

    private Duration logNormalMinutes(double median, double sigma) {
        double m = median * Math.exp(sigma * rnd.nextGaussian());
        return Duration.ofSeconds(Math.max(20, Math.min(20 * 3600, Math.round(m * 60))));
    }

    private Duration minutes(int from, int to) {
        return Duration.ofSeconds(60L * from + rnd.nextInt(60 * (to - from) + 1));
    }

    /** People asleep between 23:00 and 07:00 answer the next morning. */
    private Instant awake(Customer c, Instant when) {
        ZonedDateTime local = when.atZone(c.contact().zone());
        LocalTime t = local.toLocalTime();
        if (t.isAfter(LocalTime.of(22, 59)) || t.isBefore(LocalTime.of(7, 0))) {
            ZonedDateTime morning = (t.isBefore(LocalTime.of(7, 0)) ? local : local.plusDays(1)).with(LocalTime.of(7, 0));
            return morning.toInstant().plusSeconds(rnd.nextInt(2 * 3600));
        }
        return when;
    }

    private void answer(OpenSurvey s, Customer c, Experience e) {
        switch (s.channel()) {
            case EMAIL -> clickRating(s, c, e);
            case CHAT -> {
                if (rnd.nextDouble() < 0.65) {
                    tapButton(s, e.fivePoint());
                    laterComment(s, c, e);
                } else {
                    typeRating(s, c, e);
                }
            }
            default -> typeRating(s, c, e);
        }
    }

    /** A typed answer on SMS or chat, in one of the ways people write. */
    private void typeRating(OpenSurvey s, Customer c, Experience e) {
        int value = e.fivePoint();
        String lang = c.language();
        double r = rnd.nextDouble();
        if (r < 0.015) {
            count("text: HELP keyword");
            send(s, Phrasebook.help(lang));
            // The engine answers HELP with the question again; the customer then answers it.
            calendar.at(clock.instant().plus(minutes(3, 20)), () -> retry(s, c, e, Optional.empty()));
        } else if (r < 0.035) {
            count("text: a question instead of a rating");
            send(s, Phrasebook.question(lang));
            calendar.at(clock.instant().plus(minutes(5, 30)), () -> retry(s, c, e, Optional.of(":invalid:1")));
        } else if (r < 0.12) {
            // In turn rather than at random, so that even a short run shows every refused form.
            Style style = REFUSED[(int) (refusedSoFar++ % REFUSED.length)];
            count("text: " + describe(style) + " (refused)");
            send(s, Phrasebook.rating(lang, style, value, rnd));
            calendar.at(clock.instant().plus(minutes(3, 20)), () -> retry(s, c, e, Optional.of(":invalid:1")));
        } else {
            Style style = rnd.nextDouble() < 0.65 ? c.favourite() : READABLE[rnd.nextInt(READABLE.length)];
            count("text: " + describe(style));
            send(s, Phrasebook.rating(lang, style, value, rnd));
            if (style != Style.DIGITS_WITH_COMMENT) {
                laterComment(s, c, e);
            }
        }
    }

    /** After an answer the engine could not use, a customer who got its reply tries again plainly. */
    private void retry(OpenSurvey s, Customer c, Experience e, Optional<String> expected) {
        if (expected.map(purpose -> received(s, purpose)).orElse(true) && rnd.nextDouble() < 0.7) {
            count("text: rating again after the engine's reply");
            send(s, Phrasebook.rating(c.language(), Style.DIGITS, e.fivePoint(), rnd));
            laterComment(s, c, e);
        }
    }

    /** How likely a customer is to comment: unhappy ones more often. */
    private static double commentChance(Customer c, Tone tone) {
        return c.commentRate() * (tone == Tone.NEGATIVE ? 1.6 : 1.0);
    }

    /**
     * After the rating: on chat, the survey's second question (how easy it was) first, which most
     * answer with a button; then the follow-up question, which comes after it.
     */
    private void laterComment(OpenSurvey s, Customer c, Experience e) {
        if (s.channel() != ChannelKind.CHAT) {
            comment(s, c, e);
            return;
        }
        calendar.at(clock.instant().plus(minutes(1, 4)), () -> {
            if (received(s, ":question:1") && effortAnswered.add(s.id())) {
                if (rnd.nextDouble() < 0.85) {
                    tapEffort(s, e);
                    comment(s, c, e);
                } else {
                    count("chat: left after the first question");
                }
            }
        });
    }

    /** How easy it was, as a button: close to how the customer felt about the help, 1 to 5. */
    private void tapEffort(OpenSurvey s, Experience e) {
        int value = (int) Math.max(1, Math.min(5, Math.round(e.fivePoint() + 0.8 * rnd.nextGaussian())));
        List<QuickReply> buttons = chat.delivered(s.id() + ":question:1").orElseThrow().buttons();
        String payload = buttons.stream().filter(b -> b.payload().equals(Integer.toString(value))).findFirst()
                .orElseThrow().payload();
        count("chat: answered the effort question");
        String id = String.format(Locale.ROOT, "chat-in-%07d", ++replies);
        chat.post(chatWebhook, id, s.address(), Optional.empty(), Optional.of(payload));
    }

    /** Answers the follow-up question, if it came, as often as the customer comments. */
    private void comment(OpenSurvey s, Customer c, Experience e) {
        Tone tone = Tone.of(e.fivePoint());
        double chance = commentChance(c, tone);
        calendar.at(clock.instant().plus(minutes(1, 40)), () -> {
            if (received(s, ":followup") && rnd.nextDouble() < chance) {
                count("text: comment after the follow-up question");
                send(s, Phrasebook.comment(c.language(), tone, rnd));
            }
        });
    }

    private void optOut(OpenSurvey s, Customer c) {
        count("text: STOP keyword");
        send(s, Phrasebook.stop(c.language()));
    }

    private boolean received(OpenSurvey s, String purpose) {
        awaitSends.run();
        String key = s.id() + purpose;
        return s.channel() == ChannelKind.SMS ? carrier.delivered(key).isPresent() : chat.delivered(key).isPresent();
    }

    /** Sends a typed message; now and then the provider delivers it twice. */
    private void send(OpenSurvey s, String text) {
        String id = String.format(Locale.ROOT, "%s-in-%07d", s.channel().name().toLowerCase(Locale.ROOT), ++replies);
        int times = rnd.nextDouble() < 0.015 ? 2 : 1;
        if (times == 2) {
            count("text: delivered twice by the provider");
        }
        for (int i = 0; i < times; i++) {
            if (s.channel() == ChannelKind.SMS) {
                String from = carrier.delivered(s.id() + ":prompt").map(SmsCarrier.Sms::from).orElseThrow();
                String line = JSON.createObjectNode().put("id", id).put("from", s.address()).put("to", from)
                        .put("text", text).toString();
                try {
                    sms.readReplies(new StringReader(line + "\n"));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            } else {
                chat.post(chatWebhook, id, s.address(), Optional.of(text), Optional.empty());
            }
        }
    }

    private void tapButton(OpenSurvey s, int value) {
        List<QuickReply> buttons = chat.delivered(s.id() + ":prompt").orElseThrow().buttons();
        String payload = buttons.stream().filter(b -> b.payload().equals(Integer.toString(value))).findFirst()
                .orElseThrow().payload();
        count("chat: tapped a button");
        String id = String.format(Locale.ROOT, "chat-in-%07d", ++replies);
        chat.post(chatWebhook, id, s.address(), Optional.empty(), Optional.of(payload));
    }

    private static String describe(Style style) {
        return style.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    // ------------------------------------------------------------------ email

    /**
     * The customer clicks the link of their rating and confirms it on the page, writing in its
     * comment box as often as they comment; some click twice.
     */
    private void clickRating(OpenSurvey s, Customer c, Experience e) {
        URI link = linkFor(s, e.fivePoint());
        Tone tone = Tone.of(e.fivePoint());
        Optional<String> comment = rnd.nextDouble() < commentChance(c, tone)
                ? Optional.of(Phrasebook.comment(c.language(), tone, rnd)) : Optional.empty();
        boolean confirmed = confirm(open(link), comment);
        count(!confirmed ? "email: clicked after the survey closed (refused)" : comment.isPresent()
                ? "email: clicked a rating link, confirmed with a comment" : "email: clicked a rating link and confirmed");
        if (rnd.nextDouble() < 0.04) {
            calendar.at(clock.instant().plus(minutes(30, 600)), () -> {
                count("email: confirmed a second time (refused)");
                confirm(open(link), Optional.empty());
            });
        }
    }

    /** A mail scanner follows every link of the message: nothing may be recorded. */
    private void scanLinks(OpenSurvey s) {
        count("email: every link opened by a mail scanner");
        for (int v = 1; v <= 5; v++) {
            open(linkFor(s, v));
        }
    }

    private URI linkFor(OpenSurvey s, int value) {
        String text = email.delivered(s.id() + ":prompt").orElseThrow().email().plainText();
        Matcher m = Pattern.compile("(?m)^" + value + " - [^:\\n]*: (\\S+)$").matcher(text);
        if (!m.find()) {
            throw new IllegalStateException("no link for " + value + " in the email of survey " + s.id());
        }
        return URI.create(m.group(1));
    }

    /** Follows a link (GET) and returns the page. */
    private static Browser.Page open(URI link) {
        return Browser.get(link);
    }

    /**
     * Presses the page's confirm button: posts its hidden fields back to it, with the comment
     * written in its box.
     *
     * @return whether the page offered the button, or refused the link
     */
    private static boolean confirm(Browser.Page page, Optional<String> comment) {
        Map<String, String> fields = new HashMap<>();
        Matcher m = HIDDEN.matcher(page.body());
        while (m.find()) {
            fields.put(m.group(1), m.group(2).replace("&quot;", "\"").replace("&lt;", "<").replace("&gt;", ">")
                    .replace("&amp;", "&"));
        }
        if (fields.size() < 2) {
            return false; // the page showed no form: the link was refused
        }
        String form = "s=" + URLEncoder.encode(fields.get("s"), StandardCharsets.UTF_8) + "&t="
                + URLEncoder.encode(fields.get("t"), StandardCharsets.UTF_8)
                + comment.map(text -> "&c=" + URLEncoder.encode(text, StandardCharsets.UTF_8)).orElse("");
        Browser.post(page.uri(), Map.of("Content-Type", "application/x-www-form-urlencoded"), form);
        return true;
    }
}
