/**
 * Storage SPIs for the state surveys share across threads and application instances, with
 * in-memory implementations that need no server. Each SPI documents how it maps to a single
 * atomic statement on PostgreSQL and on Redis, so that a shared store keeps the same guarantees.
 */
@NullMarked
package dev.csatkit.store;

import org.jspecify.annotations.NullMarked;
