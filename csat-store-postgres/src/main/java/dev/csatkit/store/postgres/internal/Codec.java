package dev.csatkit.store.postgres.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.csatkit.channels.spi.ChannelKind;
import dev.csatkit.score.Answer;
import dev.csatkit.score.SurveyResponse;
import dev.csatkit.store.CapHold;
import dev.csatkit.store.LowScoreReview;
import dev.csatkit.store.MoodAssessment;
import dev.csatkit.store.OpenSurvey;
import dev.csatkit.store.OutboxMessage;
import dev.csatkit.store.ReplyRecord;
import dev.csatkit.store.ReviewNotes;
import dev.csatkit.store.ReviewStatus;
import dev.csatkit.store.SurveyState;
import dev.csatkit.survey.Question;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;

/**
 * The {@code jsonb} bodies of the store's rows. A body holds what its row's key columns do not;
 * absent optional values are left out, instants keep their nanoseconds (ISO-8601 text), and every
 * string passes through {@link Text} so that no NUL reaches the database. Short field names keep
 * the rows small; the format is internal and versioned with the schema.
 */
public final class Codec {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Codec() {
    }

    /**
     * The columns a survey row keeps beside its body, as stored.
     *
     * @param id the survey's key
     * @param version its version
     * @param contactId the contact
     * @param channelId the channel
     * @param address the contact's address on it
     * @param state the state's name
     */
    public record SurveyColumns(String id, long version, String contactId, String channelId, String address,
            String state) {
    }

    // ------------------------------------------------------------------ surveys

    /**
     * @param s a survey
     * @return its body: everything but the id, version, contact, channel id, address and state
     */
    public static String survey(OpenSurvey s) {
        ObjectNode o = JSON.createObjectNode();
        text(o, "sv", s.surveyId());
        text(o, "in", s.interactionId());
        o.put("ch", s.channel().name());
        o.put("lc", s.locale().toLanguageTag());
        o.put("tz", s.zone().getId());
        if (!s.values().isEmpty()) {
            ObjectNode values = o.putObject("val");
            new TreeMap<>(s.values()).forEach((k, v) -> values.put(Text.store(k), Text.store(v)));
        }
        text(o, "ag", s.agent());
        text(o, "tm", s.team());
        text(o, "ep", s.entryPoint());
        text(o, "ct", s.caseType());
        if (!s.holds().isEmpty()) {
            ArrayNode holds = o.putArray("hd");
            for (CapHold h : s.holds()) {
                holds.addArray().add(Text.store(h.key())).add(h.until().toString());
            }
        }
        time(o, "sch", s.scheduledAt());
        time(o, "snd", s.sendAt());
        if (s.attempts() != 0) {
            o.put("att", s.attempts());
        }
        time(o, "rty", s.retryAt());
        time(o, "prm", s.promptedAt());
        time(o, "snt", s.sentAt());
        time(o, "ans", s.answerUntil());
        time(o, "cls", s.closesAt());
        time(o, "rem", s.reminderAt());
        if (s.rating().isPresent()) {
            o.put("rt", s.rating().getAsInt());
        }
        time(o, "rtd", s.ratedAt());
        text(o, "cm", s.comment());
        if (s.invalidReplies() != 0) {
            o.put("inv", s.invalidReplies());
        }
        if (s.noInputs() != 0) {
            o.put("nin", s.noInputs());
        }
        if (s.followUpAsked()) {
            o.put("fu", true);
        }
        if (s.optOutAsked()) {
            o.put("oq", true);
        }
        text(o, "er", s.endReason());
        time(o, "end", s.endedAt());
        time(o, "ls", s.leaseUntil());
        if (s.question() != 0) {
            o.put("qn", s.question());
        }
        answers(o, s.answers());
        text(o, "ky", s.keys());
        return write(o);
    }

    /** The answers to further questions, as [question, score, time] triples; left out when there are none. */
    private static void answers(ObjectNode o, List<Answer> answers) {
        if (!answers.isEmpty()) {
            ArrayNode an = o.putArray("an");
            for (Answer a : answers) {
                an.addArray().add(Text.store(a.question())).add(a.score()).add(a.respondedAt().toString());
            }
        }
    }

    private static List<Answer> answers(JsonNode o) {
        JsonNode an = o.get("an");
        if (an == null) {
            return List.of();
        }
        List<Answer> answers = new ArrayList<>();
        for (JsonNode a : an) {
            answers.add(new Answer(Text.load(a.get(0).asText()), a.get(1).asInt(), Instant.parse(a.get(2).asText())));
        }
        return answers;
    }

    /** The body field that holds the lease, which {@code claimDue} sets in place. */
    public static final String LEASE_FIELD = "ls";

    /**
     * @param c the row's key columns, as stored
     * @param body the row's body
     * @return the survey
     */
    public static OpenSurvey survey(SurveyColumns c, String body) {
        JsonNode o = read(body);
        Map<String, String> values = new LinkedHashMap<>();
        JsonNode val = o.get("val");
        if (val != null) {
            for (Map.Entry<String, JsonNode> e : val.properties()) {
                values.put(Text.load(e.getKey()), Text.load(e.getValue().asText()));
            }
        }
        List<CapHold> holds = new ArrayList<>();
        JsonNode hd = o.get("hd");
        if (hd != null) {
            for (JsonNode h : hd) {
                holds.add(new CapHold(Text.load(h.get(0).asText()), Instant.parse(h.get(1).asText())));
            }
        }
        JsonNode rating = o.get("rt");
        return new OpenSurvey(Text.load(c.id()), c.version(), string(o, "sv"), string(o, "in"),
                Text.load(c.contactId()), ChannelKind.valueOf(o.get("ch").asText()), Text.load(c.channelId()),
                Text.load(c.address()), Locale.forLanguageTag(o.get("lc").asText()), ZoneId.of(o.get("tz").asText()),
                values, text(o, "ag"), text(o, "tm"), text(o, "ep"), text(o, "ct"), holds,
                SurveyState.valueOf(c.state()), instant(o, "sch"), instant(o, "snd"), o.path("att").asInt(0),
                time(o, "rty"), time(o, "prm"), time(o, "snt"), time(o, "ans"), time(o, "cls"), time(o, "rem"),
                rating == null ? OptionalInt.empty() : OptionalInt.of(rating.asInt()), time(o, "rtd"),
                text(o, "cm"), o.path("inv").asInt(0), o.path("nin").asInt(0), o.path("fu").asBoolean(false),
                o.path("oq").asBoolean(false), text(o, "er"), time(o, "end"), time(o, "ls"), o.path("qn").asInt(0),
                answers(o), text(o, "ky"));
    }

    // ------------------------------------------------------------------ outbox

    /**
     * @param m an outbox message
     * @return its body: everything but the key, due time and attempts
     */
    public static String outbox(OutboxMessage m) {
        ObjectNode o = JSON.createObjectNode();
        o.put("p", m.purpose().name());
        text(o, "cid", m.channelId());
        o.put("ch", m.channel().name());
        text(o, "to", m.address());
        text(o, "sk", m.surveyKey());
        o.put("lc", m.locale().toLanguageTag());
        return write(o);
    }

    /**
     * @param key the stored key
     * @param dueAt the due time to give it
     * @param attempts the stored attempts
     * @param body the stored body
     * @return the message
     */
    public static OutboxMessage outbox(String key, Instant dueAt, int attempts, String body) {
        JsonNode o = read(body);
        return new OutboxMessage(Text.load(key), OutboxMessage.Purpose.valueOf(o.get("p").asText()),
                string(o, "cid"), ChannelKind.valueOf(o.get("ch").asText()), string(o, "to"), text(o, "sk"),
                Locale.forLanguageTag(o.get("lc").asText()), dueAt, attempts);
    }

    // ------------------------------------------------------------------ outcomes

    /**
     * @param r an outcome
     * @return its body, whole
     */
    public static String response(SurveyResponse r) {
        ObjectNode o = JSON.createObjectNode();
        text(o, "in", r.interactionId());
        text(o, "sv", r.surveyId());
        text(o, "ch", r.channel());
        text(o, "ag", r.agent());
        text(o, "tm", r.team());
        text(o, "ep", r.entryPoint());
        r.locale().ifPresent(l -> o.put("lc", l.toLanguageTag()));
        text(o, "ct", r.caseType());
        time(o, "snt", r.sentAt());
        time(o, "rsp", r.respondedAt());
        if (r.score().isPresent()) {
            o.put("sc", r.score().getAsInt());
        }
        text(o, "cm", r.comment());
        if (r.invalid()) {
            o.put("inv", true);
        }
        if (r.late()) {
            o.put("late", true);
        }
        if (!r.primary()) {
            text(o, "q", r.question());
        }
        answers(o, r.answers());
        text(o, "ck", r.contactKey());
        text(o, "rg", r.region());
        text(o, "br", r.brand());
        r.waitTime().ifPresent(w -> {
            o.put("wt", w.getSeconds());
            // Bodies written before the fraction was kept have whole seconds only, and read as such.
            if (w.getNano() != 0) {
                o.put("wtn", w.getNano());
            }
        });
        if (r.openTickets().isPresent()) {
            o.put("ot", r.openTickets().getAsInt());
        }
        text(o, "ky", r.keys());
        return write(o);
    }

    /**
     * @param body a stored outcome
     * @return the outcome
     */
    public static SurveyResponse response(String body) {
        JsonNode o = read(body);
        JsonNode score = o.get("sc");
        return new SurveyResponse(string(o, "in"), string(o, "sv"), text(o, "ch"), text(o, "ag"), text(o, "tm"),
                text(o, "ep"), Optional.ofNullable(o.get("lc")).map(l -> Locale.forLanguageTag(l.asText())),
                text(o, "ct"), instant(o, "snt"), time(o, "rsp"),
                score == null ? OptionalInt.empty() : OptionalInt.of(score.asInt()), text(o, "cm"),
                o.path("inv").asBoolean(false), o.path("late").asBoolean(false),
                text(o, "q").orElse(Question.PRIMARY_ID), answers(o), text(o, "ck"), text(o, "rg"), text(o, "br"),
                o.has("wt") ? Optional.of(java.time.Duration.ofSeconds(o.get("wt").asLong(), o.path("wtn").asLong(0)))
                        : Optional.empty(),
                o.has("ot") ? OptionalInt.of(o.get("ot").asInt()) : OptionalInt.empty(), text(o, "ky"));
    }

    /**
     * @param r a reply
     * @return its body: everything but the survey key
     */
    public static String reply(ReplyRecord r) {
        ObjectNode o = JSON.createObjectNode();
        time(o, "at", r.receivedAt());
        o.put("k", r.kind().name());
        if (r.value().isPresent()) {
            o.put("v", r.value().getAsInt());
        }
        text(o, "t", r.text());
        o.put("c", r.counted());
        text(o, "q", r.question());
        text(o, "ky", r.keys());
        return write(o);
    }

    /**
     * @param surveyKey the stored survey key
     * @param body the stored body
     * @return the reply
     */
    public static ReplyRecord reply(String surveyKey, String body) {
        JsonNode o = read(body);
        JsonNode v = o.get("v");
        return new ReplyRecord(Text.load(surveyKey), instant(o, "at"), ReplyRecord.Kind.valueOf(o.get("k").asText()),
                v == null ? OptionalInt.empty() : OptionalInt.of(v.asInt()), text(o, "t"), o.path("c").asBoolean(),
                text(o, "q"), text(o, "ky"));
    }

    /**
     * @param m a mood assessment
     * @return its body, whole
     */
    public static String mood(MoodAssessment m) {
        ObjectNode o = JSON.createObjectNode();
        text(o, "in", m.interactionId());
        text(o, "sv", m.surveyId());
        text(o, "ag", m.agent());
        text(o, "tm", m.team());
        text(o, "sc", m.scaleId());
        o.put("v", m.value());
        time(o, "at", m.at());
        return write(o);
    }

    /**
     * @param body a stored mood assessment
     * @return the assessment
     */
    public static MoodAssessment mood(String body) {
        JsonNode o = read(body);
        return new MoodAssessment(string(o, "in"), string(o, "sv"), string(o, "ag"), text(o, "tm"), string(o, "sc"),
                o.get("v").asInt(), instant(o, "at"));
    }

    // ------------------------------------------------------------------ reviews

    /**
     * @param r a review of a low score
     * @return its body, whole (the key, version, status and opening time are columns as well)
     */
    public static String review(LowScoreReview r) {
        ObjectNode o = JSON.createObjectNode();
        text(o, "sk", r.surveyKey());
        o.put("v", r.version());
        text(o, "sv", r.surveyId());
        text(o, "in", r.interactionId());
        text(o, "ct", r.contactId());
        text(o, "ag", r.agent());
        text(o, "tm", r.team());
        o.put("sc", r.score());
        o.put("st", r.status().name());
        time(o, "op", r.openedAt());
        time(o, "chg", r.changedAt());
        text(o, "rv", r.reviewer());
        time(o, "tk", r.takenAt());
        time(o, "rs", r.resolvedAt());
        r.notes().ifPresent(n -> {
            text(o, "rc", n.rootCause());
            text(o, "fu", n.followUp());
            text(o, "rm", n.remediation());
        });
        if (r.reopened() != 0) {
            o.put("ro", r.reopened());
        }
        text(o, "rr", r.reopenReason());
        return write(o);
    }

    /**
     * @param body a stored review
     * @return the review
     */
    public static LowScoreReview review(String body) {
        JsonNode o = read(body);
        Optional<String> rootCause = text(o, "rc");
        return new LowScoreReview(string(o, "sk"), o.get("v").asLong(), string(o, "sv"), string(o, "in"),
                string(o, "ct"), text(o, "ag"), text(o, "tm"), o.get("sc").asInt(), ReviewStatus.valueOf(string(o, "st")),
                instant(o, "op"), instant(o, "chg"), text(o, "rv"), time(o, "tk"), time(o, "rs"),
                rootCause.map(rc -> new ReviewNotes(rc, text(o, "fu"), text(o, "rm"))), o.path("ro").asInt(0),
                text(o, "rr"));
    }

    // ------------------------------------------------------------------ helpers

    private static void text(ObjectNode o, String field, String value) {
        o.put(field, Text.store(value));
    }

    private static void text(ObjectNode o, String field, Optional<String> value) {
        value.ifPresent(v -> o.put(field, Text.store(v)));
    }

    private static void time(ObjectNode o, String field, Instant value) {
        o.put(field, value.toString());
    }

    private static void time(ObjectNode o, String field, Optional<Instant> value) {
        value.ifPresent(v -> o.put(field, v.toString()));
    }

    private static String string(JsonNode o, String field) {
        JsonNode v = o.get(field);
        if (v == null) {
            throw new IllegalStateException("a stored record lacks its field " + field);
        }
        return Text.load(v.asText());
    }

    private static Optional<String> text(JsonNode o, String field) {
        JsonNode v = o.get(field);
        return v == null ? Optional.empty() : Optional.of(Text.load(v.asText()));
    }

    private static Instant instant(JsonNode o, String field) {
        return Instant.parse(string(o, field));
    }

    private static Optional<Instant> time(JsonNode o, String field) {
        JsonNode v = o.get(field);
        return v == null ? Optional.empty() : Optional.of(Instant.parse(v.asText()));
    }

    private static String write(ObjectNode o) {
        try {
            return JSON.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a store record could not be written as JSON", e);
        }
    }

    private static JsonNode read(String body) {
        try {
            return JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored record is not the JSON the store writes", e);
        }
    }
}
