/**
 * JMH benchmarks; each benchmark class measures its subject beside a baseline in the same run.
 */
@NullMarked
package dev.csatkit.benchmarks;

import org.jspecify.annotations.NullMarked;
