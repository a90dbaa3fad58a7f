package dev.csatkit.score;

import dev.csatkit.internal.Checks;
import dev.csatkit.survey.Question;
import java.time.Instant;
import java.util.Objects;

/**
 * The rating a customer gave one of a survey's further questions (not its primary question,
 * whose rating is the response's {@link SurveyResponse#score()}).
 *
 * @param question the question's id
 * @param score the rating, a value of the question's scale
 * @param respondedAt when it came
 */
public record Answer(String question, int score, Instant respondedAt) {

    /**
     * Validates the answer.
     *
     * @throws dev.csatkit.InvalidDefinitionException naming every broken rule
     */
    public Answer {
        Objects.requireNonNull(question, "question");
        Objects.requireNonNull(respondedAt, "respondedAt");
        Checks checks = Checks.of("answer");
        if (checks.check(Question.isId(question), "question", question,
                "must be 1-32 lower-case letters, digits, '_' or '-', starting with a letter")) {
            checks.check(!Question.PRIMARY_ID.equals(question), "question", question,
                    "is the primary question, whose rating is the response's score");
        }
        checks.throwIfAny();
    }
}
