package io.slaflow.cep.reopen;

import io.slaflow.cep.ChainAlert;
import io.slaflow.cep.Evidence;
import io.slaflow.cep.SlaSignal;
import io.slaflow.policy.ChainSettings;
import io.slaflow.policy.SlaPolicy;
import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The reopen-loop chain as a counting rule over one ticket's resolutions and reopens, without CEP: the ticket is
 * resolved and then reopened {@code count} times (default 2), all within {@code within} (default 7 days) of the first
 * resolution. It gives exactly the alerts the CEP pattern it replaces gave (a group pattern "resolved, followed by
 * reopened" repeated {@code count} times, {@code within}, skip past the last event), for the same signals applied in
 * the same order; {@code ReopenLoopEquivalenceProperties} checks that against the CEP pattern on random sequences.
 *
 * <p>How the CEP pattern behaves, which this reproduces:
 * <ul>
 *   <li>Every resolution starts a loop. A loop waiting for a reopen takes the first reopen and ignores resolutions; a
 *       loop waiting for a resolution takes the first resolution and ignores reopens. Loops started earlier see every
 *       signal later ones see, so all open loops wait for the same kind of signal, and the oldest has the most cycles.
 *   <li>A loop runs out when a signal {@code within} or more after its first resolution is applied (it is dropped
 *       before that signal counts).
 *   <li>When the oldest open loop completes its {@code count}-th cycle, that loop is the alert, and every open loop
 *       goes with it (skip past the last event: none of them may reuse a signal up to the alert's last one).
 * </ul>
 * So a ticket needs no partial matches: the signals of its open loops, each marked as starting a loop and/or
 * continuing the open ones ({@link ReopenLoopState}).
 *
 * <p>Pure and Flink-free; {@link ReopenLoopFunction} runs it per ticket in event time.
 */
public final class ReopenLoopRule implements Serializable {
    private static final long serialVersionUID = 1L;

    public static final String NAME = "reopen-loop";

    private final int count;
    private final Duration within;
    private final long withinMillis;

    public ReopenLoopRule(int count, Duration within) {
        if (count < 1 || count > ChainSettings.MAX_COUNT) {
            throw new IllegalArgumentException("count must be 1.." + ChainSettings.MAX_COUNT + ": " + count);
        }
        if (within.isNegative() || within.isZero()) {
            throw new IllegalArgumentException("within must be positive: " + within);
        }
        this.count = count;
        this.within = within;
        this.withinMillis = within.toMillis();
    }

    public static ReopenLoopRule from(SlaPolicy policy) {
        ChainSettings c = policy.chains();
        return new ReopenLoopRule(c.reopenLoopCount(), c.reopenLoopWithin());
    }

    public int count() {
        return count;
    }

    public Duration within() {
        return within;
    }

    /** Resolutions and reopens: the only signals the rule looks at. */
    public boolean relevant(SlaSignal s) {
        return s.is(SlaSignal.Kind.RESOLVED) || s.is(SlaSignal.Kind.REOPENED);
    }

    /** The rule runs per ticket. */
    public String keyOf(SlaSignal s) {
        return s.ticketId;
    }

    /**
     * Drops the loops that have run out at event time {@code time}: those whose first resolution is {@code within} or
     * more before it. Call it before applying the signals of {@code time} (the CEP operator advances time first).
     */
    public void expire(ReopenLoopState st, long time) {
        int oldestOpen = -1;
        for (int i = 0; i < st.taken.length; i++) {
            if (starts(st, i) && time - st.takenAt[i] < withinMillis) {
                oldestOpen = i;
                break;
            }
        }
        if (oldestOpen < 0) {
            clearLoops(st);
        } else if (oldestOpen > 0) {
            st.taken = Arrays.copyOfRange(st.taken, oldestOpen, st.taken.length);
            st.takenAt = Arrays.copyOfRange(st.takenAt, oldestOpen, st.takenAt.length);
            st.flags = Arrays.copyOfRange(st.flags, oldestOpen, st.flags.length);
        }
    }

    /**
     * Applies one resolution or reopen of the ticket at event time {@code at} (after {@link #expire} for {@code at});
     * returns the chain alert it completes, or null.
     */
    public ChainAlert apply(ReopenLoopState st, SlaSignal s, long at) {
        boolean open = st.taken.length > 0;
        if (s.is(SlaSignal.Kind.RESOLVED)) {
            byte flags = ReopenLoopState.STARTS;
            if (open && lastOfOldestLoop(st).is(SlaSignal.Kind.REOPENED)) flags |= ReopenLoopState.CONTINUES;
            append(st, s, at, flags);
            return null; // a loop ends with a reopen
        }
        if (!s.is(SlaSignal.Kind.REOPENED) || !open || lastOfOldestLoop(st).is(SlaSignal.Kind.REOPENED)) {
            return null; // no loop open, or the open loops wait for a resolution: a reopen changes nothing
        }
        append(st, s, at, ReopenLoopState.CONTINUES);
        List<SlaSignal> loop = oldestLoop(st);
        long reopens = loop.stream().filter(x -> x.is(SlaSignal.Kind.REOPENED)).count();
        if (reopens < count) {
            return null;
        }
        clearLoops(st); // skip past the last event: no open loop may reuse any of these signals
        return alert(loop);
    }

    /** When the newest open loop runs out (so the state can be dropped then), or Long.MIN_VALUE with no loop open. */
    public long runsOutAt(ReopenLoopState st) {
        for (int i = st.taken.length - 1; i >= 0; i--) {
            if (starts(st, i)) return st.takenAt[i] + withinMillis;
        }
        return Long.MIN_VALUE;
    }

    /** The alert for one loop's signals: the same fields, id and message the CEP pattern produced. */
    ChainAlert alert(List<SlaSignal> loop) {
        Evidence e = Evidence.of(loop);
        return e.alert(
                NAME,
                e.last().at,
                null,
                null,
                "ticket " + e.first().ticketId + " was resolved and reopened " + count + " times within "
                        + within.toDays() + " days");
    }

    /** The oldest open loop's signals: its resolutions first, then its reopens (the order of a CEP match's parts). */
    private static List<SlaSignal> oldestLoop(ReopenLoopState st) {
        List<SlaSignal> resolutions = new ArrayList<>();
        List<SlaSignal> reopens = new ArrayList<>();
        for (int i = 0; i < st.taken.length; i++) {
            if (i == 0 || (st.flags[i] & ReopenLoopState.CONTINUES) != 0) {
                (st.taken[i].is(SlaSignal.Kind.RESOLVED) ? resolutions : reopens).add(st.taken[i]);
            }
        }
        resolutions.addAll(reopens);
        return resolutions;
    }

    private static SlaSignal lastOfOldestLoop(ReopenLoopState st) {
        for (int i = st.taken.length - 1; i > 0; i--) {
            if ((st.flags[i] & ReopenLoopState.CONTINUES) != 0) return st.taken[i];
        }
        return st.taken[0];
    }

    private static boolean starts(ReopenLoopState st, int i) {
        return (st.flags[i] & ReopenLoopState.STARTS) != 0;
    }

    private static void append(ReopenLoopState st, SlaSignal s, long at, byte flags) {
        int n = st.taken.length;
        st.taken = Arrays.copyOf(st.taken, n + 1);
        st.takenAt = Arrays.copyOf(st.takenAt, n + 1);
        st.flags = Arrays.copyOf(st.flags, n + 1);
        st.taken[n] = s;
        st.takenAt[n] = at;
        st.flags[n] = flags;
    }

    private static void clearLoops(ReopenLoopState st) {
        st.taken = new SlaSignal[0];
        st.takenAt = new long[0];
        st.flags = new byte[0];
    }
}
