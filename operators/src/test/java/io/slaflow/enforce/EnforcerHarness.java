package io.slaflow.enforce;

import static org.assertj.core.api.Assertions.assertThat;

import io.slaflow.event.DeadLetter;
import io.slaflow.event.EventType;
import io.slaflow.event.TicketEvent;
import io.slaflow.sla.Escalation;
import io.slaflow.sla.OutcomeUpdate;
import io.slaflow.sla.Routing;
import io.slaflow.sla.SlaAlert;
import io.slaflow.streams.OutputTags;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.KeyedStateBackend;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.InternalTimerService;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.AbstractStreamOperatorTestHarness;
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
    EnforcerHarness(
            EnforcerSettings settings,
            OperatorSubtaskState restoreFrom,
            int maxHeldEvents,
            int parallelism,
            int subtask)
            throws Exception {
        this(settings, restoreFrom, maxHeldEvents, parallelism, subtask, null, SlaEnforcer.DEFAULT_CACHED_TICKETS);
    }

    /**
     * As above, on RocksDB in {@code rocksDbDir} with a ticket cache of {@code cachedTickets} when it is given (else
     * on the heap backend, where the enforcer caches nothing).
     */
    EnforcerHarness(
            EnforcerSettings settings,
            OperatorSubtaskState restoreFrom,
            int maxHeldEvents,
            int parallelism,
            int subtask,
            Path rocksDbDir,
            int cachedTickets)
            throws Exception {
        function = new SlaEnforcer(defaultPolicy(), settings.withHeap(maxHeldEvents, cachedTickets));
        harness = new KeyedBroadcastOperatorTestHarness<>(
                new SlaEnforcerOperator(function),
                e -> e.ticketId,
                Types.STRING,
                MAX_PARALLELISM,
                parallelism,
                subtask);
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

    /** Two subtasks restored from {@code snapshot} of one (its operator state repartitioned as Flink would). */
    static List<EnforcerHarness> restoredOnTwoSubtasks(OperatorSubtaskState snapshot, int maxHeldEvents)
            throws Exception {
        List<EnforcerHarness> two = new ArrayList<>();
        try {
            for (int i = 0; i < 2; i++) {
                two.add(new EnforcerHarness(
                        EnforcerSettings.live(),
                        AbstractStreamOperatorTestHarness.repartitionOperatorState(snapshot, MAX_PARALLELISM, 1, 2, i),
                        maxHeldEvents,
                        2,
                        i));
            }
            return two;
        } catch (Exception e) {
            for (EnforcerHarness h : two) h.close();
            throw e;
        }
    }

    static PolicyVersion defaultPolicy() {
        try {
            return new PolicyVersion(
                    "default-2026.11", Files.readString(DEFAULT_POLICY), DEFAULT_POLICY.toString(), Long.MIN_VALUE);
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
        return side(OutputTags.ESCALATIONS);
    }

    List<OutcomeUpdate> outcomes() {
        return side(OutputTags.OUTCOMES);
    }

    List<DeadLetter> deadLetters() {
        return side(OutputTags.DEAD_LETTERS);
    }

    List<Routing> routings() {
        return side(OutputTags.ROUTING);
    }

    List<TicketEvent> escalatedTicketEvents() {
        return side(OutputTags.ESCALATED_TICKET_EVENTS);
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
        KeyedStateBackend<?> backend =
                ((AbstractStreamOperator<?>) harness.getTwoInputOperator()).getKeyedStateBackend();
        return (int) backend.getKeys("ticket", VoidNamespace.INSTANCE).count();
    }

    /**
     * The wake-ups that still have work: per ticket, the distinct instants it must be looked at again (its held and
     * buffered events' times and its next wake-up), each checked to be in the enforcer's queue, where entries that
     * moved wait harmlessly until they come due. Flink timers are counted too: the enforcer registers none.
     */
    int scheduledWakeUps() throws Exception {
        Map<String, Set<Long>> queued = new HashMap<>();
        function.wakeUps()
                .forEach((t, ticket) ->
                        queued.computeIfAbsent(ticket, k -> new HashSet<>()).add(t));
        Map<String, Set<Long>> needed = new HashMap<>();
        function.held()
                .forEach(e ->
                        needed.computeIfAbsent(e.ticketId, k -> new HashSet<>()).add(e.occurredAt));
        KeyedStateBackend<String> backend = keyedBackend();
        Object current = backend.getCurrentKey();
        for (String ticket : backend.getKeys("ticket", VoidNamespace.INSTANCE).toList()) {
            backend.setCurrentKey(ticket);
            EnforcedTicket t = function.currentTicket(ticket);
            Set<Long> times = needed.computeIfAbsent(ticket, k -> new HashSet<>());
            if (t.wakeAt >= 0) {
                times.add(t.wakeAt);
            }
            for (TicketEvent e : t.pending) {
                times.add(e.occurredAt);
            }
        }
        if (current != null) {
            backend.setCurrentKey((String) current);
        }
        int count = harness.numEventTimeTimers();
        for (Map.Entry<String, Set<Long>> ticket : needed.entrySet()) {
            assertThat(queued.getOrDefault(ticket.getKey(), Set.of()))
                    .as("the wake-up queue holds every instant ticket %s needs", ticket.getKey())
                    .containsAll(ticket.getValue());
            count += ticket.getValue().size();
        }
        return count;
    }

    /** Registers a Flink timer at every instant in the wake-up queue, as versions before the queue scheduled tickets. */
    void registerFlinkTimersAtEveryWakeUp() {
        SlaEnforcerOperator operator = (SlaEnforcerOperator) harness.getTwoInputOperator();
        InternalTimerService<VoidNamespace> timers =
                operator.getInternalTimerService("user-timers", VoidNamespaceSerializer.INSTANCE, operator);
        function.wakeUps().forEach((t, ticket) -> {
            operator.setCurrentKey(ticket);
            timers.registerEventTimeTimer(VoidNamespace.INSTANCE, t);
        });
    }

    /** Every ticket in keyed state, as the enforcer sees it (through its cache), in key order. */
    List<EnforcedTicket> tickets() throws Exception {
        KeyedStateBackend<String> backend = keyedBackend();
        Object current = backend.getCurrentKey();
        List<EnforcedTicket> out = new ArrayList<>();
        for (String ticket :
                backend.getKeys("ticket", VoidNamespace.INSTANCE).sorted().toList()) {
            backend.setCurrentKey(ticket);
            out.add(function.currentTicket(ticket));
        }
        if (current != null) {
            backend.setCurrentKey((String) current);
        }
        return out;
    }

    /**
     * Every tombstone as the enforcer reads it (Flink's TTL returns none once expired; whether it still counts for an
     * event is the enforcer's event-time rule), by ticket id.
     */
    Map<String, Tombstone> tombstones() throws Exception {
        KeyedStateBackend<String> backend = keyedBackend();
        Object current = backend.getCurrentKey();
        Map<String, Tombstone> out = new java.util.TreeMap<>();
        for (String ticket :
                backend.getKeys("tombstone", VoidNamespace.INSTANCE).toList()) {
            backend.setCurrentKey(ticket);
            Tombstone t = function.currentTombstone();
            if (t != null) {
                out.put(ticket, t);
            }
        }
        if (current != null) {
            backend.setCurrentKey((String) current);
        }
        return out;
    }

    /** Entries in the tombstone state, expired ones not yet removed included (nothing is read). */
    int tombstoneStateEntries() {
        return (int) keyedBackend().getKeys("tombstone", VoidNamespace.INSTANCE).count();
    }

    /** Sets the processing time Flink's state TTL reads (the harness starts it at 0). */
    void ttlClock(java.time.Duration sinceStart) {
        harness.setStateTtlProcessingTime(sinceStart.toMillis());
    }

    /** Entries in the wake-up queue, including those no longer needed (they leave when they come due). */
    int wakeUpQueueSize() {
        return function.wakeUps().size();
    }

    @SuppressWarnings("unchecked")
    private KeyedStateBackend<String> keyedBackend() {
        return (KeyedStateBackend<String>) (KeyedStateBackend<?>)
                ((AbstractStreamOperator<?>) harness.getTwoInputOperator()).getKeyedStateBackend();
    }

    OperatorSubtaskState snapshot() throws Exception {
        return harness.snapshot(1L, 1L);
    }

    @Override
    public void close() throws Exception {
        harness.close();
    }
}
