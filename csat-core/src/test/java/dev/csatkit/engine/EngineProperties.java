package dev.csatkit.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.csatkit.channels.spi.ChannelKind;
import dev.csatkit.channels.spi.InboundReply;
import dev.csatkit.channels.spi.ReplyContent;
import dev.csatkit.internal.Checks;
import dev.csatkit.reply.ParsedReply;
import dev.csatkit.reply.ReplyParser;
import dev.csatkit.scale.RatingScales;
import dev.csatkit.store.SurveyState;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Locale;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.StringLength;

class EngineProperties {

    final EngineFixture.TestClock clock = new EngineFixture.TestClock(EngineFixture.T0);
    final SurveyEngine engine = SurveyEngine.builder().clock(clock).channel(EngineFixture.sms())
            .profile(SurveyProfile.builder(EngineFixture.smsSurvey("s"), ChannelKind.SMS)
                    .acknowledgeSendingRules("ops@example.com", EngineFixture.T0)
                    .placeholders(EngineFixture.company()).minHandleTime(Duration.ofSeconds(20)).build())
            .build();

    @Provide
    Arbitrary<Interaction> interactions() {
        // Any text a contact takes: one line, not blank; what it refuses is covered by EngineValueProperties.
        Arbitrary<String> ids = Arbitraries.strings().ofMinLength(1).ofMaxLength(40).filter(EngineProperties::takes);
        Arbitrary<String> phones = Arbitraries.oneOf(Arbitraries.strings().numeric().ofMinLength(7).ofMaxLength(15)
                .map(d -> "+" + (d.charAt(0) == '0' ? "4" + d.substring(1) : d)), Arbitraries.strings().ofMaxLength(20)
                .filter(EngineProperties::takes));
        Arbitrary<Contact> contacts = Combinators.combine(ids, phones, Arbitraries.of(Locale.ENGLISH, Locale.FRENCH,
                Locale.JAPANESE, Locale.forLanguageTag("fr-CA"))).as((id, phone, locale) ->
                Contact.builder(id).phone(phone).locale(locale).zone(ZoneOffset.ofHours(3)).build());
        return Combinators.combine(ids, contacts, Arbitraries.of(Medium.class), Arbitraries.of(Ending.class),
                Arbitraries.of(HangUp.class), Arbitraries.of(Direction.class), Arbitraries.integers().between(0, 600),
                Arbitraries.of(EngineFixture.alice(), Agent.virtual("bot", "Bot")))
                .as((id, contact, medium, ending, hangUp, direction, seconds, agent) -> Interaction
                        .builder(id, contact, medium).agent(agent).ending(ending).hangUp(hangUp).direction(direction)
                        .between(EngineFixture.T0.minusSeconds(seconds), EngineFixture.T0).build());
    }

    static boolean takes(String s) {
        return !s.isBlank() && Checks.firstLineBreak(s) < 0 && Checks.wellFormed(s);
    }

    @Property(tries = 2000)
    void any_interaction_gets_a_decision_and_a_replay_never_gets_a_second_survey(
            @ForAll("interactions") Interaction interaction) {
        Decision first = engine.decide(interaction);
        Decision again = engine.decide(interaction);
        assertThat(again).isInstanceOf(Decision.Skipped.class);
        if (first instanceof Decision.Skipped skipped) {
            assertThat(skipped.detail()).isNotBlank();
            assertThat(((Decision.Skipped) again).reason()).isEqualTo(skipped.reason());
        } else {
            assertThat(((Decision.Skipped) again).reason()).isIn(SkipReason.DUPLICATE);
        }
    }

    private int contacts;

    @Property(tries = 2000)
    void any_reply_to_a_sent_survey_is_read_as_the_parser_reads_it(@ForAll @StringLength(max = 300) String text) {
        String phone = String.format("+4671%07d", contacts++);
        Decision d = engine.decide(EngineFixture.call("reply-" + phone, EngineFixture.contact("k" + phone, phone))
                .build());
        assertThat(d).isInstanceOf(Decision.Scheduled.class);
        String key = ((Decision.Scheduled) d).surveyKey();
        assertThat(engine.dispatchDue().sent()).isEqualTo(1);

        ReplyOutcome o = engine.receive(new InboundReply("sms", phone, "x", new ReplyContent.Text(text),
                "p-" + phone, clock.instant()));
        ParsedReply read = ReplyParser.forScale(RatingScales.fivePoint()).parse(text, Locale.ENGLISH);
        if (read instanceof ParsedReply.Rating r) {
            assertThat(o).isEqualTo(new ReplyOutcome.Rated(key, r.value(), false));
            assertThat(engine.survey(key).orElseThrow().rating()).hasValue(r.value());
        } else if (read instanceof ParsedReply.OptOut) {
            assertThat(o).isEqualTo(new ReplyOutcome.OptedOut(true));
            assertThat(engine.survey(key).orElseThrow().state()).isEqualTo(SurveyState.OPTED_OUT);
        } else if (read instanceof ParsedReply.OptIn) {
            assertThat(o).isEqualTo(new ReplyOutcome.OptedIn(false));
        } else if (read instanceof ParsedReply.Help) {
            assertThat(o).isEqualTo(new ReplyOutcome.Helped(key));
        } else {
            assertThat(o).isInstanceOfSatisfying(ReplyOutcome.Invalid.class, i -> {
                assertThat(i.surveyKey()).isEqualTo(key);
                assertThat(i.count()).isEqualTo(1);
            });
            assertThat(engine.survey(key).orElseThrow().rating()).isEmpty();
        }
        assertThat(engine.receive(new InboundReply("sms", phone, "x", new ReplyContent.Text(text), "p-" + phone,
                clock.instant()))).as("the same message again").isEqualTo(new ReplyOutcome.Duplicate("p-" + phone));
    }

    private final java.util.Map<String, Boolean> optedOut = new java.util.HashMap<>();
    private int messages;

    @Property(tries = 2000)
    void a_reply_from_someone_never_surveyed_is_unmatched_unless_it_opts_out_or_in(
            @ForAll("replies") String text, @ForAll("senders") String sender) {
        ReplyOutcome o = engine.receive(new InboundReply("sms", sender, "x", new ReplyContent.Text(text),
                "q" + messages++, Instant.EPOCH));
        // STOP and START are honoured with no survey open; anything else matches nothing.
        ParsedReply read = ReplyParser.forScale(RatingScales.fivePoint()).parse(text, Locale.ENGLISH);
        boolean wasOut = optedOut.getOrDefault(sender, false);
        if (read instanceof ParsedReply.OptOut) {
            assertThat(o).isEqualTo(new ReplyOutcome.OptedOut(!wasOut));
            optedOut.put(sender, true);
        } else if (read instanceof ParsedReply.OptIn) {
            assertThat(o).isEqualTo(new ReplyOutcome.OptedIn(wasOut));
            optedOut.put(sender, false);
        } else {
            assertThat(o).isEqualTo(new ReplyOutcome.Unmatched("no survey was sent to "
                    + dev.csatkit.internal.channel.Masking.address(sender) + " on sms"));
        }
    }

    @Provide
    Arbitrary<String> replies() {
        return Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.strings().ofMaxLength(300)),
                Tuple.of(2, Arbitraries.of("STOP", "stop", "Unsubscribe", "START", "unstop", "5", "HELP", "")));
    }

    @Provide
    Arbitrary<String> senders() {
        // Few enough that one address often writes again, after its STOP or START.
        return Arbitraries.oneOf(Arbitraries.of("+46700000001", "+46700000002", "a@example.com"),
                Arbitraries.strings().alpha().numeric().withChars('+', '@', '.').ofMinLength(1).ofMaxLength(20));
    }

    @Property(tries = 1000)
    void backoff_stays_within_its_jitter_and_the_maximum(@ForAll @IntRange(min = 1, max = 20) int attempt,
            @ForAll @IntRange(min = 0, max = 100) int jitterPercent, @ForAll @StringLength(min = 1, max = 30) String seed) {
        RetryPolicy p = new RetryPolicy(20, Duration.ofSeconds(30), Duration.ofHours(2), 2, jitterPercent / 100.0);
        Duration wait = p.backoff(attempt, seed);
        double base = Math.min(30_000 * Math.pow(2, attempt - 1), 7_200_000);
        assertThat((double) wait.toMillis()).isBetween(Math.max(1, base * (1 - p.jitter())) - 1,
                Math.min(base * (1 + p.jitter()), 7_200_000) + 1);
    }
}
