package io.slaflow.connect.ticketing;

/**
 * The ticketing system rejected our credentials (HTTP 401/403 on every call). Not one record's problem: the task
 * stops with this message instead of sending every command to the dead-letter queue.
 */
public class CredentialsRejectedException extends RuntimeException {
    public CredentialsRejectedException(String message) {
        super(message);
    }
}
