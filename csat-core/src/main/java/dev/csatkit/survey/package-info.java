/**
 * Survey definitions: a scale, the channels a survey may use, and its messages per locale as
 * templates with named placeholders, plus the audio stages of keypad surveys. Definitions are
 * validated when built and round-trip through JSON with {@link dev.csatkit.survey.SurveyJson}.
 */
@NullMarked
package dev.csatkit.survey;

import org.jspecify.annotations.NullMarked;
