package dev.csatkit.engine;

import dev.csatkit.internal.Checks;
import dev.csatkit.internal.Fields;
import dev.csatkit.internal.channel.Masking;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Who handled an interaction: the agent credited with its survey's rating.
 *
 * <p>Every text must be one line of well-formed Unicode, as for {@link Contact}: no control
 * character, line or paragraph separator, bidirectional embedding, override or isolate, or
 * unpaired surrogate. An error message never shows the name, and shows addresses masked.
 *
 * @param id the agent's id in the host's system; 1–256 characters
 * @param name the name the survey may show ({@code {agent.name}}); 1–256 characters
 * @param team the agent's team; 1–256 characters
 * @param kind a person or a bot
 * @param addresses the agent's own phone numbers, emails or chat ids, so that an agent calling
 *     in is never asked to rate themself; 1–320 characters each
 */
public record Agent(String id, Optional<String> name, Optional<String> team, AgentKind kind, Set<String> addresses) {

    /** The longest id, name or team, in characters. */
    public static final int MAX_LENGTH = 256;

    /**
     * Validates the agent.
     *
     * @throws dev.csatkit.InvalidDefinitionException naming every broken rule, with the name
     *     hidden and addresses masked
     */
    public Agent {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(team, "team");
        Objects.requireNonNull(kind, "kind");
        Checks checks = Checks.of("agent");
        checks.line("id", id, Agent.MAX_LENGTH);
        name.ifPresent(v -> checks.line("name", v, Agent.MAX_LENGTH, Masking::hidden));
        team.ifPresent(v -> checks.line("team", v, Agent.MAX_LENGTH));
        for (String address : addresses) {
            checks.line("addresses", address, Contact.MAX_ADDRESS_LENGTH, Masking::address);
        }
        checks.throwIfAny();
        addresses = Set.copyOf(addresses);
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
     * Describes the agent for a log line: the name hidden, addresses masked.
     *
     * @return {@code Agent[id=…, name=«masked», team=…, kind=…, addresses=[…]]}
     */
    @Override
    public String toString() {
        return Fields.of("Agent").add("id", id).add("name", name.map(Masking::hidden)).add("team", team)
                .add("kind", kind).add("addresses", addresses.stream().map(Masking::address).sorted().toList())
                .toString();
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
