package dev.csatkit.score;

import dev.csatkit.internal.Checks;
import dev.csatkit.scale.RatingScale;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.TreeMap;

/**
 * What CSAT says about one customer, as an input to the host's own customer health score (as
 * Electric feeds CSAT into its health score): the latest ratings, CSAT and Net CSAT over a window,
 * the trend from the window's earlier half to its later half, and how long ago the last low score
 * was. Customers are told apart by their pseudonymous {@linkplain SurveyResponse#contactKey()
 * contact key}.
 *
 * <p>Only valid ratings of a survey's primary question count, placed in time by when they came
 * ({@link SurveyResponse#respondedAt()}). The window is {@code [from, to)}; its halves are
 * {@code [from, middle)} and {@code [middle, to)}. The latest ratings and the last low score (a
 * rating the scale counts as dissatisfied) are looked for before {@code to}, inside the window or
 * before it.
 *
 * @param contactKey the customer's key
 * @param from the window's start, included
 * @param to the window's end, excluded: "now" for a health score
 * @param lastRatings the latest ratings before {@code to}, newest first
 * @param ratings the valid ratings in the window
 * @param csat CSAT in the window, 0–100
 * @param netCsat Net CSAT in the window, −100–100
 * @param earlierCsat CSAT in the window's earlier half
 * @param laterCsat CSAT in the window's later half
 * @param trend {@code laterCsat − earlierCsat} in percentage points; empty unless both halves have ratings
 * @param lastLowScoreAt when the last low score before {@code to} came
 * @param sinceLastLowScore {@code to − lastLowScoreAt}
 */
public record CustomerHealth(String contactKey, Instant from, Instant to, List<Rating> lastRatings, long ratings,
        OptionalDouble csat, OptionalDouble netCsat, OptionalDouble earlierCsat, OptionalDouble laterCsat,
        OptionalDouble trend, Optional<Instant> lastLowScoreAt, Optional<Duration> sinceLastLowScore) {

    /** The most latest ratings one customer's value holds. */
    public static final int MAX_LAST_RATINGS = 100;

    /** Checks that nothing is missing and copies the list. */
    public CustomerHealth {
        Objects.requireNonNull(contactKey, "contactKey");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(csat, "csat");
        Objects.requireNonNull(netCsat, "netCsat");
        Objects.requireNonNull(earlierCsat, "earlierCsat");
        Objects.requireNonNull(laterCsat, "laterCsat");
        Objects.requireNonNull(trend, "trend");
        Objects.requireNonNull(lastLowScoreAt, "lastLowScoreAt");
        Objects.requireNonNull(sinceLastLowScore, "sinceLastLowScore");
        lastRatings = List.copyOf(lastRatings);
    }

    /**
     * One rating.
     *
     * @param score the rating
     * @param at when it came
     * @param interactionId the interaction it followed
     */
    public record Rating(int score, Instant at, String interactionId) {

        /** Checks that nothing is missing. */
        public Rating {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(interactionId, "interactionId");
        }
    }

    /**
     * Works out the value of every customer with a rating before {@code to}.
     *
     * @param scale the survey's rating scale, which says what is satisfied and dissatisfied
     * @param responses responses; those without a contact key, of a further question or not a
     *     valid rating are left out
     * @param from the window's start
     * @param to the window's end, excluded
     * @param lastRatings how many of the latest ratings to keep, 0 to {@value #MAX_LAST_RATINGS}
     * @return one value per contact key, sorted by key
     * @throws dev.csatkit.InvalidDefinitionException when the window is empty or {@code lastRatings} is out of range
     */
    public static List<CustomerHealth> of(RatingScale scale, Iterable<SurveyResponse> responses, Instant from,
            Instant to, int lastRatings) {
        Objects.requireNonNull(scale, "scale");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Checks checks = Checks.of("customer health");
        checks.check(from.isBefore(to), "from", from, "must be before to " + to);
        checks.check(lastRatings >= 0 && lastRatings <= MAX_LAST_RATINGS, "lastRatings", lastRatings,
                "must be 0 to " + MAX_LAST_RATINGS);
        checks.throwIfAny();
        Map<String, List<SurveyResponse>> byContact = new TreeMap<>();
        for (SurveyResponse r : responses) {
            if (r.primary() && r.isRating() && r.contactKey().isPresent() && r.respondedAt().get().isBefore(to)) {
                byContact.computeIfAbsent(r.contactKey().get(), k -> new ArrayList<>()).add(r);
            }
        }
        Instant middle = from.plus(Duration.between(from, to).dividedBy(2));
        List<CustomerHealth> out = new ArrayList<>(byContact.size());
        byContact.forEach((key, list) -> {
            // Newest first; the interaction id settles a tie so the order never depends on the input's.
            list.sort(Comparator.comparing((SurveyResponse r) -> r.respondedAt().get()).reversed()
                    .thenComparing(SurveyResponse::interactionId));
            List<Rating> last = list.stream().limit(lastRatings)
                    .map(r -> new Rating(r.score().getAsInt(), r.respondedAt().get(), r.interactionId())).toList();
            Tally.Builder window = Tally.builder(scale);
            Tally.Builder earlier = Tally.builder(scale);
            Tally.Builder later = Tally.builder(scale);
            Optional<Instant> lastLow = Optional.empty();
            for (SurveyResponse r : list) {
                Instant at = r.respondedAt().get();
                if (lastLow.isEmpty() && scale.isDissatisfied(r.score().getAsInt())) {
                    lastLow = Optional.of(at);
                }
                if (!at.isBefore(from)) {
                    window.add(r);
                    (at.isBefore(middle) ? earlier : later).add(r);
                }
            }
            Tally w = window.build();
            OptionalDouble e = earlier.build().csat();
            OptionalDouble l = later.build().csat();
            OptionalDouble trend = e.isPresent() && l.isPresent() ? OptionalDouble.of(l.getAsDouble() - e.getAsDouble())
                    : OptionalDouble.empty();
            out.add(new CustomerHealth(key, from, to, last, w.responses(), w.csat(), w.netCsat(), e, l, trend, lastLow,
                    lastLow.map(at -> Duration.between(at, to))));
        });
        return List.copyOf(out);
    }
}
