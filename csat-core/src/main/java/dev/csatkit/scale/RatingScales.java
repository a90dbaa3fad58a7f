package dev.csatkit.scale;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The preset scales, with labels in English, French, Swedish, Russian, Ukrainian, Polish, German
 * and Spanish.
 *
 * <table>
 *   <caption>Presets</caption>
 *   <tr><th>id</th><th>values</th><th>satisfied</th><th>dissatisfied</th></tr>
 *   <tr><td>{@code five}</td><td>1–5, 😡 😞 😐 🙂 😍</td><td>4–5</td><td>1–2</td></tr>
 *   <tr><td>{@code keypad9}</td><td>1–9</td><td>7–9</td><td>1–3</td></tr>
 *   <tr><td>{@code three}</td><td>1–3, 😞 😐 🙂</td><td>3</td><td>1</td></tr>
 *   <tr><td>{@code thumbs}</td><td>1 👎, 2 👍</td><td>2</td><td>1</td></tr>
 *   <tr><td>{@code zero-ten}</td><td>0–10</td><td>8–10</td><td>0–2</td></tr>
 * </table>
 */
public final class RatingScales {

    /** The languages every preset has labels in. */
    public static final List<Locale> LABEL_LOCALES = List.of(
            Locale.ENGLISH, Locale.FRENCH, Locale.forLanguageTag("sv"), Locale.forLanguageTag("ru"),
            Locale.forLanguageTag("uk"), Locale.forLanguageTag("pl"), Locale.GERMAN, Locale.forLanguageTag("es"));

    private static final String[][] FIVE = {
        // en, fr, sv, ru, uk, pl, de, es
        {"Very dissatisfied", "Très insatisfait", "Mycket missnöjd", "Очень недоволен", "Дуже незадоволений",
            "Bardzo niezadowolony", "Sehr unzufrieden", "Muy insatisfecho"},
        {"Dissatisfied", "Insatisfait", "Missnöjd", "Недоволен", "Незадоволений",
            "Niezadowolony", "Unzufrieden", "Insatisfecho"},
        {"Neutral", "Neutre", "Neutral", "Нейтрально", "Нейтрально",
            "Neutralnie", "Neutral", "Neutral"},
        {"Satisfied", "Satisfait", "Nöjd", "Доволен", "Задоволений",
            "Zadowolony", "Zufrieden", "Satisfecho"},
        {"Very satisfied", "Très satisfait", "Mycket nöjd", "Очень доволен", "Дуже задоволений",
            "Bardzo zadowolony", "Sehr zufrieden", "Muy satisfecho"},
    };

    private static final String[][] THUMBS = {
        {"Bad", "Mauvais", "Dåligt", "Плохо", "Погано", "Źle", "Schlecht", "Malo"},
        {"Good", "Bon", "Bra", "Хорошо", "Добре", "Dobrze", "Gut", "Bueno"},
    };

    private static final RatingScale FIVE_POINT = RatingScale.builder("five")
            .point(new ScalePoint(1, Polarity.NEGATIVE, labels(FIVE[0]), Optional.of("😡")))
            .point(new ScalePoint(2, Polarity.NEGATIVE, labels(FIVE[1]), Optional.of("😞")))
            .point(new ScalePoint(3, Polarity.NEUTRAL, labels(FIVE[2]), Optional.of("😐")))
            .point(new ScalePoint(4, Polarity.POSITIVE, labels(FIVE[3]), Optional.of("🙂")))
            .point(new ScalePoint(5, Polarity.POSITIVE, labels(FIVE[4]), Optional.of("😍")))
            .build();

    private static final RatingScale KEYPAD_NINE = numericWithEndLabels("keypad9", 1, 9, true);

    private static final RatingScale THREE_FACES = RatingScale.builder("three")
            .point(new ScalePoint(1, Polarity.NEGATIVE, labels(FIVE[1]), Optional.of("😞")))
            .point(new ScalePoint(2, Polarity.NEUTRAL, labels(FIVE[2]), Optional.of("😐")))
            .point(new ScalePoint(3, Polarity.POSITIVE, labels(FIVE[3]), Optional.of("🙂")))
            .build();

    private static final RatingScale THUMBS_UP_DOWN = RatingScale.builder("thumbs")
            .point(new ScalePoint(1, Polarity.NEGATIVE, labels(THUMBS[0]), Optional.of("👎")))
            .point(new ScalePoint(2, Polarity.POSITIVE, labels(THUMBS[1]), Optional.of("👍")))
            .build();

    private static final RatingScale ZERO_TO_TEN = numericWithEndLabels("zero-ten", 0, 10, false);

    private static final Map<String, RatingScale> PRESETS = Map.of(
            "five", FIVE_POINT, "keypad9", KEYPAD_NINE, "three", THREE_FACES,
            "thumbs", THUMBS_UP_DOWN, "zero-ten", ZERO_TO_TEN);

    private static final Set<String> PRESET_IDS = Collections.unmodifiableSet(
            new LinkedHashSet<>(List.of("five", "keypad9", "three", "thumbs", "zero-ten")));

    private RatingScales() {
    }

    /**
     * The 5-point CSAT scale: 1 Very dissatisfied … 5 Very satisfied; 4–5 satisfied, 1–2
     * dissatisfied.
     *
     * @return the preset, id {@code five}
     */
    public static RatingScale fivePoint() {
        return FIVE_POINT;
    }

    /**
     * The 1–9 phone-keypad scale: 7–9 satisfied, 1–3 dissatisfied; labels on 1, 5 and 9.
     *
     * @return the preset, id {@code keypad9}
     */
    public static RatingScale keypadNine() {
        return KEYPAD_NINE;
    }

    /**
     * The 3-point faces scale 😞 😐 🙂: 3 satisfied, 1 dissatisfied.
     *
     * @return the preset, id {@code three}
     */
    public static RatingScale threeFaces() {
        return THREE_FACES;
    }

    /**
     * The 2-point thumbs scale: 1 👎 dissatisfied, 2 👍 satisfied.
     *
     * @return the preset, id {@code thumbs}
     */
    public static RatingScale thumbs() {
        return THUMBS_UP_DOWN;
    }

    /**
     * The 0–10 scale: 8–10 satisfied, 0–2 dissatisfied; labels on 0 and 10.
     *
     * @return the preset, id {@code zero-ten}
     */
    public static RatingScale zeroToTen() {
        return ZERO_TO_TEN;
    }

    /**
     * Looks a preset up by id.
     *
     * @param id {@code five}, {@code keypad9}, {@code three}, {@code thumbs} or {@code zero-ten}
     * @return the preset, or empty for any other id
     */
    public static Optional<RatingScale> preset(String id) {
        return Optional.ofNullable(PRESETS.get(id));
    }

    /** @return the ids of every preset, in a stable order */
    public static Set<String> presetIds() {
        return PRESET_IDS;
    }

    /**
     * @param scale any scale
     * @return whether it is one of the presets, unchanged
     */
    public static boolean isPreset(RatingScale scale) {
        return preset(scale.id()).map(scale::equals).orElse(false);
    }

    private static RatingScale numericWithEndLabels(String id, int from, int to, boolean labelMiddle) {
        RatingScale.Builder b = RatingScale.builder(id).numeric(from, to);
        RatingScale bare = b.build();
        RatingScale.Builder labelled = RatingScale.builder(id);
        int middle = (from + to) / 2;
        for (ScalePoint p : bare.points()) {
            Map<Locale, String> labels = p.value() == from ? labels(FIVE[0])
                    : p.value() == to ? labels(FIVE[4])
                    : labelMiddle && p.value() == middle ? labels(FIVE[2]) : Map.of();
            labelled.point(ScalePoint.of(p.value(), p.polarity(), labels));
        }
        return labelled.build();
    }

    private static Map<Locale, String> labels(String[] perLocale) {
        Map<Locale, String> labels = new LinkedHashMap<>();
        for (int i = 0; i < LABEL_LOCALES.size(); i++) {
            labels.put(LABEL_LOCALES.get(i), perLocale[i]);
        }
        return labels;
    }
}
