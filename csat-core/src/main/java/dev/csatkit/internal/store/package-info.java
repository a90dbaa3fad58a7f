/**
 * Implementation details of the in-memory stores: key fingerprints and the lock-striped table
 * that keeps them. Not exported.
 */
@NullMarked
package dev.csatkit.internal.store;

import org.jspecify.annotations.NullMarked;
