package dev.csatkit.examples.demo;

import dev.csatkit.engine.Contact;
import dev.csatkit.examples.demo.Phrasebook.Style;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The helpdesk's customers: contacts in fourteen locales and their time zones, with phone
 * numbers (some withheld, some stored without the country code), email addresses (some missing,
 * some that bounce) and chat ids, and a temperament each — how readily they answer, how they
 * write, whether they comment or opt out.
 *
 * <p>Some contacts get in touch far more often than others, so the same people come back within
 * days and the frequency cap has work to do.
 */
final class Population {

    /**
     * One customer.
     *
     * @param contact the contact as the engine sees it
     * @param language the language they write replies in (a {@link Phrasebook} language)
     * @param responsiveness how readily they answer a survey, 0 to 1
     * @param mood how they tend to feel, added to every experience; 0 is typical
     * @param commentRate how often they answer the follow-up question, 0 to 1
     * @param optOutRate how often a survey makes them opt out instead of answering, 0 to 1
     * @param favourite the way they usually write a rating
     * @param unreachableChat whether chat messages can no longer reach them (conversation closed)
     */
    record Customer(Contact contact, String language, double responsiveness, double mood, double commentRate,
            double optOutRate, Style favourite, boolean unreachableChat) {
        /** @return the contact's id */
        String id() {
            return contact.id();
        }
    }

    /**
     * Where customers live: a locale, its time zone, the country calling code and a mobile
     * prefix, and how common such customers are.
     */
    private record Market(String tag, String zone, String callingCode, String mobile, int weight) {
    }

    private static final List<Market> MARKETS = List.of(
            new Market("en-GB", "Europe/London", "44", "7700", 30),
            new Market("en-US", "America/New_York", "1", "202", 8),
            new Market("fr-FR", "Europe/Paris", "33", "6", 8),
            new Market("fr-CA", "America/Toronto", "1", "514", 4),
            new Market("de-DE", "Europe/Berlin", "49", "151", 8),
            new Market("de-AT", "Europe/Vienna", "43", "664", 2),
            new Market("sv-SE", "Europe/Stockholm", "46", "70", 7),
            new Market("pl-PL", "Europe/Warsaw", "48", "500", 6),
            new Market("es-ES", "Europe/Madrid", "34", "6", 5),
            new Market("es-MX", "America/Mexico_City", "52", "55", 4),
            new Market("uk-UA", "Europe/Kyiv", "380", "67", 4),
            new Market("ru-LV", "Europe/Riga", "371", "2", 2),
            new Market("ja-JP", "Asia/Tokyo", "81", "90", 2),
            new Market("pt-BR", "America/Sao_Paulo", "55", "11", 2));

    /**
     * The region a customer's calls are reported under, from where they live: the helpdesk's home
     * market, the rest of Europe, the Americas and Asia.
     */
    static String region(String zone) {
        if (zone.equals("Europe/London")) {
            return "uk";
        }
        return zone.startsWith("Europe/") ? "europe" : zone.startsWith("America/") ? "americas" : "asia";
    }

    /** Readable styles and how often a customer makes one their habit, in {@link Style} order. */
    private static final Style[] HABITS = {Style.DIGITS, Style.DIGITS_WITH_COMMENT, Style.WORD, Style.SLASH,
        Style.OUT_OF, Style.STARS, Style.EMOJI, Style.STAR_EMOJI, Style.LABEL, Style.CUE, Style.OTHER_DIGITS};
    private static final int[] HABIT_WEIGHTS = {40, 8, 8, 6, 5, 6, 10, 4, 6, 5, 2};

    private final List<Customer> customers;

    private Population(List<Customer> customers) {
        this.customers = customers;
    }

    /**
     * @param size how many contacts
     * @param rnd the source of every choice
     * @return the population
     */
    static Population generate(int size, SplittableRandom rnd) {
        int totalWeight = MARKETS.stream().mapToInt(Market::weight).sum();
        List<Customer> all = new ArrayList<>(size);
        for (int n = 1; n <= size; n++) {
            Market m = pick(MARKETS, MARKETS.stream().mapToInt(Market::weight).toArray(), totalWeight, rnd);
            String id = String.format(Locale.ROOT, "c%06d", n);
            Contact.Builder b = Contact.builder(id).locale(Locale.forLanguageTag(m.tag())).zone(ZoneId.of(m.zone()))
                    .region(region(m.zone())).chat(String.format(Locale.ROOT, "visitor-%06d", n));
            double phone = rnd.nextDouble();
            String digits = m.mobile() + String.format(Locale.ROOT, "%06d", n);
            if (phone < 0.04) {
                // Caller id withheld: no number to survey.
            } else if (phone < 0.07) {
                b.phone("0" + digits.substring(0, 4) + " " + digits.substring(4)); // no country code: not E.164
            } else {
                b.phone("+" + m.callingCode() + digits);
            }
            double email = rnd.nextDouble();
            String domain = List.of("example.com", "example.org", "example.net").get(n % 3);
            if (email < 0.88) {
                b.email(id + "@" + domain);
            } else if (email < 0.90) {
                b.email(id + "@mail.example.invalid"); // a domain that does not exist: the mail bounces
            }
            double r = rnd.nextDouble();
            double optOut = rnd.nextDouble() < 0.06 ? 0.2 : 0.004;
            all.add(new Customer(b.build(), Phrasebook.languageOf(Locale.forLanguageTag(m.tag())),
                    Math.pow(r, 0.8), rnd.nextGaussian() * 0.45, 0.15 + 0.5 * rnd.nextDouble(), optOut,
                    pick(Arrays.asList(HABITS), HABIT_WEIGHTS, Arrays.stream(HABIT_WEIGHTS).sum(), rnd),
                    rnd.nextDouble() < 0.02));
        }
        return new Population(all);
    }

    private static <T> T pick(List<T> values, int[] weights, int total, SplittableRandom rnd) {
        int x = rnd.nextInt(total);
        for (int i = 0; i < weights.length; i++) {
            x -= weights[i];
            if (x < 0) {
                return values.get(i);
            }
        }
        throw new IllegalStateException("weights do not add up to " + total);
    }

    /**
     * Picks who gets in touch: the first contacts much more often than the last, as in any
     * helpdesk where a few customers call again and again.
     *
     * @param rnd the source
     * @return a customer
     */
    Customer anyone(SplittableRandom rnd) {
        return customers.get((int) (customers.size() * Math.pow(rnd.nextDouble(), 1.5)));
    }

    /**
     * @param contactId a contact's id, as {@code c000042}
     * @return that customer
     */
    Customer byId(String contactId) {
        return customers.get(Integer.parseInt(contactId.substring(1)) - 1);
    }

    /** @return every customer, in id order */
    List<Customer> all() {
        return customers;
    }

    /** @return how many customers */
    int size() {
        return customers.size();
    }

    /** @return the distinct locales, as BCP 47 tags, in a stable order */
    static Set<String> locales() {
        Set<String> tags = new LinkedHashSet<>();
        MARKETS.forEach(m -> tags.add(m.tag()));
        return tags;
    }
}
