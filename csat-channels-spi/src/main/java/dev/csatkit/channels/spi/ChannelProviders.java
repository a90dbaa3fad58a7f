package dev.csatkit.channels.spi;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * Finds {@link ChannelProvider}s with {@link ServiceLoader}, on the module path or the class
 * path.
 */
public final class ChannelProviders {

    private ChannelProviders() {
    }

    /**
     * @return every provider visible to this module's class loader, sorted by type
     */
    public static List<ChannelProvider> available() {
        return available(ServiceLoader.load(ChannelProvider.class));
    }

    /**
     * @param loader the class loader to search, for hosts with plug-in class loaders
     * @return every provider the loader sees, sorted by type
     */
    public static List<ChannelProvider> available(ClassLoader loader) {
        return available(ServiceLoader.load(ChannelProvider.class, loader));
    }

    private static List<ChannelProvider> available(ServiceLoader<ChannelProvider> loader) {
        List<ChannelProvider> found = new ArrayList<>();
        loader.forEach(found::add);
        found.sort(Comparator.comparing(ChannelProvider::type));
        return List.copyOf(found);
    }

    /**
     * @param type a provider type, such as {@code console-sms}
     * @return the provider of that type, if one is on the path
     */
    public static Optional<ChannelProvider> find(String type) {
        return available().stream().filter(p -> p.type().equals(type)).findFirst();
    }

    /**
     * Creates a channel with the provider of a type.
     *
     * @param type the provider type
     * @param context the channel's context
     * @return the channel
     * @throws IllegalArgumentException when no provider has that type (the message lists the
     *     types found) or the provider refuses the settings
     */
    public static Channel create(String type, ChannelContext context) {
        List<ChannelProvider> all = available();
        return all.stream().filter(p -> p.type().equals(type)).findFirst()
                .orElseThrow(() -> Require.invalid("type", type, "must name an installed channel provider; found "
                        + all.stream().map(ChannelProvider::type).toList()))
                .create(context);
    }
}
