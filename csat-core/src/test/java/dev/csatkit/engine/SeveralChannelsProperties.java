package dev.csatkit.engine;

import static dev.csatkit.engine.EngineFixture.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.csatkit.channels.spi.ChannelKind;
import dev.csatkit.engine.EngineFixture.ScriptedChannel;
import dev.csatkit.engine.EngineFixture.TestClock;
import dev.csatkit.scale.RatingScales;
import dev.csatkit.score.Dimension;
import dev.csatkit.score.Report;
import dev.csatkit.score.ReportSpec;
import dev.csatkit.score.Segment;
import dev.csatkit.score.Tally;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Whatever mix of calls and chats one survey follows, and however they are answered, a report by
 * survey shows that one survey, and its channel segments add up to it.
 */
class SeveralChannelsProperties {

    /** One interaction: on a call (surveyed by SMS) or a chat, and the rating replied, if any. */
    record Contacted(boolean call, Optional<Integer> rating) {
    }

    @Provide
    Arbitrary<List<Contacted>> contacts() {
        return Combinators.combine(Arbitraries.of(true, false),
                        Arbitraries.integers().between(1, 5).optional())
                .as(Contacted::new).list().ofMinSize(1).ofMaxSize(12);
    }

    @Property(tries = 60)
    void a_report_by_survey_shows_one_survey_whose_channels_add_up_to_it(@ForAll("contacts") List<Contacted> all) {
        TestClock clock = new TestClock(T0);
        ScriptedChannel sms = EngineFixture.sms();
        ScriptedChannel chat = EngineFixture.chat();
        List<SurveyProfile> profiles = SurveyProfile.builder(EngineFixture.smsSurvey("after-contact"), ChannelKind.SMS)
                .route(Route.media(Medium.VOICE)).alsoOn(ChannelKind.CHAT, Route.media(Medium.CHAT))
                .acknowledgeSendingRules("ops@example.com", T0).placeholders(EngineFixture.company())
                .buildAll();
        SurveyEngine engine = SurveyEngine.builder().clock(clock).channel(sms).channel(chat).profiles(profiles).build();
        for (int i = 0; i < all.size(); i++) {
            Contact c = EngineFixture.contact("c" + i, String.format("+1555000%04d", i));
            Interaction.Builder b = all.get(i).call() ? EngineFixture.call("call-" + i, c)
                    : Interaction.builder("chat-" + i, c, Medium.CHAT).agent(EngineFixture.alice())
                            .between(T0.minus(Duration.ofMinutes(5)), T0);
            assertThat(engine.decide(b.build())).isInstanceOf(Decision.Scheduled.class);
        }
        engine.dispatchDue();
        // Each survey went on its own profile's channel.
        long calls = all.stream().filter(Contacted::call).count();
        assertThat(sms.delivered).hasSize((int) calls);
        assertThat(chat.delivered).hasSize(all.size() - (int) calls);
        clock.advance(Duration.ofMinutes(1));
        for (int i = 0; i < all.size(); i++) {
            Contacted x = all.get(i);
            if (x.rating().isPresent()) {
                String text = Integer.toString(x.rating().get());
                engine.receive(x.call() ? EngineFixture.text(sms, String.format("+1555000%04d", i), text, clock.instant())
                        : EngineFixture.text(chat, "chat-c" + i, text, clock.instant()));
            }
        }
        clock.advance(Duration.ofDays(2));
        engine.dispatchDue();

        Report bySurvey = Report.of(ReportSpec.builder(RatingScales.fivePoint()).by(Dimension.SURVEY).build(),
                engine.responses());
        assertThat(bySurvey.segments()).singleElement()
                .satisfies(s -> assertThat(s.key().get(Dimension.SURVEY)).isEqualTo("after-contact"));
        Tally one = bySurvey.segments().get(0).tally();
        assertThat(one.sent()).isEqualTo(all.size());
        assertThat(one.responses()).isEqualTo(all.stream().filter(x -> x.rating().isPresent()).count());

        List<Segment> byChannel = Report.of(ReportSpec.builder(RatingScales.fivePoint())
                .by(Dimension.SURVEY, Dimension.CHANNEL).build(), engine.responses()).segments();
        assertThat(byChannel.stream().mapToLong(s -> s.tally().sent()).sum()).isEqualTo(one.sent());
        assertThat(byChannel.stream().mapToLong(s -> s.tally().responses()).sum()).isEqualTo(one.responses());
        assertThat(byChannel.stream().mapToLong(s -> s.tally().satisfied()).sum()).isEqualTo(one.satisfied());
        assertThat(byChannel.stream().filter(s -> s.key().get(Dimension.CHANNEL).equals("sms"))
                .mapToLong(s -> s.tally().sent()).sum()).isEqualTo(calls);
    }
}
