package io.slaflow.report;

import io.slaflow.calendar.BusinessCalendar;
import io.slaflow.policy.ClientProfile;
import io.slaflow.policy.MspBranding;
import io.slaflow.policy.SlaPolicy;
import io.slaflow.policy.TierPolicy;
import java.io.Serializable;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The report view of a policy, serializable so a Flink function can carry it: every listed client, the default
 * profile for a client the policy does not list (its reports use the default's zone and contacts), the calendars each
 * client's tiers run on (durations are shown on the contract's clock), and the MSP's branding.
 */
public final class ReportDirectory implements Serializable {
    private static final long serialVersionUID = 2L;
    private static final String UNLISTED_PLACEHOLDER = "_default";

    private final Map<String, ReportClient> listed;
    private final ReportClient defaults;
    private final Map<String, Map<String, BusinessCalendar>> clocks; // client id (or the placeholder) → tier → calendar
    private final MspBranding msp;

    private ReportDirectory(
            Map<String, ReportClient> listed,
            ReportClient defaults,
            Map<String, Map<String, BusinessCalendar>> clocks,
            MspBranding msp) {
        this.listed = listed;
        this.defaults = defaults;
        this.clocks = clocks;
        this.msp = msp;
    }

    public static ReportDirectory of(SlaPolicy policy) {
        Map<String, ReportClient> listed = new HashMap<>();
        Map<String, Map<String, BusinessCalendar>> clocks = new HashMap<>();
        for (String id : policy.clients().keySet()) {
            listed.put(id, ReportClient.of(policy, id));
            clocks.put(id, clocksOf(policy, policy.client(id)));
        }
        clocks.put(UNLISTED_PLACEHOLDER, clocksOf(policy, policy.defaultClient()));
        return new ReportDirectory(
                listed,
                ReportClient.of(policy, UNLISTED_PLACEHOLDER),
                clocks,
                policy.msp() == null ? MspBranding.NONE : policy.msp());
    }

    private static Map<String, BusinessCalendar> clocksOf(SlaPolicy policy, ClientProfile client) {
        Map<String, BusinessCalendar> byTier = new LinkedHashMap<>();
        for (TierPolicy t : policy.tiers())
            byTier.put(t.id(), policy.calendarFor(policy.effectiveTier(t.id(), client), client));
        return byTier;
    }

    public ReportClient client(String clientId) {
        ReportClient c = listed.get(clientId);
        return c != null ? c : defaults.as(clientId);
    }

    /** The calendars of the client's tiers: tier → calendar (wall clock for a tier the policy no longer has). */
    public ContractClocks clocks(String clientId) {
        Map<String, BusinessCalendar> byTier = clocks.getOrDefault(clientId, clocks.get(UNLISTED_PLACEHOLDER));
        return tier -> byTier.get(tier);
    }

    public boolean isListed(String clientId) {
        return listed.containsKey(clientId);
    }

    public MspBranding msp() {
        return msp;
    }

    public List<String> listedClientIds() {
        return listed.keySet().stream().sorted().toList();
    }
}
