package dev.csatkit.engine;

import dev.csatkit.internal.Checks;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Who handled an interaction: the agent credited with its survey's rating.
 *
 * @param id the agent's id in the host's system
 * @param name the name the survey may show ({@code {agent.name}})
 * @param team the agent's team
 * @param kind a person or a bot
 * @param addresses the agent's own phone numbers, emails or chat ids, so that an agent calling
 *     in is never asked to rate themself
 */
public record Agent(String id, Optional<String> name, Optional<String> team, AgentKind kind, Set<String> addresses) {

    /** The longest id, name or team, in characters. */
    public static final int MAX_LENGTH = 256;

    /**
     * Validates the agent.
     *
     * @throws dev.csatkit.InvalidDefinitionException naming every broken rule
     */
    public Agent {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(team, "team");
        Objects.requireNonNull(kind, "kind");
        addresses = Set.copyOf(addresses);
        Checks checks = Checks.of("agent");
        checks.text("id", id, Agent.MAX_LENGTH);
        name.ifPresent(v -> checks.text("name", v, Agent.MAX_LENGTH));
        team.ifPresent(v -> checks.text("team", v, Agent.MAX_LENGTH));
        checks.throwIfAny();
    }

    /**
     * @param id the agent's id
     * @param name the agent's name
     * @param team the agent's team
     * @return a human agent with no known addresses of their own
     */
    public static Agent human(String id, String name, String team) {
        return new Agent(id, Optional.of(name), Optional.of(team), AgentKind.HUMAN, Set.of());
    }

    /**
     * @param id the bot's id
     * @param name the bot's name
     * @return a virtual agent with no team
     */
    public static Agent virtual(String id, String name) {
        return new Agent(id, Optional.of(name), Optional.empty(), AgentKind.VIRTUAL, Set.of());
    }

    /**
     * @param address one of the agent's own addresses
     * @return a copy that also knows this address
     */
    public Agent withAddress(String address) {
        Set<String> more = new java.util.HashSet<>(addresses);
        more.add(address);
        return new Agent(id, name, team, kind, more);
    }
}
