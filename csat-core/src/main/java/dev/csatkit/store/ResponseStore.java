package dev.csatkit.store;

import dev.csatkit.score.SurveyResponse;
import java.util.List;
import java.util.Optional;

/**
 * Where survey outcomes are kept for reports: one {@link SurveyResponse} per survey sent,
 * updated as replies come, plus every reply as it came and the agents' mood assessments.
 *
 * <p>{@link #save} is an upsert keyed by the survey's id that keeps the outcome of the latest
 * survey version, so two writes that arrive out of order (a dispatch recording the send while a
 * reply records the rating) cannot put an older outcome back. On PostgreSQL
 * {@code INSERT … ON CONFLICT (survey_key) DO UPDATE SET … WHERE response.version <=
 * EXCLUDED.version}; on Redis a script that compares the stored version before {@code HSET}.
 * History and moods are appends ({@code INSERT}; {@code RPUSH}).
 */
public interface ResponseStore {

    /**
     * Stores the outcome of one survey as of one of its versions, replacing the one stored before
     * unless that came from a later version.
     *
     * @param surveyKey the survey's id ({@link OpenSurvey#id()})
     * @param version the survey's version the outcome reflects ({@link OpenSurvey#version()})
     * @param response its outcome
     */
    void save(String surveyKey, long version, SurveyResponse response);

    /**
     * @param surveyKey the survey's id
     * @return its current outcome
     */
    Optional<SurveyResponse> find(String surveyKey);

    /**
     * Appends a reply to its survey's history.
     *
     * @param reply the reply
     */
    void append(ReplyRecord reply);

    /**
     * @param surveyKey the survey's id
     * @return its replies in the order they came
     */
    List<ReplyRecord> history(String surveyKey);

    /**
     * Stores an agent's mood assessment.
     *
     * @param mood the assessment
     */
    void saveMood(MoodAssessment mood);

    /** @return every stored outcome, for a report */
    List<SurveyResponse> responses();

    /** @return every mood assessment */
    List<MoodAssessment> moods();
}
