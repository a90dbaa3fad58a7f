package dev.csatkit.store.tck;

import dev.csatkit.store.InMemorySurveyStore;
import dev.csatkit.store.SurveyStore;

/** The store contract, run against the in-memory store. */
class InMemorySurveyStoreContractTest extends SurveyStoreContractTest {

    @Override
    protected SurveyStore newStore() {
        return new InMemorySurveyStore();
    }
}
