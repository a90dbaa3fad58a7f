package dev.csatkit.examples.cli;

import dev.csatkit.score.Dimension;
import dev.csatkit.score.SurveyResponse;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The responses {@code csat report} keeps: sent from {@code --from} (inclusive) until {@code --to}
 * (exclusive; a date keeps the whole day), and matching every {@code --where DIMENSION=VALUE}.
 * Several {@code --where} of the same dimension keep a response matching any of their values;
 * different dimensions must all match. The value {@value Dimension#NONE} matches a response with
 * no value for the dimension.
 */
final class ResponseFilter implements Predicate<SurveyResponse> {

    private final Optional<Instant> from;
    private final Optional<Instant> to;
    private final Map<Dimension, Set<String>> where;

    private ResponseFilter(Optional<Instant> from, Optional<Instant> to, Map<Dimension, Set<String>> where) {
        this.from = from;
        this.to = to;
        this.where = where;
    }

    /** Collects the filter options as they come. */
    static final class Builder {
        private String fromText = "";
        private String toText = "";
        private final Map<Dimension, Set<String>> where = new LinkedHashMap<>();

        void from(String value) {
            fromText = value;
        }

        void to(String value) {
            toText = value;
        }

        /**
         * @param value {@code DIMENSION=VALUE}
         * @throws IllegalArgumentException naming the option, the value and the rule
         */
        void where(String value, String dimensions) {
            int eq = value.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("--where " + value + " must be DIMENSION=VALUE, such as team=Billing, "
                        + "with a dimension of " + dimensions);
            }
            String key = value.substring(0, eq);
            Dimension d = Dimension.byKey(key).filter(x -> x != Dimension.PERIOD).orElseThrow(() ->
                    new IllegalArgumentException("--where " + value + ": " + key + " is not a dimension; use "
                            + dimensions + " (and --from, --to for time)"));
            String wanted = value.substring(eq + 1);
            if (wanted.isEmpty()) {
                throw new IllegalArgumentException("--where " + value + " has no value: use " + key + "="
                        + Dimension.NONE + " for responses without one");
            }
            where.computeIfAbsent(d, x -> new LinkedHashSet<>()).add(d == Dimension.LOCALE ? normalTag(wanted) : wanted);
        }

        /**
         * @param zone the zone of dates and of times without an offset
         * @return the filter
         * @throws IllegalArgumentException when a time is not one, or {@code --to} is not after {@code --from}
         */
        ResponseFilter build(ZoneId zone) {
            Optional<Instant> f = fromText.isEmpty() ? Optional.empty() : Optional.of(time("--from", fromText, zone, false));
            Optional<Instant> t = toText.isEmpty() ? Optional.empty() : Optional.of(time("--to", toText, zone, true));
            if (f.isPresent() && t.isPresent() && !t.get().isAfter(f.get())) {
                throw new IllegalArgumentException("--to " + toText + " must be after --from " + fromText
                        + " (--from is inclusive, --to exclusive; a date in --to keeps its whole day)");
            }
            return new ResponseFilter(f, t, Map.copyOf(where));
        }
    }

    static Builder builder() {
        return new Builder();
    }

    /** @return whether any option narrows the responses */
    boolean narrows() {
        return from.isPresent() || to.isPresent() || !where.isEmpty();
    }

    @Override
    public boolean test(SurveyResponse r) {
        if (from.isPresent() && r.sentAt().isBefore(from.get())) {
            return false;
        }
        if (to.isPresent() && !r.sentAt().isBefore(to.get())) {
            return false;
        }
        for (Map.Entry<Dimension, Set<String>> e : where.entrySet()) {
            if (!e.getValue().contains(r.segment(e.getKey()))) {
                return false;
            }
        }
        return true;
    }

    private static String normalTag(String tag) {
        return tag.equals(Dimension.NONE) ? tag : Locale.forLanguageTag(tag.replace('_', '-')).toLanguageTag();
    }

    /**
     * An instant ({@code 2026-03-01T08:00:00Z}), a time with an offset, a local time in the zone,
     * or a date: the start of that day, or for {@code --to} the start of the next.
     */
    static Instant time(String option, String value, ZoneId zone, boolean end) {
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            // Not with an offset: a local time or a date.
        }
        try {
            return LocalDateTime.parse(value).atZone(zone).toInstant();
        } catch (DateTimeParseException e) {
            // A date, or nothing.
        }
        try {
            LocalDate date = LocalDate.parse(value);
            return (end ? date.plusDays(1) : date).atStartOfDay(zone).toInstant();
        } catch (DateTimeException e) {
            throw new IllegalArgumentException(option + " " + value + " must be a date (2026-03-01), a local time "
                    + "(2026-03-01T08:00, in --zone) or an instant (2026-03-01T08:00:00Z)");
        }
    }
}
