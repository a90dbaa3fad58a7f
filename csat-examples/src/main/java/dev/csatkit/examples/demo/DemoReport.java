package dev.csatkit.examples.demo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.csatkit.channels.spi.ChannelKind;
import dev.csatkit.engine.Medium;
import dev.csatkit.engine.SkipReason;
import dev.csatkit.examples.export.ReportDocument;
import dev.csatkit.examples.export.ReportText;
import dev.csatkit.examples.export.XlsxExport;
import dev.csatkit.export.Cell;
import dev.csatkit.export.CsvExport;
import dev.csatkit.export.ReportTables;
import dev.csatkit.export.Table;
import dev.csatkit.scale.RatingScale;
import dev.csatkit.scale.RatingScales;
import dev.csatkit.score.Bands;
import dev.csatkit.score.Dimension;
import dev.csatkit.score.Period;
import dev.csatkit.score.Report;
import dev.csatkit.score.ReportSpec;
import dev.csatkit.score.Segment;
import dev.csatkit.score.SurveyResponse;
import dev.csatkit.score.Tally;
import dev.csatkit.score.VsRest;
import dev.csatkit.score.CallerSentiment;
import dev.csatkit.score.SentimentSpec;
import dev.csatkit.store.LowScoreReview;
import dev.csatkit.store.MoodAssessment;
import dev.csatkit.store.ReviewNotes;
import dev.csatkit.store.ReviewStatus;
import dev.csatkit.store.SurveyState;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.stream.Collectors;

/**
 * The demo's report: what the simulated helpdesk did and how its customers rated it, as text for
 * the terminal and, on request, as files — the responses as CSV that {@code csat report} reads,
 * the report as JSON and XLSX, and the daily CSAT trend as a PNG chart.
 *
 * <p>The keypad survey rates on 1–9 and the others on 1–5. CSAT and Net CSAT only count how many
 * ratings were satisfied, neutral and dissatisfied on their own scale, so the combined figures map
 * every rating to its polarity on the three-point scale and report on that: each figure, interval
 * and comparison is exactly what it would be computed per scale and then added up.
 */
public final class DemoReport {

    /** Low-score comments shown in the text report; the JSON and XLSX files list them all. */
    static final int LOW_SCORES_SHOWN = 15;

    private static final RatingScale COMBINED = RatingScales.threeFaces();

    /** Where the "good" band starts, drawn on the trend chart. */
    static final double GOOD_FROM = Bands.DEFAULT.goodFrom();

    private final SimulationResult result;
    private final Report byChannel;
    private final Report byTeam;
    private final Report byAgent;
    private final Report byDay;
    private final Report chatQuestions;
    private final long sentAfterLastDay;

    private DemoReport(SimulationResult result) {
        this.result = result;
        List<SurveyResponse> combined = byPolarity(result);
        this.byChannel = Report.of(spec().by(Dimension.CHANNEL).build(), combined);
        this.byTeam = Report.of(spec().by(Dimension.TEAM).build(), combined);
        this.byAgent = Report.of(spec().by(Dimension.AGENT).lowScores(1).build(), combined);
        // Surveys of the last evening's interactions go out the next day; a day with a handful of
        // them would only draw a wide interval, so the trend covers the simulated days.
        this.byDay = Report.of(spec().period(Period.DAY).build(), combined.stream()
                .filter(r -> r.sentAt().isBefore(result.settings().end())).toList());
        this.sentAfterLastDay = combined.stream().filter(r -> !r.sentAt().isBefore(result.settings().end())).count();
        // The chat survey's two questions, each on its own scale, by question.
        this.chatQuestions = Report.of(ReportSpec.builder(RatingScales.fivePoint())
                .question(HelpdeskSimulation.EFFORT, HelpdeskSimulation.EFFORT_SCALE).by(Dimension.QUESTION)
                .zone(ZoneOffset.UTC).build(), result.responses().stream()
                .filter(r -> r.channel().filter(c -> c.equals(name(ChannelKind.CHAT))).isPresent()).toList());
    }

    private static ReportSpec.Builder spec() {
        return ReportSpec.builder(COMBINED).zone(ZoneOffset.UTC);
    }

    /**
     * @param result a simulated run
     * @return its report
     */
    public static DemoReport of(SimulationResult result) {
        return new DemoReport(result);
    }

    /** @return the figures per channel, on the combined scale */
    public Report byChannel() {
        return byChannel;
    }

    /** @return the figures per agent, with the dissatisfied ratings listed */
    public Report byAgent() {
        return byAgent;
    }

    /** @return the chat survey's figures per question */
    public Report chatQuestions() {
        return chatQuestions;
    }

    /** @return the figures per day, for the trend */
    public Report byDay() {
        return byDay;
    }

    /**
     * Every response with its rating replaced by the rating's polarity on the three-point scale:
     * 1 dissatisfied, 2 neutral, 3 satisfied. Unanswered, invalid and late responses stay as they are.
     */
    static List<SurveyResponse> byPolarity(SimulationResult result) {
        List<SurveyResponse> out = new ArrayList<>(result.responses().size());
        for (SurveyResponse r : result.responses()) {
            if (r.score().isEmpty()) {
                out.add(r);
                continue;
            }
            RatingScale scale = result.scales().get(r.surveyId());
            int v = r.score().getAsInt();
            int polarity = scale.isSatisfied(v) ? 3 : scale.isDissatisfied(v) ? 1 : 2;
            out.add(new SurveyResponse(r.interactionId(), r.surveyId(), r.channel(), r.agent(), r.team(),
                    r.entryPoint(), r.locale(), r.caseType(), r.sentAt(), r.respondedAt(), OptionalInt.of(polarity),
                    r.comment(), r.invalid(), r.late(), r.question(), List.of(), r.contactKey(), r.region(), r.brand(),
                    r.waitTime(), r.openTickets(), r.keys()));
        }
        return out;
    }

    // ------------------------------------------------------------------ text

    /**
     * Writes the report as text.
     *
     * @param w where to write
     * @throws IOException when writing fails
     */
    public void print(Writer w) throws IOException {
        DemoSettings s = result.settings();
        String firstDay = s.start().atOffset(ZoneOffset.UTC).getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH);
        line(w, "CSAT Kit demo: a simulated helpdesk, run through the real survey engine");
        line(w, "Seed %d: %d day%s from %s %s (UTC), %,d interactions; then the clock ran on to %s UTC,", s.seed(),
                s.days(), s.days() == 1 ? "" : "s", firstDay, s.start().atOffset(ZoneOffset.UTC).toLocalDate(),
                s.interactions(), result.drainedAt().toString().replace('T', ' ').replace("Z", ""));
        line(w, "until every survey had closed and the last late reply had come in");
        w.write("\n");
        helpdesk(w);
        decisions(w);
        delivery(w);
        replies(w);
        customerActions(w);
        csat(w);
        lowScores(w);
        reviews(w);
    }

    private void helpdesk(Writer w) throws IOException {
        line(w, "The helpdesk");
        line(w, "  %s", HelpdeskSimulation.staffSummary());
        line(w, "  %,d contacts in %d locales: %s", result.contacts(), HelpdeskSimulation.localeTags().size(),
                String.join(" ", HelpdeskSimulation.localeTags()));
        line(w, "  Surveys, sharing a %d-day frequency cap:", HelpdeskSimulation.CAP.toDays());
        line(w, "    keypad 1-9  after calls to the support line: humans only, 30 s or longer, agent hangs up first");
        line(w, "    sms 1-5     after calls to the billing line, 10 min later, quiet hours 21-08 local, reminder at 4 h");
        line(w, "    email 1-5   after resolved tickets, 50 %% sampled, 1 h later; skips languages it has no messages in");
        line(w, "    chat 1-5    after chats, bots' chats included, reminder at 2 h; then a second question,");
        line(w, "                effort 1-5 (how easy it was to get help), asked once the first is answered");
        line(w, "  Channels: the reference adapters, in this process");
        line(w, "    keypad  ScriptedIvrChannel placing calls on the ScriptedIvr stand-in; each caller's keys scripted");
        line(w, "    sms     ConsoleSmsChannel writing JSON lines to an in-memory carrier; replies via readReplies");
        line(w, "    email   an in-memory mailbox on BaseChannel, not SmtpEmailChannel: there is no SMTP server");
        line(w, "            here; rating links signed with LinkTokens and confirmed on EmailLinkEndpoint, 127.0.0.1");
        line(w, "    chat    WebhookChatChannel against a chat platform stand-in on 127.0.0.1, signed webhooks");
        w.write("\n");
    }

    private void decisions(Writer w) throws IOException {
        Map<Medium, Long> i = result.interactions();
        line(w, "Interactions: %,d (calls %,d, tickets %,d, chats %,d), %,d of them reported twice",
                result.totalInteractions(), i.getOrDefault(Medium.VOICE, 0L), i.getOrDefault(Medium.TICKET, 0L),
                i.getOrDefault(Medium.CHAT, 0L), result.replayed());
        long decisions = result.totalScheduled() + result.totalSkipped();
        line(w, "Survey decisions: %,d", decisions);
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("scheduled", count(result.totalScheduled()), share(result.totalScheduled(), decisions),
                result.scheduled().entrySet().stream().map(e -> name(e.getKey()) + " " + count(e.getValue()))
                        .collect(Collectors.joining(", "))));
        rows.add(List.of("skipped", count(result.totalSkipped()), share(result.totalSkipped(), decisions),
                "the first rule that said no; for example:"));
        for (Map.Entry<SkipReason, Long> e : result.skipped().entrySet()) {
            rows.add(List.of("  " + e.getKey(), count(e.getValue()), share(e.getValue(), decisions),
                    shorten(result.skipExamples().get(e.getKey()), 72)));
        }
        table(w, List.of("", "surveys", "share", ""), rows, 1, 3);
        if (result.earlierOptOuts() > 0) {
            line(w, "  (%,d contacts had texted STOP before the first day)", result.earlierOptOuts());
        }
        w.write("\n");
    }

    private void delivery(Writer w) throws IOException {
        line(w, "Delivery");
        List<List<String>> rows = new ArrayList<>();
        for (ChannelKind kind : ChannelKind.values()) {
            SimulationResult.Delivery d = result.delivery().get(kind);
            String messages = d.messages().entrySet().stream().filter(e -> !e.getKey().equals("prompt"))
                    .map(e -> e.getKey() + " " + count(e.getValue())).collect(Collectors.joining(", "));
            rows.add(List.of(name(kind), count(result.scheduled().getOrDefault(kind, 0L)), count(d.sent()),
                    count(d.retried()), count(d.failed()), count(d.reminders()), messages.isEmpty() ? "-" : messages));
        }
        table(w, List.of("channel", "scheduled", "sent", "retried", "failed", "reminders", "other messages delivered"),
                rows, 1, 6);
        for (ChannelKind kind : ChannelKind.values()) {
            SimulationResult.Delivery d = result.delivery().get(kind);
            if (!d.failures().isEmpty()) {
                line(w, "  %s failures: %s", name(kind), d.failures().entrySet().stream()
                        .map(e -> e.getKey() + " (" + count(e.getValue()) + ")").collect(Collectors.joining("; ")));
            }
        }
        w.write("\n");
    }

    private void replies(Writer w) throws IOException {
        line(w, "Replies, as the engine read them");
        List<String> outcomes = new ArrayList<>();
        result.replies().values().forEach(m -> m.keySet().forEach(k -> {
            if (!outcomes.contains(k)) {
                outcomes.add(k);
            }
        }));
        outcomes.sort(null);
        List<List<String>> rows = new ArrayList<>();
        for (ChannelKind kind : ChannelKind.values()) {
            Map<String, Long> m = result.replies().getOrDefault(kind, Map.of());
            long total = m.values().stream().mapToLong(Long::longValue).sum();
            String detail = outcomes.stream().filter(m::containsKey).map(o -> o + " " + count(m.get(o)))
                    .collect(Collectors.joining(", "));
            rows.add(List.of(name(kind), count(total), detail));
        }
        table(w, List.of("channel", "replies", "outcomes"), rows, 1, 2);
        w.write("\n");
    }

    private void customerActions(Writer w) throws IOException {
        line(w, "What customers did%s", result.customerActions().isEmpty() ? ": nothing" : "");
        List<Map.Entry<String, Long>> all = new ArrayList<>(result.customerActions().entrySet());
        int half = (all.size() + 1) / 2;
        String[] left = actionLines(all.subList(0, half));
        String[] right = actionLines(all.subList(half, all.size()));
        int width = Arrays.stream(left).mapToInt(String::length).max().orElse(0);
        for (int k = 0; k < left.length; k++) {
            String r = k < right.length ? right[k] : "";
            w.write(("  " + left[k] + " ".repeat(width - left[k].length()) + "    " + r).stripTrailing() + "\n");
        }
        w.write("\n");
    }

    /** Actions and counts as aligned lines. */
    private static String[] actionLines(List<Map.Entry<String, Long>> actions) throws IOException {
        if (actions.isEmpty()) {
            return new String[0];
        }
        List<List<String>> rows = new ArrayList<>();
        actions.forEach(e -> rows.add(List.of(e.getKey(), count(e.getValue()))));
        StringWriter t = new StringWriter();
        ReportText.columns(t, List.of("", ""), rows, 1);
        // The first line is the empty header.
        String[] lines = t.toString().split("\n");
        return Arrays.copyOfRange(lines, 1, lines.length);
    }

    private void csat(Writer w) throws IOException {
        Map<SurveyState, Long> states = result.finalStates();
        String closed = states.entrySet().stream()
                .map(e -> e.getKey().name().toLowerCase(Locale.ROOT).replace('_', ' ') + " " + count(e.getValue()))
                .collect(Collectors.joining(", "));
        line(w, "Surveys closed: %s; %s", closed.isEmpty() ? "none" : closed,
                result.stillOpen() == 0 ? "none left open" : count(result.stillOpen()) + " STILL OPEN");
        w.write("\n");
        line(w, "CSAT, all channels. Keypad (1-9) and 1-5 ratings are combined by polarity: satisfied (7-9, 4-5),");
        line(w, "neutral (4-6, 3), dissatisfied (1-3, 1-2). CSAT = satisfied share; Net CSAT = satisfied minus");
        line(w, "dissatisfied share; intervals are 95 %% Wilson; bands: good from 70 %%, fair from 50 %%.");
        Tally all = byChannel.overall();
        line(w, "Overall: CSAT %s %s, Net CSAT %s, %,d ratings of %,d surveys sent (%s), %s",
                ReportText.percent(all.csat()), ReportText.interval(all.csatInterval()), ReportText.number(all.netCsat(), 1),
                all.responses(), all.sent(), ReportText.percent(all.responseRate()),
                ReportText.band(byChannel, all, "no data"));
        section(w, "By channel", byChannel);
        chatQuestions(w);
        section(w, "By team ((none): the chat bot, which belongs to no team)", byTeam);
        section(w, "By agent", byAgent);
        line(w, ReportText.vsRestLegend(byAgent.spec()));
        w.write("\n");
        standouts(w, true);
        standouts(w, false);
        w.write("\n");
        line(w, "CSAT per day the survey was sent (UTC)%s", sentAfterLastDay == 0 ? ""
                : String.format(Locale.ROOT, "; %,d surveys sent after the last day count in the totals only",
                        sentAfterLastDay));
        ReportText.trend(byDay, w);
        mood(w);
        smsMood(w);
        sentiment(w);
        keypadKeys(w);
    }

    /** The chat survey's two questions, each on its own 1-5 scale. */
    private void chatQuestions(Writer w) throws IOException {
        Tally effort = chatQuestions.question(HelpdeskSimulation.EFFORT).orElse(Tally.empty(
                HelpdeskSimulation.EFFORT_SCALE));
        Tally first = chatQuestions.overall();
        w.write("\n");
        line(w, "Chat survey, question by question: csat (1-5), then effort (1-5, easy 4-5); %,d of the %,d chat",
                effort.responses(), first.responses());
        line(w, "ratings went on to answer the second question");
        ReportText.questions(chatQuestions, w);
    }

    private void section(Writer w, String title, Report report) throws IOException {
        w.write("\n" + title + "\n");
        ReportText.segments(report, w, false);
    }

    private void standouts(Writer w, boolean above) throws IOException {
        List<List<String>> rows = new ArrayList<>();
        for (Segment s : byAgent.segments()) {
            if (s.vsRest() instanceof VsRest.Compared c && c.significant() && c.diff() > 0 == above) {
                rows.add(List.of(s.key().get(Dimension.AGENT), String.format(Locale.ROOT, "%+.1f points", c.diff()),
                        "CSAT " + ReportText.percent(s.tally().csat()), s.tally().responses() + " ratings"));
            }
        }
        line(w, "Agents significantly %s the rest:%s", above ? "above" : "below", rows.isEmpty() ? " none" : "");
        if (!rows.isEmpty()) {
            table(w, List.of("agent", "vs rest", "", "ratings"), rows, 1, 4, false);
        }
    }

    /** Whether the agents' reading of a caller's mood foretells the caller's rating on the keypad. */
    private void mood(Writer w) throws IOException {
        List<MoodAssessment> keypadMoods = result.moods().stream()
                .filter(m -> m.surveyId().equals(HelpdeskSimulation.KEYPAD_SURVEY)).toList();
        if (keypadMoods.isEmpty()) {
            return;
        }
        Map<String, Integer> mood = new HashMap<>();
        double sum = 0;
        for (MoodAssessment m : keypadMoods) {
            mood.put(m.interactionId(), m.value());
            sum += m.value();
        }
        RatingScale keypad = RatingScales.keypadNine();
        Tally.Builder unhappy = Tally.builder(keypad);
        Tally.Builder others = Tally.builder(keypad);
        for (SurveyResponse r : result.responses()) {
            Integer m = mood.get(r.interactionId());
            if (m != null && r.isRating() && result.scales().get(r.surveyId()).equals(keypad)) {
                (m <= 2 ? unhappy : others).add(r);
            }
        }
        Tally u = unhappy.build();
        Tally o = others.build();
        w.write("\n");
        line(w, "Agents' reading of callers' mood: %,d calls, mean %.2f on 1-5. Callers read as unhappy (1-2) gave",
                keypadMoods.size(), sum / keypadMoods.size());
        line(w, "the keypad survey CSAT %s (%d ratings); the others %s (%d ratings).", ReportText.percent(u.csat()),
                u.responses(), ReportText.percent(o.csat()), o.responses());
    }

    /**
     * The billing line's agents pick one of three faces for the caller's mood, beside the SMS
     * survey the caller gets ten minutes later: the SMS CSAT per face.
     */
    private void smsMood(Writer w) throws IOException {
        Map<String, Integer> mood = new HashMap<>();
        for (MoodAssessment m : result.moods()) {
            if (m.surveyId().equals(HelpdeskSimulation.SMS_SURVEY)) {
                mood.put(m.interactionId(), m.value());
            }
        }
        if (mood.isEmpty()) {
            return;
        }
        RatingScale faces = RatingScales.threeFaces();
        List<List<String>> rows = new ArrayList<>();
        for (int face = faces.min(); face <= faces.max(); face++) {
            int f = face;
            Tally.Builder t = Tally.builder(RatingScales.fivePoint());
            long calls = mood.values().stream().filter(v -> v == f).count();
            for (SurveyResponse r : result.responses()) {
                if (r.surveyId().equals(HelpdeskSimulation.SMS_SURVEY) && r.primary()
                        && Integer.valueOf(f).equals(mood.get(r.interactionId()))) {
                    t.add(r);
                }
            }
            Tally tally = t.build();
            rows.add(List.of(f + " " + FACES.get(f - 1), count(calls), count(tally.sent()), count(tally.responses()),
                    ReportText.percent(tally.csat())));
        }
        w.write("\n");
        line(w, "Beside the SMS survey, the billing line's agents read the caller's mood on three faces: %,d calls.",
                mood.size());
        line(w, "The SMS CSAT of the callers they read each way:");
        table(w, List.of("mood", "calls", "surveys sent", "ratings", "CSAT"), rows, 1, 5);
    }

    /** The three faces of the mood scale, lowest first. */
    private static final List<String> FACES = List.of("unhappy", "neutral", "happy");

    /**
     * The callers' sentiment, Talkdesk's composite of the rating, the agent's reading of the mood,
     * the wait and the open tickets, per team and per region. Each survey's rating and mood are
     * placed on their own scales (the keypad's 1-9 and 1-5, the SMS survey's 1-5 and three faces)
     * before the calls of both are grouped together.
     */
    CallerSentiment callerSentiment() {
        Map<String, Integer> moods = new HashMap<>();
        result.moods().forEach(m -> moods.put(m.interactionId(), m.value()));
        List<CallerSentiment.InteractionSentiment> calls = new ArrayList<>();
        SentimentSpec keypad = SentimentSpec.builder(RatingScales.keypadNine(), RatingScales.fivePoint()).build();
        SentimentSpec sms = SentimentSpec.builder(RatingScales.fivePoint(), RatingScales.threeFaces()).build();
        calls.addAll(CallerSentiment.of(keypad, surveyed(HelpdeskSimulation.KEYPAD_SURVEY), moods).interactions());
        calls.addAll(CallerSentiment.of(sms, surveyed(HelpdeskSimulation.SMS_SURVEY), moods).interactions());
        return new CallerSentiment(keypad, calls);
    }

    private List<SurveyResponse> surveyed(String surveyId) {
        return result.responses().stream().filter(r -> r.surveyId().equals(surveyId)).toList();
    }

    private void sentiment(Writer w) throws IOException {
        CallerSentiment sentiment = callerSentiment();
        if (sentiment.interactions().isEmpty()) {
            return;
        }
        SentimentSpec spec = sentiment.spec();
        w.write("\n");
        line(w, "Caller sentiment, 0-100, on the %,d calls surveyed: the rating weighs %.0f %%, the agent's reading of",
                sentiment.interactions().size(), 100 * spec.csatWeight());
        line(w, "the mood %.0f %%, the wait %.0f %% (%d min or more counts 0), open tickets %.0f %% (%d or more count 0);",
                100 * spec.moodWeight(), 100 * spec.waitWeight(), spec.waitCeiling().toMinutes(),
                100 * spec.ticketWeight(), spec.ticketCeiling());
        line(w, "an input a call lacks is left out and the others weigh more. Overall %s",
                ReportText.number(sentiment.overall(), 1));
        for (Dimension d : List.of(Dimension.TEAM, Dimension.REGION)) {
            List<List<String>> rows = new ArrayList<>();
            for (CallerSentiment.Group g : sentiment.by(d)) {
                rows.add(List.of(g.value(), count(g.interactions()), ReportText.number(g.mean(), 1)));
            }
            table(w, List.of(d.key(), "calls", "sentiment"), rows, 1, 3);
        }
    }

    /**
     * The keys keypad callers pressed, as the responses keep them: a rating's key, a key not on
     * the scale (no score, invalid) and no key at all (no score, invalid, no keys), one call of each.
     */
    private void keypadKeys(Writer w) throws IOException {
        List<SurveyResponse> keypad = surveyed(HelpdeskSimulation.KEYPAD_SURVEY).stream().filter(SurveyResponse::primary)
                .sorted(java.util.Comparator.comparing(SurveyResponse::interactionId)).toList();
        if (keypad.isEmpty()) {
            return;
        }
        long rated = keypad.stream().filter(SurveyResponse::isRating).count();
        List<SurveyResponse> wrongKey = keypad.stream().filter(r -> r.invalid() && r.keys().isPresent()).toList();
        List<SurveyResponse> noKey = keypad.stream().filter(r -> r.invalid() && r.keys().isEmpty()).toList();
        w.write("\n");
        line(w, "Keypad surveys, with the keys as pressed: %,d calls, %,d rated, %,d ended on a key not on the scale,",
                keypad.size(), rated, wrongKey.size());
        line(w, "%,d with no key pressed; one call of each:", noKey.size());
        List<List<String>> rows = new ArrayList<>();
        keypad.stream().filter(SurveyResponse::isRating).findFirst().ifPresent(r -> rows.add(keys(r, "a rating")));
        // A digit off the scale reads best beside the rating; any other key if no caller pressed one.
        wrongKey.stream().filter(r -> r.keys().orElseThrow().chars().allMatch(Character::isDigit)).findFirst()
                .or(() -> wrongKey.stream().findFirst())
                .ifPresent(r -> rows.add(keys(r, "a key not on the scale")));
        noKey.stream().findFirst().ifPresent(r -> rows.add(keys(r, "no key")));
        table(w, List.of("interaction", "score", "invalid", "keys"), rows, 1, 3);
    }

    private static List<String> keys(SurveyResponse r, String what) {
        String keys = r.keys().map(k -> "\"" + k + "\"").orElse("(none)");
        return List.of(r.interactionId(), r.score().isPresent() ? String.valueOf(r.score().getAsInt()) : "-",
                String.valueOf(r.invalid()), String.format(Locale.ROOT, "%-8s %s", keys, what));
    }

    /** The quality team's queue of low scores, and the one review the run's reviewer resolved. */
    private void reviews(Writer w) throws IOException {
        if (result.reviews().isEmpty()) {
            return;
        }
        Map<ReviewStatus, Long> byStatus = new EnumMap<>(ReviewStatus.class);
        result.reviews().forEach(r -> byStatus.merge(r.status(), 1L, Long::sum));
        w.write("\n");
        line(w, "Reviews of low scores (1-3 on the keypad, 1-2 on the 1-5 scales): %,d opened; %s", result.reviews().size(),
                byStatus.entrySet().stream().map(e -> e.getKey().name().toLowerCase(Locale.ROOT).replace('_', ' ')
                        + " " + count(e.getValue())).collect(Collectors.joining(", ")));
        for (LowScoreReview r : result.reviews()) {
            if (r.status() == ReviewStatus.RESOLVED) {
                line(w, "  %s (%s, agent %s, score %d): taken by %s and resolved,", r.interactionId(),
                        r.surveyId(), r.agent().orElse("-"), r.score(), r.reviewer().orElse("-"));
                line(w, "    root cause: %s", r.notes().map(ReviewNotes::rootCause).orElse("-"));
            }
        }
        List<List<String>> rows = new ArrayList<>();
        result.reviews().stream().filter(r -> r.status() == ReviewStatus.OPEN || r.status() == ReviewStatus.IN_REVIEW)
                .limit(REVIEWS_SHOWN).forEach(r -> rows.add(List.of(
                        r.openedAt().toString().replace('T', ' ').replace("Z", ""), r.interactionId(),
                        r.agent().orElse("-"), String.valueOf(r.score()))));
        if (!rows.isEmpty()) {
            line(w, "  The queue, oldest first:");
            table(w, List.of("opened at (UTC)", "interaction", "agent", "score"), rows, 3, 4);
        }
    }

    /** Open reviews listed in the text report. */
    static final int REVIEWS_SHOWN = 5;

    private void lowScores(Writer w) throws IOException {
        Map<String, SurveyResponse> native_ = new HashMap<>();
        result.responses().forEach(r -> native_.put(r.interactionId(), r));
        List<SurveyResponse> withComment = byAgent.lowScores().stream().filter(r -> r.comment().isPresent()).toList();
        w.write("\n");
        line(w, "Dissatisfied ratings: %,d, %,d with a comment%s", byAgent.lowScores().size()
                + byAgent.lowScoresOmitted(), withComment.size(), withComment.isEmpty() ? ""
                : String.format(Locale.ROOT, "; the newest %d of those:", Math.min(LOW_SCORES_SHOWN, withComment.size())));
        if (withComment.isEmpty()) {
            return;
        }
        List<List<String>> rows = new ArrayList<>();
        for (SurveyResponse r : withComment.stream().limit(LOW_SCORES_SHOWN).toList()) {
            SurveyResponse n = native_.get(r.interactionId());
            RatingScale scale = result.scales().get(n.surveyId());
            rows.add(List.of(r.respondedAt().map(t -> t.toString().replace('T', ' ').replace("Z", "")).orElse("-"),
                    r.channel().orElse("-"), n.score().getAsInt() + "/" + scale.max(), r.agent().orElse("-"),
                    r.interactionId(), ReportText.oneLine(r.comment().orElseThrow())));
        }
        table(w, List.of("responded at (UTC)", "channel", "rating", "agent", "interaction", "comment"), rows, 6, 6);
    }

    // ------------------------------------------------------------------ files

    /**
     * Writes the files: {@code responses-five.csv} and {@code responses-keypad9.csv} (the
     * responses on each scale, as {@code csat report} reads them, the chat survey's effort
     * answers as rows of their own question), {@code report.json},
     * {@code report.xlsx} and {@code csat-trend.png}.
     *
     * @param dir the directory; created if missing
     * @return the files written, in that order
     * @throws IOException when a file cannot be written
     */
    public List<Path> write(Path dir) throws IOException {
        Files.createDirectories(dir);
        List<Path> written = new ArrayList<>();
        for (String scaleId : List.of("five", "keypad9")) {
            Path csv = dir.resolve("responses-" + scaleId + ".csv");
            try (Writer out = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
                CsvExport.writeResponses(result.responses().stream()
                        .filter(r -> result.scales().get(r.surveyId()).id().equals(scaleId)).iterator(), out);
            }
            written.add(csv);
        }
        Path json = dir.resolve("report.json");
        try (Writer out = Files.newBufferedWriter(json, StandardCharsets.UTF_8)) {
            json(out);
        }
        written.add(json);
        Path xlsx = dir.resolve("report.xlsx");
        try (OutputStream out = Files.newOutputStream(xlsx)) {
            XlsxExport.write(tables(), out);
        }
        written.add(xlsx);
        Path png = dir.resolve("csat-trend.png");
        // The dashed line is where the report's "good" band starts, as the text report says.
        TrendChart.builder().title("CSAT per day, all channels").xAxisLabel("Day (UTC)").lineLabel("CSAT per day")
                .target(GOOD_FROM, String.format(Locale.ROOT, "good from %.0f %%", GOOD_FROM)).build()
                .write(byDay.trend(), png);
        written.add(png);
        return written;
    }

    /** The report in the command line's one JSON layout ({@link ReportDocument}), with the run's own sections. */
    private void json(Writer out) throws IOException {
        DemoSettings s = result.settings();
        ObjectNode run = ReportDocument.object();
        run.put("seed", s.seed()).put("days", s.days()).put("interactions", s.interactions())
                .put("start", s.start().toString()).put("clock_ran_until", result.drainedAt().toString())
                .put("combined_scale", "ratings mapped by polarity to the three-point scale: 1 dissatisfied, "
                        + "2 neutral, 3 satisfied");
        ObjectNode decisions = ReportDocument.object();
        ObjectNode scheduled = decisions.putObject("scheduled");
        result.scheduled().forEach((k, v) -> scheduled.put(name(k), v));
        ObjectNode skipped = decisions.putObject("skipped");
        result.skipped().forEach((k, v) -> skipped.put(k.name(), v));
        ObjectNode states = ReportDocument.object();
        result.finalStates().forEach((k, v) -> states.put(k.name().toLowerCase(Locale.ROOT), v));
        ReportDocument.create().section("run", run).section("decisions", decisions).section("final_states", states)
                .report("by_channel", byChannel).report("by_team", byTeam).report("by_agent", byAgent)
                .report("by_day", byDay).report("chat_by_question", chatQuestions).write(out);
    }

    private List<Table> tables() {
        List<List<Cell>> rows = new ArrayList<>();
        result.scheduled().forEach((k, v) -> rows.add(List.of(new Cell.Text("scheduled"), new Cell.Text(name(k)),
                new Cell.Count(v))));
        result.skipped().forEach((k, v) -> rows.add(List.of(new Cell.Text("skipped"), new Cell.Text(k.name()),
                new Cell.Count(v))));
        return List.of(new Table("Decisions", List.of("decision", "channel or reason", "count"), rows),
                renamed("By channel", ReportTables.summary(byChannel)),
                renamed("By team", ReportTables.summary(byTeam)),
                renamed("By agent", ReportTables.summary(byAgent)),
                renamed("By day", ReportTables.trend(byDay)),
                renamed("Chat questions", ReportTables.questions(chatQuestions)),
                ReportTables.lowScores(byAgent));
    }

    private static Table renamed(String name, Table t) {
        return new Table(name, t.columns(), t.rows());
    }

    // ------------------------------------------------------------------ formatting

    /** The channel as the responses name it: {@code sms}, {@code voice_dtmf}. */
    static String name(ChannelKind kind) {
        return kind.name().toLowerCase(Locale.ROOT);
    }

    private static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    private static String share(long part, long whole) {
        return whole == 0 ? "-" : String.format(Locale.ROOT, "%.1f %%", 100.0 * part / whole);
    }

    private static String shorten(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }

    private static void line(Writer w, String format, Object... args) throws IOException {
        w.write((args.length == 0 ? format.replace("%%", "%") : String.format(Locale.ROOT, format, args)) + "\n");
    }

    /** A table whose first {@code textColumns} columns are text and whose last {@code free} column is free text. */
    private static void table(Writer w, List<String> header, List<List<String>> rows, int textColumns, int free)
            throws IOException {
        table(w, header, rows, textColumns, free, true);
    }

    private static void table(Writer w, List<String> header, List<List<String>> rows, int textColumns, int free,
            boolean showHeader) throws IOException {
        // The free-text column goes last and is left-aligned: numbers between stay right-aligned.
        StringWriter body = new StringWriter();
        List<List<String>> aligned = new ArrayList<>();
        for (List<String> r : rows) {
            aligned.add(r.subList(0, free));
        }
        ReportText.columns(body, header.subList(0, free), aligned, textColumns);
        String[] lines = body.toString().split("\n");
        for (int k = showHeader ? 0 : 1; k < lines.length; k++) {
            String tail = k == 0 ? (free < header.size() ? header.get(free) : "")
                    : (free < rows.get(k - 1).size() ? rows.get(k - 1).get(free) : "");
            w.write(("  " + lines[k] + (tail.isEmpty() ? "" : "  " + tail)).stripTrailing() + "\n");
        }
    }
}
