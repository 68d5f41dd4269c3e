package io.slaflow.report;

import static io.slaflow.json.JsonBytes.instant;
import static io.slaflow.json.JsonBytes.write;

import com.fasterxml.jackson.core.JsonGenerator;
import io.slaflow.report.PeriodFigures.BreachedTarget;
import io.slaflow.report.PeriodFigures.EscalationLine;
import io.slaflow.report.PeriodFigures.TierMetricFigures;
import java.io.IOException;

/** The JSON form of a report (also the webhook body). Instants are ISO-8601 UTC; durations in milliseconds. */
public final class ReportJson {
    private ReportJson() {}

    public static byte[] toJsonBytes(ClientReport r) {
        return write(g -> {
            g.writeStartObject();
            g.writeStringField("id", r.id());
            g.writeStringField("clientId", r.client().id());
            g.writeStringField("clientName", r.client().name());
            g.writeBooleanField("unlistedClient", r.client().unlisted());
            g.writeStringField("timeZone", r.client().zone().getId());
            g.writeStringField("period", r.period().kind().name());
            g.writeStringField("label", r.period().label());
            instant(g, "periodStart", r.period().startMs());
            instant(g, "periodEnd", r.period().endMs());
            instant(g, "generatedAt", r.generatedAt());
            g.writeStringField("summary", r.summary());
            g.writeNumberField("goalPercent", r.goalPercent());
            figures(g, "figures", r.figures());
            if (r.previous() != null) figures(g, "previous", r.previous());
            else g.writeNullField("previous");
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
        g.writeArrayFieldStart("targets");
        for (TierMetricFigures r : f.rows()) {
            g.writeStartObject();
            g.writeStringField("tier", r.tier());
            g.writeStringField("metric", r.metric().name());
            g.writeStringField("target", r.target());
            g.writeNumberField("met", r.met());
            g.writeNumberField("breached", r.breached());
            g.writeNumberField("decided", r.decided());
            percent(g, "adherencePercent", r.adherencePercent());
            g.writeNumberField("satisfied", r.satisfied());
            millis(g, "meanMs", r.meanMs());
            millis(g, "p90Ms", r.p90Ms());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("breaches");
        for (BreachedTarget b : f.breaches()) {
            g.writeStartObject();
            g.writeStringField("ticketId", b.ticketId());
            g.writeStringField("tier", b.tier());
            g.writeStringField("metric", b.metric().name());
            instant(g, "startedAt", b.startedAt());
            instant(g, "deadline", b.deadline());
            instant(g, "breachedAt", b.breachedAt());
            instant(g, "completedAt", b.completedAt());
            instant(g, "firstEscalatedAt", b.firstEscalatedAt());
            g.writeArrayFieldStart("evidence");
            for (String id : b.evidence()) g.writeString(id);
            g.writeEndArray();
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("escalationList");
        for (EscalationLine x : f.escalations()) {
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

    private static void percent(JsonGenerator g, String field, double p) throws IOException {
        if (Double.isNaN(p)) g.writeNullField(field);
        else g.writeNumberField(field, Math.round(p * 100) / 100.0);
    }

    private static void millis(JsonGenerator g, String field, long ms) throws IOException {
        if (ms < 0) g.writeNullField(field);
        else g.writeNumberField(field, ms);
    }
}
