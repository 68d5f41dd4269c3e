package io.slaflow.report;

import io.slaflow.policy.SlaPolicy;
import java.io.Serializable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The report view of a policy, serializable so a Flink function can carry it: every listed client, and the default
 * profile for a client the policy does not list (its reports use the default's zone and contacts).
 */
public final class ReportDirectory implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final String UNLISTED_PLACEHOLDER = "_default";

    private final Map<String, ReportClient> listed;
    private final ReportClient defaults;

    private ReportDirectory(Map<String, ReportClient> listed, ReportClient defaults) {
        this.listed = listed;
        this.defaults = defaults;
    }

    public static ReportDirectory of(SlaPolicy policy) {
        Map<String, ReportClient> listed = new HashMap<>();
        for (String id : policy.clients().keySet()) {
            listed.put(id, ReportClient.of(policy, id));
        }
        return new ReportDirectory(listed, ReportClient.of(policy, UNLISTED_PLACEHOLDER));
    }

    public ReportClient client(String clientId) {
        ReportClient c = listed.get(clientId);
        if (c != null) return c;
        return new ReportClient(clientId, clientId, defaults.zone(), defaults.contacts(), true, defaults.targets());
    }

    public List<String> listedClientIds() {
        return listed.keySet().stream().sorted().toList();
    }
}
