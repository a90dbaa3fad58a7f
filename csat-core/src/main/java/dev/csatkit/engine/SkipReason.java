package dev.csatkit.engine;

/**
 * Why an interaction got no survey. {@link Decision.Skipped} carries one, with a detail in words.
 * The reasons are listed in the order the rules run.
 */
public enum SkipReason {
    /** No survey profile's route matches the interaction's channel, entry point and brand. */
    NO_SURVEY,
    /** The host marked the interaction as not to be surveyed (spam, a supplier, "ok thanks"). */
    SUPPRESSED,
    /** The interaction was abandoned or transferred, not resolved. */
    NOT_RESOLVED,
    /** The helpdesk closed the interaction by itself, and the profile does not survey such ones. */
    AUTO_RESOLVED,
    /** The profile is switched off for the interaction's channel. */
    CHANNEL_DISABLED,
    /** The profile is switched off for the interaction's entry point. */
    ENTRY_POINT_DISABLED,
    /** The profile surveys only inbound interactions (keypad surveys: only inbound calls). */
    NOT_INBOUND,
    /** A keypad survey needs the agent to hang up first, handing the caller over; the caller did. */
    CONTACT_HUNG_UP,
    /**
     * No agent worked the interaction and the profile surveys only what an agent worked, or a
     * virtual one did and the profile surveys humans only.
     */
    AGENT_TYPE,
    /** The agent's handle time was below the profile's minimum. */
    TOO_SHORT,
    /** The host's contact rule said no. */
    INELIGIBLE_CONTACT,
    /** The contact is the agent who handled the interaction. */
    SELF_RATING,
    /** The contact has no address on the survey's channel. */
    NO_ADDRESS,
    /** The contact's address cannot be used (a phone number that is not E.164). */
    INVALID_ADDRESS,
    /** The contact opted out on that address. */
    OPTED_OUT,
    /** The survey has no messages in the contact's language and skips such contacts. */
    NO_LANGUAGE,
    /** The interaction, or its contact when the profile samples contacts, fell outside the sampled share. */
    NOT_SAMPLED,
    /** The contact was surveyed within the frequency-cap window. */
    FREQUENCY_CAPPED,
    /** The interaction already has a survey (a replayed or repeated event). */
    DUPLICATE
}
