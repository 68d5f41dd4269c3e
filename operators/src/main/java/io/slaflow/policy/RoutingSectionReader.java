package io.slaflow.policy;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Reads the {@code routing:} section of a policy, reporting every problem at its line with its field path like the
 * rest of the loader (unknown tier, client or role; a route naming both a role and an owner; unknown fields).
 *
 * <pre>
 * routing:
 *   tiers:
 *     P1: {queue: Major Incidents, role: senior-engineer}
 *   clients:
 *     globex:
 *       P1: {queue: Globex Major Incidents, owner: raj.patel}
 * </pre>
 */
final class RoutingSectionReader {
    private static final Set<String> ROUTE_FIELDS = YamlNode.keys("queue", "role", "owner");
    /** A queue or user name longer than this is a mistake, not a name (it goes into every routing record). */
    private static final int MAX_NAME = 200;

    private final Collection<String> tiers;
    private final Set<String> roles;
    private final Collection<String> clients;

    /**
     * @param tiers   the policy's tier ids
     * @param roles   the roles it declares
     * @param clients the ids of the clients it lists (a route for another client would never apply)
     */
    RoutingSectionReader(Collection<String> tiers, Set<String> roles, Collection<String> clients) {
        this.tiers = tiers;
        this.roles = roles;
        this.clients = clients;
    }

    /** The section, or {@link RoutingPolicy#NONE} when the policy has none. */
    RoutingPolicy read(YamlNode section) {
        if (section == null) return RoutingPolicy.NONE;
        Map<String, YamlNode> f = section.entries(YamlNode.keys("tiers", "clients"));
        Map<String, TierRoute> byTier = f.containsKey("tiers") ? routes(f.get("tiers")) : Map.of();
        Map<String, Map<String, TierRoute>> byClient = new LinkedHashMap<>();
        if (f.containsKey("clients")) {
            for (Map.Entry<String, YamlNode> c : f.get("clients").entries(null).entrySet()) {
                if (!clients.contains(c.getKey())) {
                    c.getValue()
                            .problem("unknown client '" + c.getKey() + "'; clients: "
                                    + (clients.isEmpty() ? "(none listed)" : String.join(", ", clients))
                                    + " (unlisted clients follow routing.tiers)");
                    continue;
                }
                byClient.put(c.getKey(), routes(c.getValue()));
            }
        }
        return new RoutingPolicy(byTier, Collections.unmodifiableMap(byClient));
    }

    private Map<String, TierRoute> routes(YamlNode node) {
        Map<String, TierRoute> out = new LinkedHashMap<>();
        for (Map.Entry<String, YamlNode> t : node.entries(null).entrySet()) {
            if (!tiers.contains(t.getKey())) {
                t.getValue().problem("unknown tier '" + t.getKey() + "'; tiers: " + String.join(", ", tiers));
                continue;
            }
            TierRoute route = route(t.getValue());
            if (route != null) out.put(t.getKey(), route);
        }
        return Collections.unmodifiableMap(out);
    }

    /** One route; {@code {}} is allowed: "stay where created" (e.g. one client's exception to a tier's route). */
    private TierRoute route(YamlNode node) {
        Map<String, YamlNode> f = node.entries(ROUTE_FIELDS);
        if (!node.isMapping()) return null;
        String queue = name(f.get("queue"));
        String role = name(f.get("role"));
        String owner = name(f.get("owner"));
        boolean ok = (!f.containsKey("queue") || queue != null)
                && (!f.containsKey("role") || role != null)
                && (!f.containsKey("owner") || owner != null);
        if (role != null && !roles.contains(role)) {
            f.get("role")
                    .problem("unknown role '" + role + "'; roles: " + String.join(", ", roles)
                            + " (declare it under roles)");
            ok = false;
        }
        if (role != null && owner != null) {
            f.get("owner")
                    .problem("give role (the person in each client's roster) or owner (one fixed person), not both");
            ok = false;
        }
        return ok ? new TierRoute(queue, role, owner) : null;
    }

    private static String name(YamlNode n) {
        if (n == null) return null;
        String v = n.text();
        if (v != null && v.length() > MAX_NAME) {
            n.problem("is " + v.length() + " characters long: a queue or user name has at most " + MAX_NAME);
            return null;
        }
        if (v != null && v.chars().anyMatch(Character::isISOControl)) {
            n.problem("contains a control character: a queue or user name is one line of text");
            return null;
        }
        return v;
    }
}
