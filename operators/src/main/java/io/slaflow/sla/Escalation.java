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
 * @param target   the breached target as the policy writes it for the ticket's tier and client ({@code 15m},
 *                 {@code 3 business days}): what the ticketing system's comment quotes
 * @param deadline the target's deadline (epoch ms); before {@code breachedAt} only when a priority change found the
 *                 target already exceeded (the breach is then announced at the change, never in the past)
 * @param breachId the id of the breach record on {@code sla-breaches} this escalation follows (evidence)
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
        String policyVersion,
        String target,
        long deadline,
        String breachId) {}
