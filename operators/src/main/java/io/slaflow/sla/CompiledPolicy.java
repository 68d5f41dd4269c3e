package io.slaflow.sla;

import io.slaflow.classify.Classifier;
import io.slaflow.policy.SlaPolicy;
import io.slaflow.policy.TierPolicy;

/**
 * A policy version with what is derived from it once (the classifier), so nothing is rebuilt per event.
 *
 * @param effectiveFrom event time from which new tickets get this version (epoch ms)
 */
public record CompiledPolicy(SlaPolicy policy, Classifier classifier, long effectiveFrom) {

    public static CompiledPolicy compile(SlaPolicy policy, long effectiveFrom) {
        var tiers = policy.tiers().stream().map(TierPolicy::id).toList();
        return new CompiledPolicy(policy, new Classifier(policy.classification(), tiers), effectiveFrom);
    }

    public String version() {
        return policy.version();
    }
}
