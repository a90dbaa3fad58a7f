package dev.csatkit.store;

import dev.csatkit.internal.Checks;
import dev.csatkit.internal.Fields;
import dev.csatkit.internal.channel.Masking;
import java.util.Objects;
import java.util.Optional;

/**
 * What a reviewer found and did about a low score: the root cause, the follow-up with the
 * customer and the remediation (coaching, a fix, a process change). Notes may quote the
 * customer, so {@code toString} hides them.
 *
 * @param rootCause why the customer was dissatisfied; required
 * @param followUp what was done with the customer, such as a call back
 * @param remediation what changes so that it does not happen again
 */
public record ReviewNotes(String rootCause, Optional<String> followUp, Optional<String> remediation) {

    /** The longest note, in characters. */
    public static final int MAX_LENGTH = 4_000;

    /**
     * Validates the notes: the root cause present and not blank, every note at most
     * {@value #MAX_LENGTH} characters of well-formed Unicode, with line breaks allowed.
     *
     * @throws dev.csatkit.InvalidDefinitionException naming every broken rule, with the note hidden
     */
    public ReviewNotes {
        Objects.requireNonNull(followUp, "followUp");
        Objects.requireNonNull(remediation, "remediation");
        followUp = followUp.filter(s -> !s.isBlank());
        remediation = remediation.filter(s -> !s.isBlank());
        Checks checks = Checks.of("review notes");
        check(checks, "rootCause", rootCause);
        followUp.ifPresent(f -> check(checks, "followUp", f));
        remediation.ifPresent(r -> check(checks, "remediation", r));
        checks.throwIfAny();
    }

    private static void check(Checks checks, String field, String note) {
        if (note == null || note.isBlank()) {
            checks.add(field, note == null ? null : Masking.hidden(note), "must not be blank");
        } else if (note.length() > MAX_LENGTH) {
            checks.add(field, Masking.hidden(note), "must be at most " + MAX_LENGTH + " characters");
        } else if (!Checks.wellFormed(note) || note.indexOf('\u0000') >= 0) {
            checks.add(field, Masking.hidden(note), "must be well-formed Unicode without NUL");
        }
    }

    /**
     * @param rootCause why the customer was dissatisfied
     * @param followUp what was done with the customer
     * @param remediation what changes
     * @return the notes
     */
    public static ReviewNotes of(String rootCause, String followUp, String remediation) {
        return new ReviewNotes(rootCause, Optional.of(followUp), Optional.of(remediation));
    }

    /**
     * Describes the notes with their text hidden.
     *
     * @return the notes in the form of a record, masked
     */
    @Override
    public String toString() {
        return Fields.of("ReviewNotes").add("rootCause", Masking.hidden(rootCause))
                .add("followUp", followUp.map(Masking::hidden)).add("remediation", remediation.map(Masking::hidden))
                .toString();
    }
}
