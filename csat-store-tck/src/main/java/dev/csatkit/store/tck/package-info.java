/**
 * The store test kit: extend {@link dev.csatkit.store.tck.SurveyStoreContractTest} in your
 * store's tests to check that it honours the {@link dev.csatkit.store.SurveyStore} contract;
 * {@link dev.csatkit.store.tck.StoreFixtures} builds the surveys, requests and transitions it
 * uses, for your own tests too.
 */
@NullMarked
package dev.csatkit.store.tck;

import org.jspecify.annotations.NullMarked;
