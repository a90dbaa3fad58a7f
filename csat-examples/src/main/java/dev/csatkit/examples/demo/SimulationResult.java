package dev.csatkit.examples.demo;

import dev.csatkit.channels.spi.ChannelKind;
import dev.csatkit.engine.Medium;
import dev.csatkit.engine.SkipReason;
import dev.csatkit.scale.RatingScale;
import dev.csatkit.score.SurveyResponse;
import dev.csatkit.store.LowScoreReview;
import dev.csatkit.store.MoodAssessment;
import dev.csatkit.store.SurveyState;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Everything a simulated run produced, for the report: what happened to the interactions, the
 * surveys and the replies, and the engine's survey outcomes. Maps keep a stable order (enum order
 * or name order), so the same run always prints the same way.
 *
 * @param settings what was simulated
 * @param contacts how many customers the helpdesk has
 * @param interactions interactions per medium
 * @param replayed interactions reported a second time, as event feeds sometimes do
 * @param scheduled surveys scheduled, per channel kind
 * @param skipped decisions without a survey, per reason
 * @param skipExamples the engine's own words for the first skip of each reason
 * @param earlierOptOuts contacts who had texted STOP before the simulated days began
 * @param delivery what the channels did, per channel kind
 * @param replies what the engine made of the inbound replies, per channel kind and outcome
 * @param customerActions how often customers did each thing
 * @param finalStates how the scheduled surveys ended
 * @param stillOpen scheduled surveys not in a final state when the run ended (0 after a full drain)
 * @param responses the engine's survey outcomes, one per survey sent
 * @param scales the scale of each survey, by survey id
 * @param moods the agents' assessments of callers' mood
 * @param reviews the reviews of low scores as the run left them, oldest first
 * @param drainedAt the simulated time when the run ended: every survey closed, every reply in
 */
public record SimulationResult(DemoSettings settings, int contacts, Map<Medium, Long> interactions, long replayed,
        Map<ChannelKind, Long> scheduled, Map<SkipReason, Long> skipped, Map<SkipReason, String> skipExamples,
        long earlierOptOuts, Map<ChannelKind, Delivery> delivery, Map<ChannelKind, Map<String, Long>> replies,
        Map<String, Long> customerActions, Map<SurveyState, Long> finalStates, long stillOpen,
        List<SurveyResponse> responses, Map<String, RatingScale> scales, List<MoodAssessment> moods,
        List<LowScoreReview> reviews, Instant drainedAt) {

    /** Copies the collections, maps in key order. */
    public SimulationResult {
        interactions = sorted(interactions);
        scheduled = sorted(scheduled);
        skipped = sorted(skipped);
        skipExamples = sorted(skipExamples);
        delivery = sorted(delivery);
        Map<ChannelKind, Map<String, Long>> r = new TreeMap<>();
        replies.forEach((k, v) -> r.put(k, sorted(v)));
        replies = Collections.unmodifiableMap(r);
        customerActions = sorted(customerActions);
        finalStates = sorted(finalStates);
        responses = List.copyOf(responses);
        scales = sorted(scales);
        moods = List.copyOf(moods);
        reviews = List.copyOf(reviews);
    }

    /** Enum keys in declaration order, text keys in name order. */
    static <K extends Comparable<K>, V> Map<K, V> sorted(Map<K, V> map) {
        return Collections.unmodifiableMap(new TreeMap<>(map));
    }

    /**
     * What one channel kind delivered.
     *
     * @param sent surveys the adapter accepted
     * @param retried sends that were retried later (throttling, greylisting, a dropped link)
     * @param failed surveys that could not be delivered
     * @param failures the reasons of the failed ones, with counts
     * @param reminders reminders sent
     * @param messages every message the adapter delivered, by purpose (prompt, confirm …)
     */
    public record Delivery(long sent, long retried, long failed, Map<String, Long> failures, long reminders,
            Map<String, Long> messages) {
        /** Copies the maps. */
        public Delivery {
            failures = sorted(failures);
            messages = sorted(messages);
        }
    }

    /** @return every interaction, replays not counted */
    public long totalInteractions() {
        return interactions.values().stream().mapToLong(Long::longValue).sum();
    }

    /** @return every survey scheduled */
    public long totalScheduled() {
        return scheduled.values().stream().mapToLong(Long::longValue).sum();
    }

    /** @return every decision that gave no survey */
    public long totalSkipped() {
        return skipped.values().stream().mapToLong(Long::longValue).sum();
    }
}
