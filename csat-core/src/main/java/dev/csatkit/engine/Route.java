package dev.csatkit.engine;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Which interactions a survey profile follows. An empty set matches anything; the engine tries
 * profiles in the order they were added and takes the first whose route matches.
 *
 * @param media the interaction channels, such as only {@link Medium#VOICE}
 * @param entryPoints the entry points, such as the numbers called
 * @param brands the brands or workspaces
 */
public record Route(Set<Medium> media, Set<String> entryPoints, Set<String> brands) {

    /** Every interaction. */
    public static final Route ANY = new Route(Set.of(), Set.of(), Set.of());

    /** Copies the sets. */
    public Route {
        media = Set.copyOf(media);
        entryPoints = Set.copyOf(entryPoints);
        brands = Set.copyOf(brands);
    }

    /**
     * @param first an interaction channel
     * @param more more of them
     * @return a route for interactions on these channels
     */
    public static Route media(Medium first, Medium... more) {
        return new Route(Set.copyOf(list(first, more)), Set.of(), Set.of());
    }

    /**
     * @param first an entry point
     * @param more more of them
     * @return this route, narrowed to these entry points
     */
    public Route entryPoints(String first, String... more) {
        return new Route(media, Set.copyOf(list(first, more)), brands);
    }

    /**
     * @param first a brand
     * @param more more of them
     * @return this route, narrowed to these brands
     */
    public Route brands(String first, String... more) {
        return new Route(media, entryPoints, Set.copyOf(list(first, more)));
    }

    /**
     * @param interaction an interaction
     * @return whether this route follows it
     */
    public boolean matches(Interaction interaction) {
        return matches(interaction.medium(), interaction.entryPoint(), interaction.brand());
    }

    /**
     * @param medium an interaction's channel
     * @param entryPoint its entry point, if known
     * @param brand its brand, if known
     * @return whether this route follows such an interaction: what {@link #matches(Interaction)}
     *     answers, for a call not yet finished
     */
    public boolean matches(Medium medium, Optional<String> entryPoint, Optional<String> brand) {
        return (media.isEmpty() || media.contains(medium))
                && (entryPoints.isEmpty() || entryPoint.map(entryPoints::contains).orElse(false))
                && (brands.isEmpty() || brand.map(brands::contains).orElse(false));
    }

    @SafeVarargs
    private static <T> java.util.List<T> list(T first, T... more) {
        java.util.List<T> all = new java.util.ArrayList<>(more.length + 1);
        all.add(Objects.requireNonNull(first));
        for (T t : more) {
            all.add(Objects.requireNonNull(t));
        }
        return all;
    }
}
