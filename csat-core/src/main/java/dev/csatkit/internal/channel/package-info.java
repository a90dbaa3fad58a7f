/**
 * Channel internals: the GSM-7 alphabet, the link-token wire format, the in-memory used-token
 * store and the masking of personal data in log lines. Not exported.
 */
@NullMarked
package dev.csatkit.internal.channel;

import org.jspecify.annotations.NullMarked;
