/**
 * The survey engine: decides which finished interactions get a survey, sends it on time, reads
 * the replies and keeps every survey's outcome. {@link dev.csatkit.engine.SurveyEngine} is the
 * one object a host holds.
 */
@NullMarked
package dev.csatkit.engine;

import org.jspecify.annotations.NullMarked;
