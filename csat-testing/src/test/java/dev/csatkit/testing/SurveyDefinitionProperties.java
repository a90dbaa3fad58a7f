package dev.csatkit.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.csatkit.survey.SurveyDefinition;
import dev.csatkit.survey.SurveyJson;
import dev.csatkit.testing.arbitraries.CsatArbitraries;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Arbitrary;

/** The definitions the arbitraries make are valid: they survive the strict JSON codec unchanged. */
class SurveyDefinitionProperties {

    @Provide
    Arbitrary<SurveyDefinition> definitions() {
        return CsatArbitraries.surveyDefinitions();
    }

    @Property(tries = 300)
    void everyDefinitionRoundTripsThroughJson(@ForAll("definitions") SurveyDefinition survey) {
        assertThat(SurveyJson.fromJson(SurveyJson.toJson(survey))).isEqualTo(survey);
        assertThat(survey.channels()).isNotEmpty();
    }
}
