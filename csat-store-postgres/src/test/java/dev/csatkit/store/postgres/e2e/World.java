package dev.csatkit.store.postgres.e2e;

import dev.csatkit.channels.spi.ChannelKind;
import dev.csatkit.engine.Agent;
import dev.csatkit.engine.Contact;
import dev.csatkit.engine.HangUp;
import dev.csatkit.engine.Interaction;
import dev.csatkit.engine.Medium;
import dev.csatkit.engine.RetryPolicy;
import dev.csatkit.engine.Route;
import dev.csatkit.engine.SurveyEngine;
import dev.csatkit.engine.SurveyProfile;
import dev.csatkit.policy.FrequencyCap;
import dev.csatkit.scale.RatingScales;
import dev.csatkit.store.SurveyStore;
import dev.csatkit.survey.DefaultMessages;
import dev.csatkit.survey.MessageSet;
import dev.csatkit.survey.SurveyDefinition;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Map;
import javax.sql.DataSource;

/**
 * What every process of an end-to-end scenario shares: the simulated helpdesk (contacts,
 * interactions, survey profiles) and the provider's tables. Times are simulated (see
 * {@link ScaledClock}); the defaults below are in simulated time.
 */
public final class World {

    /** The simulated instant scenarios start at: a Monday morning. */
    public static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
    /** Simulated seconds per real second. */
    public static final long SPEED = 120;
    /** How many contacts the interactions are spread over. */
    public static final int CONTACTS = 2_000;
    /** The frequency cap across surveys: four simulated minutes, two real seconds. */
    public static final Duration CAP = Duration.ofMinutes(4);
    /** The engines' send lease (the default), 2.5 real seconds. */
    public static final Duration LEASE = Duration.ofMinutes(5);
    /** Deciding threads per process. */
    public static final int THREADS = 8;

    private World() {
    }

    /**
     * Creates the provider's tables in the scenario's schema.
     *
     * @param db the database
     * @param schema the schema, already migrated
     * @throws SQLException when the database refuses
     */
    public static void createProviderTables(DataSource db, String schema) throws SQLException {
        String s = '"' + schema + '"';
        try (Connection c = db.getConnection(); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE " + s + ".e2e_provider (key text PRIMARY KEY, node text NOT NULL, "
                    + "at timestamptz NOT NULL, prompted_at timestamptz)");
            st.execute("CREATE TABLE " + s + ".e2e_attempt (seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, "
                    + "key text NOT NULL, node text NOT NULL, result text NOT NULL, repeat boolean NOT NULL, "
                    + "at timestamptz NOT NULL, lease_until timestamptz)");
            st.execute("CREATE TABLE " + s + ".e2e_decision (node text NOT NULL, interaction text NOT NULL, "
                    + "outcome text NOT NULL, at timestamptz NOT NULL)");
            st.execute("CREATE TABLE " + s + ".e2e_stop (contact text PRIMARY KEY, node text NOT NULL, "
                    + "at timestamptz NOT NULL)");
        }
    }

    /**
     * @param n a contact's number
     * @return the contact, with a phone and a chat id, in UTC
     */
    public static Contact contact(int n) {
        return Contact.builder("k" + n).phone(String.format(Locale.ROOT, "+4670%07d", n)).chat("chat-k" + n)
                .locale(Locale.ENGLISH).zone(ZoneOffset.UTC).build();
    }

    /**
     * Interaction {@code <id>}: a call (or, one in five, a chat) of contact {@link #contactOf(int)
     * contactOf(n)}, ended at {@code at}.
     *
     * @param id the interaction's id
     * @param n its number
     * @param at when it ended
     * @return the interaction
     */
    public static Interaction interaction(String id, int n, Instant at) {
        Contact c = contact(contactOf(n));
        Medium medium = n % 5 == 4 ? Medium.CHAT : Medium.VOICE;
        return Interaction.builder(id, c, medium).agent(Agent.human("a-" + (n % 12), "Agent " + (n % 12), "Blue"))
                .entryPoint("+15550100").hangUp(HangUp.AGENT).between(at.minus(Duration.ofMinutes(6)), at).build();
    }

    /**
     * @param n an interaction's number
     * @return the number of its contact, spread like a hash: of 2 000 interactions, about a
     *     quarter meet a contact another one met before, so the cap bites
     */
    public static int contactOf(int n) {
        long h = n * 0x9E3779B97F4A7C15L;
        return Math.floorMod((int) (h ^ (h >>> 29)), CONTACTS);
    }

    /**
     * @param clock the clock
     * @param store the shared store
     * @param sms the SMS channel
     * @param chat the chat channel
     * @param chatDelay how long after a chat its survey goes
     * @return an engine on the shared store
     */
    public static SurveyEngine engine(Clock clock, SurveyStore store, ProviderChannel sms, ProviderChannel chat,
            Duration chatDelay) {
        FrequencyCap cap = FrequencyCap.acrossSurveys(CAP);
        RetryPolicy retry = new RetryPolicy(5, Duration.ofMinutes(1), Duration.ofMinutes(4), 2, 0.2);
        return SurveyEngine.builder().clock(clock).store(store).channel(sms).channel(chat)
                .sendLease(LEASE).sendTimeout(Duration.ofSeconds(2)).batchSize(100)
                .profile(SurveyProfile.builder(survey("after-call"), ChannelKind.SMS)
                        .acknowledgeSendingRules("ops@example.com", Instant.parse("2026-01-05T09:00:00Z"))
                        .route(Route.media(Medium.VOICE))
                        .placeholders(Map.of("company", "Acme")).noQuietHours().frequencyCap(cap)
                        .answerWindow(Duration.ofMinutes(10)).commentWindow(Duration.ofMinutes(5)).retry(retry)
                        .build())
                .profile(SurveyProfile.builder(survey("after-chat"), ChannelKind.CHAT).route(Route.media(Medium.CHAT))
                        .placeholders(Map.of("company", "Acme")).frequencyCap(cap).delay(chatDelay)
                        .answerWindow(Duration.ofMinutes(10)).commentWindow(Duration.ofMinutes(5)).retry(retry)
                        .build())
                .build();
    }

    private static SurveyDefinition survey(String id) {
        MessageSet en = DefaultMessages.forChannel(ChannelKind.SMS, Locale.ENGLISH).orElseThrow();
        return SurveyDefinition.builder(id).name("After-call survey").scale(RatingScales.fivePoint())
                .channels(ChannelKind.SMS, ChannelKind.CHAT).defaultLocale(Locale.ENGLISH)
                .messages(Locale.ENGLISH, MessageSet.builder().prompt(en.prompt().source())
                        .confirmation("Thanks, we got your {scale.min}-{scale.max} rating.")
                        .invalidReply("Please reply with a number from {scale.min} to {scale.max}.")
                        .followUp("What could we do better? Reply in a few words.")
                        .thankYou("Thank you for your comment.")
                        .optOutInstructions("Reply STOP to opt out.").build())
                .build();
    }
}
