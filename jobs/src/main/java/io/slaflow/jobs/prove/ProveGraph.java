package io.slaflow.jobs.prove;

import io.slaflow.cep.ChainAlert;
import io.slaflow.enforce.EnforcerSettings;
import io.slaflow.es.EsDeadLetterHandler;
import io.slaflow.es.EsDocument;
import io.slaflow.es.EsSink;
import io.slaflow.infra.es.ClientAlias;
import io.slaflow.infra.es.IndexSetup;
import io.slaflow.jobs.enforce.EnforcementGraph;
import io.slaflow.jobs.report.DeliveryConfig;
import io.slaflow.json.JsonBytes;
import io.slaflow.names.SafeName;
import io.slaflow.policy.SlaPolicy;
import io.slaflow.report.ReportDirectory;
import io.slaflow.report.ReportInput;
import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;

/**
 * The Prove layer on top of the Enforce layer's outputs: the evidence trail, the per-ticket state and the live
 * adherence into Elasticsearch through our bulk sink, and the weekly and monthly client reports.
 */
public final class ProveGraph {
    private ProveGraph() {}

    /** Installs index templates, indices and per-client aliases (idempotent); call before the job starts. */
    public static void prepare(ProveOptions p, SlaPolicy policy, Consumer<String> progress) {
        if (!p.hasElasticsearch()) return;
        new IndexSetup(p.setupEndpoint(), progress)
                .install(aliases(ReportDirectory.of(policy).listedClientIds()));
    }

    /** Each client's filtered alias, named by the client id's {@link SafeName} (collision-free, index-safe). */
    public static List<ClientAlias> aliases(Collection<String> clientIds) {
        return clientIds.stream()
                .map(id -> new ClientAlias(id, SafeName.of(id)))
                .toList();
    }

    /**
     * @param chains       the CEP layer's chain alerts, or null
     * @param esRefusals where documents Elasticsearch refuses for good go (the job's dead-letter topic)
     */
    public static void attach(
            EnforcementGraph.Outputs out,
            DataStream<ChainAlert> chains,
            SlaPolicy policy,
            EnforcerSettings settings,
            ProveOptions p,
            EsDeadLetterHandler esRefusals) {
        if (p.hasElasticsearch()) {
            TypeInformation<EsDocument> doc = TypeInformation.of(EsDocument.class);
            DataStream<EsDocument> docs = out.alerts()
                    .map(SlaEsDocuments::event)
                    .returns(doc)
                    .name("alerts as sla-events")
                    .union(out.escalations()
                            .map(SlaEsDocuments::event)
                            .returns(doc)
                            .name("escalations as sla-events"))
                    .union(out.outcomes()
                            .map(SlaEsDocuments::ticket)
                            .returns(doc)
                            .name("outcomes as sla-tickets"))
                    .union(out.ticketViews()
                            .map(SlaEsDocuments::ticket)
                            .returns(doc)
                            .name("ticket views as sla-tickets"))
                    .union(out.deadLetters()
                            .map(SlaEsDocuments::deadLetter)
                            .returns(doc)
                            .name("dead letters as sla-dead-letters"))
                    .union(out.escalations()
                            .filter(x -> x.to() != null)
                            .map(SlaEsDocuments::reassignment)
                            .returns(doc)
                            .name("reassignments as sla-tickets"))
                    .union(AdherenceGraph.build(out.outcomes(), AdherenceGraph.settingsFor(settings))
                            .map(SlaEsDocuments::adherence)
                            .returns(doc)
                            .name("adherence as sla-adherence"));
            if (chains != null) {
                docs = docs.union(chains.map(SlaEsDocuments::chain).returns(doc).name("chain alerts as sla-events"));
            }
            docs.sinkTo(new EsSink<>(p.sinkConfig(), d -> d, esRefusals))
                    .name("elasticsearch")
                    .uid("sink-elasticsearch");
        }
        if (p.reportsDir() != null) {
            DeliveryConfig delivery = p.deliveryConfig();
            DataStream<ReportInput.ChainNote> notes = chains == null ? null : ReportGraph.notes(chains);
            ReportGraph.deliver(
                    ReportGraph.build(
                            out.outcomes(),
                            out.alerts(),
                            out.escalations(),
                            notes,
                            out.ticketViews(),
                            ReportDirectory.of(policy),
                            ReportGraph.settingsFor(settings)),
                    delivery);
        }
    }

    /** A chain alert in {@code sla-events}: kind CHAIN, the pattern, its tickets and evidence, when it was detected. */
    static byte[] chainEvent(ChainAlert c) {
        return JsonBytes.write(g -> {
            g.writeStartObject();
            g.writeStringField("id", c.id());
            g.writeStringField("kind", "CHAIN");
            g.writeStringField("pattern", c.pattern());
            g.writeStringField("clientId", c.clientId());
            g.writeArrayFieldStart("tickets");
            for (String t : c.tickets()) g.writeString(t);
            g.writeEndArray();
            if (c.tickets().size() == 1)
                g.writeStringField("ticketId", c.tickets().get(0));
            g.writeArrayFieldStart("evidence");
            for (String e : c.evidence()) g.writeString(e);
            g.writeEndArray();
            JsonBytes.instant(g, "startedAt", c.firstAt());
            JsonBytes.instant(g, "firedAt", c.detectedAt());
            g.writeStringField("role", c.targetRole());
            g.writeStringField("to", c.target());
            g.writeStringField("reason", c.message());
            g.writeEndObject();
        });
    }
}
