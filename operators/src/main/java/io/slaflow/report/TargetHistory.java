package io.slaflow.report;

import io.slaflow.sla.OutcomeUpdate;
import java.util.ArrayList;
import java.util.List;

/**
 * The versions of one ticket × metric a client's reports still need, each with the event time at which it became
 * known (the time of the event or deadline that produced it), and the version each kind of report last stated.
 *
 * <p>Why versions and not just the latest: the inputs of the report builder arrive over several channels (outcomes,
 * breaches, escalations, chain alerts, from every enforcer subtask) whose records interleave differently on every run.
 * A report closes when the slowest channel's watermark passes its period; by then a faster channel may already have
 * delivered a later version of a target (resolved, reopened after the period). Counting "the latest" made a report
 * depend on that race. Counting the version known at the period's end ({@link #asOf}) does not: every version known
 * before the end reaches the builder before its watermark passes the close.
 *
 * <p>A Flink POJO (public fields, no-argument constructor) kept in keyed state.
 */
public final class TargetHistory {
    /** Event time each version became known, parallel to {@link #versions}. */
    public List<Long> knownAt = new ArrayList<>();

    public List<OutcomeUpdate> versions = new ArrayList<>();
    /** The version the last weekly / monthly report counted (null: none yet). */
    public OutcomeUpdate statedWeek;

    public OutcomeUpdate statedMonth;

    public TargetHistory() {}

    public void add(long at, OutcomeUpdate u) {
        knownAt.add(at);
        versions.add(u);
    }

    /** The version known before {@code endMs}: the highest revision among those known earlier; null if none. */
    public OutcomeUpdate asOf(long endMs) {
        OutcomeUpdate best = null;
        for (int i = 0; i < versions.size(); i++) {
            OutcomeUpdate v = versions.get(i);
            if (knownAt.get(i) < endMs && (best == null || v.revision() > best.revision())) best = v;
        }
        return best;
    }

    /** The newest version of all (by revision). */
    /** When {@code u} (one of the versions) became known. */
    public long knownAtOf(OutcomeUpdate u) {
        for (int i = 0; i < versions.size(); i++) if (versions.get(i) == u) return knownAt.get(i);
        return -1;
    }

    public OutcomeUpdate latest() {
        return asOf(Long.MAX_VALUE);
    }

    public OutcomeUpdate stated(ReportPeriod.Kind kind) {
        return kind == ReportPeriod.Kind.WEEK ? statedWeek : statedMonth;
    }

    public void state(ReportPeriod.Kind kind, OutcomeUpdate u) {
        if (kind == ReportPeriod.Kind.WEEK) statedWeek = u;
        else statedMonth = u;
    }

    /**
     * Forgets the versions no report can pick any more: once every kind has closed a period ending at {@code cutMs},
     * each later report counts a version known after the cut or the newest known before it, never an older one.
     */
    public void compact(long cutMs) {
        OutcomeUpdate keepBefore = asOf(cutMs);
        List<Long> at = new ArrayList<>();
        List<OutcomeUpdate> vs = new ArrayList<>();
        for (int i = 0; i < versions.size(); i++) {
            if (knownAt.get(i) >= cutMs || versions.get(i) == keepBefore) {
                at.add(knownAt.get(i));
                vs.add(versions.get(i));
            }
        }
        knownAt = at;
        versions = vs;
    }

    /** Satisfied (responded to, resolved or closed) in its newest version: only a reopen or re-tiering can change it. */
    public boolean satisfied() {
        OutcomeUpdate l = latest();
        return l != null && l.completedAt() >= 0;
    }

    /** The latest instant the newest version counts at (creation, decision, satisfaction) or became known. */
    public long lastInstant() {
        long last = Long.MIN_VALUE;
        for (long t : knownAt) last = Math.max(last, t);
        OutcomeUpdate l = latest();
        if (l != null) last = Math.max(last, Math.max(l.startedAt(), Math.max(l.completedAt(), l.breachedAt())));
        return last;
    }
}
