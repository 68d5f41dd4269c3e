package io.slaflow.report;

import io.slaflow.policy.ClientProfile;
import io.slaflow.policy.Metric;
import io.slaflow.policy.SlaPolicy;
import io.slaflow.policy.TierPolicy;
import java.io.Serializable;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a report needs to know about a client from the policy: name, time zone (periods are aligned to it),
 * report contacts, and the contracted targets per tier and metric (with the client's overrides), in the policy's
 * tier order (most severe first).
 *
 * @param targets "P1:RESPONSE" → "15m", in tier order
 */
public record ReportClient(String id, String name, ZoneId zone, List<String> contacts, boolean unlisted,
                           Map<String, String> targets) implements Serializable {

    public static ReportClient of(SlaPolicy policy, String clientId) {
        ClientProfile p = policy.client(clientId);
        Map<String, String> targets = new LinkedHashMap<>();
        for (TierPolicy t : policy.tiers()) {
            TierPolicy effective = policy.effectiveTier(t.id(), p);
            for (Metric m : Metric.values()) {
                targets.put(t.id() + ":" + m, effective.target(m).text());
            }
        }
        String name = p.unlisted() ? clientId : p.name();
        return new ReportClient(clientId, name, p.zone(), new java.util.ArrayList<>(p.contacts()), p.unlisted(), targets);
    }

    /** Tier ids in policy order. */
    public List<String> tierOrder() {
        return targets.keySet().stream().map(k -> k.substring(0, k.lastIndexOf(':'))).distinct().toList();
    }

    public String target(String tier, Metric metric) {
        return targets.get(tier + ":" + metric);
    }
}
