package io.slaflow.sla;

import io.slaflow.policy.ClientProfile;
import io.slaflow.policy.SlaPolicy;
import io.slaflow.policy.TierRoute;

/**
 * A record on {@code sla-routing}: the tier the classification gave a new ticket and where the policy's
 * {@code routing:} section sends it, for the ticketing system to show and apply as a first placement. Schema:
 * {@code schemas/sla-routing.schema.json}.
 *
 * @param id           deterministic ({@code ticketId:ROUTING}): one per ticket, so a replay or a retry overwrites
 * @param rule         the classification rule that decided the tier
 * @param classifiedAt event time of the ticket's CREATED
 * @param queue        the queue the tier is routed to, or null (the ticket stays in its queue)
 * @param role         the role the tier is routed to, or null
 * @param owner        the person: the route's fixed owner or the client's roster person for the role; null when there
 *                     is neither (the ticketing system leaves the owner alone)
 */
public record Routing(
        String id,
        String ticketId,
        String clientId,
        String tier,
        String rule,
        String policyVersion,
        long classifiedAt,
        String queue,
        String role,
        String owner) {

    /**
     * The routing of a ticket just created (its state as {@link TicketSla#create} left it) under its pinned policy.
     * Only at creation: a later priority change comes from the ticketing system itself, which already shows it, and
     * moving the ticket again then would undo where people have put it since.
     */
    public static Routing ofNewTicket(TicketState s, SlaPolicy policy) {
        ClientProfile client = policy.client(s.clientId);
        // an unlisted client has no routing of its own: its id is not one of the policy's
        TierRoute route = policy.routing().routeFor(s.tier, client.unlisted() ? null : s.clientId);
        return new Routing(
                s.ticketId + ":ROUTING",
                s.ticketId,
                s.clientId,
                s.tier,
                s.rule,
                s.policyVersion,
                s.createdAt,
                route.queue(),
                route.role(),
                route.ownerFor(client));
    }
}
