package dev.csatkit.engine;

import static dev.csatkit.engine.EngineFixture.T0;
import static dev.csatkit.engine.EngineFixture.call;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.csatkit.InvalidConfigurationException;
import dev.csatkit.channels.spi.ChannelKind;
import dev.csatkit.engine.EngineFixture.ScriptedChannel;
import dev.csatkit.engine.EngineFixture.TestClock;
import dev.csatkit.export.CsvExport;
import dev.csatkit.export.CsvReportReader;
import dev.csatkit.export.CsvRow;
import dev.csatkit.export.JsonExport;
import dev.csatkit.export.ResponseCsvReader;
import dev.csatkit.scale.RatingScales;
import dev.csatkit.score.Dimension;
import dev.csatkit.score.Report;
import dev.csatkit.score.ReportSpec;
import dev.csatkit.score.Segment;
import dev.csatkit.score.SurveyResponse;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Responses carry a pseudonymous contact key, the contact's region and the brand, and reports group by them. */
class ContactKeyAndRegionTest {

    static final byte[] SECRET = "a host secret of 32 bytes, kept.".getBytes(StandardCharsets.UTF_8);
    final TestClock clock = new TestClock(T0);
    final ScriptedChannel sms = EngineFixture.sms();

    SurveyEngine engine() {
        return SurveyEngine.builder().clock(clock).channel(sms).contactKeys(ContactKeys.withSecret(SECRET))
                .profile(SurveyProfile.builder(EngineFixture.smsSurvey("after-call"), ChannelKind.SMS)
                        .acknowledgeSendingRules("ops@example.com", T0).noQuietHours().noFrequencyCap()
                        .placeholders(EngineFixture.company()).build())
                .build();
    }

    static Contact contact(String id, String phone, String region) {
        return Contact.builder(id).phone(phone).region(region).build();
    }

    void rate(SurveyEngine e, String callId, Contact c, String brand, String reply) {
        e.decide(call(callId, c).brand(brand).build());
        e.dispatchDue();
        e.receive(EngineFixture.text(sms, c.address(ChannelKind.SMS).orElseThrow(), reply, clock.instant()));
        clock.advance(java.time.Duration.ofMinutes(1));
    }

    List<SurveyResponse> threeCalls(SurveyEngine e) {
        Contact ann = contact("crm-ann", "+46701234567", "north");
        Contact bob = contact("crm-bob", "+46701234568", "south");
        rate(e, "call-1", ann, "acme", "5");
        rate(e, "call-2", ann, "acme", "3");
        rate(e, "call-3", bob, "bolt", "1");
        return e.responses();
    }

    @Test
    void a_response_carries_the_keyed_hash_of_the_contact_never_its_id_with_region_and_brand() {
        SurveyEngine e = engine();
        List<SurveyResponse> responses = threeCalls(e);
        assertThat(responses).hasSize(3);
        SurveyResponse first = responses.stream().filter(r -> r.interactionId().equals("call-1")).findFirst()
                .orElseThrow();
        String key = e.contactKey("crm-ann");
        assertThat(key).startsWith("ck-").hasSize(23).doesNotContain("crm-ann");
        assertThat(first.contactKey()).contains(key);
        assertThat(first.region()).contains("north");
        assertThat(first.brand()).contains("acme");
        // The key depends on the secret: the default gives another, and so would any other host.
        assertThat(ContactKeys.DEFAULT.keyOf("crm-ann")).isNotEqualTo(key).startsWith("ck-");
        assertThat(ContactKeys.withSecret(SECRET).keyOf("crm-ann")).isEqualTo(key);
        assertThat(e.contactKey("crm-bob")).isNotEqualTo(key);
        assertThat(first.toString()).doesNotContain("crm-ann");
    }

    @Test
    void a_short_secret_is_refused_naming_the_rule() {
        assertThatThrownBy(() -> ContactKeys.withSecret(new byte[8])).isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("contactKeys.secret").hasMessageContaining("8 bytes")
                .hasMessageContaining("at least 16 bytes");
    }

    @Test
    void a_report_groups_by_contact_region_and_brand() {
        SurveyEngine e = engine();
        List<SurveyResponse> responses = threeCalls(e);
        ReportSpec byRegion = ReportSpec.builder(RatingScales.fivePoint()).by(Dimension.REGION).build();
        assertThat(counts(Report.of(byRegion, responses), Dimension.REGION)).isEqualTo(Map.of("north", 2L, "south", 1L));
        ReportSpec byContact = ReportSpec.builder(RatingScales.fivePoint()).by(Dimension.CONTACT).build();
        assertThat(counts(Report.of(byContact, responses), Dimension.CONTACT))
                .isEqualTo(Map.of(e.contactKey("crm-ann"), 2L, e.contactKey("crm-bob"), 1L));
        ReportSpec byBrand = ReportSpec.builder(RatingScales.fivePoint()).by(Dimension.BRAND).build();
        assertThat(counts(Report.of(byBrand, responses), Dimension.BRAND)).isEqualTo(Map.of("acme", 2L, "bolt", 1L));
        assertThat(Dimension.byKey("region")).contains(Dimension.REGION);
        assertThat(Dimension.byKey("contact")).contains(Dimension.CONTACT);
    }

    @Test
    void the_csv_and_json_exports_keep_them_and_the_csv_reads_back_and_reports_by_region() {
        SurveyEngine e = engine();
        List<SurveyResponse> responses = threeCalls(e);
        StringWriter csv = new StringWriter();
        CsvExport.writeResponses(responses.iterator(), csv);
        assertThat(csv.toString().lines().findFirst().orElseThrow()).endsWith(",contact_key,region,brand,keys");
        assertThat(csv.toString()).doesNotContain("crm-ann");
        List<SurveyResponse> back = new ArrayList<>();
        try (ResponseCsvReader reader = ResponseCsvReader.open(new StringReader(csv.toString()),
                RatingScales.fivePoint(), ZoneOffset.UTC)) {
            reader.forEachRemaining(row -> back.add(((CsvRow.Accepted) row).response()));
        }
        assertThat(back).containsExactlyInAnyOrderElementsOf(responses);

        ReportSpec byRegion = ReportSpec.builder(RatingScales.fivePoint()).by(Dimension.REGION, Dimension.BRAND).build();
        Report fromFile = CsvReportReader.of(byRegion).read(
                new ByteArrayInputStream(csv.toString().getBytes(StandardCharsets.UTF_8)), r -> { }).report();
        assertThat(fromFile.segments()).hasSize(2);
        assertThat(fromFile.segments().stream().map(s -> s.key().get(Dimension.REGION) + "/"
                + s.key().get(Dimension.BRAND) + "=" + s.tally().responses())).containsExactlyInAnyOrder(
                        "north/acme=2", "south/bolt=1");

        StringWriter json = new StringWriter();
        JsonExport.writeResponses(responses.iterator(), json);
        assertThat(json.toString()).contains("\"contact_key\":\"" + e.contactKey("crm-bob") + "\"")
                .contains("\"region\":\"south\"").contains("\"brand\":\"bolt\"").doesNotContain("crm-bob");
    }

    @Test
    void a_file_without_the_new_columns_still_reads_with_no_contact_region_or_brand() {
        String csv = "interaction_id,survey_id,sent_at,responded_at,score\n"
                + "c1,s,2025-03-14T09:00:00Z,2025-03-14T09:01:00Z,4\n";
        try (ResponseCsvReader reader = ResponseCsvReader.open(new StringReader(csv), RatingScales.fivePoint(),
                ZoneOffset.UTC)) {
            SurveyResponse r = ((CsvRow.Accepted) reader.next()).response();
            assertThat(r.contactKey()).isEmpty();
            assertThat(r.region()).isEmpty();
            assertThat(r.brand()).isEmpty();
        }
        Report report = CsvReportReader.of(ReportSpec.builder(RatingScales.fivePoint()).by(Dimension.REGION).build())
                .read(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), r -> { }).report();
        assertThat(report.segments()).singleElement()
                .satisfies(s -> assertThat(s.key().get(Dimension.REGION)).isEqualTo(Dimension.NONE));
    }

    @Test
    void wait_and_open_tickets_reach_the_response_and_the_engine_reports_caller_sentiment_per_region() {
        SurveyEngine e = SurveyEngine.builder().clock(clock).channel(sms).contactKeys(ContactKeys.withSecret(SECRET))
                .profile(SurveyProfile.builder(EngineFixture.smsSurvey("after-call"), ChannelKind.SMS)
                        .acknowledgeSendingRules("ops@example.com", T0).noQuietHours().noFrequencyCap()
                        .moodScale(RatingScales.threeFaces()).placeholders(EngineFixture.company()).build())
                .build();
        Contact ann = contact("crm-ann", "+46701234567", "north");
        Interaction a = call("call-1", ann).waitTime(java.time.Duration.ofMinutes(2)).openTickets(1).build();
        e.decide(a);
        e.dispatchDue();
        e.receive(EngineFixture.text(sms, "+46701234567", "4", clock.instant()));
        e.recordMood(a, 1);
        e.recordMood(a, 3); // the latest assessment counts
        SurveyResponse r = e.responses().get(0);
        assertThat(r.waitTime()).contains(java.time.Duration.ofMinutes(2));
        assertThat(r.openTickets()).hasValue(1);
        dev.csatkit.score.CallerSentiment s = e.sentiment(dev.csatkit.score.SentimentSpec
                .builder(RatingScales.fivePoint(), RatingScales.threeFaces()).build());
        // The worked example's first call: 100 × (0.5×0.75 + 0.2×1 + 0.15×0.8 + 0.15×0.8) = 81.5
        assertThat(s.by(Dimension.REGION)).singleElement().satisfies(g -> {
            assertThat(g.value()).isEqualTo("north");
            assertThat(g.mean().getAsDouble()).isCloseTo(81.5, org.assertj.core.api.Assertions.within(1e-9));
        });
        assertThatThrownBy(() -> call("x", ann).openTickets(-1).build())
                .hasMessageContaining("openTickets = -1: must not be negative");
    }

    static Map<String, Long> counts(Report report, Dimension d) {
        return report.segments().stream().collect(Collectors.toMap(s -> s.key().get(d), s -> s.tally().responses()));
    }
}
