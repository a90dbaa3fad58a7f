/**
 * The documentation's code samples, compiled and run by tests so that they cannot rot.
 */
@NullMarked
package dev.csatkit.examples.guide;

import org.jspecify.annotations.NullMarked;
