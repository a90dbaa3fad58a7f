/**
 * How the PostgreSQL store talks to the database: its statements, their parameters, the record
 * codec and the retrying executor. Not exported; subject to change with the schema.
 */
@NullMarked
package dev.csatkit.store.postgres.internal;

import org.jspecify.annotations.NullMarked;
