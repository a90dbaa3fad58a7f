/**
 * The channel SPI: what a channel adapter implements ({@link dev.csatkit.channels.spi.Channel},
 * optionally {@link dev.csatkit.channels.spi.ChannelProvider} for discovery) and the values it
 * exchanges with CSAT Kit: the rendered {@link dev.csatkit.channels.spi.OutboundMessage}, the
 * {@link dev.csatkit.channels.spi.DeliveryResult} and the normalised
 * {@link dev.csatkit.channels.spi.InboundReply}.
 *
 * <p>The package depends on the JDK alone. Values validate themselves on construction and
 * report a broken rule as an {@link java.lang.IllegalArgumentException} whose message reads
 * {@code field = value: rule}. Run the channel test kit ({@code csat-channels-tck}) against
 * your adapter to check that it honours the contract described on
 * {@link dev.csatkit.channels.spi.Channel}.
 */
@NullMarked
package dev.csatkit.channels.spi;

import org.jspecify.annotations.NullMarked;
