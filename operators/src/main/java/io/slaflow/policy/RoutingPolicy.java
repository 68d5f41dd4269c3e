package io.slaflow.policy;

import java.util.Map;

/**
 * The policy's {@code routing:} section (README, "Routing"): per tier, and optionally per client and tier, where a
 * classified ticket goes in the ticketing system. Showing the tier itself (as the ticket's priority or a custom field)
 * is the ticketing system's mapping, configured with its connector: it must agree with how that system's priorities
 * are read back as tiers, which a policy version cannot know.
 *
 * @param tiers   tier id → its route for every client
 * @param clients client id → (tier id → the route that replaces the tier's for that client; {@link TierRoute#STAY}
 *                keeps that client's tickets where they are)
 */
public record RoutingPolicy(Map<String, TierRoute> tiers, Map<String, Map<String, TierRoute>> clients) {
    /** A policy without a {@code routing:} section: every ticket stays where it was created. */
    public static final RoutingPolicy NONE = new RoutingPolicy(Map.of(), Map.of());

    /** The route of a new {@code tierId} ticket of {@code clientId}: the client's own, else the tier's, else stay. */
    public TierRoute routeFor(String tierId, String clientId) {
        Map<String, TierRoute> own = clientId == null ? null : clients.get(clientId);
        TierRoute r = own == null ? null : own.get(tierId);
        if (r == null) r = tiers.get(tierId);
        return r == null ? TierRoute.STAY : r;
    }
}
