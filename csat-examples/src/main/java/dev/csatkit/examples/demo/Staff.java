package dev.csatkit.examples.demo;

import dev.csatkit.engine.Agent;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The helpdesk's people and bots: twelve agents in a Billing and a Technical team, a voice
 * assistant on the support line and a chat bot. The same in every run, so that each seed tells
 * a story about the same people: most agents are close to each other, Elin is clearly better
 * liked and Karl clearly less.
 */
final class Staff {

    /** The team that takes billing and account matters. */
    static final String BILLING = "Billing";
    /** The team that takes technical matters. */
    static final String TECHNICAL = "Technical";

    /**
     * One agent and how the customers they serve tend to feel.
     *
     * @param agent the agent as the engine sees it
     * @param skill added to a customer's satisfaction: 0 for a typical agent, +1 strong, -1 weak
     */
    record Member(Agent agent, double skill) {
        /** @return the agent's id */
        String id() {
            return agent.id();
        }
    }

    private final List<Member> billing = List.of(
            human("aisha", "Aisha Khan", BILLING, 0.15),
            human("bruno", "Bruno Costa", BILLING, -0.10),
            human("chloe", "Chloé Martin", BILLING, 0.05),
            human("dmytro", "Dmytro Koval", BILLING, -0.05),
            human("elin", "Elin Berg", BILLING, 1.10));
    private final List<Member> technical = List.of(
            human("farah", "Farah Haddad", TECHNICAL, 0.10),
            human("gustav", "Gustav Nilsson", TECHNICAL, -0.15),
            human("hana", "Hana Novak", TECHNICAL, 0.20),
            human("ivan", "Ivan Petrov", TECHNICAL, 0.00),
            human("julia", "Julia Nowak", TECHNICAL, 0.05),
            human("karl", "Karl Weber", TECHNICAL, -1.20),
            human("lucia", "Lucía García", TECHNICAL, -0.05));
    private final Member voiceBot = new Member(Agent.virtual("nova", "Nova, voice assistant"), -0.3);
    private final Member chatBot = new Member(Agent.virtual("sam", "Sam, chat assistant"), -0.4);

    private static Member human(String id, String name, String team, double skill) {
        return new Member(Agent.human(id, name, team), skill);
    }

    /**
     * @param team {@link #BILLING} or {@link #TECHNICAL}
     * @param rnd picks the agent
     * @return one of the team's agents, each as likely
     */
    Member pick(String team, SplittableRandom rnd) {
        List<Member> members = team.equals(BILLING) ? billing : technical;
        return members.get(rnd.nextInt(members.size()));
    }

    /** @return the voice assistant that answers some calls on its own */
    Member voiceBot() {
        return voiceBot;
    }

    /** @return the chat bot */
    Member chatBot() {
        return chatBot;
    }

    /** @return how many people are in each team, Billing first */
    List<Integer> teamSizes() {
        return List.of(billing.size(), technical.size());
    }

    /** @return every human agent, Billing first */
    List<Member> humans() {
        List<Member> all = new ArrayList<>(billing);
        all.addAll(technical);
        return all;
    }
}
