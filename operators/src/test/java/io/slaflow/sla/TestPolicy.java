package io.slaflow.sla;

import io.slaflow.policy.InvalidPolicyException;
import io.slaflow.policy.PolicyLoader;
import io.slaflow.policy.SlaPolicy;
import java.nio.file.Path;

/** The repository's default policy, loaded once for the SLA tests. */
final class TestPolicy {
    static final SlaPolicy DEFAULT;
    static final CompiledPolicy COMPILED;

    static {
        try {
            DEFAULT = PolicyLoader.load(Path.of("../infra/policies/default.yaml"));
        } catch (InvalidPolicyException e) {
            throw new IllegalStateException(e);
        }
        COMPILED = CompiledPolicy.compile(DEFAULT, 0);
    }

    private TestPolicy() {}
}
