/**
 * Implementation details shared across capabilities. Not exported: nothing here is API.
 */
@NullMarked
package dev.csatkit.internal;

import org.jspecify.annotations.NullMarked;
