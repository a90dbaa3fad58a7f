/**
 * jqwik arbitraries for property-based tests of CSAT Kit and of hosts built on it: rating scales,
 * survey definitions, ratings typed in every way the reply parser reads them in each supported
 * language, survey responses and tallies. Start from {@link dev.csatkit.testing.arbitraries.CsatArbitraries}.
 */
@NullMarked
package dev.csatkit.testing.arbitraries;

import org.jspecify.annotations.NullMarked;
