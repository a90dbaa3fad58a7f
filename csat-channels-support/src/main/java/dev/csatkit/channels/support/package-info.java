/**
 * Support for channel adapters: {@link dev.csatkit.channels.support.Masking},
 * {@link dev.csatkit.channels.support.BaseChannel} and
 * {@link dev.csatkit.channels.support.HttpEndpoint}.
 */
@NullMarked
package dev.csatkit.channels.support;

import org.jspecify.annotations.NullMarked;
