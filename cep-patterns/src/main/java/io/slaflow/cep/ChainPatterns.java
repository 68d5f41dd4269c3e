package io.slaflow.cep;

import io.slaflow.cep.patterns.AtRiskSurge;
import io.slaflow.cep.patterns.BreachStorm;
import io.slaflow.cep.patterns.DoubleBreach;
import io.slaflow.cep.patterns.EscalationIgnored;
import io.slaflow.policy.ChainSettings;
import io.slaflow.policy.SlaPolicy;
import java.util.List;

/**
 * The breach-chain patterns that run on Flink CEP, parameterised from the policy's {@code chains:} section. The fifth
 * chain, reopen-loop, is a per-ticket count that needs no CEP: {@link io.slaflow.cep.reopen.ReopenLoopRule}.
 */
public final class ChainPatterns {
    private ChainPatterns() {}

    public static List<ChainPattern> from(SlaPolicy policy) {
        ChainSettings c = policy.chains();
        ChainTargets targets = new ChainTargets(policy);
        return List.of(
                new DoubleBreach(c.doubleBreachWithin()),
                new EscalationIgnored(c.escalationIgnoredAfter(), c.escalationFallbackRole(), targets),
                new BreachStorm(c.breachStormCount(), c.breachStormWithin(), c.breachStormRole(), targets),
                new AtRiskSurge(
                        c.atRiskSurgeCount(),
                        c.atRiskSurgeTier(),
                        c.atRiskSurgeWithin(),
                        c.atRiskSurgeRole(),
                        targets));
    }
}
