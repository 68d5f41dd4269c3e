package io.slaflow.jobs.chains;

import io.slaflow.cep.ChainAlert;
import io.slaflow.cep.ChainAlertFunction;
import io.slaflow.cep.ChainPattern;
import io.slaflow.cep.ChainPatterns;
import io.slaflow.cep.SignalOrder;
import io.slaflow.cep.SlaSignal;
import io.slaflow.cep.SlaSignals;
import io.slaflow.cep.reopen.ReopenLoopFunction;
import io.slaflow.cep.reopen.ReopenLoopRule;
import io.slaflow.event.TicketEvent;
import io.slaflow.jobs.enforce.EnforcementGraph;
import io.slaflow.policy.SlaPolicy;
import io.slaflow.sla.Escalation;
import io.slaflow.sla.SlaAlert;
import java.util.function.Function;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.cep.CEP;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.util.Collector;

/**
 * The CEP layer (README "Chains (CEP)"): the Enforce layer's warnings, breaches and escalations plus the lifecycle
 * events become {@link SlaSignal}s (event time: the stream's timestamps, which are the signals' own times), and each
 * chain pattern runs in its own CEP operator over the signals it can use, keyed by ticket or by client. The
 * reopen-loop chain, a count per ticket, runs in a keyed function instead ({@link ReopenLoopFunction}): the same
 * alerts without a 7-day partial match per resolution.
 */
public final class ChainGraph {
    private ChainGraph() {}

    public static final TypeInformation<SlaSignal> SIGNAL = TypeInformation.of(SlaSignal.class);

    /**
     * Each pattern gets the Enforce layer's warnings, breaches and escalations and the lifecycle events it needs: of
     * escalated tickets only for the patterns that watch what follows an escalation, of every ticket for the others.
     */
    public static DataStream<ChainAlert> build(EnforcementGraph.Outputs out, SlaPolicy policy) {
        DataStream<SlaSignal> alerts = out.alerts()
                .map((SlaAlert a) -> SlaSignals.of(a))
                .returns(SIGNAL)
                .name("alerts as signals")
                .uid("chain-signals-alerts");
        DataStream<SlaSignal> escalations = out.escalations()
                .map((Escalation x) -> SlaSignals.of(x))
                .returns(SIGNAL)
                .name("escalations as signals")
                .uid("chain-signals-escalations");
        DataStream<SlaSignal> enforcer = alerts.union(escalations);
        DataStream<SlaSignal> everyTicket = out.events()
                .flatMap(new LifecycleSignals())
                .returns(SIGNAL)
                .name("lifecycle events as signals")
                .uid("chain-signals-lifecycle");
        DataStream<SlaSignal> escalatedTickets = out.escalatedTicketEvents()
                .flatMap(new LifecycleSignals())
                .returns(SIGNAL)
                .name("escalated tickets' events as signals")
                .uid("chain-signals-escalated-lifecycle");
        return build(
                p -> enforcer.union(p.watchesOnlyEscalatedTickets() ? escalatedTickets : everyTicket),
                enforcer.union(everyTicket),
                policy);
    }

    /** Every pattern fed from one stream of all signals (benchmarks). */
    public static DataStream<ChainAlert> build(DataStream<SlaSignal> signals, SlaPolicy policy) {
        return build(p -> signals, signals, policy);
    }

    /**
     * One CEP operator per pattern and the reopen-loop function, each fed only the signals it can use; the alerts of
     * all chains in one stream.
     */
    private static DataStream<ChainAlert> build(
            Function<ChainPattern, DataStream<SlaSignal>> inputOf,
            DataStream<SlaSignal> reopenLoopInput,
            SlaPolicy policy) {
        DataStream<ChainAlert> all = reopenLoops(reopenLoopInput, ReopenLoopRule.from(policy));
        for (ChainPattern p : ChainPatterns.from(policy)) {
            DataStream<ChainAlert> alerts = CEP.pattern(
                            inputOf.apply(p)
                                    .filter(p::relevant)
                                    .name("signals for " + p.name())
                                    .uid("chain-filter-" + p.name())
                                    .keyBy(p::keyOf),
                            p.pattern(),
                            new SignalOrder()) // ties in event time: the same match on every run
                    .inEventTime()
                    .process(new ChainAlertFunction(p))
                    .name("chain " + p.name())
                    .uid("chain-" + p.name());
            all = all.union(alerts);
        }
        return all;
    }

    /**
     * The reopen-loop chain: per ticket, in event time. Its uid is new ({@code chain-reopen-loop} was the CEP
     * operator's): a savepoint of an earlier version restores with allowNonRestoredState, and the loops open at the
     * savepoint start again (README "Chains (CEP)"). The filter keeps the CEP version's uid: it holds no state.
     */
    private static DataStream<ChainAlert> reopenLoops(DataStream<SlaSignal> signals, ReopenLoopRule rule) {
        return signals.filter(rule::relevant)
                .name("signals for " + ReopenLoopRule.NAME)
                .uid("chain-filter-" + ReopenLoopRule.NAME)
                .keyBy(rule::keyOf)
                .process(new ReopenLoopFunction(rule))
                .returns(ChainAlert.class)
                .name("chain " + ReopenLoopRule.NAME)
                .uid("chain-" + ReopenLoopRule.NAME + "-counter");
    }

    private static final class LifecycleSignals implements FlatMapFunction<TicketEvent, SlaSignal> {
        @Override
        public void flatMap(TicketEvent e, Collector<SlaSignal> out) {
            SlaSignal s = SlaSignals.of(e);
            if (s != null) out.collect(s);
        }
    }
}
