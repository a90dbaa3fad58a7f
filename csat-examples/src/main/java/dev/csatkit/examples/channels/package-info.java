/**
 * The demo's own channel adapters, each passing the channel test kit: SMS to a console and
 * keypad surveys on a scripted IVR, both on {@link dev.csatkit.channels.support.BaseChannel}. The
 * email and chat adapters a host runs live in their own modules, {@code csat-channels-email} and
 * {@code csat-channels-webhook}.
 */
@NullMarked
package dev.csatkit.examples.channels;

import org.jspecify.annotations.NullMarked;
