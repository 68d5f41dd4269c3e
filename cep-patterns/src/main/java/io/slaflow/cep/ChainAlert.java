package io.slaflow.cep;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

/**
 * A record on {@code sla-chains}: a CEP pattern matched. Schema: {@code schemas/sla-chain.schema.json}.
 *
 * @param id          deterministic from the pattern and the evidence ids: a replay or retry yields the same id
 * @param pattern     the pattern's name (double-breach, escalation-ignored, breach-storm, reopen-loop, at-risk-surge)
 * @param tickets     the tickets involved, in order of first appearance
 * @param evidence    the ids of the signals (alerts, escalations, input events) that formed the chain, in time order
 * @param firstAt     event time of the first evidence
 * @param detectedAt  event time at which the chain was complete (for escalation-ignored: when the wait ran out)
 * @param targetRole  the role the alert goes to (null when the pattern names none)
 * @param target      the person holding that role in the client's roster (null when the roster names nobody)
 */
public record ChainAlert(
        String id,
        String pattern,
        String clientId,
        List<String> tickets,
        List<String> evidence,
        long firstAt,
        long detectedAt,
        String targetRole,
        String target,
        String message) {

    public static String idFor(String pattern, List<String> evidence) {
        String key = pattern + "|" + String.join("|", evidence);
        return pattern + ":" + UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8));
    }
}
