package io.slaflow.policy;

import io.slaflow.calendar.BusinessCalendar;
import java.time.Duration;
import java.time.Instant;

/** When an escalation level fires, relative to the breach it escalates. */
public sealed interface EscalationTrigger {

    Instant fireAt(Instant breachedAt, BusinessCalendar calendar);

    String text();

    /** A fixed wall-clock delay after the breach ({@code 30m after breach}). */
    record AfterBreach(Duration delay, String text) implements EscalationTrigger {
        @Override
        public Instant fireAt(Instant breachedAt, BusinessCalendar calendar) {
            return breachedAt.plus(delay);
        }
    }

    /** Calendar-anchored: the start of the next business day after the breach, on the tier's calendar. */
    record NextBusinessDayAfterBreach(String text) implements EscalationTrigger {
        @Override
        public Instant fireAt(Instant breachedAt, BusinessCalendar calendar) {
            return calendar.startOfNextBusinessDay(breachedAt);
        }
    }
}
