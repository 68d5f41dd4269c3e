package io.slaflow.policy;

import io.slaflow.contract.ContractTerms;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/**
 * A client of the MSP as the policy describes it.
 *
 * @param clientTier the commercial tier (enterprise, business, standard...) classification rules can use
 * @param calendarId the calendar business-hours tiers run on for this client
 * @param contacts   report recipients (e-mail addresses)
 * @param roster     role → person (e.g. account-director → "dana.lee")
 * @param overrides  tier id → overridden targets for this client
 * @param unlisted   true for the default profile given to a client the policy does not list
 * @param ticketUrl  the link to a ticket in the client's ticketing system, with {@code {ticketId}} where the id goes;
 *                   null when the policy gives none
 * @param contract   the contract terms (goals per tier, service credits); {@link ContractTerms#NONE} when not stated
 */
public record ClientProfile(
        String id,
        String name,
        String clientTier,
        ZoneId zone,
        String calendarId,
        List<String> contacts,
        Map<String, String> roster,
        Map<String, TargetOverride> overrides,
        boolean unlisted,
        String ticketUrl,
        ContractTerms contract) {

    /** Per-client override of a tier's targets; a null target keeps the tier's own. */
    public record TargetOverride(SlaTarget response, SlaTarget resolution) {}

    /**
     * The ticket's link from {@link #ticketUrl}, the id percent-encoded (a ticket id is input from outside: it must not
     * end the query or add a path), or null when the policy gives no template.
     */
    public String ticketLink(String ticketId) {
        if (ticketUrl == null) return null;
        return ticketUrl.replace(
                "{ticketId}",
                URLEncoder.encode(ticketId, StandardCharsets.UTF_8).replace("+", "%20"));
    }

    /** The person holding {@code role} for this client, or null when the roster has nobody for it. */
    public String personFor(String role) {
        return roster.get(role);
    }
}
