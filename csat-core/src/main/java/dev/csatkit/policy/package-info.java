/**
 * The rules that decide whether and when an interaction is surveyed: deterministic sampling,
 * quiet hours in the contact's time zone, and frequency caps per contact.
 */
@NullMarked
package dev.csatkit.policy;

import org.jspecify.annotations.NullMarked;
