package io.slaflow.enforce;

import io.slaflow.event.TicketEvent;
import io.slaflow.sla.SlaAlert;
import java.util.List;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.state.rocksdb.RocksDBKeyedStateBackend;
import org.apache.flink.streaming.api.operators.TimerHeapInternalTimer;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator;
import org.apache.flink.streaming.api.watermark.Watermark;

/**
 * The operator that runs {@link SlaEnforcer}: Flink's keyed-broadcast operator, plus two things a function cannot do
 * itself.
 * <ol>
 *   <li><b>It runs the enforcer's wake-ups.</b> When the watermark advances, every entry of the enforcer's
 *       {@link WakeUpQueue} at or before it comes due, earliest first, exactly as a Flink timer would: under the
 *       ticket's key, through the function's {@code onTimer}, with that instant as the outputs' timestamp, before
 *       the watermark goes on downstream. The queue replaces Flink's timer service, whose de-duplication map and
 *       key-group lookups cost a third of the enforcer's time (BENCHMARKS.md, "Fourth pass"). It is rebuilt from
 *       keyed state on restore instead of being checkpointed. Flink timers a savepoint of an earlier version
 *       still holds fire as before and find nothing left to do.</li>
 *   <li><b>It switches the current key</b>, so the enforcer can cache tickets in front of RocksDB and write them back
 *       when one is evicted or a checkpoint is taken ({@link TicketCache}), instead of one state read and one write
 *       per event, and a wake-up sets it only when it touches keyed state ({@link KeySwitch}). RocksDB only: it
 *       serializes a value when it is written, while the heap backend stores the object itself and shares it with
 *       running snapshots, so a cached object must not be changed after it was written there.</li>
 * </ol>
 * Build it with {@code keyedEvents.connect(policies.broadcast()).transform(..., new SlaEnforcerOperator(enforcer))}.
 */
public final class SlaEnforcerOperator
        extends CoBroadcastWithKeyedOperator<String, TicketEvent, PolicyVersion, SlaAlert> implements KeySwitch {
    private static final long serialVersionUID = 1L;

    private final SlaEnforcer enforcer;
    /** The last watermark, for {@code slaWatermarkLagMs} (read by the metrics reporter's thread). */
    private transient volatile long lastWatermark;
    /** On RocksDB: a wake-up's key is set only when it touches keyed state ({@link KeySwitch}). */
    private transient boolean deferKeys;
    /** The woken ticket whose key is not set on the backend yet; null outside a wake-up or once set. */
    private transient String deferredKey;

    public SlaEnforcerOperator(SlaEnforcer enforcer) {
        super(enforcer, List.of(SlaEnforcer.POLICIES));
        this.enforcer = enforcer;
    }

    @Override
    public void open() throws Exception {
        // not isSafeToReuseKVState(): RocksDB answers false with heap timers, which says nothing about its values
        deferKeys = getKeyedStateBackend() instanceof RocksDBKeyedStateBackend;
        if (deferKeys) {
            enforcer.writeBackThrough(this);
        }
        super.open();
        enforcer.rescheduleRestored(getKeyedStateBackend());
        lastWatermark = Long.MIN_VALUE;
        // how far the event time the enforcer decides at trails the wall clock, computed when scraped: a stalled
        // watermark shows a growing lag although no new watermark arrives; -1 before the first (and after the last)
        getMetricGroup().gauge("slaWatermarkLagMs", this::watermarkLagMs);
    }

    long watermarkLagMs() {
        long w = lastWatermark;
        return w == Long.MIN_VALUE || w == Long.MAX_VALUE ? -1 : System.currentTimeMillis() - w;
    }

    @Override
    public void processWatermark(Watermark mark) throws Exception {
        WakeUpQueue wakeUps = enforcer.wakeUps();
        long watermark = mark.getTimestamp();
        lastWatermark = watermark;
        while (!wakeUps.isEmpty() && wakeUps.peekTime() <= watermark) {
            WakeUpQueue.WakeUp due = wakeUps.poll();
            if (deferKeys) {
                // most wake-ups find their ticket cached and touch no keyed state: the onTimer context answers the
                // timer's key, and the backend's key (a hash and a serialization of the id) is set on first access
                deferredKey = due.ticket;
            } else {
                setCurrentKey(due.ticket);
            }
            onEventTime(new TimerHeapInternalTimer<>(due.time, due.ticket, VoidNamespace.INSTANCE));
            deferredKey = null;
        }
        super.processWatermark(mark);
    }

    @Override
    public void beforeStateAccess() {
        String key = deferredKey;
        if (key != null) {
            setCurrentKey(key);
        }
    }

    /** Whoever sets a key explicitly (an element, a write-back, a Flink timer) supersedes a deferred one. */
    @Override
    public void setCurrentKey(Object key) {
        deferredKey = null;
        super.setCurrentKey(key);
    }

    @Override
    public Object getCurrentKey() {
        String key = deferredKey;
        return key != null ? key : super.getCurrentKey();
    }
}
