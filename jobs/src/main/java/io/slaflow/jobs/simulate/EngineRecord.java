package io.slaflow.jobs.simulate;

import io.slaflow.policy.Metric;
import io.slaflow.sla.Escalation;
import io.slaflow.sla.OutcomeUpdate;

/**
 * An output of one policy's enforcer on its way to {@link GatherTargets}: an outcome update, or an escalation of a
 * ticket target. One type, so the enforcers' outputs meet in one keyed stream. A Flink POJO.
 */
public class EngineRecord {
    /** Which policy's enforcer: 0 = current, then the candidates. */
    public int policy;
    /** {@code ticketId:METRIC}: the key. */
    public String target;
    /** The outcome update, or null for an escalation. */
    public OutcomeUpdate outcome;

    public EngineRecord() {}

    static EngineRecord outcome(int policy, OutcomeUpdate u) {
        EngineRecord r = new EngineRecord();
        r.policy = policy;
        r.target = u.key();
        r.outcome = u;
        return r;
    }

    static EngineRecord escalation(int policy, Escalation x) {
        EngineRecord r = new EngineRecord();
        r.policy = policy;
        r.target = key(x.ticketId(), x.metric());
        return r;
    }

    static String key(String ticketId, Metric metric) {
        return ticketId + ":" + metric;
    }
}
