/**
 * The {@code csat} command line: {@code java -jar csat.jar <command>}.
 */
@NullMarked
package dev.csatkit.examples.cli;

import org.jspecify.annotations.NullMarked;
