package io.slaflow.jobs.replay;

import io.slaflow.sla.OutcomeUpdate;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedOneInput;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * A replay's outcomes on their way to {@code outcomes.jsonl}, which keeps one line per ticket × metric: the highest
 * revision, among equal ones the first to arrive ({@link ReplayFiles#OUTCOMES}). The enforcer revises an outcome as
 * its ticket moves (started, met or breached, reopened): 2.2 revisions per kept outcome in a generated history, every
 * one written out as JSON, sent to the files' sink, written to a part file, read back and sorted only to be dropped.
 * This operator keeps the best revision so far of the outcomes it saw last and passes an outcome on only when it
 * leaves that window (bounded memory: {@code capacity} outcomes, the least recently revised goes first) or at the end
 * of the input.
 *
 * <p>It drops only lines the files would drop: a revision below the one held, or equal to it and later (the first of
 * equals is the one kept). An outcome that left the window and is revised again is passed on again, and the files'
 * own rule chooses between the two, as before. The lines of one outcome keep their order, since one ticket's
 * outcomes all come from one enforcer subtask through this operator's subtask. So the files are the same bytes with or
 * without it, whatever {@code capacity}.
 *
 * <p>Replay only: it holds outcomes in memory and has no state, which is right for a bounded job without
 * checkpoints (a failed replay fails); a live job sends every revision on, as {@code sla-tickets} needs it.
 */
final class LatestOutcomes extends AbstractStreamOperator<OutcomeUpdate>
        implements OneInputStreamOperator<OutcomeUpdate, OutcomeUpdate>, BoundedOneInput {
    private static final long serialVersionUID = 1L;

    /**
     * Outcomes held at most: a few tens of MB (a record, its id, a table entry). An outcome is revised while its
     * ticket is open, so its revisions meet here while fewer than this many other outcomes are revised in between.
     */
    static final int DEFAULT_CAPACITY = 65_536;

    private final int capacity;
    /** The best revision so far per outcome id ({@link OutcomeUpdate#key}), least recently revised first. */
    private transient LinkedHashMap<String, OutcomeUpdate> held;

    LatestOutcomes(int capacity) {
        if (capacity < 1) throw new IllegalArgumentException("capacity must be at least 1");
        this.capacity = capacity;
    }

    @Override
    public void open() throws Exception {
        super.open();
        held = new LinkedHashMap<>(16, 0.75f, true);
    }

    @Override
    public void processElement(StreamRecord<OutcomeUpdate> element) {
        OutcomeUpdate u = element.getValue();
        String id = u.key();
        OutcomeUpdate best = held.get(id); // an access: this outcome is now the most recently revised
        if (best == null) {
            held.put(id, u);
            if (held.size() > capacity) {
                Iterator<Map.Entry<String, OutcomeUpdate>> eldest =
                        held.entrySet().iterator();
                passOn(eldest.next().getValue());
                eldest.remove();
            }
        } else if (u.revision() > best.revision()) {
            held.put(id, u);
        }
        // else a lower revision, or an equal one after the first: the files would not keep it
    }

    @Override
    public void endInput() {
        for (OutcomeUpdate u : held.values()) passOn(u);
        held.clear();
    }

    private void passOn(OutcomeUpdate u) {
        output.collect(new StreamRecord<>(u));
    }
}
