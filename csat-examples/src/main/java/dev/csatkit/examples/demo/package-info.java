/**
 * The helpdesk simulation behind {@code csat demo}: a week (or up to 90 days) of calls, tickets
 * and chats run through the real {@link dev.csatkit.engine.SurveyEngine} with its in-memory
 * stores and the reference channel adapters, on a simulated clock, with seeded customers who
 * answer in every way the reply parser knows and some it must refuse.
 * {@link dev.csatkit.examples.demo.HelpdeskSimulation} builds the world and runs it;
 * {@link dev.csatkit.examples.demo.DemoReport} prints and exports what came out. A text
 * {@link dev.csatkit.examples.demo.ProgressBar} shows the run's progress and a PNG
 * {@link dev.csatkit.examples.demo.TrendChart} draws CSAT per day with its confidence band.
 */
@NullMarked
package dev.csatkit.examples.demo;

import org.jspecify.annotations.NullMarked;
