package io.slaflow.enforce;

import java.util.Arrays;

/**
 * The instants at which one enforcer subtask must look at a ticket again (a held event comes due, a warning, a
 * breach, an escalation, a purge), earliest first: a binary min-heap of {@link WakeUp}s that know their place in it.
 * It replaces Flink's timer service, whose every registration, deletion and firing went through a de-duplication
 * hash map keyed by timer object and a key-group index (a third of the enforcer's time, BENCHMARKS.md, "Fourth
 * pass"). Here adding is a sift up, and cancelling is a sift from the entry's own slot, found through the handle the
 * ticket keeps ({@link EnforcedTicket#wakeUp}); nothing is ever searched for.
 *
 * <p>A ticket that lost its handle (written back to RocksDB and read again, restored) cannot cancel its wake-up:
 * that entry stays until it comes due and the enforcer then recognises it as no longer needed.
 *
 * <p>Not checkpointed: every entry can be derived from keyed state and the held events, and the enforcer does so on
 * restore ({@link SlaEnforcer#rescheduleRestored}).
 */
final class WakeUpQueue {
    private static final int INITIAL_CAPACITY = 1024;

    /** One entry: a ticket to look at again at {@link #time}. */
    static final class WakeUp {
        final long time;
        final String ticket;
        /** Its slot in the heap, -1 once polled or cancelled. */
        private int index = -1;

        private WakeUp(long time, String ticket) {
            this.time = time;
            this.ticket = ticket;
        }

        boolean isQueued() {
            return index >= 0;
        }
    }

    private WakeUp[] heap = new WakeUp[INITIAL_CAPACITY];
    private int size;

    /** Schedules {@code ticket} at {@code time}; the handle cancels it. */
    WakeUp add(long time, String ticket) {
        if (size == heap.length) {
            heap = Arrays.copyOf(heap, size * 2);
        }
        WakeUp w = new WakeUp(time, ticket);
        siftUp(size++, w);
        return w;
    }

    /** Removes {@code w} if it is still queued (a polled or cancelled one is left alone). */
    void cancel(WakeUp w) {
        int at = w.index;
        if (at < 0) {
            return;
        }
        w.index = -1;
        WakeUp last = heap[--size];
        heap[size] = null;
        if (at < size) {
            if (at > 0 && last.time < heap[(at - 1) >>> 1].time) {
                siftUp(at, last);
            } else {
                siftDown(at, last);
            }
        }
        shrinkIfDrained();
    }

    boolean isEmpty() {
        return size == 0;
    }

    /** The earliest entry's time; only when the queue is not empty. */
    long peekTime() {
        return heap[0].time;
    }

    /** Removes and returns the earliest entry. */
    WakeUp poll() {
        WakeUp first = heap[0];
        first.index = -1;
        WakeUp last = heap[--size];
        heap[size] = null;
        if (size > 0) {
            siftDown(0, last);
        }
        shrinkIfDrained();
        return first;
    }

    int size() {
        return size;
    }

    /** Visits every entry, in no particular order (tests, diagnostics). */
    void forEach(Entry action) {
        for (int i = 0; i < size; i++) {
            action.accept(heap[i].time, heap[i].ticket);
        }
    }

    void clear() {
        for (int i = 0; i < size; i++) {
            heap[i].index = -1;
            heap[i] = null;
        }
        size = 0;
    }

    @FunctionalInterface
    interface Entry {
        void accept(long time, String ticket);
    }

    private void siftUp(int at, WakeUp w) {
        while (at > 0) {
            int parent = (at - 1) >>> 1;
            WakeUp p = heap[parent];
            if (p.time <= w.time) {
                break;
            }
            place(at, p);
            at = parent;
        }
        place(at, w);
    }

    private void siftDown(int at, WakeUp w) {
        int half = size >>> 1;
        while (at < half) {
            int child = 2 * at + 1;
            WakeUp c = heap[child];
            int right = child + 1;
            if (right < size && heap[right].time < c.time) {
                child = right;
                c = heap[right];
            }
            if (w.time <= c.time) {
                break;
            }
            place(at, c);
            at = child;
        }
        place(at, w);
    }

    private void place(int at, WakeUp w) {
        heap[at] = w;
        w.index = at;
    }

    private void shrinkIfDrained() {
        if (heap.length > INITIAL_CAPACITY && size < heap.length / 4) {
            heap = Arrays.copyOf(heap, heap.length / 2); // a backlog drained: give the memory back
        }
    }
}
