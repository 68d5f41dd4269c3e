package io.slaflow.jobs.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.slaflow.infra.es.ElasticsearchEndpoint;
import io.slaflow.infra.es.IndexSetup;
import io.slaflow.infra.stack.ElasticsearchNode;
import io.slaflow.infra.stack.StackLocation;
import io.slaflow.jobs.prove.ProveGraph;
import io.slaflow.names.SafeName;
import io.slaflow.report.ClientReport;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every delivery is a document in sla-reports on a real Elasticsearch node, under its deterministic id. */
class ReportRecordIT {
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static ElasticsearchNode node;
    static String url;

    @TempDir
    Path folder;

    @BeforeAll
    static void start() {
        node = new ElasticsearchNode(
                        StackLocation.withState(Path.of("target/it-stack-es-reports")),
                        l -> System.out.println("[es] " + l))
                .start();
        url = node.httpUrl();
        new IndexSetup(ElasticsearchEndpoint.anonymous(url), l -> {})
                .install(ProveGraph.aliases(List.of("acme", "globex")));
    }

    @AfterAll
    static void stop() {
        if (node != null) node.close();
    }

    @Test
    void aDeliveryIsRecordedOnceInSlaReportsMatchingTheMapping() throws Exception {
        ReportDelivery delivery =
                DeliveryConfig.folderOnly(folder).withElasticsearch(url).open();
        ClientReport acme = SampleReports.week47("acme");
        ClientReport globex = SampleReports.week47("globex");
        delivery.deliver(acme);
        delivery.deliver(globex);
        delivery.deliver(acme); // a replay: overwritten, not duplicated
        send(HttpRequest.newBuilder(URI.create(url + "/sla-reports/_refresh"))
                .POST(HttpRequest.BodyPublishers.noBody()));

        // in the monthly index of the week's start in the client's zone, read through the sla-reports alias
        JsonNode doc = get("/sla-reports-2026.11.01/_doc/acme:WEEK:2026-W47").path("_source");
        assertThat(doc.path("clientId").asText()).isEqualTo("acme");
        assertThat(doc.path("period").asText()).isEqualTo("WEEK");
        assertThat(doc.path("label").asText()).isEqualTo("2026-W47");
        assertThat(doc.path("status").asText()).isEqualTo("GENERATED");
        assertThat(doc.path("periodStart").asText()).isEqualTo("2026-11-16T05:00:00Z");
        assertThat(doc.path("files").toString()).contains("acme/2026-W47.pdf");
        // (the index is shared with the other test of this class: count these two clients' records)
        assertThat(get("/sla-reports/_count?q=clientId:acme%20OR%20clientId:globex")
                        .path("count")
                        .asInt())
                .isEqualTo(2);
        // the mapping's typed fields are searchable: dates, keywords, the adherence figure
        JsonNode hits = get(
                "/sla-reports/_search?q=clientId:globex%20AND%20periodEnd:%5B2026-11-22T00:00:00Z%20TO%20*%5D%20AND%20adherencePercent:%3E50");
        assertThat(hits.at("/hits/total/value").asInt()).isEqualTo(1);
        // and the per-client alias shows only that client's reports
        assertThat(get("/sla-client-globex/_count?q=_index:sla-reports-*")
                        .path("count")
                        .asInt())
                .isEqualTo(1);
    }

    /**
     * Issue 18, item 2: ids the old alias naming merged (acme / ACME / "Acme ", a/b / a_b / a?b, . / ~) each get their own
     * alias and delivery record; each alias shows its own client's report and no other.
     */
    @Test
    void clientsWhoseIdsUsedToCollideHaveTheirOwnAliasAndRecord() throws Exception {
        List<String> ids = List.of("ACME", "Acme ", "a/b", "a_b", "a?b", ".", "~");
        // one setup names every client, as a job start does (the templates carry exactly the clients named)
        List<String> all = new java.util.ArrayList<>(List.of("acme", "globex"));
        all.addAll(ids);
        new IndexSetup(ElasticsearchEndpoint.anonymous(url), l -> {}).install(ProveGraph.aliases(all));
        ReportDelivery delivery =
                DeliveryConfig.folderOnly(folder).withElasticsearch(url).open();
        for (String id : ids) delivery.deliver(SampleReports.week47(SampleReports.DIR.client(id), 3, 1));
        send(HttpRequest.newBuilder(URI.create(url + "/sla-reports/_refresh"))
                .POST(HttpRequest.BodyPublishers.noBody()));

        for (String id : ids) {
            String alias = "sla-client-" + SafeName.of(id);
            JsonNode hits = get("/" + alias + "/_search?q=_index:sla-reports-*").at("/hits/hits");
            assertThat(hits).as(alias).hasSize(1);
            assertThat(hits.get(0).at("/_source/clientId").asText()).isEqualTo(id);
            assertThat(hits.get(0).path("_id").asText()).isEqualTo(SafeName.of(id) + ":WEEK:2026-W47");
        }
        assertThat(get("/_alias/sla-client-*")
                        .at("/sla-reports-2026.11.01/aliases")
                        .size())
                .isEqualTo(all.size());
    }

    static JsonNode get(String path) throws Exception {
        return JSON.readTree(send(HttpRequest.newBuilder(URI.create(url + path)).GET()));
    }

    static String send(HttpRequest.Builder b) throws Exception {
        HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isLessThan(300);
        return r.body();
    }
}
