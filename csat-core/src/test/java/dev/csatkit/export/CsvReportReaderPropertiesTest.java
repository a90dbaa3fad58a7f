package dev.csatkit.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.csatkit.InvalidDefinitionException;
import dev.csatkit.scale.RatingScales;
import dev.csatkit.score.Dimension;
import dev.csatkit.score.Period;
import dev.csatkit.score.Report;
import dev.csatkit.score.ReportSpec;
import dev.csatkit.score.SurveyResponse;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;

/**
 * The fast report path against the plain reader and the in-memory report: written by the
 * exporter, any responses read back give the same report as computed in memory; and any text at
 * all gives the rows, rejections and report that {@link ResponseCsvReader} and {@link Report#of}
 * give, with duplicates counted once — whatever the threads and wherever the file is cut.
 */
class CsvReportReaderPropertiesTest {

    // ---------------------------------------------------------------------------------------
    // Export, then read: the same report as in memory

    @Provide
    Arbitrary<SurveyResponse> responses() {
        Arbitrary<String> text = Arbitraries.oneOf(
                Arbitraries.strings().ofMinLength(1).ofMaxLength(12),
                Arbitraries.of("ann", "bob", "=cmd", "+46 8 123", "'quoted", "-", "a,b", "say \"hi\"", "line\nbreak",
                        "Åsa", "日本", "😀", " padded "))
                .filter(s -> !s.isBlank() && !s.contains("\r") && !s.contains("\uFEFF"))
                // Written as UTF-8, a lone surrogate would come back as '?'.
                .filter(s -> s.codePoints().noneMatch(cp -> Character.isSurrogate((char) cp)))
                .map(String::strip);
        Arbitrary<String> ids = Arbitraries.oneOf(Arbitraries.of("c1", "c2", "c3", "'c4", "=c5", "c 6"), text);
        Arbitrary<Long> seconds = Arbitraries.longs().between(-2_000_000_000L, 8_000_000_000L);
        Arbitrary<Integer> nanos = Arbitraries.oneOf(Arbitraries.just(0), Arbitraries.integers().between(0, 999_999_999));
        Arbitrary<Integer> outcome = Arbitraries.integers().between(0, 11);
        Arbitrary<Locale> locales = Arbitraries.of(Locale.forLanguageTag("sv"), Locale.forLanguageTag("fr-CA"),
                Locale.forLanguageTag("zh-Hant-TW"), Locale.ENGLISH);
        return Combinators.combine(ids, Arbitraries.of("post-call", "s2", "'s3"), seconds, nanos, outcome,
                text.injectNull(0.3), text.injectNull(0.5), locales.injectNull(0.3))
                .as((id, survey, at, nano, o, agent, comment, locale) -> {
                    Instant sent = Instant.ofEpochSecond(at, nano);
                    SurveyResponse.Builder b = SurveyResponse.builder(id, survey, sent).agent(agent).comment(comment)
                            .team(agent == null ? null : agent.length() % 2 == 0 ? "red" : "blue")
                            .channel(o % 3 == 0 ? "sms" : "email").locale(locale).caseType(comment == null ? null : "x");
                    if (o >= 1 && o <= 5) {
                        b.rating(o, sent.plusSeconds(o * 7L));
                        if (o >= 4) {
                            // A survey of several questions as the engine records it: the answers ride along.
                            b.answer("effort", o - 3, sent.plusSeconds(60));
                        }
                        if (o == 5) {
                            b.answer("speed", 4, sent.plusSeconds(90));
                        }
                    } else if (o == 6) {
                        b.invalidReply(sent.plusMillis(1));
                    } else if (o == 7) {
                        b.lateReply(OptionalInt.of(2), sent.plusSeconds(86_400));
                    } else if (o == 9) {
                        // One row of a further question, as a responses CSV holds it.
                        b.question("effort").rating(3, sent.plusSeconds(30));
                    } else if (o == 10) {
                        b.question("speed");
                    } else if (o == 11) {
                        b.question("effort").invalidReply(sent.plusSeconds(30));
                    }
                    return b.build();
                });
    }

    @Provide
    Arbitrary<ReportSpec> specs() {
        Arbitrary<List<Dimension>> dims = Arbitraries.of(Dimension.AGENT, Dimension.TEAM, Dimension.CHANNEL,
                Dimension.SURVEY, Dimension.LOCALE, Dimension.CASE_TYPE, Dimension.ENTRY_POINT, Dimension.QUESTION)
                .list().uniqueElements().ofMaxSize(2);
        Arbitrary<Boolean> scales = Arbitraries.of(true, false);
        Arbitrary<Period> period = Arbitraries.of(Period.class).injectNull(0.5);
        Arbitrary<ZoneId> zone = Arbitraries.of(ZoneId.of("UTC"), ZoneId.of("Europe/Stockholm"),
                ZoneId.of("America/St_Johns"), ZoneId.of("+05:45"));
        Arbitrary<Integer> low = Arbitraries.integers().between(0, 4);
        Arbitrary<Integer> lowLimit = Arbitraries.integers().between(1, 3);
        return Combinators.combine(dims, period, zone, low, lowLimit, scales).as((d, p, z, l, limit, own) -> {
            ReportSpec.Builder b = ReportSpec.builder(RatingScales.fivePoint()).by(d).zone(z).minimumSample(2);
            if (own) {
                // Effort on three faces; speed, not named, on the report's scale.
                b.question("effort", RatingScales.threeFaces());
            }
            if (p != null) {
                b.period(p);
            }
            if (l > 0) {
                b.lowScores(l).lowScoreLimit(limit);
            }
            return b.build();
        });
    }

    @Property(tries = 2000)
    void exportedResponsesGiveTheSameReportAsInMemory(@ForAll("specs") ReportSpec spec,
            @ForAll("responseLists") List<SurveyResponse> responses, @ForAll @IntRange(min = 1, max = 3) int threads,
            @ForAll @IntRange(min = 16, max = 400) int stretch) {
        StringWriter out = new StringWriter();
        CsvExport.writeResponses(responses.iterator(), out);
        List<CsvRow.Rejected> rejected = new ArrayList<>();
        CsvReport read = withFile(out.toString(), file -> CsvReportReader.of(spec).threads(threads)
                .stretchBytes(stretch).read(file, rejected::add));

        List<SurveyResponse> rows = rows(responses);
        List<SurveyResponse> once = lastWins(rows);
        assertThat(rejected).isEmpty();
        assertThat(read.rows()).isEqualTo(rows.size());
        assertThat(read.accepted()).isEqualTo(rows.size());
        assertThat(read.duplicates()).isEqualTo(rows.size() - once.size());
        assertThat(read.report()).isEqualTo(Report.of(spec, once));
    }

    /** The responses as a responses CSV holds them: one row per question answered. */
    static List<SurveyResponse> rows(List<SurveyResponse> responses) {
        List<SurveyResponse> rows = new ArrayList<>();
        for (SurveyResponse r : responses) {
            rows.add(withoutAnswers(r));
            r.answers().forEach(a -> rows.add(SurveyResponse.builder(r.interactionId(), r.surveyId(), r.sentAt())
                    .channel(r.channel().orElse(null)).agent(r.agent().orElse(null)).team(r.team().orElse(null))
                    .entryPoint(r.entryPoint().orElse(null)).locale(r.locale().orElse(null))
                    .caseType(r.caseType().orElse(null)).question(a.question()).rating(a.score(), a.respondedAt())
                    .build()));
        }
        return rows;
    }

    private static SurveyResponse withoutAnswers(SurveyResponse r) {
        return new SurveyResponse(r.interactionId(), r.surveyId(), r.channel(), r.agent(), r.team(), r.entryPoint(),
                r.locale(), r.caseType(), r.sentAt(), r.respondedAt(), r.score(), r.comment(), r.invalid(), r.late(),
                r.question(), List.of());
    }

    @Property(tries = 1000)
    void answersCarriedOnAResponseReportAsTheirRowsDo(@ForAll("specs") ReportSpec spec,
            @ForAll("responseLists") List<SurveyResponse> responses) {
        Report nested = Report.of(spec, responses);
        Report flat = Report.of(spec, rows(responses));
        assertThat(nested.overall()).isEqualTo(flat.overall());
        assertThat(nested.segments()).isEqualTo(flat.segments());
        assertThat(nested.trend()).isEqualTo(flat.trend());
        assertThat(nested.questions()).isEqualTo(flat.questions());
        assertThat(nested.lowScores()).map(CsvReportReaderPropertiesTest::withoutAnswers).isEqualTo(flat.lowScores());
        assertThat(nested.lowScoresOmitted()).isEqualTo(flat.lowScoresOmitted());
    }

    @Provide
    Arbitrary<List<SurveyResponse>> responseLists() {
        return responses().list().ofMaxSize(25);
    }

    /** Each survey key once, the last row for it kept, in the order the kept rows came. */
    static List<SurveyResponse> lastWins(List<SurveyResponse> responses) {
        Map<List<String>, SurveyResponse> byKey = new LinkedHashMap<>();
        for (SurveyResponse r : responses) {
            List<String> key = List.of(r.interactionId(), r.surveyId(), r.question());
            byKey.remove(key);
            byKey.put(key, r);
        }
        return new ArrayList<>(byKey.values());
    }

    // ---------------------------------------------------------------------------------------
    // Any text: what the plain reader says, row by row

    private static final List<String> COLUMNS = ReportTables.RESPONSE_COLUMNS;

    /** Cells anywhere: odd ones, quoting and the CSV's own breakage. */
    @Provide
    Arbitrary<String> cells() {
        return Arbitraries.oneOf(
                Arbitraries.of("", " ", "'", "''", "\"q\"", "\"a,b\"", "\"x\"\"y\"", "\"multi\nline\"",
                        "\"cr\rline\"", "\"crlf\r\nline\"", "\"\"", "a\"b", "\"unclosed", "\"x\" y", "\"x\"  ",
                        "Åsa", "\u2003ann\u3000", "x".repeat(257), "é".repeat(200), "y".repeat(300)),
                Arbitraries.strings().ofMaxLength(6));
    }

    /** Cells for one column: mostly what the exporter writes there, sometimes what it never would. */
    private Arbitrary<String> cellFor(String column) {
        Arbitrary<String> valid = switch (column) {
            case "interaction_id" -> Arbitraries.of("c1", "c2", "c3", "c4", "'c1", "'=c2", "\"c3\"", "Åsa-1");
            case "survey_id" -> Arbitraries.of("s", "s", "t", "'s");
            case "sent_at" -> Arbitraries.of("2025-03-14T09:00:00Z", "2025-03-14T09:00:00.5Z", "2025-03-14T10:00:00+01:00",
                    "2025-03-14T09:00:00", "2024-02-29T23:59:59.999999999Z", "1900-01-01T00:00:00Z",
                    "2025-03-30T01:30:00", "2025-03-30T02:30:00", "2025-10-26T02:30:00", "2025-03-14T08:59:59Z",
                    "2025-03-14T09:00:00.000Z");
            case "responded_at" -> Arbitraries.of("", "", "2025-03-14T09:00:00Z", "2025-03-14T10:00:00.5+01:00",
                    "9999-12-31T23:59:59Z", "2025-03-15T09:00:00");
            case "score" -> Arbitraries.of("", "", "1", "2", "3", "4", "5", "05");
            case "question_id" -> Arbitraries.of("", "", "", "csat", "csat", "effort", "speed");
            case "invalid", "late" -> Arbitraries.of("", "false", "false", "false", "true", "TRUE", "yes", "no", "0", "1");
            case "locale" -> Arbitraries.of("", "sv", "fr-CA", "'sv", " sv ", "zh-Hant-TW");
            case "comment" -> Arbitraries.of("", "great", "\"a, b\"", "'=1+2", "\"said \"\"no\"\"\"", "\"two\nlines\"");
            case "keys" -> Arbitraries.of("", "", "7", "10#", "0", "*7", "'=1", "'+1", "k".repeat(32));
            default -> Arbitraries.of("", "ann", "bob", "'+4681234", " ann", "ann ", "'", "\"bob\"", "Åsa", "\u2003ann");
        };
        Arbitrary<String> odd = switch (column) {
            case "interaction_id" -> Arbitraries.of(" c1", "c1 ", "c\"4", "'", "", "i".repeat(257));
            case "survey_id" -> Arbitraries.of("s ", "\"s\"", "");
            case "sent_at", "responded_at" -> Arbitraries.of("2025-03-14t09:00:00z", "2025-03-14T09:00Z",
                    "2025-02-29T09:00:00Z", "1899-12-31T23:59:59Z", "-999999999-01-01T00:00:00Z",
                    "+10000-01-01T00:00:00Z", "2025-03-14T09:00:00-00:00", "2025-03-14T09:00:00+18:00",
                    "2025-03-14T09:00:00+01:00[Europe/Paris]", "2025-03-14T09:00:00.Z", "2025-03-14T09:00:00.1234567890Z",
                    "yesterday", "", "'2025-03-14T09:00:00Z");
            case "score" -> Arbitraries.of("+4", "0", "6", "six", " 5", "'5", "99999999999", "-1");
            case "question_id" -> Arbitraries.of("Effort", " csat", "effort ", "'effort", "1st", "\"csat\"");
            case "invalid", "late" -> Arbitraries.of("maybe", " true", "'true");
            case "locale" -> Arbitraries.of("xx-!!", "en_GB", "'");
            case "comment" -> Arbitraries.of("c".repeat(70_000), "\"" + "d".repeat(65_535) + "\"\"\"");
            case "keys" -> Arbitraries.of("k".repeat(33), "'" + "k".repeat(32), "\"7\n8\"");
            default -> Arbitraries.of("z".repeat(257), "é".repeat(200));
        };
        return Arbitraries.frequencyOf(
                Tuple.of(40, valid),
                Tuple.of(2, odd),
                Tuple.of(1, cells()));
    }

    @Provide
    Arbitrary<String> texts() {
        Arbitrary<List<String>> header = Arbitraries.of(COLUMNS).list().uniqueElements().ofMinSize(3).ofMaxSize(10)
                .map(h -> {
                    List<String> names = new ArrayList<>(h);
                    for (String required : ResponseCsvReader.REQUIRED_COLUMNS) {
                        if (!names.contains(required)) {
                            names.add(names.size() / 2, required);
                        }
                    }
                    return names;
                });
        Arbitrary<String> newline = Arbitraries.of("\n", "\n", "\n", "\r\n", "\r");
        return header.flatMap(names -> {
            List<Arbitrary<String>> columns = new ArrayList<>();
            for (String name : names) {
                columns.add(cellFor(name));
            }
            Arbitrary<List<String>> row = Combinators.combine(columns).as(ArrayList::new);
            Arbitrary<List<String>> shaped = Combinators.combine(row, Arbitraries.integers().between(0, 19), cells())
                    .as((cells, shape, extra) -> {
                        List<String> r = new ArrayList<>(cells);
                        if (shape == 0) {
                            r.remove(r.size() - 1);
                        } else if (shape == 1) {
                            r.add(extra);
                        } else if (shape == 2) {
                            r.clear(); // a blank line
                        }
                        return r;
                    });
            return Combinators.combine(shaped.list().ofMaxSize(14), newline,
                    Arbitraries.of("", "", "\n", "\uFEFF", " \n", "extra,")).as((rows, nl, prefix) -> {
                        StringBuilder sb = new StringBuilder(prefix.equals("extra,") ? "" : prefix);
                        sb.append(prefix.equals("extra,") ? "extra," : "").append(String.join(",", names)).append(nl);
                        for (List<String> r : rows) {
                            sb.append(prefix.equals("extra,") && !r.isEmpty() ? "x," : "").append(String.join(",", r))
                                    .append(nl);
                        }
                        return sb.toString();
                    });
        });
    }

    // Edge cases put the longest cells (70 000 characters) in most rows and take a minute; random
    // tries reach every kind of cell and row.
    @Property(tries = 3000, edgeCases = EdgeCasesMode.NONE)
    void anyTextGivesWhatThePlainReaderGives(@ForAll("texts") String csv, @ForAll("specs") ReportSpec spec,
            @ForAll @IntRange(min = 1, max = 3) int threads, @ForAll @IntRange(min = 1, max = 300) int stretch) {
        List<CsvRow.Rejected> expectedRejected = new ArrayList<>();
        List<SurveyResponse> accepted = new ArrayList<>();
        try (ResponseCsvReader reader = ResponseCsvReader.open(new StringReader(csv), spec.scale(),
                spec.questionScales(), spec.zone())) {
            reader.forEachRemaining(row -> {
                if (row instanceof CsvRow.Accepted a) {
                    accepted.add(a.response());
                } else {
                    expectedRejected.add((CsvRow.Rejected) row);
                }
            });
        } catch (InvalidDefinitionException e) {
            assertThatThrownBy(() -> withFile(csv, file -> CsvReportReader.of(spec).read(file, r -> { })))
                    .isInstanceOf(InvalidDefinitionException.class).hasMessage(e.getMessage());
            return;
        }
        List<CsvRow.Rejected> rejected = new ArrayList<>();
        // Cut finely, but into no more than a few hundred stretches when a long comment makes the file long.
        CsvReport read = withFile(csv, file -> CsvReportReader.of(spec).threads(threads)
                .stretchBytes(Math.max(stretch, csv.length() / 300)).read(file, rejected::add));
        List<SurveyResponse> once = lastWins(accepted);
        // About a third of tries have a duplicate, a tenth a broken row, most some of each kind of row.
        Statistics.label("accepted").collect(Math.min(accepted.size(), 3));
        Statistics.label("rejected").collect(Math.min(expectedRejected.size(), 3));
        Statistics.label("duplicates").collect(accepted.size() > once.size());
        assertThat(rejected).isEqualTo(expectedRejected);
        assertThat(read.accepted()).isEqualTo(accepted.size());
        assertThat(read.rejected()).isEqualTo(expectedRejected.size());
        assertThat(read.duplicates()).isEqualTo(accepted.size() - once.size());
        assertThat(read.report()).isEqualTo(Report.of(spec, once));
    }

    interface FileRead {
        CsvReport read(Path file);
    }

    static CsvReport withFile(String csv, FileRead read) {
        try {
            Path file = Files.createTempFile("responses", ".csv");
            try {
                Files.writeString(file, csv, StandardCharsets.UTF_8);
                return read.read(file);
            } finally {
                Files.delete(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
