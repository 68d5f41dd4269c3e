package io.slaflow.policy;

import java.util.Set;

/**
 * One level of a tier's escalation ladder: when {@code trigger} fires after a breach of one of {@code metrics},
 * the ticket is reassigned to whoever holds {@code role} in the client's roster.
 */
public record EscalationStep(int level, EscalationTrigger trigger, String role, Set<Metric> metrics) {}
