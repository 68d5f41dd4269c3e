package io.slaflow.enforce;

import org.apache.flink.api.common.state.ValueState;

/**
 * The enforcer's tickets in Flink keyed state. On RocksDB ({@code keys} given, see
 * {@link SlaEnforcerOperator}) they are cached as objects in front of it ({@link TicketCache}) and written back when
 * evicted or flushed, which switches the operator's current key to the evicted ticket's and back; a wake-up sets the
 * key only when it misses the cache ({@link KeySwitch}); on the heap backend every access goes to state, whose stored
 * objects a running snapshot shares and which must therefore not be cached and changed after they were written.
 */
final class KeyedTicketStore implements TicketStore {
    private final ValueState<EnforcedTicket> state;
    /** The operator's key switch; null on the heap backend. */
    private final KeySwitch keys;
    /** Null: every access goes to state. */
    private final TicketCache cache;

    /**
     * @param keys          the operator's key switch on RocksDB, null on the heap backend
     * @param cachedTickets the cache's capacity; 0: no cache
     */
    KeyedTicketStore(ValueState<EnforcedTicket> state, KeySwitch keys, int cachedTickets) {
        this.state = state;
        this.keys = keys;
        this.cache = keys != null && cachedTickets > 0 ? new TicketCache(cachedTickets, this::writeUnderKey) : null;
    }

    @Override
    public EnforcedTicket load(String ticket) throws Exception {
        if (cache == null) {
            beforeStateAccess();
            return state.value();
        }
        EnforcedTicket cached = cache.get(ticket);
        if (cached != TicketCache.NOT_CACHED) {
            return cached;
        }
        beforeStateAccess();
        EnforcedTicket value = state.value();
        if (cache.loaded(ticket, value)) {
            restoreKey(ticket);
        }
        return value;
    }

    /**
     * Through the cache, a ticket created and purged between two write-backs never reaches state at all, and a purged
     * one gives its slot up.
     */
    @Override
    public void store(String ticket, EnforcedTicket value) throws Exception {
        EnforcedTicket kept = value.isEmpty() ? null : value;
        if (cache == null) {
            beforeStateAccess();
            write(kept);
        } else if (cache.put(ticket, kept)) {
            restoreKey(ticket);
        }
    }

    @Override
    public void flush() throws Exception {
        if (cache != null) {
            Object current = keys.getCurrentKey();
            cache.flush();
            restoreKey(current);
        }
    }

    @Override
    public int cached() {
        return cache == null ? 0 : cache.size();
    }

    /**
     * The current key's value as state holds it, past the cache: for the restore, which reads every ticket once
     * before the cache holds any (and must not fill it, nor switch keys while the backend lists them).
     */
    EnforcedTicket restoredValue() throws Exception {
        return state.value();
    }

    /** Rewrites the current key's value past the cache, during the restore ({@link #restoredValue}). */
    void rewriteRestored(EnforcedTicket value) throws Exception {
        write(value.isEmpty() ? null : value);
    }

    private void write(EnforcedTicket value) throws Exception {
        if (value == null) {
            state.clear();
        } else {
            state.update(value);
        }
    }

    private void writeUnderKey(String ticket, EnforcedTicket value) throws Exception {
        keys.setCurrentKey(ticket);
        write(value);
    }

    private void beforeStateAccess() {
        if (keys != null) {
            keys.beforeStateAccess();
        }
    }

    private void restoreKey(Object key) {
        if (key != null) {
            keys.setCurrentKey(key);
        }
    }
}
