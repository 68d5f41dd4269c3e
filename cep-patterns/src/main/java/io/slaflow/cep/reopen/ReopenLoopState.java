package io.slaflow.cep.reopen;

import io.slaflow.cep.SlaSignal;

/**
 * One ticket's reopen-loop state, a Flink POJO (public fields, arrays of the {@code SlaSignal} POJO: no Kryo).
 *
 * <p>{@code taken} are the resolutions and reopens that the loops still open on this ticket consist of, in the order
 * they were applied, with their event times in {@code takenAt}. A resolution either <em>starts</em> a loop (every
 * resolution does) and, when it arrives while the loops wait for a resolution, also <em>continues</em> them; a reopen
 * continues them when they wait for a reopen. {@code flags} marks each entry ({@link #STARTS}, {@link #CONTINUES}).
 * A loop starting at entry {@code i} consists of entry {@code i} and every later entry that continues.
 *
 * <p>{@code pending} holds the signals that event time has not reached yet (with their record times in
 * {@code pendingAt}): they are applied, in {@code SignalOrder}, once the watermark passes them. {@code cleanupAt} is the
 * event time of the timer that drops the state once every open loop has run out of time (Long.MIN_VALUE: none).
 */
public class ReopenLoopState {
    public static final byte STARTS = 1;
    public static final byte CONTINUES = 2;

    public SlaSignal[] taken = new SlaSignal[0];
    public long[] takenAt = new long[0];
    public byte[] flags = new byte[0];

    public SlaSignal[] pending = new SlaSignal[0];
    public long[] pendingAt = new long[0];

    public long cleanupAt = Long.MIN_VALUE;

    public ReopenLoopState() {}

    /** No loop open and nothing waiting for event time: the state can go. */
    public boolean isEmpty() {
        return taken.length == 0 && pending.length == 0;
    }
}
