package io.slaflow.infra.kibana;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;

/**
 * Runs a shipped panel query the way a Kibana dashboard does: against the data view's index (or a client's filtered
 * alias) and, when the data view has a time field, restricted to the dashboard's time range on that field.
 */
final class PanelQueryRunner {
    private final HttpClient http = HttpClient.newHttpClient();
    private final String url;

    PanelQueryRunner(String url) {
        this.url = url;
    }

    /** The aggregations of the panel's query on its own index. */
    JsonNode aggregations(String panel, Instant from, Instant to) {
        return aggregations(
                panel, KibanaResources.panelQuery(panel).path("index").asText(), from, to);
    }

    /** The aggregations of the panel's query on {@code target} (an index or alias), within [from, to] when the panel is time-bound. */
    JsonNode aggregations(String panel, String target, Instant from, Instant to) {
        JsonNode spec = KibanaResources.panelQuery(panel);
        ObjectNode body = spec.path("body").deepCopy();
        if (!spec.path("timeField").isNull()) {
            ArrayNode filter = (ArrayNode) body.with("query").with("bool").withArray("filter");
            filter.addObject()
                    .putObject("range")
                    .putObject(spec.path("timeField").asText())
                    .put("gte", from.toString())
                    .put("lte", to.toString())
                    .put("format", "strict_date_optional_time");
        }
        JsonNode answer = send("POST", "/" + target + "/_search", body.toString());
        return answer.path("aggregations");
    }

    JsonNode send(String method, String path, String body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url + path))
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body))
                .build();
        try {
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() / 100 != 2) {
                throw new AssertionError(method + " " + path + " answered HTTP " + r.statusCode() + ": " + r.body());
            }
            return KibanaResources.json(r.body());
        } catch (IOException e) {
            throw new AssertionError("cannot reach " + url, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
