package io.slaflow.policy;

import java.io.Serializable;
import java.time.Duration;

/**
 * The parameters of the CEP breach-chain patterns (policy section {@code chains:}, README "Chains"). Every window is
 * wall-clock event time (a pattern's {@code within()} bound, which also bounds the operator's state).
 *
 * @param doubleBreachWithin      a ticket's resolution breach must follow its response breach within this
 * @param escalationIgnoredAfter  an escalation whose target neither responds nor reassigns within this is raised
 * @param escalationFallbackRole  the role an ignored escalation is raised to when the tier's ladder has no next level
 * @param breachStormCount        this many breaches of one client ...
 * @param breachStormWithin       ... within this window raise an account-level alert ...
 * @param breachStormRole         ... to this role of the client's roster
 * @param reopenLoopCount         a ticket resolved and reopened this many times ...
 * @param reopenLoopWithin        ... within this window is a reopen loop
 * @param atRiskSurgeCount        at-risk warnings on this many distinct tickets of one client ...
 * @param atRiskSurgeTier         ... of this tier (null: the policy's most severe tier) ...
 * @param atRiskSurgeWithin       ... within this window raise a capacity alert ...
 * @param atRiskSurgeRole         ... to this role of the client's roster
 */
public record ChainSettings(
        Duration doubleBreachWithin,
        Duration escalationIgnoredAfter,
        String escalationFallbackRole,
        int breachStormCount,
        Duration breachStormWithin,
        String breachStormRole,
        int reopenLoopCount,
        Duration reopenLoopWithin,
        int atRiskSurgeCount,
        String atRiskSurgeTier,
        Duration atRiskSurgeWithin,
        String atRiskSurgeRole)
        implements Serializable {

    /** The largest count a chain pattern accepts: a CEP pattern of N steps keeps up to N events per partial match. */
    public static final int MAX_COUNT = 100;

    /** The defaults when the policy has no {@code chains:} section (or leaves a field out). */
    public static ChainSettings defaults(String mostSevereTier) {
        return new ChainSettings(
                Duration.ofDays(14),
                Duration.ofMinutes(30),
                "account-director",
                3,
                Duration.ofHours(24),
                "account-director",
                2,
                Duration.ofDays(7),
                3,
                mostSevereTier,
                Duration.ofHours(1),
                "team-lead");
    }
}
