package io.slaflow.enforce;

import io.slaflow.event.DeadLetter;
import io.slaflow.event.EventType;
import io.slaflow.event.TicketEvent;
import io.slaflow.sla.Escalation;
import io.slaflow.sla.OutcomeUpdate;
import io.slaflow.sla.SlaAlert;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.KeyedStateBackend;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.util.OutputTag;

/** Drives one {@link SlaEnforcer} through Flink's keyed-broadcast operator harness, in event-time terms. */
final class EnforcerHarness implements AutoCloseable {
    static final Path DEFAULT_POLICY = Path.of("../infra/policies/default.yaml");
    static final int MAX_PARALLELISM = 128;

    final SlaEnforcer function;
    final KeyedBroadcastOperatorTestHarness<String, TicketEvent, PolicyVersion, SlaAlert> harness;
    private int eventSeq;

    EnforcerHarness(EnforcerSettings settings) throws Exception {
        this(settings, null);
    }

    EnforcerHarness(EnforcerSettings settings, OperatorSubtaskState restoreFrom) throws Exception {
        this(settings, restoreFrom, SlaEnforcer.DEFAULT_MAX_HELD_EVENTS, 1, 0);
    }

    /** Subtask {@code subtask} of {@code parallelism}, holding at most {@code maxHeldEvents} on its heap. */
    EnforcerHarness(EnforcerSettings settings, OperatorSubtaskState restoreFrom, int maxHeldEvents, int parallelism,
                    int subtask) throws Exception {
        this(settings, restoreFrom, maxHeldEvents, parallelism, subtask, null, SlaEnforcer.DEFAULT_CACHED_TICKETS);
    }

    /**
     * As above, on RocksDB in {@code rocksDbDir} with a ticket cache of {@code cachedTickets} when it is given (else
     * on the heap backend, where the enforcer caches nothing).
     */
    EnforcerHarness(EnforcerSettings settings, OperatorSubtaskState restoreFrom, int maxHeldEvents, int parallelism,
                    int subtask, Path rocksDbDir, int cachedTickets) throws Exception {
        function = new SlaEnforcer(defaultPolicy(), settings.withHeap(maxHeldEvents, cachedTickets));
        harness = new KeyedBroadcastOperatorTestHarness<>(new SlaEnforcerOperator(function), e -> e.ticketId, Types.STRING,
                MAX_PARALLELISM, parallelism, subtask);
        if (rocksDbDir != null) {
            EmbeddedRocksDBStateBackend rocksDb = new EmbeddedRocksDBStateBackend(true);
            rocksDb.setDbStoragePath(rocksDbDir.toString());
            harness.setStateBackend(rocksDb);
        }
        harness.setup();
        if (restoreFrom == null) {
            harness.initializeEmptyState();
        } else {
            harness.initializeState(restoreFrom);
        }
        harness.open();
        harness.processBroadcastWatermark(Long.MAX_VALUE); // policies never hold event time back
    }

    static PolicyVersion defaultPolicy() {
        try {
            return new PolicyVersion("default-2026.11", Files.readString(DEFAULT_POLICY), DEFAULT_POLICY.toString(), Long.MIN_VALUE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static long at(String iso) {
        return Instant.parse(iso).toEpochMilli();
    }

    TicketEvent event(String ticket, String client, EventType type, String iso) {
        return new TicketEvent(ticket + "-e" + (++eventSeq), ticket, client, type, at(iso));
    }

    TicketEvent created(String ticket, String client, String iso, String subject) {
        TicketEvent e = event(ticket, client, EventType.CREATED, iso);
        e.subject = subject;
        e.source = "portal";
        e.assignee = "first.line";
        return e;
    }

    void send(TicketEvent e) throws Exception {
        harness.processElement(e, e.occurredAt);
    }

    void watermark(String iso) throws Exception {
        harness.processWatermark(at(iso));
    }

    void policy(PolicyVersion v) throws Exception {
        harness.processBroadcastElement(v, 0L);
    }

    List<SlaAlert> alerts() {
        return harness.extractOutputValues();
    }

    List<Escalation> escalations() {
        return side(SlaEnforcer.ESCALATIONS);
    }

    List<OutcomeUpdate> outcomes() {
        return side(SlaEnforcer.OUTCOMES);
    }

    List<DeadLetter> deadLetters() {
        return side(SlaEnforcer.DEAD_LETTERS);
    }

    List<TicketEvent> escalatedTicketEvents() {
        return side(SlaEnforcer.ESCALATED_TICKET_EVENTS);
    }

    private <T> List<T> side(OutputTag<T> tag) {
        Queue<StreamRecord<T>> q = harness.getSideOutput(tag);
        List<T> out = new ArrayList<>();
        if (q != null) {
            q.forEach(r -> out.add(r.getValue()));
        }
        return out;
    }

    /** Tickets with keyed state (on RocksDB with a cache: as of the last write-back, e.g. a {@link #snapshot}). */
    int keyedStateEntries() {
        KeyedStateBackend<?> backend = ((AbstractStreamOperator<?>) harness.getTwoInputOperator()).getKeyedStateBackend();
        return (int) backend.getKeys("ticket", VoidNamespace.INSTANCE).count();
    }

    int eventTimeTimers() {
        return harness.numEventTimeTimers();
    }

    OperatorSubtaskState snapshot() throws Exception {
        return harness.snapshot(1L, 1L);
    }

    @Override
    public void close() throws Exception {
        harness.close();
    }
}
