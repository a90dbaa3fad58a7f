package dev.csatkit.channels.spi;

/**
 * Creates channels of one type, for discovery with {@link java.util.ServiceLoader}. Implement it
 * next to your adapter and register it:
 *
 * <ul>
 *   <li>on the module path, in your {@code module-info.java}:
 *       {@code provides dev.csatkit.channels.spi.ChannelProvider with com.example.MySmsProvider;}</li>
 *   <li>on the class path, in
 *       {@code META-INF/services/dev.csatkit.channels.spi.ChannelProvider}: one line with the
 *       class name.</li>
 * </ul>
 *
 * <p>The host then creates channels by type with {@link ChannelProviders#create(String,
 * ChannelContext)}. Implementations need a public no-argument constructor (class path) or a
 * public static {@code provider()} method or public no-argument constructor (module path).
 */
public interface ChannelProvider {

    /**
     * @return the type name hosts use in configuration, such as {@code twilio-sms}; unique among
     *     the providers on the path
     */
    String type();

    /** @return the kind of channel this provider creates */
    ChannelKind kind();

    /**
     * Creates a channel.
     *
     * @param context the channel's id, settings, clock, send timeout and inbound listener
     * @return the channel, ready to send
     * @throws IllegalArgumentException when a setting is missing or invalid, naming it
     */
    Channel create(ChannelContext context);
}
