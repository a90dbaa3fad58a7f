/**
 * Channel kinds and the contract adapters implement.
 */
@NullMarked
package dev.csatkit.channels.spi;

import org.jspecify.annotations.NullMarked;
