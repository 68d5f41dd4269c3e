package io.slaflow.prove;

import static io.slaflow.json.JsonBytes.instant;
import static io.slaflow.json.JsonBytes.write;

import io.slaflow.adherence.AdherenceDocument;
import io.slaflow.policy.Metric;
import io.slaflow.sla.Escalation;
import io.slaflow.sla.Outcome;
import io.slaflow.sla.OutcomeUpdate;
import io.slaflow.sla.SlaAlert;
import io.slaflow.sla.SlaRecordJson;
import io.slaflow.sla.TicketView;
import java.util.Locale;

/**
 * The Elasticsearch documents of the Prove layer, field for field as the index templates in
 * {@code infra/src/main/resources/elasticsearch/templates} map them. Every id is deterministic, so a retry or a
 * replay overwrites instead of duplicating.
 * <ul>
 *   <li>{@code sla-events}: one document per warning, breach and escalation (chain alerts come from the CEP
 *       layer), id = the record's own id.</li>
 *   <li>{@code sla-tickets}: one document per ticket, built from partial updates merged by Elasticsearch
 *       ({@code doc_as_upsert}): each outcome update writes the ticket's header and its metric's object, an
 *       escalation with a named target writes the new assignee.</li>
 *   <li>{@code sla-adherence}: see {@link AdherenceDocument}.</li>
 * </ul>
 */
public final class SlaDocuments {
    private SlaDocuments() {}

    public static byte[] event(SlaAlert a) {
        return write(g -> {
            g.writeStartObject();
            SlaRecordJson.writeFields(g, a);
            if (a.kind() == SlaAlert.Kind.BREACH) instant(g, "breachedAt", a.firedAt());
            g.writeEndObject();
        });
    }

    public static byte[] event(Escalation x) {
        return write(g -> {
            g.writeStartObject();
            g.writeStringField("id", x.id());
            g.writeStringField("kind", "ESCALATION");
            SlaRecordJson.writeFields(g, x);
            instant(g, "breachedAt", x.breachedAt());
            instant(g, "firedAt", x.firedAt());
            g.writeNumberField("lateMs", x.firedAt() - x.breachedAt()); // how late after the breach it fired
            g.writeStringField("reason", x.reason());
            g.writeStringField("policyVersion", x.policyVersion());
            g.writeEndObject();
        });
    }

    /** The partial {@code sla-tickets} document an outcome update contributes. */
    public static byte[] ticket(OutcomeUpdate o) {
        boolean satisfied = o.completedAt() >= 0;
        return write(g -> {
            g.writeStartObject();
            g.writeStringField("ticketId", o.ticketId());
            g.writeStringField("clientId", o.clientId());
            g.writeBooleanField("unlistedClient", o.unlistedClient());
            g.writeStringField("tier", o.tier());
            g.writeStringField("rule", o.rule());
            g.writeStringField("policyVersion", o.policyVersion());
            if (o.metric() == Metric.RESPONSE) instant(g, "createdAt", o.startedAt());
            instant(g, "updatedAt", Math.max(o.startedAt(), Math.max(o.completedAt(), o.breachedAt())));
            if (o.metric() == Metric.RESOLUTION) g.writeBooleanField("open", !satisfied);
            g.writeObjectFieldStart(o.metric().name().toLowerCase(Locale.ROOT));
            instant(g, "startedAt", o.startedAt());
            instant(g, "deadline", o.deadline());
            g.writeStringField("outcome", o.outcome().name());
            instant(g, "completedAt", o.completedAt());
            instant(g, "breachedAt", o.breachedAt());
            g.writeNumberField("revision", o.revision());
            g.writeBooleanField("overdue", o.outcome() == Outcome.BREACHED && !satisfied);
            g.writeEndObject();
            g.writeEndObject();
        });
    }

    /**
     * The partial {@code sla-tickets} document a {@link TicketView} contributes: the ticket's current assignee, status
     * and pause, and its next deadline with the time left; subject, source, queue, category and link with the first.
     * Every {@code next} field is written (null when none), so a view replaces what an earlier one said.
     */
    public static byte[] ticket(TicketView v) {
        return write(g -> {
            g.writeStartObject();
            g.writeStringField("ticketId", v.ticketId());
            g.writeStringField("clientId", v.clientId());
            g.writeStringField("tier", v.tier());
            if (v.subject() != null) g.writeStringField("subject", v.subject());
            if (v.source() != null) g.writeStringField("source", v.source());
            if (v.queue() != null) g.writeStringField("queue", v.queue());
            if (v.category() != null) g.writeStringField("category", v.category());
            if (v.ticketUrl() != null) g.writeStringField("ticketUrl", v.ticketUrl());
            g.writeStringField("status", v.status());
            g.writeStringField("assignee", v.assignee());
            g.writeBooleanField("open", v.open());
            instant(g, "closedAt", v.closedAt());
            g.writeBooleanField("paused", v.paused());
            g.writeArrayFieldStart("pausedClocks");
            if ((v.pausedClocks() & 1) != 0) g.writeString("response");
            if ((v.pausedClocks() & 2) != 0) g.writeString("resolution");
            g.writeEndArray();
            g.writeObjectFieldStart("next");
            g.writeStringField(
                    "metric",
                    v.nextMetric() == null ? null : v.nextMetric().name().toLowerCase(Locale.ROOT));
            instant(g, "deadline", v.nextDeadline());
            if (v.timeLeftMs() >= 0) g.writeNumberField("timeLeftMs", v.timeLeftMs());
            else g.writeNullField("timeLeftMs");
            instant(g, "asOf", v.at());
            g.writeEndObject();
            instant(g, "updatedAt", v.at());
            g.writeEndObject();
        });
    }

    /** The partial {@code sla-tickets} document an escalation contributes (its new assignee), or null if none. */
    public static byte[] ticket(Escalation x) {
        if (x.to() == null) return null;
        return write(g -> {
            g.writeStartObject();
            g.writeStringField("ticketId", x.ticketId());
            g.writeStringField("clientId", x.clientId());
            g.writeStringField("assignee", x.to());
            instant(g, "updatedAt", x.firedAt());
            g.writeEndObject();
        });
    }

    public static byte[] adherence(AdherenceDocument d) {
        return write(g -> {
            g.writeStartObject();
            g.writeStringField("id", d.id());
            g.writeStringField("clientId", d.clientId());
            g.writeBooleanField("unlistedClient", d.unlistedClient());
            g.writeStringField("tier", d.tier());
            g.writeStringField("metric", d.metric().name());
            g.writeStringField("window", d.window());
            instant(g, "bucketStart", d.bucketStart());
            instant(g, "bucketEnd", d.bucketEnd());
            g.writeNumberField("met", d.met());
            g.writeNumberField("breached", d.breached());
            g.writeNumberField("decided", d.decided());
            if (!Double.isNaN(d.adherencePercent())) {
                g.writeNumberField("adherencePercent", Math.round(d.adherencePercent() * 1000) / 1000.0);
            }
            g.writeNumberField("satisfied", d.satisfied());
            if (d.satisfied() > 0) {
                g.writeNumberField("p50Ms", d.p50Ms());
                g.writeNumberField("p90Ms", d.p90Ms());
                g.writeNumberField("p99Ms", d.p99Ms());
                g.writeNumberField("meanMs", d.meanMs());
            }
            instant(g, "updatedAt", d.updatedAt());
            g.writeEndObject();
        });
    }
}
