package io.slaflow.jobs.report;

import static io.slaflow.json.JsonBytes.instant;
import static io.slaflow.json.JsonBytes.write;

import io.slaflow.report.ClientReport;
import java.util.List;

/**
 * The {@code sla-reports} document of a report's delivery (mapping in infra's sla-reports template; document id the
 * report's delivery key, {@code acme:WEEK:2026-W47}, so a retry or a replay overwrites it; field {@code id} the report id). Also written to the reports folder.
 *
 * @param status    DELIVERED, FAILED (some channel kept failing: alerted), or GENERATED (no external channel)
 * @param deliveredAt wall-clock time of the last successful channel, -1 if none
 * @param error     the last failure, null when none
 */
public record ReportRecord(
        ClientReport report,
        String status,
        long deliveredAt,
        List<String> channels,
        List<String> recipients,
        int attempts,
        List<String> files,
        String error) {

    /** The {@code sla-reports} document id: the report's delivery key (a raw client id may be too long or hostile). */
    public String id() {
        return report.deliveryKey();
    }

    public byte[] toJsonBytes() {
        return write(g -> {
            g.writeStartObject();
            g.writeStringField("id", report.id());
            g.writeStringField("clientId", report.client().id());
            g.writeStringField("period", report.period().kind().name());
            g.writeStringField("label", report.period().label());
            instant(g, "periodStart", report.period().startMs());
            instant(g, "periodEnd", report.period().endMs());
            instant(g, "generatedAt", report.generatedAt());
            instant(g, "deliveredAt", deliveredAt);
            g.writeStringField("status", status);
            g.writeArrayFieldStart("channels");
            for (String c : channels) g.writeString(c);
            g.writeEndArray();
            g.writeArrayFieldStart("recipients");
            for (String c : recipients) g.writeString(c);
            g.writeEndArray();
            g.writeNumberField("attempts", attempts);
            double p = report.figures().adherencePercent();
            if (Double.isNaN(p)) g.writeNullField("adherencePercent");
            else g.writeNumberField("adherencePercent", Math.round(p * 100) / 100.0);
            g.writeStringField("summary", report.summary());
            g.writeArrayFieldStart("files");
            for (String c : files) g.writeString(c);
            g.writeEndArray();
            g.writeStringField("timeZone", report.client().zone().getId());
            g.writeStringField("error", error);
            g.writeEndObject();
        });
    }
}
