package dev.csatkit.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.csatkit.InvalidConfigurationException;
import dev.csatkit.Violation;
import java.time.Instant;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

class DemoSettingsTest {

    @Test
    void everyFieldOutOfRangeIsNamedWithItsRule() {
        assertThatThrownBy(() -> new DemoSettings(0, 2_000_000, 1, DemoSettings.DEFAULT_START))
                .isInstanceOfSatisfying(InvalidConfigurationException.class, e -> assertThat(e.violations())
                        .extracting(Violation::field, Violation::value, Violation::rule)
                        .containsExactly(
                                Tuple.tuple("days", "0", "must be between 1 and 90"),
                                Tuple.tuple("interactions", "2000000",
                                        "must be between 1 and 1,000,000")));
    }

    @Test
    void theDefaultIsAWeekFromAMonday() {
        assertThat(DemoSettings.DEFAULT.end()).isEqualTo(Instant.parse("2025-03-10T00:00:00Z"));
        assertThat(new DemoSettings(90, 1_000_000, -5, DemoSettings.DEFAULT_START).days()).isEqualTo(90);
    }
}
