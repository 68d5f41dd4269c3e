package io.slaflow.policy;

/**
 * Where the policy sends a new ticket of one tier in the ticketing system: a queue, and an owner given either as a
 * role (resolved to the person in the client's roster, so one rule serves every client) or as one fixed person. Any
 * part may be absent; {@link #STAY} has none (the ticket stays where it was created, only its tier is shown).
 */
public record TierRoute(String queue, String role, String owner) {
    public static final TierRoute STAY = new TierRoute(null, null, null);

    /** The owner for a ticket of {@code client}: the fixed person, else the roster's person for the role, else null. */
    public String ownerFor(ClientProfile client) {
        if (owner != null) return owner;
        return role == null ? null : client.personFor(role);
    }
}
