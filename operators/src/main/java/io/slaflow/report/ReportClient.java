package io.slaflow.report;

import io.slaflow.calendar.BusinessCalendar;
import io.slaflow.contract.ContractTerms;
import io.slaflow.policy.ClientProfile;
import io.slaflow.policy.Metric;
import io.slaflow.policy.SlaPolicy;
import io.slaflow.policy.TierPolicy;
import java.io.Serializable;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a report needs to know about a client from the policy: name, time zone (periods are aligned to it),
 * report contacts, the contracted targets per tier and metric (with the client's overrides) in the policy's tier
 * order (most severe first), the clock each tier runs on, the ticket link and the contract terms.
 *
 * @param targets   "P1:RESPONSE" → "15m", in tier order
 * @param clocks    tier → "24×7" or "business hours": the clock its targets (and the report's durations) count on
 * @param ticketUrl link template with {@code {ticketId}}, or null
 */
public record ReportClient(
        String id,
        String name,
        ZoneId zone,
        List<String> contacts,
        boolean unlisted,
        Map<String, String> targets,
        Map<String, String> clocks,
        String ticketUrl,
        ContractTerms contract)
        implements Serializable {

    public static final String WALL_CLOCK = "24×7";
    public static final String BUSINESS_HOURS = "business hours";

    public static ReportClient of(SlaPolicy policy, String clientId) {
        ClientProfile p = policy.client(clientId);
        Map<String, String> targets = new LinkedHashMap<>();
        Map<String, String> clocks = new LinkedHashMap<>();
        for (TierPolicy t : policy.tiers()) {
            TierPolicy effective = policy.effectiveTier(t.id(), p);
            for (Metric m : Metric.values()) {
                targets.put(t.id() + ":" + m, effective.target(m).text());
            }
            BusinessCalendar c = policy.calendarFor(effective, p);
            clocks.put(t.id(), c == null || c.isAlwaysOpen() ? WALL_CLOCK : BUSINESS_HOURS);
        }
        String name = p.unlisted() ? clientId : p.name();
        return new ReportClient(
                clientId,
                name,
                p.zone(),
                new java.util.ArrayList<>(p.contacts()),
                p.unlisted(),
                targets,
                clocks,
                p.ticketUrl(),
                p.contract());
    }

    /** The same profile for another (unlisted) client id. */
    ReportClient as(String clientId) {
        return new ReportClient(clientId, clientId, zone, contacts, true, targets, clocks, ticketUrl, contract);
    }

    /** Tier ids in policy order. */
    public List<String> tierOrder() {
        return targets.keySet().stream()
                .map(k -> k.substring(0, k.lastIndexOf(':')))
                .distinct()
                .toList();
    }

    public String target(String tier, Metric metric) {
        return targets.get(tier + ":" + metric);
    }

    /** "24×7" or "business hours" for a tier ("24×7" for a tier the policy no longer has). */
    public String clock(String tier) {
        return clocks.getOrDefault(tier, WALL_CLOCK);
    }

    /** The link to a ticket (its id URL-encoded into the template), or null when the policy gives no template. */
    public String ticketLink(String ticketId) {
        if (ticketUrl == null) return null;
        // percent-encoded, as ClientProfile.ticketLink: an id from outside must not end the query or add a path
        return ticketUrl.replace(
                "{ticketId}",
                URLEncoder.encode(ticketId, StandardCharsets.UTF_8).replace("+", "%20"));
    }
}
