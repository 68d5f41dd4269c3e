package io.slaflow.connect.ticketing;

/**
 * The ticketing system could not be reached or answered with a temporary failure (connection refused, timeout, 5xx,
 * 429): the same call may succeed later, so callers retry with backoff.
 */
public class TicketingException extends Exception {
    public TicketingException(String message) {
        super(message);
    }

    public TicketingException(String message, Throwable cause) {
        super(message, cause);
    }
}
