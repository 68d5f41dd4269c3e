package io.slaflow.jobs.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.slaflow.infra.es.ElasticsearchEndpoint;
import io.slaflow.infra.es.SlaIndices;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** Asks Elasticsearch what the dashboards show: adherence per tier over a rolling window, across clients. */
final class AdherenceProbe {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final ElasticsearchEndpoint endpoint;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    AdherenceProbe(ElasticsearchEndpoint endpoint) {
        this.endpoint = endpoint;
    }

    /**
     * Tier → {@code Σ met / Σ decided} in percent over the rolling window; empty when nothing is indexed yet. Rolling
     * figures are kept per series and day: each series counts with its latest document.
     */
    Map<String, Double> adherenceByTier(String window) {
        String query = """
                {"size":0,"query":{"term":{"window":"%s"}},
                 "aggs":{"tier":{"terms":{"field":"tier","size":10,"order":{"_key":"asc"}},
                   "aggs":{"series":{"terms":{"field":"series","size":10000},
                     "aggs":{"latest":{"top_hits":{"size":1,"sort":[{"updatedAt":{"order":"desc"}}],"_source":["met","decided"]}}}}}}}}
                """.formatted(window);
        Map<String, Double> byTier = new LinkedHashMap<>();
        try {
            HttpRequest request = endpoint.authorize(
                            HttpRequest.newBuilder(endpoint.resolve("/" + SlaIndices.ADHERENCE + "/_search")))
                    .timeout(Duration.ofSeconds(3))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(query))
                    .build();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) return byTier;
            for (JsonNode b : JSON.readTree(response.body()).at("/aggregations/tier/buckets")) {
                double met = 0;
                double decided = 0;
                for (JsonNode series : b.at("/series/buckets")) {
                    JsonNode latest = series.at("/latest/hits/hits/0/_source");
                    met += latest.path("met").asDouble();
                    decided += latest.path("decided").asDouble();
                }
                if (decided > 0) byTier.put(b.get("key").asText(), 100.0 * met / decided);
            }
        } catch (Exception e) {
            // the console shows what it can; Elasticsearch being busy is not a demo failure
        }
        return byTier;
    }
}
