package io.slaflow.enforce;

import io.slaflow.sla.RetentionRules;
import java.time.Duration;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;

/**
 * The purged tickets' {@link Tombstone}s in their keyed state: written at a purge, read only by an event that finds
 * no SLA state, under the current key. Whether one is kept and for which events it counts is
 * {@link RetentionRules}'; this class only stores them.
 */
final class Tombstones implements TombstoneStore {
    /** Heap backend: tombstones checked for expiry at each access of the tombstone state (about one per purge). */
    static final int TTL_CLEANUP_PER_ACCESS = 10;
    /** RocksDB: entries the compaction filter processes before it reads the current time again (Flink's default). */
    static final long TTL_COMPACTION_QUERY_AFTER_ENTRIES = 1000;

    private final ValueState<Tombstone> state;
    private final RetentionRules retention;
    /** The operator's key switch on RocksDB, whose wake-ups set the key only when state is touched; else null. */
    private final KeySwitch keys;

    Tombstones(ValueState<Tombstone> state, RetentionRules retention, KeySwitch keys) {
        this.state = state;
        this.retention = retention;
        this.keys = keys;
    }

    /**
     * The current key's tombstone if it speaks for an event at {@code t} (event time: before its expiry), else null.
     * Past its expiry a tombstone Flink's TTL has not removed yet changes nothing: the event gets the plain message, as
     * it would once the tombstone is gone.
     */
    @Override
    public Tombstone countingAt(long t) throws Exception {
        if (!retention.keepsTombstones()) {
            return null;
        }
        beforeStateAccess();
        Tombstone tombstone = state.value();
        return tombstone != null && retention.tombstoneCountsAt(tombstone.purgedAt(), t) ? tombstone : null;
    }

    /** Stores the current key's tombstone (a reused id's earlier one is overwritten). */
    @Override
    public void write(Tombstone tombstone) throws Exception {
        if (retention.keepsTombstones()) {
            beforeStateAccess();
            state.update(tombstone);
        }
    }

    private void beforeStateAccess() {
        if (keys != null) {
            keys.beforeStateAccess();
        }
    }

    /** The current key's tombstone as Flink's TTL shows it (null once expired), whether it counts or not. */
    Tombstone current() throws Exception {
        beforeStateAccess();
        return state.value();
    }

    /**
     * The purged tickets' tombstones: a keyed state of their own (on RocksDB its own column family, so the live
     * tickets' reads never wade through them), removed by Flink's state TTL some time after they stop counting.
     *
     * <p>The TTL is two resolved retentions in <em>processing</em> time, since Flink's TTL knows no event time; the
     * event-time rule itself is checked when a tombstone is read ({@link #countingAt}), so the TTL only decides
     * when the bytes go, never what an event is told. That is enough because a live job's event time tracks the wall
     * clock (a tombstone goes about when its event-time expiry passes), while a bounded replay ends long before any
     * TTL runs out and its state is discarded with it. The TTL counts from the write, so a reused id's newer tombstone
     * gets its own full lifetime. Cleanup: a full snapshot (the heap backend's checkpoints, every savepoint) leaves
     * expired entries out, RocksDB's compaction filter drops them as it compacts, the heap backend checks a few at each
     * access of this state (every purge is one; best effort), and an expired tombstone not yet removed is never
     * returned.
     */
    static ValueStateDescriptor<Tombstone> descriptor(long resolvedRetentionMs) {
        ValueStateDescriptor<Tombstone> descriptor =
                new ValueStateDescriptor<>("tombstone", TombstoneSerializer.INSTANCE);
        long lifetime = Tombstone.lifetimeMs(resolvedRetentionMs);
        if (lifetime > 0) {
            descriptor.enableTimeToLive(StateTtlConfig.newBuilder(Duration.ofMillis(lifetime))
                    .setUpdateType(StateTtlConfig.UpdateType.OnCreateAndWrite)
                    .setStateVisibility(StateTtlConfig.StateVisibility.NeverReturnExpired)
                    .cleanupFullSnapshot()
                    .cleanupIncrementally(TTL_CLEANUP_PER_ACCESS, false)
                    .cleanupInRocksdbCompactFilter(TTL_COMPACTION_QUERY_AFTER_ENTRIES)
                    .build());
        }
        return descriptor;
    }
}
