package io.slaflow.report;

import io.slaflow.policy.Metric;
import io.slaflow.policy.PolicyLoader;
import io.slaflow.policy.SlaPolicy;
import io.slaflow.sla.Escalation;
import io.slaflow.sla.Outcome;
import io.slaflow.sla.OutcomeUpdate;
import io.slaflow.sla.SlaAlert;
import java.nio.file.Path;
import java.time.Instant;

/** Enforce-layer outputs as the reports see them, built by hand. */
public final class ReportFixtures {
    public static final Path DEFAULT_POLICY = Path.of("../infra/policies/default.yaml");

    private ReportFixtures() {}

    public static SlaPolicy defaultPolicy() {
        try {
            return PolicyLoader.load(DEFAULT_POLICY);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static long ms(String instant) {
        return Instant.parse(instant).toEpochMilli();
    }

    /** A target met after {@code minutes} (the deadline {@code budget} minutes after the start). */
    public static OutcomeUpdate met(
            String client, String ticket, String tier, Metric metric, String start, long minutes, long budget) {
        long s = ms(start);
        return new OutcomeUpdate(
                ticket,
                client,
                tier,
                metric,
                s,
                s + budget * 60_000,
                Outcome.MET,
                s + minutes * 60_000,
                -1,
                "default",
                "v1",
                false,
                2);
    }

    /** A target breached at its deadline, satisfied {@code satisfiedAfter} minutes after the start (or never: -1). */
    public static OutcomeUpdate breached(
            String client, String ticket, String tier, Metric metric, String start, long budget, long satisfiedAfter) {
        long s = ms(start);
        return new OutcomeUpdate(
                ticket,
                client,
                tier,
                metric,
                s,
                s + budget * 60_000,
                Outcome.BREACHED,
                satisfiedAfter < 0 ? -1 : s + satisfiedAfter * 60_000,
                s + budget * 60_000,
                "default",
                "v1",
                false,
                3);
    }

    public static OutcomeUpdate pending(
            String client, String ticket, String tier, Metric metric, String start, long budget) {
        long s = ms(start);
        return new OutcomeUpdate(
                ticket,
                client,
                tier,
                metric,
                s,
                s + budget * 60_000,
                Outcome.PENDING,
                -1,
                -1,
                "default",
                "v1",
                false,
                1);
    }

    public static SlaAlert breachAlert(OutcomeUpdate u) {
        return new SlaAlert(
                u.ticketId() + ":" + u.metric() + ":BREACH",
                SlaAlert.Kind.BREACH,
                u.ticketId(),
                u.clientId(),
                u.tier(),
                u.metric(),
                100,
                u.startedAt(),
                u.deadline(),
                u.breachedAt(),
                "agent",
                "v1",
                false);
    }

    public static Escalation escalation(OutcomeUpdate u, int level, long minutesAfterBreach) {
        return new Escalation(
                u.ticketId() + ":" + u.metric() + ":ESCALATION:" + level,
                u.ticketId(),
                u.clientId(),
                u.tier(),
                u.metric(),
                level,
                "account-director",
                "agent",
                "dana.lee",
                u.breachedAt(),
                u.breachedAt() + minutesAfterBreach * 60_000,
                "breached",
                "v1",
                "15m",
                u.breachedAt(),
                u.ticketId() + ":" + u.metric() + ":BREACH");
    }
}
