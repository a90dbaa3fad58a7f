package dev.csatkit.examples.demo;

import dev.csatkit.engine.Direction;
import dev.csatkit.engine.Ending;
import dev.csatkit.engine.HangUp;
import dev.csatkit.engine.Interaction;
import dev.csatkit.engine.Medium;
import dev.csatkit.examples.demo.Population.Customer;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The helpdesk's traffic: when interactions end (busy weekday mornings and afternoons, quiet
 * nights and weekends) and what each one is — a call on the support or billing line, a ticket
 * or a chat; who handled it, how it ended and how the customer felt about it.
 */
final class Traffic {

    /** The support line: calls end with a keypad survey. */
    static final String SUPPORT_LINE = "support-line";
    /** The billing line: calls are followed by an SMS survey. */
    static final String BILLING_LINE = "billing-line";
    /** Where tickets come in. */
    static final String SUPPORT_EMAIL = "support-email";
    /** Where chats come in. */
    static final String WEB_CHAT = "web-chat";
    /** How far back a caller's tickets count as open. */
    static final Duration OPEN_TICKET_WINDOW = Duration.ofDays(3);

    /** Share of each hour of a weekday, UTC; the helpdesk serves Europe and the Americas. */
    private static final double[] HOUR_WEIGHT = {
        0.2, 0.15, 0.1, 0.1, 0.15, 0.3, 0.8, 1.6, 2.6, 3.2, 3.3, 3.0,
        2.6, 2.9, 3.1, 3.0, 2.7, 2.2, 1.7, 1.3, 1.0, 0.8, 0.5, 0.3};

    /**
     * How the customer felt about one interaction, as a number: 0 is a neutral experience, +1 a
     * good one. Ratings, the agent's reading of the mood and the comments all follow from it.
     *
     * @param satisfaction the customer's feeling
     */
    record Experience(double satisfaction) {

        private static final double[] FIVE = {-1.3, -0.5, 0.2, 1.1};
        private static final double[] THREE = {-0.5, 0.6};
        private static final double[] NINE = {-1.5, -1.0, -0.6, -0.25, 0.05, 0.35, 0.75, 1.4};

        /** @return the rating the customer gives on a 1–5 scale */
        int fivePoint() {
            return bin(satisfaction, FIVE);
        }

        /** @return the key the caller presses on the 1–9 keypad scale */
        int keypad() {
            return bin(satisfaction, NINE);
        }

        /**
         * @param noise how far off the agent's reading is
         * @return how the agent reads the caller's mood, 1–5
         */
        int moodAsRead(double noise) {
            return bin(satisfaction + noise, FIVE);
        }

        /**
         * @param noise how far off the agent's reading is
         * @return how the agent reads the caller's mood on three faces: 1 unhappy, 2 neutral, 3 happy
         */
        int faceAsRead(double noise) {
            return bin(satisfaction + noise, THREE);
        }

        private static int bin(double x, double[] thresholds) {
            int v = 1;
            for (double t : thresholds) {
                if (x >= t) {
                    v++;
                }
            }
            return v;
        }
    }

    /**
     * One interaction to report to the engine.
     *
     * @param interaction the interaction
     * @param customer who it was with
     * @param experience how it went for them
     */
    record Visit(Interaction interaction, Customer customer, Experience experience) {
    }

    private final Staff staff;
    private final Population people;
    private final SplittableRandom rnd;
    private int sequence;
    /** The end of each customer's tickets so far, by customer id, for the callers' open tickets. */
    private final Map<String, List<Instant>> tickets = new HashMap<>();

    /**
     * @param staff who answers
     * @param people who gets in touch
     * @param rnd the source of every choice
     */
    Traffic(Staff staff, Population people, SplittableRandom rnd) {
        this.staff = staff;
        this.people = people;
        this.rnd = rnd;
    }

    /**
     * Splits the interactions over the hours of the simulated days, weekdays busier than
     * weekends, by largest remainder so that the counts add up exactly.
     *
     * @param start the first hour
     * @param days how many days
     * @param total how many interactions
     * @return the count per hour, in order
     */
    static int[] perHour(Instant start, int days, int total) {
        int hours = days * 24;
        double[] w = new double[hours];
        double sum = 0;
        for (int h = 0; h < hours; h++) {
            DayOfWeek day = start.plus(Duration.ofHours(h)).atOffset(ZoneOffset.UTC).getDayOfWeek();
            double dayWeight = day == DayOfWeek.SATURDAY ? 0.45 : day == DayOfWeek.SUNDAY ? 0.3 : 1.0;
            w[h] = dayWeight * HOUR_WEIGHT[h % 24];
            sum += w[h];
        }
        int[] counts = new int[hours];
        double[] rest = new double[hours];
        int given = 0;
        for (int h = 0; h < hours; h++) {
            double exact = total * w[h] / sum;
            counts[h] = (int) exact;
            rest[h] = exact - counts[h];
            given += counts[h];
        }
        List<Integer> order = new ArrayList<>();
        for (int h = 0; h < hours; h++) {
            order.add(h);
        }
        order.sort(Comparator.comparingDouble((Integer h) -> -rest[h]).thenComparingInt(h -> h));
        for (int i = 0; i < total - given; i++) {
            counts[order.get(i)]++;
        }
        return counts;
    }

    /**
     * Makes the interactions that end within one hour, in the order they end.
     *
     * @param hourStart the start of the hour
     * @param count how many
     * @return the visits, by end time
     */
    List<Visit> hour(Instant hourStart, int count) {
        long[] ends = new long[count];
        for (int i = 0; i < count; i++) {
            ends[i] = hourStart.getEpochSecond() + rnd.nextInt(3600);
        }
        Arrays.sort(ends);
        List<Visit> visits = new ArrayList<>(count);
        for (long end : ends) {
            visits.add(next(Instant.ofEpochSecond(end)));
        }
        return visits;
    }

    private Visit next(Instant end) {
        Customer c = people.anyone(rnd);
        double m = rnd.nextDouble();
        Medium medium = m < 0.45 ? Medium.VOICE : m < 0.70 ? Medium.TICKET : Medium.CHAT;
        sequence++;
        return switch (medium) {
            case VOICE -> call(c, end);
            case TICKET -> ticket(c, end);
            default -> chat(c, end);
        };
    }

    private Visit call(Customer c, Instant end) {
        boolean support = rnd.nextDouble() < 0.7;
        double k = rnd.nextDouble();
        String caseType = support ? (k < 0.65 ? "technical" : k < 0.85 ? "account" : "billing")
                : (k < 0.8 ? "billing" : "account");
        Interaction.Builder b = Interaction.builder(id("call"), c.contact(), Medium.VOICE)
                .entryPoint(support ? SUPPORT_LINE : BILLING_LINE).caseType(caseType);
        if (rnd.nextDouble() < 0.03) {
            b.direction(Direction.OUTBOUND); // a call back the helpdesk made
        }
        Duration wait = Duration.ofSeconds((long) (-90 * Math.log(1 - rnd.nextDouble())));
        double e = rnd.nextDouble();
        Staff.Member agent = null;
        Duration handle;
        if (e < 0.07) {
            b.ending(Ending.ABANDONED).hangUp(HangUp.CONTACT); // gave up in the queue
            handle = Duration.ZERO;
        } else {
            b.ending(e < 0.13 ? Ending.TRANSFERRED : Ending.RESOLVED);
            agent = support && rnd.nextDouble() < 0.10 ? staff.voiceBot() : staff.pick(team(caseType), rnd);
            b.agent(agent.agent()).hangUp(rnd.nextDouble() < 0.78 ? HangUp.AGENT : HangUp.CONTACT);
            handle = rnd.nextDouble() < 0.05 ? Duration.ofSeconds(8 + rnd.nextInt(22)) : logNormal(330, 0.6, 30, 2700);
        }
        b.between(end.minus(wait).minus(handle), end).handleTime(handle).waitTime(wait)
                .openTickets(openTickets(c, end));
        double waitEffect = -0.25 * wait.toSeconds() / 300.0;
        return new Visit(b.build(), c, experience(c, agent, caseType, waitEffect));
    }

    private Visit ticket(Customer c, Instant end) {
        double k = rnd.nextDouble();
        String caseType = k < 0.45 ? "technical" : k < 0.80 ? "billing" : "account";
        Interaction.Builder b = Interaction.builder(id("ticket"), c.contact(), Medium.TICKET)
                .entryPoint(SUPPORT_EMAIL).caseType(caseType);
        double e = rnd.nextDouble();
        Staff.Member agent = null;
        if (e < 0.04) {
            b.ending(Ending.ABANDONED); // closed without an answer: spam, or the customer withdrew it
        } else {
            b.ending(e < 0.12 ? Ending.TRANSFERRED : Ending.RESOLVED);
            agent = staff.pick(team(caseType), rnd);
            b.agent(agent.agent());
        }
        Duration open = Duration.ofMinutes(30 + rnd.nextInt(36 * 60));
        tickets.computeIfAbsent(c.id(), id -> new ArrayList<>()).add(end);
        b.between(end.minus(open), end).handleTime(logNormal(720, 0.7, 60, 5400));
        double waitEffect = -0.15 - 0.2 * open.toHours() / 36.0;
        return new Visit(b.build(), c, experience(c, agent, caseType, waitEffect));
    }

    private Visit chat(Customer c, Instant end) {
        boolean bot = rnd.nextDouble() < 0.3;
        double k = rnd.nextDouble();
        String caseType = bot ? (k < 0.6 ? "account" : "billing")
                : (k < 0.5 ? "technical" : k < 0.8 ? "billing" : "account");
        Interaction.Builder b = Interaction.builder(id("chat"), c.contact(), Medium.CHAT)
                .entryPoint(WEB_CHAT).caseType(caseType);
        Staff.Member agent = bot ? staff.chatBot() : staff.pick(team(caseType), rnd);
        double e = rnd.nextDouble();
        b.agent(agent.agent()).ending(bot ? (e < 0.2 ? Ending.TRANSFERRED : Ending.RESOLVED)
                : e < 0.06 ? Ending.ABANDONED : e < 0.10 ? Ending.TRANSFERRED : Ending.RESOLVED);
        Duration handle = logNormal(bot ? 150 : 420, 0.6, 20, 3600);
        b.between(end.minus(handle), end).handleTime(handle);
        return new Visit(b.build(), c, experience(c, agent, caseType, 0.1));
    }

    private Experience experience(Customer c, Staff.Member agent, String caseType, double situation) {
        double caseEffect = switch (caseType) {
            case "technical" -> -0.25;
            case "account" -> 0.1;
            default -> 0.0;
        };
        double skill = agent == null ? -1.0 : agent.skill();
        return new Experience(1.15 + skill + c.mood() + caseEffect + situation + rnd.nextGaussian());
    }

    /**
     * The caller's open tickets as the helpdesk would report them: here, the tickets the customer
     * raised in the three days before the call, since a caller with a fresh ticket is often
     * calling about it. Worked out from what came before, so it draws nothing from the seed.
     */
    private int openTickets(Customer c, Instant at) {
        Instant from = at.minus(OPEN_TICKET_WINDOW);
        return (int) tickets.getOrDefault(c.id(), List.of()).stream().filter(t -> t.isAfter(from)).count();
    }

    private static String team(String caseType) {
        return caseType.equals("technical") ? Staff.TECHNICAL : Staff.BILLING;
    }

    private String id(String prefix) {
        return String.format(Locale.ROOT, "%s-%07d", prefix, sequence);
    }

    private Duration logNormal(double medianSeconds, double sigma, long min, long max) {
        long s = Math.round(medianSeconds * Math.exp(sigma * rnd.nextGaussian()));
        return Duration.ofSeconds(Math.max(min, Math.min(max, s)));
    }
}
