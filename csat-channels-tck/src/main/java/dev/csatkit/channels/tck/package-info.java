/**
 * The channel test kit: extend {@link dev.csatkit.channels.tck.ChannelContractTest} in your
 * adapter's tests to check that it honours the channel contract.
 */
@NullMarked
package dev.csatkit.channels.tck;

import org.jspecify.annotations.NullMarked;
