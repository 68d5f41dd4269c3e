package io.slaflow.connect.apply;

/** A record that is not a command this sink understands; its message names the field. Dead-lettered, never retried. */
public class MalformedCommandException extends Exception {
    public MalformedCommandException(String message) {
        super(message);
    }
}
