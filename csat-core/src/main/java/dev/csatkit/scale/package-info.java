/**
 * Rating scales: ordered points with labels per locale, emoji and polarity, and the rule that
 * says which points count as satisfied and which as dissatisfied.
 *
 * <p>Start from a preset in {@link dev.csatkit.scale.RatingScales} or build your own with
 * {@link dev.csatkit.scale.RatingScale#builder(String)}.
 */
@NullMarked
package dev.csatkit.scale;

import org.jspecify.annotations.NullMarked;
