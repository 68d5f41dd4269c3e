package io.slaflow.cep;

import io.slaflow.policy.ClientProfile;
import io.slaflow.policy.EscalationStep;
import io.slaflow.policy.SlaPolicy;
import io.slaflow.policy.TierPolicy;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Who a chain alert goes to: the client rosters (role → person) and the tiers' escalation ladders, copied out of the
 * policy into plain serializable maps because the CEP match functions ship with the job graph. Chains use the policy
 * the job starts with (hot-reloaded versions do not change chain routing; README "Chains (CEP)").
 */
public final class ChainTargets implements Serializable {
    private static final long serialVersionUID = 1L;

    /** One rung of a ladder: at {@code level}, escalations of {@code metrics} go to {@code role}. */
    public record Rung(int level, String role, Set<String> metrics) implements Serializable {}

    private final Map<String, Map<String, String>> rosters = new HashMap<>();
    private final Map<String, String> defaultRoster;
    private final Map<String, List<Rung>> ladders = new HashMap<>();

    public ChainTargets(SlaPolicy policy) {
        for (Map.Entry<String, ClientProfile> c : policy.clients().entrySet()) {
            rosters.put(c.getKey(), new HashMap<>(c.getValue().roster()));
        }
        defaultRoster = policy.defaultClient() == null
                ? Map.of()
                : new HashMap<>(policy.defaultClient().roster());
        for (TierPolicy t : policy.tiers()) {
            List<Rung> rungs = new ArrayList<>();
            for (EscalationStep s : t.ladder()) {
                Set<String> metrics = new TreeSet<>();
                s.metrics().forEach(m -> metrics.add(m.name()));
                rungs.add(new Rung(s.level(), s.role(), metrics));
            }
            rungs.sort((a, b) -> Integer.compare(a.level(), b.level()));
            ladders.put(t.id(), rungs);
        }
    }

    /** The person holding {@code role} for the client (the default roster for unlisted clients), or null. */
    public String personFor(String clientId, String role) {
        if (role == null) return null;
        return rosters.getOrDefault(clientId, defaultRoster).get(role);
    }

    /** The role of the ladder rung above {@code level} for this tier and metric, or null at the top of the ladder. */
    public String nextRole(String tier, String metric, int level) {
        for (Rung r : ladders.getOrDefault(tier, List.of())) {
            if (r.level() > level && (r.metrics().isEmpty() || r.metrics().contains(metric))) return r.role();
        }
        return null;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ChainTargets t
                && rosters.equals(t.rosters)
                && defaultRoster.equals(t.defaultRoster)
                && ladders.equals(t.ladders);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(rosters, defaultRoster, ladders);
    }
}
