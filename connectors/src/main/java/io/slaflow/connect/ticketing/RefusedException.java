package io.slaflow.connect.ticketing;

/**
 * The ticketing system refused a change for good (an unknown user, a user who may not own tickets in the queue, a
 * deleted or missing ticket): retrying cannot help, so the command goes to the dead-letter queue with this reason.
 */
public class RefusedException extends Exception {
    public RefusedException(String reason) {
        super(reason);
    }
}
