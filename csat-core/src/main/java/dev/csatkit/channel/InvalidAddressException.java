package dev.csatkit.channel;

import dev.csatkit.CsatException;
import dev.csatkit.Violation;

/**
 * A phone number or another address is malformed. Catch it apart when a contact's stored
 * address may be wrong, to mark the contact rather than fail a batch.
 */
public class InvalidAddressException extends CsatException {
    private static final long serialVersionUID = 1L;

    private final transient Violation violation;

    /**
     * @param what the kind of address ("phone number")
     * @param violation the broken rule, naming the field and the value
     */
    public InvalidAddressException(String what, Violation violation) {
        super("Invalid " + what + ": " + violation);
        this.violation = violation;
    }

    /** @return the broken rule */
    public Violation violation() {
        return violation;
    }
}
