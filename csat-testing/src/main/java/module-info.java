/**
 * CSAT Kit for hosts' tests: a settable clock, a recording channel of each kind that can answer
 * as the customer, and (in {@code dev.csatkit.testing.arbitraries}) jqwik arbitraries.
 * jqwik is needed only by the arbitraries, so a host that uses the clock and channels alone needs
 * no jqwik on its module path.
 */
module dev.csatkit.testing {
    requires transitive dev.csatkit.core;
    requires static net.jqwik.api;
    requires static org.jspecify;

    exports dev.csatkit.testing;
    exports dev.csatkit.testing.arbitraries;
}
