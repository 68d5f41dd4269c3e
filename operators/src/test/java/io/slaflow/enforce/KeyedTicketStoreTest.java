package io.slaflow.enforce;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.state.ValueState;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The keyed-state store over a stand-in for Flink's keyed value state: one value per key, the key being whatever was
 * set last, as in Flink. With a cache of one ticket every second ticket touched evicts the other, so the key
 * switching of a write-back is exercised on every call.
 */
class KeyedTicketStoreTest {
    /**
     * Keyed state and the operator's current key, as Flink's keyed backend has them, with a key deferred as a wake-up
     * on RocksDB defers it ({@link KeySwitch}): set on the first state access, superseded by an explicit one.
     */
    static final class FakeKeyedState implements ValueState<EnforcedTicket>, KeySwitch {
        final Map<Object, EnforcedTicket> values = new HashMap<>();
        Object currentKey;
        Object deferredKey;
        int writes;

        void defer(Object key) {
            deferredKey = key;
        }

        @Override
        public void beforeStateAccess() {
            if (deferredKey != null) {
                setCurrentKey(deferredKey);
            }
        }

        @Override
        public EnforcedTicket value() {
            return values.get(currentKey);
        }

        @Override
        public void update(EnforcedTicket value) {
            writes++;
            values.put(currentKey, value);
        }

        @Override
        public void clear() {
            writes++;
            values.remove(currentKey);
        }

        @Override
        public void setCurrentKey(Object key) {
            deferredKey = null;
            currentKey = key;
        }

        @Override
        public Object getCurrentKey() {
            return currentKey;
        }
    }

    /** The contract over a fresh {@link FakeKeyedState}, whose current key is the one each call is made under. */
    abstract class OverFakeKeyedState extends TicketStoreContract {
        final FakeKeyedState state = new FakeKeyedState();
        final KeyedTicketStore store;

        /** @param writeBack whether the store switches the state's key itself (RocksDB), else it never does (heap) */
        OverFakeKeyedState(boolean writeBack, int cachedTickets) {
            store = new KeyedTicketStore(state, writeBack ? state : null, cachedTickets);
        }

        @Override
        TicketStore store() {
            return store;
        }

        @Override
        void underKey(String ticket) {
            state.setCurrentKey(ticket);
        }

        @Override
        EnforcedTicket inState(String ticket) {
            return state.values.get(ticket);
        }
    }

    @Nested
    class OnTheHeapBackend extends OverFakeKeyedState {
        OnTheHeapBackend() {
            super(false, SlaEnforcer.DEFAULT_CACHED_TICKETS);
        }

        @Test
        void everyStoreGoesToState() throws Exception {
            store("T-1", open("T-1"));
            assertThat(state.writes).isEqualTo(1);
            assertThat(store.cached()).as("the heap backend caches nothing").isZero();
        }
    }

    @Nested
    class OnRocksDbWithACacheOfOne extends OverFakeKeyedState {
        OnRocksDbWithACacheOfOne() {
            super(true, 1);
        }

        @Test
        void aStoreIsWrittenBackOnlyWhenEvicted() throws Exception {
            store("T-1", open("T-1"));
            assertThat(state.writes).isZero();
            assertThat(store.cached()).isEqualTo(1);

            load("T-2"); // evicts T-1, writing it under its own key
            assertThat(state.values.get("T-1").sla.ticketId).isEqualTo("T-1");
            assertThat(state.currentKey).as("the current key is given back").isEqualTo("T-2");
        }

        @Test
        void aWakeUpsDeferredKeyIsSetOnlyWhenStateIsRead() throws Exception {
            store("T-1", open("T-1"));
            state.setCurrentKey("T-0");
            state.defer("T-1");
            assertThat(store.load("T-1").sla.ticketId).isEqualTo("T-1");
            assertThat(state.currentKey).as("a cached ticket touches no state").isEqualTo("T-0");

            state.values.put("T-2", open("T-2"));
            state.defer("T-2");
            assertThat(store.load("T-2").sla.ticketId)
                    .as("a miss reads state under the woken ticket's key")
                    .isEqualTo("T-2");
            assertThat(state.values.get("T-1").sla.ticketId)
                    .as("and the eviction it causes writes under the evicted one's")
                    .isEqualTo("T-1");
            assertThat(state.currentKey).isEqualTo("T-2");
        }

        @Test
        void aFlushWritesBackAndGivesTheCurrentKeyBack() throws Exception {
            store("T-1", open("T-1"));
            state.setCurrentKey("T-9");
            store.flush();
            assertThat(state.values).containsKey("T-1");
            assertThat(state.currentKey).isEqualTo("T-9");
        }

        @Test
        void aTicketCreatedAndPurgedBetweenWriteBacksNeverReachesState() throws Exception {
            assertThat(load("T-1")).isNull();
            EnforcedTicket t = open("T-1");
            store("T-1", t);
            t.sla = null;
            store("T-1", t);
            store.flush();
            assertThat(state.writes).isZero();
            assertThat(store.cached()).as("a purged ticket gives its slot up").isZero();
        }

        @Test
        void theRestoreReadsAndRewritesPastTheCache() throws Exception {
            state.setCurrentKey("T-1");
            state.values.put("T-1", open("T-1"));
            EnforcedTicket restored = store.restoredValue();
            restored.sla = null;
            store.rewriteRestored(restored);
            assertThat(state.values).doesNotContainKey("T-1");
            assertThat(store.cached()).isZero();
        }
    }
}
