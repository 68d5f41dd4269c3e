package io.slaflow.jobs.prove;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.slaflow.adherence.AdherenceDocument;
import io.slaflow.cep.ChainAlert;
import io.slaflow.es.EsDocument;
import io.slaflow.event.DeadLetter;
import io.slaflow.event.DeadLetterJson;
import io.slaflow.infra.es.SlaIndices;
import io.slaflow.prove.SlaDocuments;
import io.slaflow.sla.Escalation;
import io.slaflow.sla.OutcomeUpdate;
import io.slaflow.sla.SlaAlert;
import io.slaflow.sla.TicketView;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;

/**
 * Where each record of the Prove layer goes in Elasticsearch: the index (for the time-based families, the month of
 * the record's own time, so an overwrite lands where the first write did), the deterministic id and the source
 * ({@link SlaDocuments}).
 *
 * <p>Rolling adherence figures (24 h / 7 d / 30 d) are current values, overwritten at every publication. Kept as one
 * document per series they would belong to no month; kept per series and UTC day of their {@code updatedAt}
 * (id {@code <series>|<day>}) each day holds the figure as of its last publication, which is the history the
 * "adherence over time" panels draw and what a month's retention can drop. Their {@code series} field
 * ({@code client|tier|metric|window}) names the series, so "the current figure" is the latest document per series.
 */
final class SlaEsDocuments {
    private SlaEsDocuments() {}

    static EsDocument event(SlaAlert a) {
        return EsDocument.index(
                SlaIndices.monthly(SlaIndices.EVENTS, a.firedAt()), a.id(), text(SlaDocuments.event(a)));
    }

    static EsDocument event(Escalation x) {
        return EsDocument.index(
                SlaIndices.monthly(SlaIndices.EVENTS, x.firedAt()), x.id(), text(SlaDocuments.event(x)));
    }

    static EsDocument chain(ChainAlert c) {
        return EsDocument.index(
                SlaIndices.monthly(SlaIndices.EVENTS, c.detectedAt()), c.id(), text(ProveGraph.chainEvent(c)));
    }

    static EsDocument ticket(OutcomeUpdate o) {
        return EsDocument.upsert(SlaIndices.TICKETS, o.ticketId(), text(SlaDocuments.ticket(o)));
    }

    static EsDocument ticket(TicketView v) {
        return EsDocument.upsert(SlaIndices.TICKETS, v.ticketId(), text(SlaDocuments.ticket(v)));
    }

    /** The new assignee an escalation gives the ticket, or null when it names nobody. */
    static EsDocument reassignment(Escalation x) {
        byte[] doc = SlaDocuments.ticket(x);
        return doc == null ? null : EsDocument.upsert(SlaIndices.TICKETS, x.ticketId(), text(doc));
    }

    /**
     * A refused record, for the operators' dashboard. Its id is the dead letter's own and its month that of the
     * record's own time ({@link DeadLetter#ownTime}: the event's occurredAt, the Kafka record's timestamp, a policy's
     * effective-from), never of when it was refused: a copy re-emitted by a replay or a restart from a checkpoint, even
     * across a month's end, lands in the same index and overwrites the first.
     */
    static EsDocument deadLetter(DeadLetter d) {
        return EsDocument.index(
                SlaIndices.monthly(SlaIndices.DEAD_LETTERS, d.ownTime().toEpochMilli()),
                d.id(),
                text(DeadLetterJson.toJsonBytes(d)));
    }

    static EsDocument adherence(AdherenceDocument d) {
        boolean hourly = "1h".equals(d.window());
        long time = hourly ? d.bucketStart() : d.updatedAt();
        String series = d.clientId() + '|' + d.tier() + '|' + d.metric() + '|' + d.window();
        String id = hourly ? d.id() : series + '|' + LocalDate.ofEpochDay(Math.floorDiv(time, 86_400_000L));
        String source = text(SlaDocuments.adherence(d));
        // the series as the first field: the shared document shape stays that of SlaDocuments (replay writes it too)
        source = "{\"series\":\"" + new String(JsonStringEncoder.getInstance().quoteAsString(series)) + "\","
                + source.substring(1);
        return EsDocument.index(SlaIndices.monthly(SlaIndices.ADHERENCE, time), id, source);
    }

    private static String text(byte[] json) {
        return new String(json, StandardCharsets.UTF_8);
    }
}
