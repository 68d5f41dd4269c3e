package io.slaflow.enforce;

import io.slaflow.event.TicketEvent;
import io.slaflow.sla.SlaAlert;
import java.util.List;
import org.apache.flink.state.rocksdb.RocksDBKeyedStateBackend;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator;

/**
 * The operator that runs {@link SlaEnforcer}: Flink's keyed-broadcast operator, plus one thing a function cannot do
 * itself, switching the current key. With it the enforcer caches tickets in front of RocksDB and writes them back
 * when one is evicted or a checkpoint is taken ({@link TicketCache}), instead of one state read and one write per
 * event. RocksDB only: it serializes a value when it is written, while the heap backend stores the object itself and
 * shares it with running snapshots, so a cached object must not be changed after it was written there.
 *
 * <p>Build it with {@code keyedEvents.connect(policies.broadcast()).transform(..., new SlaEnforcerOperator(enforcer))}.
 */
public final class SlaEnforcerOperator extends CoBroadcastWithKeyedOperator<String, TicketEvent, PolicyVersion, SlaAlert> {
    private static final long serialVersionUID = 1L;

    public SlaEnforcerOperator(SlaEnforcer enforcer) {
        super(enforcer, List.of(SlaEnforcer.POLICIES));
    }

    @Override
    public void open() throws Exception {
        // not isSafeToReuseKVState(): RocksDB answers false with heap timers, which says nothing about its values
        if (getKeyedStateBackend() instanceof RocksDBKeyedStateBackend) {
            ((SlaEnforcer) userFunction).writeBackThrough(this);
        }
        super.open();
    }
}
