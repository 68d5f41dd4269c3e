package io.slaflow.policy;

/** The two SLA clocks every ticket runs. */
public enum Metric {
    /** Until the first public reply or acknowledgement by an agent ({@code RESPONDED}). */
    RESPONSE,
    /** Until the ticket is resolved ({@code RESOLVED}); a reopen resumes it. */
    RESOLUTION
}
