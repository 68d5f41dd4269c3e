package io.slaflow.cep.reopen;

import io.slaflow.cep.ChainAlert;
import io.slaflow.cep.SignalOrder;
import io.slaflow.cep.SlaSignal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * The reopen-loop chain per ticket (keyed by ticket id): {@link ReopenLoopRule} in event time, in one value state.
 *
 * <p>It handles time as the CEP operator it replaces did, so that it emits the same alerts at the same event times: a
 * signal at or behind the watermark is late and dropped (CEP dropped it too: the job has no late-data output for
 * chains); the others wait in state until the watermark passes them, with an event-time timer at their time, and are
 * then applied in {@link SignalOrder} (equal times: by kind, ticket, id), each alert stamped with the time of the
 * signal that completed it. Unlike CEP, a ticket with an open loop is not woken at every watermark: one more timer
 * drops the state when the newest open loop runs out ({@code within} after its first resolution), so a ticket that
 * goes quiet holds nothing after 7 days.
 *
 * <p>Upgrade from the CEP operator (uid {@code chain-reopen-loop}): this operator has a new uid
 * ({@code chain-reopen-loop-counter}), so a savepoint of an earlier version restores only with
 * {@code --allowNonRestoredState} (Flink's {@code execution.state-recovery.ignore-unclaimed-state}); the loops open
 * at the savepoint are then forgotten and the 7-day window starts again with the next resolution of each ticket
 * (README, "Chains (CEP)").
 */
public final class ReopenLoopFunction extends KeyedProcessFunction<String, SlaSignal, ChainAlert> {
    private static final long serialVersionUID = 1L;
    private static final SignalOrder ORDER = new SignalOrder();

    private final ReopenLoopRule rule;
    private transient ValueState<ReopenLoopState> state;

    public ReopenLoopFunction(ReopenLoopRule rule) {
        this.rule = rule;
    }

    @Override
    public void open(OpenContext openContext) {
        state = getRuntimeContext()
                .getState(new ValueStateDescriptor<>("reopen-loop", TypeInformation.of(ReopenLoopState.class)));
    }

    @Override
    public void processElement(SlaSignal s, Context ctx, Collector<ChainAlert> out) throws Exception {
        Long at = ctx.timestamp();
        if (!rule.relevant(s) || at == null || at <= ctx.timerService().currentWatermark()) {
            return; // late (CEP dropped late signals: no late-data output is configured for chains)
        }
        ReopenLoopState st = state.value();
        if (st == null) st = new ReopenLoopState();
        int n = st.pending.length;
        st.pending = Arrays.copyOf(st.pending, n + 1);
        st.pendingAt = Arrays.copyOf(st.pendingAt, n + 1);
        st.pending[n] = s;
        st.pendingAt[n] = at;
        state.update(st);
        ctx.timerService().registerEventTimeTimer(at);
    }

    @Override
    public void onTimer(long time, OnTimerContext ctx, Collector<ChainAlert> out) throws Exception {
        ReopenLoopState st = state.value();
        if (st == null) return;
        rule.expire(st, time);
        for (SlaSignal s : takeDue(st, time)) {
            ChainAlert alert = rule.apply(st, s, time);
            if (alert != null) out.collect(alert);
        }
        if (st.isEmpty()) {
            dropCleanupTimer(st, time, ctx);
            state.clear();
            return;
        }
        long runsOut = rule.runsOutAt(st);
        if (runsOut != st.cleanupAt) {
            dropCleanupTimer(st, time, ctx);
            if (runsOut != Long.MIN_VALUE) ctx.timerService().registerEventTimeTimer(runsOut);
            st.cleanupAt = runsOut;
        }
        state.update(st);
    }

    /**
     * Deletes the cleanup timer unless it is the one firing now or a pending signal's timer (one timer per key and
     * time: deleting it would leave that signal unapplied).
     */
    private static void dropCleanupTimer(ReopenLoopState st, long now, OnTimerContext ctx) {
        long t = st.cleanupAt;
        st.cleanupAt = Long.MIN_VALUE;
        if (t == Long.MIN_VALUE || t == now) return;
        for (long at : st.pendingAt) {
            if (at == t) return;
        }
        ctx.timerService().deleteEventTimeTimer(t);
    }

    /** The pending signals of {@code time}, removed from the state, in the order CEP applied them (stable sort). */
    private static List<SlaSignal> takeDue(ReopenLoopState st, long time) {
        List<SlaSignal> due = new ArrayList<>();
        int kept = 0;
        for (int i = 0; i < st.pending.length; i++) {
            if (st.pendingAt[i] == time) {
                due.add(st.pending[i]);
            } else {
                st.pending[kept] = st.pending[i];
                st.pendingAt[kept] = st.pendingAt[i];
                kept++;
            }
        }
        if (!due.isEmpty()) {
            st.pending = Arrays.copyOf(st.pending, kept);
            st.pendingAt = Arrays.copyOf(st.pendingAt, kept);
            due.sort(ORDER);
        }
        return due;
    }
}
