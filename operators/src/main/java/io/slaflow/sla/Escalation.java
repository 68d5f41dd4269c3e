package io.slaflow.sla;

import io.slaflow.policy.Metric;

/**
 * A record on {@code sla-escalations}: one level of the ladder fired, with the reassignment command the ticketing
 * system executes. Schema: {@code schemas/sla-escalation.schema.json}.
 *
 * @param id       deterministic ({@code ticketId:metric:ESCALATION:level})
 * @param from     the assignee before the escalation (null when unassigned)
 * @param to       the person holding {@code role} in the client's roster; null when the roster names nobody, in
 *                 which case {@code reason} says so and the command targets the role's queue
 * @param reason   plain-language reason, e.g. "P1 response breached at 2026-11-20T10:15:00Z; 30m after breach → account-director"
 */
public record Escalation(
        String id,
        String ticketId,
        String clientId,
        String tier,
        Metric metric,
        int level,
        String role,
        String from,
        String to,
        long breachedAt,
        long firedAt,
        String reason,
        String policyVersion) {}
