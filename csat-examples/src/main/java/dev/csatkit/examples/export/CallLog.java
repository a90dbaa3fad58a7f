package dev.csatkit.examples.export;

import dev.csatkit.channels.support.Masking;
import dev.csatkit.engine.Agent;
import dev.csatkit.engine.Decision;
import dev.csatkit.engine.Interaction;
import dev.csatkit.export.Cell;
import dev.csatkit.export.Table;
import dev.csatkit.survey.SurveyDefinition;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A row for every call or other interaction the engine decided on, whether a survey was launched
 * or not: what a contact centre's call report shows beside its other columns ("survey launched:
 * yes/no" and the survey's name). The host records each {@link Decision} as
 * {@link dev.csatkit.engine.SurveyEngine#decide} returns it, and exports {@link #table()} with
 * {@link dev.csatkit.export.CsvExport#writeTable}, {@link XlsxExport} or {@link XlsExport}.
 *
 * <p>A skipped call names the reason code and its detail, with phone numbers and emails masked.
 * Rows are kept in memory in the order recorded; safe for several threads.
 */
public final class CallLog {

    /** The columns of {@link #table()}. */
    public static final List<String> COLUMNS = List.of("interaction_id", "ended_at", "medium", "agent", "team",
            "entry_point", "survey_launched", "survey_id", "survey_name", "skip_reason", "detail");

    private final Map<String, String> names = new HashMap<>();
    private final List<List<Cell>> rows = new ArrayList<>();

    private CallLog(Collection<SurveyDefinition> surveys) {
        for (SurveyDefinition s : surveys) {
            names.put(s.id(), s.name());
        }
    }

    /**
     * @param surveys the survey definitions the engine runs, for their names
     * @return an empty log
     */
    public static CallLog of(Collection<SurveyDefinition> surveys) {
        return new CallLog(List.copyOf(surveys));
    }

    /**
     * Records one decision.
     *
     * @param interaction the interaction decided on
     * @param decision what the engine decided
     */
    public synchronized void record(Interaction interaction, Decision decision) {
        Objects.requireNonNull(interaction, "interaction");
        Objects.requireNonNull(decision, "decision");
        List<Cell> row = new ArrayList<>();
        row.add(new Cell.Text(interaction.id()));
        row.add(new Cell.Text(interaction.endedAt().toString()));
        row.add(new Cell.Text(interaction.medium().name().toLowerCase(Locale.ROOT)));
        row.add(text(interaction.agent().map(Agent::id).orElse("")));
        row.add(text(interaction.agent().flatMap(Agent::team).orElse("")));
        row.add(text(interaction.entryPoint().orElse("")));
        boolean launched = decision instanceof Decision.Scheduled;
        row.add(new Cell.Text(launched ? "yes" : "no"));
        String survey = decision.surveyId().orElse("");
        row.add(text(survey));
        row.add(text(survey.isEmpty() ? "" : names.getOrDefault(survey, "")));
        if (decision instanceof Decision.Skipped skipped) {
            row.add(new Cell.Text(skipped.reason().name().toLowerCase(Locale.ROOT)));
            row.add(text(Masking.text(skipped.detail())));
        } else {
            row.add(Cell.EMPTY);
            row.add(Cell.EMPTY);
        }
        rows.add(List.copyOf(row));
    }

    /** @return how many decisions were recorded */
    public synchronized int size() {
        return rows.size();
    }

    /** @return the rows so far as a table named "Calls", one row per decision */
    public synchronized Table table() {
        return new Table("Calls", COLUMNS, List.copyOf(rows));
    }

    private static Cell text(String value) {
        return value.isEmpty() ? Cell.EMPTY : new Cell.Text(value);
    }
}
