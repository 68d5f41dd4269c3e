package io.slaflow.simulate;

import io.slaflow.event.EventType;
import io.slaflow.event.TicketEvent;
import io.slaflow.policy.SlaPolicy;
import io.slaflow.sla.CompiledPolicy;
import io.slaflow.sla.Escalation;
import io.slaflow.sla.OutcomeUpdate;
import io.slaflow.sla.SlaAlert;
import io.slaflow.sla.SlaOutputs;
import io.slaflow.sla.TicketSla;
import io.slaflow.sla.TicketState;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A history under several policies through the pure SLA rules ({@link TicketSla}), one ticket at a time, in the order the
 * enforcer applies a replay's events (event time, CREATED first at equal times, then input order; nothing after the
 * as-of time), gathered by {@link PolicyRun} and {@link TargetJoin} as the simulation job gathers the enforcers' outputs. For properties of
 * the simulator's arithmetic over many random histories, where a MiniCluster per try would be far too slow; the job
 * itself is compared with {@code slaflow replay} on a whole history in the jobs module.
 */
final class PureHistoryRun {
    private static final Comparator<TicketEvent> APPLICATION_ORDER =
            Comparator.<TicketEvent>comparingLong(e -> e.occurredAt).thenComparing(e -> e.type != EventType.CREATED);

    private PureHistoryRun() {}

    static List<SimulatedTarget> run(List<TicketEvent> history, List<SlaPolicy> policies, long asOfMs) {
        Map<String, List<TicketEvent>> byTicket = new LinkedHashMap<>();
        for (TicketEvent e : history) {
            if (e.occurredAt <= asOfMs)
                byTicket.computeIfAbsent(e.ticketId, k -> new ArrayList<>()).add(e);
        }
        TargetJoin join = new TargetJoin(policies.size());
        for (int p = 0; p < policies.size(); p++) {
            CompiledPolicy compiled = CompiledPolicy.compile(policies.get(p), Long.MIN_VALUE);
            for (List<TicketEvent> events : byTicket.values()) {
                List<TicketEvent> ordered = new ArrayList<>(events);
                ordered.sort(APPLICATION_ORDER); // stable: input order at equal rank
                Gather out = new Gather(join, p, new LinkedHashMap<>());
                TicketState state = null;
                for (int i = 0; i < ordered.size(); i++) {
                    TicketEvent e = ordered.get(i);
                    if (state == null) {
                        if (e.type == EventType.CREATED) state = TicketSla.create(e, compiled, out);
                    } else {
                        TicketSla.apply(state, e, compiled.policy(), out);
                    } // (a first event other than CREATED is the enforcer's UNKNOWN_TICKET)
                    boolean lastAtItsTime = i + 1 == ordered.size() || ordered.get(i + 1).occurredAt > e.occurredAt;
                    if (state != null && lastAtItsTime) TicketSla.advance(state, e.occurredAt, compiled.policy(), out);
                }
                if (state != null) TicketSla.advance(state, asOfMs, compiled.policy(), out);
                out.done();
            }
        }
        return join.targets();
    }

    /** One policy's outputs for one ticket, gathered per target as the job's keyed functions do. */
    private record Gather(TargetJoin join, int policy, Map<String, PolicyRun> runs) implements SlaOutputs {
        @Override
        public void alert(SlaAlert alert) {}

        @Override
        public void escalation(Escalation x) {
            join.add(PolicyTarget.escalations(policy, x.ticketId(), x.metric(), 1));
        }

        @Override
        public void outcome(OutcomeUpdate u) {
            runs.computeIfAbsent(u.key(), k -> new PolicyRun()).outcome(u);
        }

        void done() {
            runs.values().forEach(r -> join.add(r.target(policy)));
        }
    }
}
