/**
 * Reference channel adapters, each passing the channel test kit: SMS to a console, email over
 * SMTP with signed links and their two-step landing page, chat over webhooks, and keypad
 * surveys on a scripted IVR. {@link dev.csatkit.examples.channels.ReferenceChannel} holds what
 * every adapter needs (idempotency, timeout, classification, masked logs).
 */
@NullMarked
package dev.csatkit.examples.channels;

import org.jspecify.annotations.NullMarked;
