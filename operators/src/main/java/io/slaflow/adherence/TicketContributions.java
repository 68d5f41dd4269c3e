package io.slaflow.adherence;

import io.slaflow.policy.Metric;

/** Keyed state of {@link AdherenceContributions}: what a ticket's two targets currently contribute. A Flink POJO. */
public final class TicketContributions {
    public TargetContribution response;
    public TargetContribution resolution;
    /** The pending clean-up timer, or -1. */
    public long cleanupAt = -1;

    public TicketContributions() {}

    public TargetContribution get(Metric metric) {
        return metric == Metric.RESPONSE ? response : resolution;
    }

    public void set(Metric metric, TargetContribution c) {
        if (metric == Metric.RESPONSE) response = c;
        else resolution = c;
    }
}
