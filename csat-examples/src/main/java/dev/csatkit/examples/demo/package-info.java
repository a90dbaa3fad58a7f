/**
 * Building blocks of the helpdesk simulation demo: a text {@link dev.csatkit.examples.demo.ProgressBar}
 * for long runs and a PNG {@link dev.csatkit.examples.demo.TrendChart} of CSAT per period with its
 * confidence band.
 */
@NullMarked
package dev.csatkit.examples.demo;

import org.jspecify.annotations.NullMarked;
