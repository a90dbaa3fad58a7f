package dev.csatkit.export;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.csatkit.score.CustomerHealth;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Iterator;
import java.util.OptionalDouble;

/**
 * Writes {@link CustomerHealth} values as a JSON array, one object per customer, for a host's
 * customer health score:
 *
 * <pre>{@code
 * [{"contact_key":"ck-…","from":"2026-03-01T00:00:00Z","to":"2026-03-31T00:00:00Z",
 *   "last_ratings":[{"score":4,"at":"…","interaction_id":"…"}],"ratings":4,"csat":75.0,
 *   "net_csat":50.0,"earlier_csat":50.0,"later_csat":100.0,"trend":50.0,
 *   "last_low_score_at":"2026-03-02T09:00:00Z","seconds_since_last_low_score":2473200}]
 * }</pre>
 *
 * A figure with no data is {@code null}. Times are ISO-8601 instants.
 */
public final class HealthExport {

    private static final JsonFactory FACTORY = JsonFactory.builder().build();

    private HealthExport() {
    }

    /**
     * Streams the values as JSON. The writer is flushed, not closed.
     *
     * @param values the customers' values, consumed one at a time
     * @param out where to write
     * @return how many were written
     * @throws UncheckedIOException when writing fails
     */
    public static long writeJson(Iterator<CustomerHealth> values, Writer out) {
        long count = 0;
        try (JsonGenerator gen = FACTORY.createGenerator(out)) {
            gen.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            gen.writeStartArray();
            while (values.hasNext()) {
                CustomerHealth h = values.next();
                gen.writeStartObject();
                gen.writeStringField("contact_key", h.contactKey());
                gen.writeStringField("from", h.from().toString());
                gen.writeStringField("to", h.to().toString());
                gen.writeArrayFieldStart("last_ratings");
                for (CustomerHealth.Rating r : h.lastRatings()) {
                    gen.writeStartObject();
                    gen.writeNumberField("score", r.score());
                    gen.writeStringField("at", r.at().toString());
                    gen.writeStringField("interaction_id", r.interactionId());
                    gen.writeEndObject();
                }
                gen.writeEndArray();
                gen.writeNumberField("ratings", h.ratings());
                number(gen, "csat", h.csat());
                number(gen, "net_csat", h.netCsat());
                number(gen, "earlier_csat", h.earlierCsat());
                number(gen, "later_csat", h.laterCsat());
                number(gen, "trend", h.trend());
                gen.writeFieldName("last_low_score_at");
                if (h.lastLowScoreAt().isPresent()) {
                    gen.writeString(h.lastLowScoreAt().get().toString());
                } else {
                    gen.writeNull();
                }
                gen.writeFieldName("seconds_since_last_low_score");
                if (h.sinceLastLowScore().isPresent()) {
                    gen.writeNumber(h.sinceLastLowScore().get().toSeconds());
                } else {
                    gen.writeNull();
                }
                gen.writeEndObject();
                count++;
            }
            gen.writeEndArray();
        } catch (IOException e) {
            throw new UncheckedIOException("could not write JSON", e);
        }
        return count;
    }

    private static void number(JsonGenerator gen, String field, OptionalDouble value) throws IOException {
        gen.writeFieldName(field);
        if (value.isPresent()) {
            gen.writeNumber(value.getAsDouble());
        } else {
            gen.writeNull();
        }
    }
}
