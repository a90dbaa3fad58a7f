/**
 * Building blocks of the helpdesk simulation demo: a text {@link dev.csatkit.examples.demo.ProgressBar}
 * for long runs.
 */
@NullMarked
package dev.csatkit.examples.demo;

import org.jspecify.annotations.NullMarked;
