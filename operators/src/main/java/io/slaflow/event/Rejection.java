package io.slaflow.event;

import java.util.Arrays;
import java.util.Objects;

/**
 * A refused input record: the reason code, a message for humans (names the field and what was found),
 * the offending field ({@code null} when the problem is not about one field) and the original bytes.
 *
 * <p>{@code original} is the very array handed to the deserializer, not a copy and never a
 * re-serialization: the dead-letter topic must carry exactly what arrived. Do not mutate it.
 */
public record Rejection(RejectReason reason, String message, String field, byte[] original) {

    public Rejection {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(original, "original");
    }

    // A record compares arrays by identity; two rejections of equal bytes are equal.
    @Override
    public boolean equals(Object o) {
        return o instanceof Rejection r
                && reason == r.reason
                && message.equals(r.message)
                && Objects.equals(field, r.field)
                && Arrays.equals(original, r.original);
    }

    @Override
    public int hashCode() {
        return Objects.hash(reason, message, field, Arrays.hashCode(original));
    }

    @Override
    public String toString() {
        return "Rejection{" + reason + ": " + message + " (" + original.length + " bytes)}";
    }
}
