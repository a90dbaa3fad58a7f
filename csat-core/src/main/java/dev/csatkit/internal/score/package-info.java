/**
 * Implementation details of scoring: statistics and grouping keys. Not exported.
 */
@NullMarked
package dev.csatkit.internal.score;

import org.jspecify.annotations.NullMarked;
