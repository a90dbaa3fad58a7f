package dev.csatkit.engine;

import static dev.csatkit.engine.EngineFixture.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.csatkit.channels.spi.ChannelKind;
import dev.csatkit.channels.spi.InboundReply;
import dev.csatkit.channels.spi.ReplyContent;
import dev.csatkit.engine.EngineFixture.ScriptedChannel;
import dev.csatkit.engine.EngineFixture.TestClock;
import dev.csatkit.export.CsvExport;
import dev.csatkit.export.CsvReport;
import dev.csatkit.export.CsvReportReader;
import dev.csatkit.scale.RatingScales;
import dev.csatkit.score.Dimension;
import dev.csatkit.score.Report;
import dev.csatkit.score.ReportSpec;
import dev.csatkit.score.SurveyResponse;
import dev.csatkit.survey.Question;
import dev.csatkit.survey.SurveyDefinition;
import java.io.ByteArrayInputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Asking more questions never changes what the first one counts: for any replies to a survey of
 * two or three questions, the primary question's report — in memory and read back from the
 * exported CSV — is the report of the same survey with one question, given the same replies up
 * to the one that rated it.
 */
class SeveralQuestionsProperties {

    static final List<String> AGENTS = List.of("ann", "bob", "cy");

    /** A customer's reply after the clock moved on by {@code minutes}. */
    record Step(int minutes, String reply) {
    }

    /** One customer: the agent who served them and what they send, in order. */
    record Customer(String agent, List<Step> steps) {
    }

    @Provide
    Arbitrary<List<Customer>> customers() {
        Arbitrary<Step> step = Combinators.combine(Arbitraries.of(0, 1, 5, 45, 130, 300),
                Arbitraries.of("1", "2", "3", "4", "5", "5", "4", "7", "0", "10", "maybe", "STOP", "HELP",
                        "The wait was long", "😍")).as(Step::new);
        return Combinators.combine(Arbitraries.of(AGENTS), step.list().ofMaxSize(6)).as(Customer::new)
                .list().ofMinSize(1).ofMaxSize(10);
    }

    @Property(tries = 150)
    void thePrimaryQuestionsReportIsThatOfTheSameSurveyWithOneQuestion(
            @ForAll("customers") List<Customer> customers, @ForAll @IntRange(min = 1, max = 2) int further,
            @ForAll boolean skippable) {
        List<Question> more = new ArrayList<>();
        more.add(Question.builder("effort").scale(RatingScales.threeFaces()).skippable(skippable)
                .prompt(Locale.ENGLISH, "How easy, 1 to 3?").prompt(Locale.FRENCH, "Facile, de 1 à 3 ?").build());
        if (further == 2) {
            more.add(Question.builder("speed").scale(RatingScales.zeroToTen())
                    .prompt(Locale.ENGLISH, "How fast, 0 to 10?").prompt(Locale.FRENCH, "Rapide, de 0 à 10 ?").build());
        }
        SurveyDefinition one = EngineFixture.smsSurvey("after-call");
        SurveyDefinition several = new SurveyDefinition(one.id(), one.name(), one.scale(), one.channels(),
                one.defaultLocale(), one.messages(), one.customPlaceholders(), one.onMissingLanguage(),
                one.keypadAnswerWindow(), more);
        Run a = new Run(one);
        Run b = new Run(several);
        for (int i = 0; i < customers.size(); i++) {
            a.decide(i, customers.get(i).agent());
            b.decide(i, customers.get(i).agent());
        }
        a.engine.dispatchDue();
        b.engine.dispatchDue();
        for (int i = 0; i < customers.size(); i++) {
            boolean rated = false;
            for (Step s : customers.get(i).steps()) {
                Duration d = Duration.ofMinutes(s.minutes());
                a.clock.advance(d);
                b.clock.advance(d);
                // The one-question survey gets the replies up to the first rating, the other all of them.
                if (!rated) {
                    a.reply(i, s.reply());
                }
                b.reply(i, s.reply());
                // Rated once the one-question survey holds a rating (digits, words or emoji).
                rated = a.rated(i);
                a.engine.dispatchDue();
                b.engine.dispatchDue();
            }
        }
        a.clock.advance(Duration.ofDays(3));
        b.clock.advance(Duration.ofDays(3));
        a.engine.dispatchDue();
        b.engine.dispatchDue();

        ReportSpec spec = ReportSpec.builder(RatingScales.fivePoint()).questions(several).by(Dimension.AGENT)
                .lowScores(2).minimumSample(1).build();
        Report expected = Report.of(spec, a.engine.responses());
        Report actual = Report.of(spec, b.engine.responses());
        assertThat(actual.overall()).isEqualTo(expected.overall());
        assertThat(actual.question(Question.PRIMARY_ID)).isEqualTo(expected.question(Question.PRIMARY_ID));
        assertThat(actual.segments()).isEqualTo(expected.segments());
        assertThat(actual.lowScores()).map(SeveralQuestionsProperties::low)
                .isEqualTo(expected.lowScores().stream().map(SeveralQuestionsProperties::low).toList());

        // The same through the export and csat report's reader.
        StringWriter csv = new StringWriter();
        CsvExport.writeResponses(b.engine.responses().iterator(), csv);
        CsvReport read = CsvReportReader.of(spec).threads(1).read(new ByteArrayInputStream(csv.toString()
                .getBytes(StandardCharsets.UTF_8)), r -> {
                    throw new AssertionError(r.message());
                });
        assertThat(read.report().overall()).isEqualTo(expected.overall());
        assertThat(read.report().segments()).isEqualTo(expected.segments());
        assertThat(read.report().questions()).isEqualTo(actual.questions());
    }

    private static String low(SurveyResponse r) {
        return r.interactionId() + "=" + r.score().orElse(-1) + "@" + r.respondedAt().orElseThrow();
    }

    /** One engine with its clock and SMS channel. */
    static final class Run {
        final TestClock clock = new TestClock(T0);
        final ScriptedChannel sms = EngineFixture.sms();
        final SurveyEngine engine;
        int messages;

        Run(SurveyDefinition survey) {
            engine = SurveyEngine.builder().clock(clock).channel(sms)
                    .profile(SurveyProfile.builder(survey, ChannelKind.SMS).placeholders(EngineFixture.company())
                            .acknowledgeSendingRules("ops@example.com", T0)
                            .noQuietHours().noFrequencyCap().answerWindow(Duration.ofHours(4)).build())
                    .build();
        }

        void decide(int i, String agent) {
            engine.decide(Interaction.builder("i" + i, EngineFixture.contact("k" + i, phone(i)), Medium.VOICE)
                    .agent(Agent.human(agent, agent, "Blue")).entryPoint("+15550100")
                    .between(T0.minus(Duration.ofMinutes(6)), T0).hangUp(HangUp.AGENT).build());
        }

        boolean rated(int i) {
            return engine.responses().stream().filter(r -> r.interactionId().equals("i" + i))
                    .anyMatch(SurveyResponse::isRating);
        }

        void reply(int i, String text) {
            engine.receive(new InboundReply(sms.id, phone(i), "+15550100", new ReplyContent.Text(text),
                    "m" + (++messages), clock.instant()));
        }

        static String phone(int i) {
            return "+4670123" + String.format(Locale.ROOT, "%04d", i);
        }
    }
}
