package io.slaflow.enforce;

import java.util.Map;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;

/**
 * The policy versions accepted at run time as {@link PolicyRegistry} reads them: the enforcer's broadcast state
 * ({@link SlaEnforcer#POLICIES}), which checkpoints them. No copy, so its iteration order is the state's own.
 */
final class BroadcastVersions implements PolicyRegistry.StoredVersions {
    private final ReadOnlyBroadcastState<String, PolicyVersion> state;

    BroadcastVersions(ReadOnlyBroadcastState<String, PolicyVersion> state) {
        this.state = state;
    }

    @Override
    public PolicyVersion get(String version) throws Exception {
        return state.get(version);
    }

    @Override
    public Iterable<Map.Entry<String, PolicyVersion>> all() throws Exception {
        return state.immutableEntries();
    }
}
