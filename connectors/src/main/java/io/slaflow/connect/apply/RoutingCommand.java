package io.slaflow.connect.apply;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * A record of {@code sla-routing} ({@code schemas/sla-routing.schema.json}): the tier SLAflow gave a new ticket and,
 * where the policy routes that tier, the queue and owner it belongs with.
 */
public record RoutingCommand(
        String id,
        String ticketId,
        String clientId,
        String tier,
        String rule,
        String policyVersion,
        Instant classifiedAt,
        String queue,
        String role,
        String owner) {

    static RoutingCommand from(JsonNode n) throws MalformedCommandException {
        Fields f = new Fields(n, "routing");
        return new RoutingCommand(
                f.text("id"),
                f.text("ticketId"),
                f.text("clientId"),
                f.text("tier"),
                f.optionalText("rule"),
                f.optionalText("policyVersion"),
                f.instant("classifiedAt"),
                f.optionalText("queue"),
                f.optionalText("role"),
                f.optionalText("owner"));
    }
}
