package dev.csatkit.survey;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * The placeholder names every survey may use. A definition may declare more with
 * {@link SurveyDefinition.Builder#customPlaceholders(java.util.Collection)}; any other name is
 * rejected when the definition is built.
 *
 * <table>
 *   <caption>Standard placeholders</caption>
 *   <tr><th>name</th><th>filled with</th></tr>
 *   <tr><td>{@code company}</td><td>the host's company or brand name</td></tr>
 *   <tr><td>{@code survey.name}</td><td>the survey's display name</td></tr>
 *   <tr><td>{@code agent.name}, {@code agent.id}</td><td>the agent credited with the interaction</td></tr>
 *   <tr><td>{@code team.name}</td><td>the agent's team</td></tr>
 *   <tr><td>{@code contact.name}</td><td>the customer's name</td></tr>
 *   <tr><td>{@code ticket.id}, {@code interaction.id}</td><td>the host's ticket and interaction ids</td></tr>
 *   <tr><td>{@code scale.min}, {@code scale.max}</td><td>the lowest and highest scale values</td></tr>
 *   <tr><td>{@code scale.min.label}, {@code scale.max.label}</td><td>their labels in the message's language</td></tr>
 *   <tr><td>{@code link}</td><td>a link to the survey (email and chat)</td></tr>
 * </table>
 */
public final class Placeholders {

    /** Every standard placeholder name. */
    public static final Set<String> STANDARD = Set.of(
            "company", "survey.name", "agent.name", "agent.id", "team.name", "contact.name",
            "ticket.id", "interaction.id", "scale.min", "scale.max", "scale.min.label",
            "scale.max.label", "link");

    /** The longest placeholder name, in characters. */
    public static final int MAX_NAME_LENGTH = 64;

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*(?:\\.[a-z][a-z0-9_]*)*");

    private Placeholders() {
    }

    /**
     * @param name a candidate placeholder name, without braces
     * @return whether it is syntactically a placeholder name ({@code agent.name}, {@code order_no})
     */
    public static boolean isWellFormed(String name) {
        return name.length() <= MAX_NAME_LENGTH && NAME.matcher(name).matches();
    }
}
