package io.slaflow.report;

import static io.slaflow.json.JsonBytes.instant;
import static io.slaflow.json.JsonBytes.write;

import com.fasterxml.jackson.core.JsonGenerator;
import io.slaflow.contract.CreditAssessment;
import io.slaflow.report.PeriodFigures.BreachedTarget;
import io.slaflow.report.PeriodFigures.EscalationLine;
import io.slaflow.report.PeriodFigures.TierMetricFigures;
import java.io.IOException;
import java.util.List;

/**
 * The JSON form of a report (also the webhook body and the PDF's attachment). Instants are ISO-8601 UTC; durations in
 * milliseconds ({@code ...Ms} on the contract's clock, {@code ...WallMs} elapsed). {@code evidence} carries the
 * canonical records the figures were computed from and their SHA-256 digest, so the report alone can be verified.
 */
public final class ReportJson {
    private ReportJson() {}

    public static byte[] toJsonBytes(ClientReport r) {
        return toJsonBytes(r, ReportEvidence.records(r.figures()));
    }

    /** With the report's evidence records ({@link ReportEvidence#records}) when the caller already has them. */
    public static byte[] toJsonBytes(ClientReport r, List<byte[]> evidence) {
        return write(g -> {
            g.writeStartObject();
            g.writeStringField("id", r.id());
            g.writeStringField("clientId", r.client().id());
            g.writeStringField("clientName", r.client().name());
            g.writeBooleanField("unlistedClient", r.client().unlisted());
            g.writeStringField("msp", r.msp().name());
            g.writeStringField("timeZone", r.client().zone().getId());
            g.writeStringField("period", r.period().kind().name());
            g.writeStringField("label", r.period().label());
            instant(g, "periodStart", r.period().startMs());
            instant(g, "periodEnd", r.period().endMs());
            instant(g, "generatedAt", r.generatedAt());
            instant(
                    g,
                    "dataFrom",
                    r.dataFrom() < 0 ? -1 : Math.max(r.dataFrom(), r.period().startMs()));
            g.writeBooleanField("partial", r.partial());
            g.writeStringField("summary", r.summary());
            g.writeNumberField("goalPercent", r.goalPercent());
            figures(g, "figures", r.figures());
            if (r.previous() != null) summary(g, "previous", r.previous());
            else g.writeNullField("previous");
            g.writeArrayFieldStart("trend");
            for (PeriodSummary s : r.trend()) summary(g, null, s);
            g.writeEndArray();
            g.writeArrayFieldStart("corrections");
            for (ReportCorrection c : r.corrections()) correction(g, c);
            g.writeEndArray();
            credit(g, r.credit());
            g.writeObjectFieldStart("evidence");
            g.writeStringField("algorithm", ReportEvidence.ALGORITHM);
            g.writeStringField("digest", ReportEvidence.digest(evidence));
            g.writeNumberField("count", evidence.size());
            g.writeArrayFieldStart("records");
            for (byte[] e : evidence) g.writeRawValue(ReportEvidence.text(e));
            g.writeEndArray();
            g.writeEndObject();
            g.writeEndObject();
        });
    }

    /** The {@code figures} object alone (verification compares it with one recomputed from the evidence). */
    public static byte[] figuresJson(PeriodFigures f) {
        return write(g -> {
            g.writeStartObject();
            figures(g, "figures", f);
            g.writeEndObject();
        });
    }

    private static void figures(JsonGenerator g, String field, PeriodFigures f) throws IOException {
        g.writeObjectFieldStart(field);
        g.writeStringField("label", f.periodLabel());
        g.writeNumberField("ticketsCreated", f.ticketsCreated());
        g.writeNumberField("met", f.met());
        g.writeNumberField("breached", f.breached());
        g.writeNumberField("decided", f.decided());
        percent(g, "adherencePercent", f.adherencePercent());
        g.writeNumberField("escalations", f.escalations().size());
        g.writeNumberField("chainAlerts", f.chains().size());
        g.writeObjectFieldStart("backlog");
        g.writeNumberField("open", f.backlog().open());
        g.writeNumberField("paused", f.backlog().paused());
        g.writeNumberField("breached", f.backlog().breached());
        g.writeEndObject();
        g.writeArrayFieldStart("targets");
        for (TierMetricFigures r : f.rows()) {
            g.writeStartObject();
            g.writeStringField("tier", r.tier());
            g.writeStringField("metric", r.metric().name());
            g.writeStringField("target", r.target());
            g.writeStringField("clock", r.clock());
            g.writeNumberField("goalPercent", r.goalPercent());
            g.writeNumberField("met", r.met());
            g.writeNumberField("breached", r.breached());
            g.writeNumberField("decided", r.decided());
            percent(g, "adherencePercent", r.adherencePercent());
            g.writeBooleanField("belowGoal", r.belowGoal());
            g.writeNumberField("satisfied", r.satisfied());
            millis(g, "meanMs", r.meanMs());
            millis(g, "p90Ms", r.p90Ms());
            millis(g, "meanWallMs", r.meanWallMs());
            millis(g, "p90WallMs", r.p90WallMs());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("breaches");
        for (BreachedTarget b : f.breaches()) {
            g.writeStartObject();
            g.writeStringField("ticketId", b.ticketId());
            g.writeStringField("link", b.link());
            g.writeStringField("subject", b.subject());
            g.writeStringField("tier", b.tier());
            g.writeStringField("metric", b.metric().name());
            instant(g, "startedAt", b.startedAt());
            instant(g, "deadline", b.deadline());
            instant(g, "breachedAt", b.breachedAt());
            instant(g, "satisfiedAt", b.satisfiedAt());
            g.writeBooleanField("openAtPeriodEnd", b.satisfiedAt() < 0);
            g.writeNumberField("lateByMs", b.lateByMs());
            millis(g, "pausedMs", b.pausedMs());
            g.writeArrayFieldStart("escalatedTo");
            for (EscalationLine x : b.escalations()) escalation(g, x);
            g.writeEndArray();
            g.writeArrayFieldStart("evidence");
            for (String id : b.evidence()) g.writeString(id);
            g.writeEndArray();
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("escalationList");
        for (EscalationLine x : f.escalations()) escalation(g, x);
        g.writeEndArray();
        g.writeArrayFieldStart("chainAlertList");
        for (ReportInput.ChainNote c : f.chains()) {
            g.writeStartObject();
            g.writeStringField("id", c.id());
            instant(g, "firedAt", c.firedAt());
            g.writeStringField("description", c.description());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void escalation(JsonGenerator g, EscalationLine x) throws IOException {
        g.writeStartObject();
        g.writeStringField("id", x.id());
        g.writeStringField("ticketId", x.ticketId());
        g.writeStringField("tier", x.tier());
        g.writeStringField("metric", x.metric().name());
        g.writeNumberField("level", x.level());
        g.writeStringField("role", x.role());
        g.writeStringField("to", x.to());
        instant(g, "breachedAt", x.breachedAt());
        instant(g, "firedAt", x.firedAt());
        g.writeEndObject();
    }

    private static void summary(JsonGenerator g, String field, PeriodSummary s) throws IOException {
        if (field == null) g.writeStartObject();
        else g.writeObjectFieldStart(field);
        g.writeStringField("label", s.label());
        g.writeNumberField("met", s.met());
        g.writeNumberField("breached", s.breached());
        percent(g, "adherencePercent", s.adherencePercent());
        g.writeEndObject();
    }

    private static void correction(JsonGenerator g, ReportCorrection c) throws IOException {
        g.writeStartObject();
        g.writeStringField("period", c.periodLabel());
        g.writeStringField("ticketId", c.ticketId());
        g.writeStringField("metric", c.metric().name());
        g.writeStringField("wasTier", c.wasTier());
        g.writeStringField("was", c.wasDecided() == null ? null : c.wasDecided().name());
        g.writeStringField("nowTier", c.nowTier());
        g.writeStringField("now", c.nowDecided() == null ? null : c.nowDecided().name());
        instant(g, "knownAt", c.knownAt());
        g.writeNumberField("wasRevision", c.wasRevision());
        g.writeNumberField("nowRevision", c.nowRevision());
        g.writeEndObject();
    }

    private static void credit(JsonGenerator g, CreditAssessment c) throws IOException {
        if (c == null) {
            g.writeNullField("serviceCredit");
            return;
        }
        g.writeObjectFieldStart("serviceCredit");
        g.writeBooleanField("due", c.creditDue());
        g.writeStringField(
                "monthlyFee",
                c.monthlyFee() == null ? null : c.monthlyFee().amount().toPlainString());
        g.writeStringField(
                "currency",
                c.monthlyFee() == null ? null : c.monthlyFee().currency().getCurrencyCode());
        g.writeStringField("percentBeforeCap", c.percentBeforeCap().toPlainString());
        g.writeStringField("capPercent", c.capPercent().toPlainString());
        g.writeStringField("percentOwed", c.percentOwed().toPlainString());
        g.writeStringField("owed", c.owed() == null ? null : c.owed().amount().toPlainString());
        g.writeArrayFieldStart("tiers");
        for (CreditAssessment.TierVerdict v : c.tiers()) {
            g.writeStartObject();
            g.writeStringField("tier", v.tier());
            g.writeNumberField("met", v.met());
            g.writeNumberField("decided", v.decided());
            percent(g, "adherencePercent", v.adherencePercent());
            g.writeNumberField("goalPercent", v.goalPercent());
            g.writeBooleanField("missed", v.missed());
            g.writeStringField("creditPercent", v.creditPercent().toPlainString());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void percent(JsonGenerator g, String field, double p) throws IOException {
        if (Double.isNaN(p)) g.writeNullField(field);
        else g.writeNumberField(field, Math.round(p * 100) / 100.0);
    }

    private static void millis(JsonGenerator g, String field, long ms) throws IOException {
        if (ms < 0) g.writeNullField(field);
        else g.writeNumberField(field, ms);
    }
}
