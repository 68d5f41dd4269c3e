package io.slaflow.infra.es;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.slaflow.infra.stack.ElasticsearchNode;
import io.slaflow.infra.stack.StackLocation;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Index templates, indices and per-client filtered aliases on a real Elasticsearch node. */
class IndexSetupIT {
    private static final List<ClientAlias> ACME_AND_INITECH =
            List.of(new ClientAlias("acme", "acme"), new ClientAlias("initech", "initech"));
    /** The setup creates this month's indices ahead of the first write: a fixed clock makes them November 2026. */
    private static final long NOV_16 =
            java.time.Instant.parse("2026-11-16T00:00:00Z").toEpochMilli();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static ElasticsearchNode node;
    private static String url;

    @BeforeAll
    static void start() {
        node = new ElasticsearchNode(
                        StackLocation.withState(Path.of("target/it-stack-es")), l -> System.out.println("[es] " + l))
                .start();
        url = node.httpUrl();
    }

    @AfterAll
    static void stop() {
        if (node != null) node.close();
    }

    @Test
    void installsTemplatesIndicesAndClientAliasesIdempotently() throws Exception {
        List<String> progress = new ArrayList<>();
        IndexSetup setup = new IndexSetup(ElasticsearchEndpoint.anonymous(url), progress::add, () -> NOV_16);
        // the jobs name each alias by the client id's safe name (SafeName); any index-safe name does here
        List<ClientAlias> clients =
                List.of(new ClientAlias("acme", "acme"), new ClientAlias("Globex Corp", "globex-corp--x7k2"));
        setup.install(clients);
        setup.install(clients); // a second job start changes nothing

        assertThat(progress.get(0)).contains("5 index templates installed, 5 indices created, 2 client aliases");
        assertThat(progress.get(1)).contains("0 indices created");
        JsonNode mapping = get("/sla-tickets/_mapping").at("/sla-tickets/mappings/properties");
        assertThat(mapping.at("/clientId/type").asText()).isEqualTo("keyword");
        assertThat(mapping.at("/response/properties/deadline/type").asText()).isEqualTo("date");
        assertThat(get("/sla-adherence/_mapping")
                        .at("/sla-adherence-2026.11.01/mappings/properties/adherencePercent/type")
                        .asText())
                .isEqualTo("double");

        JsonNode aliases = get("/_alias/sla-client-*");
        assertThat(aliases.fieldNames())
                .toIterable()
                .containsExactlyInAnyOrder(
                        "sla-tickets",
                        "sla-events-2026.11.01",
                        "sla-adherence-2026.11.01",
                        "sla-reports-2026.11.01",
                        "sla-dead-letters-2026.11.01");
        assertThat(aliases.at("/sla-events-2026.11.01/aliases").fieldNames())
                .toIterable()
                .containsExactlyInAnyOrder("sla-client-acme", "sla-client-globex-corp--x7k2");
        assertThat(get("/_alias/sla-events").fieldNames()).toIterable().containsExactly("sla-events-2026.11.01");
    }

    @Test
    void aClientAliasShowsOnlyThatClientsDocuments() throws Exception {
        new IndexSetup(ElasticsearchEndpoint.anonymous(url), l -> {}, () -> NOV_16).install(ACME_AND_INITECH);
        put(
                "/sla-events-2026.11.01/_doc/a1?refresh=true",
                "{\"id\":\"a1\",\"kind\":\"BREACH\",\"clientId\":\"acme\",\"firedAt\":\"2026-11-16T10:15:00Z\"}");
        put(
                "/sla-events-2026.11.01/_doc/i1?refresh=true",
                "{\"id\":\"i1\",\"kind\":\"BREACH\",\"clientId\":\"initech\",\"firedAt\":\"2026-11-16T10:15:00Z\"}");
        put("/sla-tickets/_doc/T1?refresh=true", "{\"ticketId\":\"T1\",\"clientId\":\"initech\"}");

        JsonNode hits = get("/sla-client-acme/_search?size=100").at("/hits/hits");
        Set<String> ids = new java.util.HashSet<>();
        hits.forEach(h -> ids.add(h.get("_id").asText()));
        assertThat(ids).containsExactly("a1");
        assertThat(get("/sla-client-initech/_count").get("count").asInt()).isEqualTo(2);
    }

    @Test
    void aMonthIndexCreatedByItsFirstWriteCarriesTheFamilyAndClientAliases() throws Exception {
        new IndexSetup(ElasticsearchEndpoint.anonymous(url), l -> {}, () -> NOV_16).install(ACME_AND_INITECH);
        // no setup ran for January: the bulk write creates the index from the template, aliases included
        put(
                "/sla-events-2027.01.01/_doc/a2?refresh=true",
                "{\"id\":\"a2\",\"kind\":\"BREACH\",\"clientId\":\"acme\",\"firedAt\":\"2027-01-04T10:15:00Z\"}");
        assertThat(get("/sla-events-2027.01.01/_alias")
                        .at("/sla-events-2027.01.01/aliases")
                        .fieldNames())
                .toIterable()
                .containsExactlyInAnyOrder("sla-events", "sla-client-acme", "sla-client-initech");
        assertThat(get("/sla-events/_count?q=id:a2").get("count").asInt()).isEqualTo(1);
        assertThat(get("/sla-client-initech/_count?q=id:a2").get("count").asInt())
                .isZero();
        assertThat(get("/sla-events-2027.01.01/_mapping")
                        .at("/sla-events-2027.01.01/mappings/properties/firedAt/type")
                        .asText())
                .isEqualTo("date");
    }

    private static JsonNode get(String path) throws Exception {
        HttpResponse<String> r = HTTP.send(
                HttpRequest.newBuilder(URI.create(url + path)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    private static void put(String path, String body) throws Exception {
        HttpResponse<String> r = HTTP.send(
                HttpRequest.newBuilder(URI.create(url + path))
                        .header("Content-Type", "application/json")
                        .PUT(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode() / 100).as(r.body()).isEqualTo(2);
    }
}
