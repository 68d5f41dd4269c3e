package io.slaflow.connect.apply;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * A record of {@code sla-escalations} ({@code schemas/sla-escalation.schema.json}) as the sink applies it: the fields
 * it needs, checked as it reads them so a malformed record becomes a dead letter with the field that is wrong.
 *
 * @param to       the roster's person for the role; null when the roster names nobody (then the command routes to
 *                 the role's queue)
 * @param target   the breached target as the policy writes it ({@code 15m}); null from producers before it existed
 * @param deadline the target's deadline; null when the producer did not say
 */
public record EscalationCommand(
        String id,
        String ticketId,
        String clientId,
        String tier,
        String metric,
        int level,
        String role,
        String from,
        String to,
        Instant breachedAt,
        Instant firedAt,
        String reason,
        String policyVersion,
        String target,
        Instant deadline,
        String breachId) {

    static EscalationCommand from(JsonNode n) throws MalformedCommandException {
        Fields f = new Fields(n, "escalation");
        String ticketId = f.text("ticketId");
        String metric = f.text("metric");
        String breachId = f.optionalText("breachId");
        return new EscalationCommand(
                f.text("id"),
                ticketId,
                f.text("clientId"),
                f.text("tier"),
                metric,
                f.positiveInt("level"),
                f.text("role"),
                f.optionalText("from"),
                f.optionalText("to"),
                f.instant("breachedAt"),
                f.instant("firedAt"),
                f.optionalText("reason"),
                f.optionalText("policyVersion"),
                f.optionalText("target"),
                f.optionalInstant("deadline"),
                // the breach record's id is deterministic (README, "Enforcement rules"), so older records still name it
                breachId != null ? breachId : ticketId + ":" + metric + ":BREACH");
    }

    /** The deadline, or the breach instant when the producer did not say (a breach fires at the deadline). */
    public Instant deadlineOrBreach() {
        return deadline != null ? deadline : breachedAt;
    }
}
