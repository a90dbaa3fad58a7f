/**
 * CSAT Kit's error types, shared by every capability package.
 *
 * <p>The capabilities live in their own packages: {@code dev.csatkit.scale} (rating scales),
 * {@code dev.csatkit.survey} (survey definitions and message templates), and more as the
 * library grows.
 */
@NullMarked
package dev.csatkit;

import org.jspecify.annotations.NullMarked;
