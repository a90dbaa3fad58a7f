/**
 * Test doubles for hosts of CSAT Kit: {@link dev.csatkit.testing.SettableClock}, a clock a test
 * moves by hand, and {@link dev.csatkit.testing.RecordingChannel}, a channel of any kind that
 * keeps what it sends and writes the customer's answers as the real adapter would hand them in.
 */
@NullMarked
package dev.csatkit.testing;

import org.jspecify.annotations.NullMarked;
