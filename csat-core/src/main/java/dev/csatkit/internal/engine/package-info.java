/** Internals of the survey engine. Not exported. */
@NullMarked
package dev.csatkit.internal.engine;

import org.jspecify.annotations.NullMarked;
