package io.slaflow.policy;

import io.slaflow.calendar.BusinessCalendar;
import io.slaflow.calendar.Holidays;
import io.slaflow.classify.ClassificationRules;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A validated SLA policy version: everything needed to classify, time and escalate a ticket.
 * Built by {@link PolicyLoader}, which refuses anything inconsistent, so consumers need not re-check.
 *
 * @param version       the version id; pinned to each ticket at creation
 * @param tiers         tiers in severity order (rank 0 first)
 * @param pauses        ticket status (lower case) → the clocks that status pauses
 * @param roles         the roles escalation steps and rosters may name
 * @param defaultClient the profile a ticket from an unlisted client gets (flagged {@code unlisted})
 * @param chains        the CEP breach-chain parameters (defaults when the policy has no {@code chains:} section)
 * @param routing       where a new ticket of each tier goes in the ticketing system ({@link RoutingPolicy#NONE} when
 *                      the policy has no {@code routing:} section)
 * @param resolvedIcal  the holidays each iCal file named by the policy held when it was loaded, by the path as the
 *                      policy writes it: what a policy version carries to the task managers, which never read files
 * @param msp           the MSP's name and logo for client reports ({@link MspBranding#NONE} when not given)
 */
public record SlaPolicy(
        String version,
        String source,
        Map<String, BusinessCalendar> calendars,
        List<TierPolicy> tiers,
        Map<String, Set<Metric>> pauses,
        Set<String> roles,
        Map<String, ClientProfile> clients,
        ClientProfile defaultClient,
        ClassificationRules classification,
        ChainSettings chains,
        RoutingPolicy routing,
        Map<String, Holidays> resolvedIcal,
        MspBranding msp) {

    public TierPolicy tier(String id) {
        for (TierPolicy t : tiers) {
            if (t.id().equals(id)) {
                return t;
            }
        }
        return null;
    }

    /** The client's profile, or the default profile (flagged unlisted) for a client the policy does not name. */
    public ClientProfile client(String clientId) {
        ClientProfile p = clients.get(clientId);
        return p != null ? p : defaultClient;
    }

    /** The calendar the tier's clocks run on for this client. */
    public BusinessCalendar calendarFor(TierPolicy tier, ClientProfile client) {
        String id = TierPolicy.CLIENT_CALENDAR.equals(tier.calendarId()) ? client.calendarId() : tier.calendarId();
        return calendars.get(id);
    }

    /** The tier as it applies to this client, with the client's target overrides. */
    public TierPolicy effectiveTier(String tierId, ClientProfile client) {
        TierPolicy t = tier(tierId);
        ClientProfile.TargetOverride o = client.overrides().get(tierId);
        return o == null || t == null ? t : t.withTargets(o.response(), o.resolution());
    }

    /** The clocks a status pauses (empty when it pauses none). */
    public Set<Metric> pausedBy(String status) {
        if (status == null) {
            return Set.of();
        }
        Set<Metric> m = pauses.get(status.toLowerCase(java.util.Locale.ROOT));
        return m == null ? Set.of() : m;
    }
}
