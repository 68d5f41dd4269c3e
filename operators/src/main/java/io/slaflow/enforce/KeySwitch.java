package io.slaflow.enforce;

import org.apache.flink.streaming.api.operators.KeyContext;

/**
 * The enforcer operator's current key on RocksDB, where setting it costs a hash and a serialization of the ticket id:
 * a wake-up ({@link SlaEnforcerOperator#processWatermark}) leaves it unset, since most find their ticket in the
 * {@link TicketCache} and touch no keyed state, and whatever reads or writes keyed state calls
 * {@link #beforeStateAccess} first, which sets it then. An element's key is set by Flink before it is processed, as
 * always.
 */
interface KeySwitch extends KeyContext {
    /** Sets the backend's key to the ticket being woken if the wake-up has not set it yet; else does nothing. */
    void beforeStateAccess();
}
