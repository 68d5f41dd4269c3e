package io.slaflow.report;

import io.slaflow.adherence.TargetContribution;
import io.slaflow.policy.Metric;
import io.slaflow.sla.Outcome;
import io.slaflow.sla.OutcomeUpdate;
import java.util.ArrayList;
import java.util.List;

/**
 * A change to an issued report, stated in the next report of the same kind instead of rewriting the issued one: a
 * target whose decision in that earlier period changed after the period closed (a reopen retracts a MET, a priority
 * change moves the target to another tier, a late event that the period's report had not seen).
 *
 * @param periodLabel the issued period the change applies to
 * @param wasDecided  what the issued report counted for the target in that period (null: nothing)
 * @param nowDecided  what it would count now (null: nothing, e.g. reopened and not yet decided again)
 * @param knownAt     the event time at which the change became known
 */
public record ReportCorrection(
        String periodLabel,
        String ticketId,
        Metric metric,
        String wasTier,
        Outcome wasDecided,
        String nowTier,
        Outcome nowDecided,
        long knownAt,
        int wasRevision,
        int nowRevision) {

    /**
     * The corrections that turn what {@code stated} contributed to the issued periods of {@code kind} (those ending at
     * or before {@code issuedUntil}) into what {@code now} contributes there. Only decisions are corrected: a ticket's
     * opening never moves, and durations count where the target is satisfied (which a change moves only forward).
     */
    public static List<ReportCorrection> between(
            OutcomeUpdate stated,
            OutcomeUpdate now,
            ReportPeriod.Kind kind,
            java.time.ZoneId zone,
            long issuedUntil,
            long knownAt) {
        List<ReportCorrection> out = new ArrayList<>(2);
        if (now == null || (stated != null && stated.revision() == now.revision())) return out;
        TargetContribution was = stated == null ? null : TargetContribution.of(stated);
        TargetContribution is = TargetContribution.of(now);
        String wasPeriod = was == null || was.decided() == null
                ? null
                : ReportPeriod.containing(kind, zone, was.decidedAt()).label();
        String isPeriod = is.decided() == null
                ? null
                : ReportPeriod.containing(kind, zone, is.decidedAt()).label();
        for (String label : new java.util.LinkedHashSet<>(java.util.Arrays.asList(wasPeriod, isPeriod))) {
            if (label == null) continue;
            ReportPeriod p = ReportPeriod.parse(label, zone);
            if (p.endMs() > issuedUntil) continue; // not issued yet: it will count the current version
            Outcome before = label.equals(wasPeriod) ? was.decided() : null; // was is non-null when wasPeriod is
            Outcome after = label.equals(isPeriod) ? is.decided() : null;
            String beforeTier = before == null ? null : stated.tier();
            String afterTier = after == null ? null : now.tier();
            if (before == after && java.util.Objects.equals(beforeTier, afterTier)) continue;
            out.add(new ReportCorrection(
                    label,
                    now.ticketId(),
                    now.metric(),
                    beforeTier,
                    before,
                    afterTier,
                    after,
                    knownAt,
                    stated == null ? 0 : stated.revision(),
                    now.revision()));
        }
        return out;
    }

    /** "P3 resolution of T-17: counted MET, now not decided". */
    public String describe() {
        String what = metric.name().toLowerCase(java.util.Locale.ROOT) + " of " + ticketId;
        String was = wasDecided == null ? "not counted" : "counted " + wasDecided + " (" + wasTier + ")";
        String is = nowDecided == null ? "now not decided in that period" : "now " + nowDecided + " (" + nowTier + ")";
        return what + ": " + was + ", " + is;
    }
}
