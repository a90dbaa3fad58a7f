package dev.csatkit.channel;

import dev.csatkit.internal.Checks;
import java.net.URI;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How the survey email and the rating page look as the host's own: a brand colour and an
 * optional logo. The company name is the {@code company} placeholder of the survey profile.
 *
 * <p>The colour fills the header band, the chosen rating and the send button; the text on it is
 * white or near-black, whichever reads better on that colour (WCAG contrast). The logo appears
 * in the email only, loaded by the mail client from its URL: the rating page loads nothing from
 * anywhere and shows the company name instead.
 *
 * @param color the brand colour, {@code #rrggbb}
 * @param logo an {@code https} URL of the logo image for the email, at most 2000 characters;
 *     empty to show the company name in its place
 */
public record Brand(String color, Optional<URI> logo) {

    // Before DEFAULT, which is checked against them.
    private static final Pattern COLOR = Pattern.compile("#[0-9a-fA-F]{6}");
    private static final String DARK_TEXT = "#111827";

    /** The colour used when the host sets none: a blue that reads well with white text. */
    public static final String DEFAULT_COLOR = "#1d4ed8";
    /** The longest logo URL, in characters. */
    public static final int MAX_LOGO_URL = 2000;
    /** The brand when the host sets none: {@link #DEFAULT_COLOR} and no logo. */
    public static final Brand DEFAULT = new Brand(DEFAULT_COLOR, Optional.empty());


    /**
     * @throws dev.csatkit.InvalidDefinitionException naming each broken rule
     */
    public Brand {
        Objects.requireNonNull(color, "color");
        Objects.requireNonNull(logo, "logo");
        Checks checks = Checks.of("brand");
        checks.check(COLOR.matcher(color).matches(), "color", color, "must be a colour written #rrggbb");
        logo.ifPresent(u -> {
            String s = u.toString();
            checks.check("https".equalsIgnoreCase(u.getScheme()) && u.getHost() != null, "logo", s,
                    "must be an absolute https URL");
            checks.check(s.length() <= MAX_LOGO_URL, "logo", s, "must be at most " + MAX_LOGO_URL + " characters");
        });
        checks.throwIfAny();
        color = color.toLowerCase(Locale.ROOT);
    }

    /**
     * @param color the brand colour, {@code #rrggbb}
     * @return a brand with that colour and no logo
     */
    public static Brand of(String color) {
        return new Brand(color, Optional.empty());
    }

    /**
     * @param url an {@code https} URL of the logo image for the email
     * @return a copy with that logo
     */
    public Brand withLogo(URI url) {
        return new Brand(color, Optional.of(url));
    }

    /**
     * @return the text colour to write on the brand colour: white or {@code #111827}, whichever
     *     has the higher contrast with it
     */
    public String textColor() {
        double brand = luminance(color);
        double onWhite = (1.05) / (brand + 0.05);
        double onDark = (brand + 0.05) / (luminance(DARK_TEXT) + 0.05);
        return onWhite >= onDark ? "#ffffff" : DARK_TEXT;
    }

    /**
     * @param other another colour, {@code #rrggbb}
     * @return the WCAG contrast ratio between the brand colour and {@code other}, 1 to 21
     */
    public double contrastWith(String other) {
        double a = luminance(color);
        double b = luminance(other);
        return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    }

    private static double luminance(String hex) {
        int rgb = Integer.parseInt(hex.substring(1), 16);
        return 0.2126 * channel(rgb >> 16) + 0.7152 * channel(rgb >> 8) + 0.0722 * channel(rgb);
    }

    private static double channel(int v) {
        double c = (v & 0xFF) / 255.0;
        return c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
    }
}
