package io.slaflow.calendar;

import java.time.Duration;
import java.util.Objects;

/** Argument checks shared by the calendars: SLA arithmetic only ever moves forward. */
final class Arguments {

    private Arguments() {}

    static void requireNonNegative(Duration amount) {
        Objects.requireNonNull(amount, "amount");
        if (amount.isNegative()) {
            throw new IllegalArgumentException("business time to add must not be negative: " + amount);
        }
    }

    static void requireNonNegative(int days) {
        if (days < 0) {
            throw new IllegalArgumentException("business days to add must not be negative: " + days);
        }
    }
}
