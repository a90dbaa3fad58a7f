/**
 * What CSAT Kit does for channels beyond the SPI: exact SMS segment counting
 * ({@link dev.csatkit.channel.SmsSegments}), E.164 phone numbers and the sender pool that picks a
 * sending number by the recipient's country calling code ({@link dev.csatkit.channel.SenderPool}),
 * and signed email-link tokens with key rotation, single use and the two-step open/submit flow
 * ({@link dev.csatkit.channel.LinkTokens}).
 */
@NullMarked
package dev.csatkit.channel;

import org.jspecify.annotations.NullMarked;
