package io.slaflow.infra.es;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The few plain REST calls index setup and retention make (templates, aliases, index listing and deletion,
 * searches), authenticated as the endpoint says. Errors name the endpoint and the request, never the credentials.
 */
final class EsHttp {
    static final ObjectMapper JSON = new ObjectMapper();
    private final ElasticsearchEndpoint endpoint;
    private final HttpClient http;

    EsHttp(ElasticsearchEndpoint endpoint) {
        this.endpoint = endpoint;
        this.http = endpoint.newHttpClient(Duration.ofSeconds(10));
    }

    ElasticsearchEndpoint endpoint() {
        return endpoint;
    }

    /** The answer's JSON; any non-2xx answer is an exception with Elasticsearch's reason. */
    JsonNode send(String method, String path, String body) {
        HttpResponse<String> r = exchange(method, path, body);
        if (r.statusCode() / 100 != 2) {
            throw new IllegalStateException("Elasticsearch " + endpoint + " answered HTTP " + r.statusCode() + " to "
                    + method + " " + path + ": " + r.body());
        }
        try {
            return r.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "Elasticsearch " + endpoint + " answered " + method + " " + path + " with no JSON", e);
        }
    }

    int status(String method, String path) {
        return exchange(method, path, null).statusCode();
    }

    HttpResponse<String> exchange(String method, String path, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(endpoint.resolve(path))
                .timeout(Duration.ofSeconds(60))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", path.startsWith("/_bulk") ? "application/x-ndjson" : "application/json");
        endpoint.authorize(b);
        try {
            return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot reach Elasticsearch at " + endpoint + " (" + e.getMessage()
                            + "): is it running, and is the URL right?",
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while talking to Elasticsearch", e);
        }
    }
}
