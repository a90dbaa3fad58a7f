/**
 * The survey store on PostgreSQL: {@link dev.csatkit.store.postgres.PostgresSurveyStore}, its
 * configuration and its schema migrations. Several engine instances on one database act as one,
 * and a restart loses nothing.
 */
@NullMarked
package dev.csatkit.store.postgres;

import org.jspecify.annotations.NullMarked;
