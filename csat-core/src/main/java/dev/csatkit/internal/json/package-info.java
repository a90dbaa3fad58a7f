/**
 * JSON reading and writing of definitions. Not exported.
 */
@NullMarked
package dev.csatkit.internal.json;

import org.jspecify.annotations.NullMarked;
