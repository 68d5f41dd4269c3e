package io.slaflow.infra.es;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.function.Consumer;

/**
 * Installs what the SLA indices need, idempotently, at job start: the index templates (mappings with Kibana-friendly
 * keyword/date/numeric types; {@code infra/src/main/resources/elasticsearch/templates}), the four indices, and a
 * filtered alias {@code sla-client-<id>} per client so a client-facing Kibana space sees only that client's data.
 * Running it again changes nothing (templates are replaced by the same content; existing indices are kept;
 * alias additions are idempotent).
 */
public final class IndexSetup {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final ElasticsearchEndpoint endpoint;
    private final HttpClient http;
    private final Consumer<String> progress;

    public IndexSetup(ElasticsearchEndpoint endpoint, Consumer<String> progress) {
        this.endpoint = endpoint;
        this.progress = progress;
        this.http = endpoint.newHttpClient(Duration.ofSeconds(10));
    }

    /** Templates, indices and one alias per client. */
    public void install(Collection<ClientAlias> clientAliases) {
        for (String index : SlaIndices.ALL) {
            send("PUT", "/_index_template/" + index, template(index));
        }
        int created = 0;
        for (String index : SlaIndices.ALL) {
            if (status("HEAD", "/" + index) == 404) {
                int s = status("PUT", "/" + index);
                if (s != 200 && s != 400) { // 400 = created concurrently by another job instance: fine
                    throw new IllegalStateException("Elasticsearch " + endpoint + " refused to create index " + index + " (HTTP " + s + ")");
                }
                created++;
            }
        }
        addClientAliases(clientAliases);
        progress.accept("Elasticsearch " + endpoint + ": " + SlaIndices.ALL.size() + " index templates installed, "
                + created + " indices created, " + clientAliases.size() + " client aliases");
    }

    /** Adds (or re-adds) the filtered alias of each client; safe to call for a client seen for the first time. */
    public void addClientAliases(Collection<ClientAlias> clientAliases) {
        if (clientAliases.isEmpty()) return;
        ObjectNode body = JSON.createObjectNode();
        ArrayNode actions = body.putArray("actions");
        for (ClientAlias client : clientAliases) {
            ObjectNode add = actions.addObject().putObject("add");
            SlaIndices.ALL.forEach(add.putArray("indices")::add);
            add.put("alias", client.alias());
            add.putObject("filter").putObject("term").put("clientId", client.clientId());
        }
        send("POST", "/_aliases", body.toString());
    }

    static String template(String index) {
        String resource = "/elasticsearch/templates/" + index + ".json";
        try (InputStream in = IndexSetup.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("index template " + resource + " is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void send(String method, String path, String body) {
        HttpResponse<String> r = exchange(method, path, body);
        if (r.statusCode() / 100 != 2) {
            throw new IllegalStateException("Elasticsearch " + endpoint + " answered HTTP " + r.statusCode() + " to "
                    + method + " " + path + ": " + r.body());
        }
    }

    private int status(String method, String path) {
        return exchange(method, path, null).statusCode();
    }

    private HttpResponse<String> exchange(String method, String path, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(endpoint.resolve(path)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        endpoint.authorize(b);
        try {
            return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot reach Elasticsearch at " + endpoint + " (" + e.getMessage()
                    + "): is it running, and is the URL right?", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while talking to Elasticsearch", e);
        }
    }

}
