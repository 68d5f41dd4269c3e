package io.slaflow.es;

/**
 * Whether the sink's input is being caught up: its watermark trails the wall clock by more than the configured lag (a
 * backlog being drained, a restart after an outage, a re-run of old history). Then the timed flush, which exists for
 * freshness, is held back: a document's updates come hours apart in event time but about a second apart in wall time, and
 * sending them every second wrote each ticket document 4.8 times and each adherence document 2.1 times (BENCHMARKS.md,
 * "Full stack"). Held back, they fold in the buffer ({@link EsBulkWriter}) until it is full or a checkpoint flushes
 * it. Nobody waits for a sub-second refresh of a figure weeks old; once the watermark is within the lag again, the
 * timed flush runs as before. What ends up in Elasticsearch is the same either way: only when it is sent changes.
 *
 * <p>No watermark yet ({@code Long.MIN_VALUE}) and the end of input ({@code Long.MAX_VALUE}) count as live.
 */
final class CatchUp {
    private final long lagMillis;
    private long watermark = Long.MIN_VALUE;

    CatchUp(long lagMillis) {
        this.lagMillis = lagMillis;
    }

    void watermark(long timestamp) {
        watermark = timestamp;
    }

    /** Whether the input's event time trails {@code now} (the writer's processing time) by more than the lag. */
    boolean catchingUpAt(long now) {
        return watermark != Long.MIN_VALUE && watermark != Long.MAX_VALUE && now - watermark > lagMillis;
    }
}
