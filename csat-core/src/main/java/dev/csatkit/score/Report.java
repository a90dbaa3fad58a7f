package dev.csatkit.score;

import dev.csatkit.InvalidConfigurationException;
import dev.csatkit.Violation;
import dev.csatkit.internal.score.FlatCounts;
import dev.csatkit.internal.score.GroupKey;
import dev.csatkit.internal.score.ReportFeed;
import dev.csatkit.internal.score.Stats;
import dev.csatkit.survey.Question;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.PriorityQueue;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * A CSAT report: the overall tally, one segment per combination of dimension values, a trend per
 * period, the low-score responses to review and, beside them, satisfied ratings with comments.
 *
 * <p>Memory grows with the number of segments, never with the number of responses (the low-score
 * list is capped by {@link ReportSpec#lowScoreLimit()}). Feed responses one by one through an
 * {@link #accumulator(ReportSpec) accumulator} to report on a stream of any length, or merge
 * accumulators filled per shard.
 *
 * @param spec what was computed
 * @param overall every response
 * @param segments the segments in key order (periods in time order); empty without dimensions
 * @param trend one point per period in time order; empty unless the report groups by period
 * @param lowScores ratings at or below the spec's threshold, newest first, at most the spec's limit
 * @param lowScoresOmitted low-score responses left out because the list was full
 * @param praise satisfied ratings that came with a comment, newest first, at most the spec's
 *     {@link ReportSpec#praiseLimit()}: beside the low scores, what an agent did well, for coaching
 * @param praiseOmitted satisfied ratings with a comment left out because the list was full
 * @param questions one tally per question id, each on its question's scale: the primary
 *     question's first (equal to {@code overall}), then the further questions' by id
 */
public record Report(ReportSpec spec, Tally overall, List<Segment> segments, List<TrendPoint> trend,
        List<SurveyResponse> lowScores, long lowScoresOmitted, List<SurveyResponse> praise, long praiseOmitted,
        Map<String, Tally> questions) {

    /**
     * Newest reply first. The order is total — ties fall through to every other field — so which
     * responses a full list keeps does not depend on the order they came in.
     */
    private static final Comparator<SurveyResponse> NEWEST_FIRST = Comparator
            .comparing((SurveyResponse r) -> r.respondedAt().orElse(r.sentAt()))
            .thenComparing(SurveyResponse::sentAt)
            .thenComparing(SurveyResponse::interactionId)
            .thenComparing(SurveyResponse::surveyId)
            .thenComparingInt(r -> r.score().orElse(Integer.MIN_VALUE))
            .thenComparing(SurveyResponse::toString)
            .reversed();

    static {
        ReportFeed.register(new ReportFeed.Access() {
            @Override
            public void addCounts(Accumulator accumulator, List<String> values, long period, long[] counts) {
                accumulator.addCounts(values, period, counts);
            }

            @Override
            public void addQuestionCounts(Accumulator accumulator, String question, List<String> values, long period,
                    long[] counts) {
                accumulator.addQuestionCounts(question, values, period, counts);
            }

            @Override
            public void addLowScores(Accumulator accumulator, List<SurveyResponse> newest, long seen) {
                accumulator.addLowScores(newest, seen);
            }
        });
    }

    /** Checks and copies the parts. */
    public Report {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(overall, "overall");
        segments = List.copyOf(segments);
        trend = List.copyOf(trend);
        lowScores = List.copyOf(lowScores);
        praise = List.copyOf(praise);
        Map<String, Tally> byQuestion = new LinkedHashMap<>();
        byQuestion.put(Question.PRIMARY_ID, overall);
        new TreeMap<>(questions).forEach((id, tally) -> {
            if (!Question.PRIMARY_ID.equals(id)) {
                byQuestion.put(id, Objects.requireNonNull(tally, "question tally"));
            }
        });
        questions = Collections.unmodifiableMap(byQuestion);
    }

    /**
     * A report of surveys of one question, as it was before surveys had several questions.
     *
     * @param spec what was computed
     * @param overall every response
     * @param segments the segments in key order
     * @param trend one point per period in time order
     * @param lowScores ratings at or below the spec's threshold, newest first
     * @param lowScoresOmitted low-score responses left out because the list was full
     * @param praise satisfied ratings that came with a comment, newest first
     * @param praiseOmitted satisfied ratings with a comment left out because the list was full
     */
    public Report(ReportSpec spec, Tally overall, List<Segment> segments, List<TrendPoint> trend,
            List<SurveyResponse> lowScores, long lowScoresOmitted, List<SurveyResponse> praise, long praiseOmitted) {
        this(spec, overall, segments, trend, lowScores, lowScoresOmitted, praise, praiseOmitted, Map.of());
    }

    /**
     * @param question a question's id
     * @return its tally, or empty when no response named it
     */
    public Optional<Tally> question(String question) {
        return Optional.ofNullable(questions.get(question));
    }

    /**
     * Reports on responses.
     *
     * @param spec what to compute
     * @param responses the responses, in any order
     * @return the report
     * @throws dev.csatkit.InvalidDefinitionException when a rating is not a value of the spec's scale
     */
    public static Report of(ReportSpec spec, Iterable<SurveyResponse> responses) {
        Accumulator accumulator = accumulator(spec);
        for (SurveyResponse r : responses) {
            accumulator.add(r);
        }
        return accumulator.build();
    }

    /**
     * @param spec what to compute
     * @return an empty accumulator
     */
    public static Accumulator accumulator(ReportSpec spec) {
        return new Accumulator(spec);
    }

    /**
     * @param tally a tally of this report
     * @return its band under the spec's thresholds; empty with no data
     */
    public Optional<Band> band(Tally tally) {
        return spec.bands().classify(tally.csat());
    }

    /**
     * Collects responses for a {@link Report}, one at a time. Counting a response allocates
     * nothing unless it starts a new segment or enters the low-score list. Not thread-safe; use
     * one accumulator per thread or shard and {@link #merge(Accumulator)} them.
     */
    public static final class Accumulator {
        private final ReportSpec spec;
        private final Dimension[] textDimensions;
        private final boolean byPeriod;
        private final GroupKey probe;
        private final Map<GroupKey, Tally.Builder> segments = new HashMap<>();
        // Grouping by one text dimension is the common case and the hot path: flat counts keyed
        // by the value itself, one probe of a cached String hash and one increment per response.
        private final FlatCounts single;
        private final int points;
        private final boolean singleText;
        private final Tally.Builder overall;
        private final Map<Locale, String> localeTags = new HashMap<>();
        private final PriorityQueue<SurveyResponse> lowScores;
        private final boolean grouped;
        private final int lowScoreThreshold;
        private long lowScoresSeen;
        // The further questions' tallies by id, each on its scale; the primary's is the overall one.
        private final Map<String, Tally.Builder> questionTallies = new TreeMap<>();
        // Where QUESTION is among the text dimensions, or -1.
        private final int questionAt;
        private final PriorityQueue<SurveyResponse> praise;
        private long praiseSeen;

        private Accumulator(ReportSpec spec) {
            this.spec = Objects.requireNonNull(spec, "spec");
            this.textDimensions = spec.dimensions().stream().filter(d -> d != Dimension.PERIOD)
                    .toArray(Dimension[]::new);
            this.byPeriod = spec.dimensions().contains(Dimension.PERIOD);
            this.probe = new GroupKey(textDimensions.length);
            this.overall = Tally.builder(spec.scale());
            this.lowScores = new PriorityQueue<>(NEWEST_FIRST.reversed());
            this.praise = new PriorityQueue<>(NEWEST_FIRST.reversed());
            this.grouped = !spec.dimensions().isEmpty();
            this.questionAt = Arrays.asList(textDimensions).indexOf(Dimension.QUESTION);
            // By question, segments differ in scale: the flat counts of one scale do not fit them.
            this.singleText = textDimensions.length == 1 && !byPeriod && questionAt < 0;
            this.points = spec.scale().size();
            this.single = new FlatCounts(points + 3);

            this.lowScoreThreshold = spec.lowScoreThreshold().orElse(Integer.MIN_VALUE);
        }

        /**
         * Counts one response, and offers it to the low-score list or, when it is a satisfied
         * rating with a comment, to the praise list.
         *
         * @param response the response
         * @return this accumulator
         * @throws dev.csatkit.InvalidDefinitionException when its rating is not a value of the scale
         */
        public Accumulator add(SurveyResponse response) {
            if (!response.primary()) {
                // One row of a survey of several questions: counted for its question only.
                Tally.Builder tally = questionTally(response.question());
                int slot = tally.slotOf(response);
                tally.addSlot(slot);
                if (questionAt >= 0) {
                    segmentOf(response, response.question()).addSlot(slot);
                }
                return this;
            }
            int slot = overall.slotOf(response);
            if (singleText) {
                single.increment(valueOf(textDimensions[0], response), Tally.Builder.flatIndex(slot, points));
            } else if (grouped) {
                segmentOf(response, Question.PRIMARY_ID).addSlot(slot);
            } else {
                overall.addSlot(slot);
            }
            if (slot >= 0) {
                int score = response.score().getAsInt();
                if (score <= lowScoreThreshold) {
                    offerLowScore(response);
                } else if (spec.praiseLimit() > 0 && response.comment().isPresent()
                        && spec.scale().isSatisfied(score)) {
                    offerPraise(response);
                }
            }
            for (Answer a : response.answers()) {
                questionTally(a.question()).addRating(a.score());
                if (questionAt >= 0) {
                    segmentOf(response, a.question()).addRating(a.score());
                }
            }
            return this;
        }

        private Tally.Builder questionTally(String question) {
            Tally.Builder tally = questionTallies.get(question);
            if (tally == null) {
                tally = Tally.builder(spec.scaleOf(question));
                questionTallies.put(question, tally);
            }
            return tally;
        }

        /**
         * The segment a response's answer to {@code question} is counted in. Grouped responses are
         * counted in their segment only; build() adds the segments up.
         */
        private Tally.Builder segmentOf(SurveyResponse response, String question) {
            for (int i = 0; i < textDimensions.length; i++) {
                probe.set(i, i == questionAt ? question : valueOf(textDimensions[i], response));
            }
            if (byPeriod) {
                probe.setPeriod(spec.period().orElseThrow().ordinalOf(response.sentAt(), spec.zone()));
            }
            probe.rehash();
            Tally.Builder segment = segments.get(probe);
            if (segment == null) {
                segment = Tally.builder(spec.scaleOf(question));
                segments.put(probe.copy(), segment);
            }
            return segment;
        }

        /**
         * Counts responses.
         *
         * @param responses the responses
         * @return this accumulator
         */
        public Accumulator addAll(Iterable<SurveyResponse> responses) {
            for (SurveyResponse r : responses) {
                add(r);
            }
            return this;
        }

        /** Counts tallied elsewhere for one segment; see {@link ReportFeed}. */
        void addCounts(List<String> values, long period, long[] counts) {
            if (singleText) {
                single.add(values.get(0), counts, 0);
            } else if (grouped) {
                GroupKey key = new GroupKey(textDimensions.length);
                for (int i = 0; i < textDimensions.length; i++) {
                    key.set(i, values.get(i));
                }
                key.setPeriod(byPeriod ? period : 0L);
                key.rehash();
                segments.computeIfAbsent(key, k -> Tally.builder(spec.scale())).addFlat(counts);
            } else {
                overall.addFlat(counts);
            }
        }

        /** Counts of a further question tallied elsewhere for one segment; see {@link ReportFeed}. */
        void addQuestionCounts(String question, List<String> values, long period, long[] counts) {
            questionTally(question).addFlat(counts);
            if (questionAt >= 0) {
                GroupKey key = new GroupKey(textDimensions.length);
                for (int i = 0; i < textDimensions.length; i++) {
                    key.set(i, values.get(i));
                }
                key.setPeriod(byPeriod ? period : 0L);
                key.rehash();
                segments.computeIfAbsent(key, k -> Tally.builder(spec.scaleOf(question))).addFlat(counts);
            }
        }

        /** Low scores chosen elsewhere, out of {@code seen}; see {@link ReportFeed}. */
        void addLowScores(List<SurveyResponse> newest, long seen) {
            long before = lowScoresSeen;
            newest.forEach(this::offerLowScore);
            lowScoresSeen = before + seen;
        }

        /**
         * Adds everything another accumulator of the same spec has counted.
         *
         * @param other an accumulator with an equal spec
         * @return this accumulator
         * @throws InvalidConfigurationException when the specs differ
         */
        public Accumulator merge(Accumulator other) {
            if (!spec.equals(other.spec)) {
                throw new InvalidConfigurationException(Violation.of("spec", other.spec.toString(),
                        "accumulators of different report specs cannot be merged"));
            }
            overall.add(other.overall);
            other.segments.forEach((key, tally) -> segments.computeIfAbsent(key,
                    k -> Tally.builder(spec.scaleOf(questionOf(k)))).add(tally));
            other.questionTallies.forEach((question, tally) -> questionTally(question).add(tally));
            other.single.forEach((key, counts) -> single.add(key, counts, 0));
            long before = lowScoresSeen;
            other.lowScores.forEach(this::offerLowScore);
            lowScoresSeen = before + other.lowScoresSeen;
            long praisedBefore = praiseSeen;
            other.praise.forEach(this::offerPraise);
            praiseSeen = praisedBefore + other.praiseSeen;
            return this;
        }

        private void offerPraise(SurveyResponse response) {
            praiseSeen++;
            praise.add(response);
            if (praise.size() > spec.praiseLimit()) {
                praise.poll();
            }
        }

        private void offerLowScore(SurveyResponse response) {
            lowScoresSeen++;
            lowScores.add(response);
            if (lowScores.size() > spec.lowScoreLimit()) {
                lowScores.poll();
            }
        }

        private String valueOf(Dimension dimension, SurveyResponse r) {
            // Locale tags are cached: toLanguageTag builds a string for every response otherwise.
            return dimension == Dimension.LOCALE
                    ? r.locale().map(l -> localeTags.computeIfAbsent(l, Locale::toLanguageTag)).orElse(Dimension.NONE)
                    : r.segment(dimension);
        }

        /**
         * Computes the report from what was counted so far; the accumulator can go on.
         *
         * @return the report
         */
        public Report build() {
            Map<GroupKey, Tally.Builder> counted = new HashMap<>(segments);
            single.forEach((value, counts) -> counted.put(groupKey(value), Tally.builder(spec.scale())
                    .addFlat(counts)));
            Tally.Builder sum = Tally.builder(spec.scale()).add(overall);
            counted.forEach((key, tally) -> {
                // By question, the overall figures are the primary question's segments alone.
                if (Question.PRIMARY_ID.equals(questionOf(key))) {
                    sum.add(tally);
                }
            });
            Tally all = sum.build();
            @Nullable Period period = spec.period().orElse(null);

            // Group totals: the same period and question when grouping by them, else everything.
            TreeMap<Long, Tally.Builder> perPeriod = new TreeMap<>();
            Map<List<Object>, Tally.Builder> perGroup = new HashMap<>();
            List<Built> built = new ArrayList<>(segments.size());
            for (Map.Entry<GroupKey, Tally.Builder> e : counted.entrySet()) {
                Tally tally = e.getValue().build();
                GroupKey key = e.getKey();
                String question = questionOf(key);
                built.add(new Built(key, tally));
                if (period != null && Question.PRIMARY_ID.equals(question)) {
                    perPeriod.computeIfAbsent(key.period(), p -> Tally.builder(spec.scale())).add(tally);
                }
                if (period != null || questionAt >= 0) {
                    perGroup.computeIfAbsent(groupOf(key, period != null),
                            g -> Tally.builder(spec.scaleOf(question))).add(tally);
                }
            }
            List<TrendPoint> trend = new ArrayList<>();
            if (period != null) {
                perPeriod.forEach((ordinal, builder) -> trend.add(new TrendPoint(period.label(ordinal),
                        period.start(ordinal), builder.build())));
            }
            Map<List<Object>, Tally> groupTotals = new HashMap<>();
            perGroup.forEach((group, builder) -> groupTotals.put(group, builder.build()));

            Map<List<Object>, List<Built>> groups = new LinkedHashMap<>();
            for (Built b : built) {
                List<Object> group = groupOf(b.key, period != null);
                Tally total = period != null || questionAt >= 0 ? groupTotals.get(group) : all;
                b.vsRest = compare(b.tally, total.minus(b.tally));
                groups.computeIfAbsent(group, g -> new ArrayList<>()).add(b);
            }
            groups.values().forEach(Accumulator::rank);

            built.sort(this::compareKeys);
            List<Segment> result = new ArrayList<>(built.size());
            for (Built b : built) {
                result.add(new Segment(segmentKey(b.key, period), b.tally, b.vsRest, b.rank));
            }
            List<SurveyResponse> low = new ArrayList<>(lowScores);
            low.sort(NEWEST_FIRST);
            List<SurveyResponse> praised = new ArrayList<>(praise);
            praised.sort(NEWEST_FIRST);
            Map<String, Tally> questions = new LinkedHashMap<>();
            questionTallies.forEach((question, tally) -> questions.put(question, tally.build()));
            return new Report(spec, all, result, trend, low, lowScoresSeen - low.size(), praised,
                    praiseSeen - praised.size(), questions);
        }

        /** The question a segment counts: its QUESTION value, or the primary question's without one. */
        private String questionOf(GroupKey key) {
            return questionAt >= 0 ? key.value(questionAt) : Question.PRIMARY_ID;
        }

        /** The group a segment is compared within: its period and its question, where the report has them. */
        private List<Object> groupOf(GroupKey key, boolean byPeriodGroup) {
            return List.of(byPeriodGroup ? key.period() : 0L, questionOf(key));
        }

        private static GroupKey groupKey(String value) {
            GroupKey k = new GroupKey(1);
            k.set(0, value);
            k.rehash();
            return k;
        }

        private VsRest compare(Tally segment, Tally rest) {
            long n1 = segment.responses();
            long n2 = rest.responses();
            if (n1 < spec.minimumSample() || n2 < spec.minimumSample()) {
                return new VsRest.TooFewResponses(n1, n2, spec.minimumSample());
            }
            double diff = segment.csat().orElseThrow() - rest.csat().orElseThrow();
            double z = Stats.twoProportionZ(segment.satisfied(), n1, rest.satisfied(), n2);
            return new VsRest.Compared(diff, z, Math.abs(z) > Stats.Z95);
        }

        private static void rank(List<Built> group) {
            List<Built> compared = new ArrayList<>();
            for (Built b : group) {
                if (b.vsRest instanceof VsRest.Compared) {
                    compared.add(b);
                }
            }
            compared.sort(Comparator.comparingDouble((Built b) -> b.tally.csat().orElseThrow()).reversed());
            for (int i = 0; i < compared.size(); i++) {
                Built b = compared.get(i);
                boolean tie = i > 0 && compared.get(i - 1).tally.csat().orElseThrow() == b.tally.csat().orElseThrow();
                b.rank = tie ? compared.get(i - 1).rank : OptionalInt.of(i + 1);
            }
        }

        private int compareKeys(Built a, Built b) {
            int t = 0;
            for (Dimension d : spec.dimensions()) {
                if (d == Dimension.PERIOD) {
                    int c = Long.compare(a.key.period(), b.key.period());
                    if (c != 0) {
                        return c;
                    }
                } else {
                    int c = a.key.value(t).compareTo(b.key.value(t));
                    t++;
                    if (c != 0) {
                        return c;
                    }
                }
            }
            return 0;
        }

        private SegmentKey segmentKey(GroupKey key, @Nullable Period period) {
            Map<Dimension, String> values = new LinkedHashMap<>();
            int t = 0;
            for (Dimension d : spec.dimensions()) {
                values.put(d, d == Dimension.PERIOD && period != null ? period.label(key.period()) : key.value(t++));
            }
            return new SegmentKey(values);
        }

        /** A segment while the report is being computed. */
        private static final class Built {
            final GroupKey key;
            final Tally tally;
            VsRest vsRest = new VsRest.TooFewResponses(0, 0, 1);
            OptionalInt rank = OptionalInt.empty();

            Built(GroupKey key, Tally tally) {
                this.key = key;
                this.tally = tally;
            }
        }
    }
}
