package io.slaflow.infra.es;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Installs what the SLA indices need, idempotently, at job start: the index templates (mappings with Kibana-friendly
 * keyword/date/numeric types; {@code infra/src/main/resources/elasticsearch/templates}), the {@code sla-tickets}
 * index and this month's index of each time-based family ({@link SlaIndices}), the read alias of each family, and a
 * filtered alias {@code sla-client-<id>} per client so a client-facing Kibana space sees only that client's data.
 *
 * <p>The aliases are part of each template, so a monthly index created later by a write (the first document of a new
 * month) carries the family's alias and every client's alias from its first document on; the aliases are also
 * added to the indices that already exist, for a client seen for the first time. Running it again changes nothing
 * (templates are replaced by the same content; existing indices are kept; alias additions are idempotent).
 */
public final class IndexSetup {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final ElasticsearchEndpoint endpoint;
    private final EsHttp es;
    private final Consumer<String> progress;
    private final LongSupplier clock;

    public IndexSetup(ElasticsearchEndpoint endpoint, Consumer<String> progress) {
        this(endpoint, progress, System::currentTimeMillis);
    }

    /** @param clock which month's indices to create ahead of the first write (the wall clock; tests fix it) */
    public IndexSetup(ElasticsearchEndpoint endpoint, Consumer<String> progress, LongSupplier clock) {
        this.endpoint = endpoint;
        this.progress = progress;
        this.clock = clock;
        this.es = new EsHttp(endpoint);
    }

    /** Templates, indices and one alias per client (named by the client id's safe name: {@link ClientAlias}). */
    public void install(Collection<ClientAlias> clientAliases) {
        refuseSingleIndexLayout();
        for (String index : SlaIndices.ALL) {
            send("PUT", "/_index_template/" + index, template(index, clientAliases));
        }
        // the tickets index, and this month's index of each family so the read aliases exist before the first write
        List<String> concrete = new ArrayList<>(List.of(SlaIndices.TICKETS));
        for (String family : SlaIndices.TIME_BASED) concrete.add(SlaIndices.monthly(family, clock.getAsLong()));
        int created = 0;
        for (String index : concrete) {
            if (status("HEAD", "/" + index) == 404) {
                int s = status("PUT", "/" + index);
                if (s != 200 && s != 400) { // 400 = created concurrently by another job instance: fine
                    throw new IllegalStateException(
                            "Elasticsearch " + endpoint + " refused to create index " + index + " (HTTP " + s + ")");
                }
                created++;
            }
        }
        addAliases(clientAliases);
        progress.accept("Elasticsearch " + endpoint + ": " + SlaIndices.ALL.size() + " index templates installed, "
                + created + " indices created, " + clientAliases.size() + " client aliases");
    }

    /** Adds (or re-adds) the filtered alias of each client to every existing SLA index; safe for a new client. */
    public void addClientAliases(Collection<ClientAlias> clientAliases) {
        if (!clientAliases.isEmpty()) addAliases(clientAliases);
    }

    private void addAliases(Collection<ClientAlias> clientAliases) {
        ObjectNode body = JSON.createObjectNode();
        ArrayNode actions = body.putArray("actions");
        for (String family : SlaIndices.TIME_BASED) {
            ObjectNode add = actions.addObject().putObject("add");
            add.putArray("indices").add(SlaIndices.pattern(family));
            add.put("alias", family);
        }
        for (ClientAlias client : clientAliases) {
            ObjectNode add = actions.addObject().putObject("add");
            SlaIndices.ALL.forEach(i -> add.withArray("indices").add(SlaIndices.templatePattern(i)));
            add.put("alias", client.alias());
            add.set("filter", clientFilter(client.clientId()));
        }
        send("POST", "/_aliases", body.toString());
    }

    /**
     * Before monthly indices, each family was one index of the family's name; an alias cannot take that name while
     * the index exists, and silently writing beside it would split the evidence. Say what to do instead.
     */
    private void refuseSingleIndexLayout() {
        for (String family : SlaIndices.TIME_BASED) {
            HttpResponse<String> r = exchange("GET", "/_cat/indices/" + family + "?format=json&h=index", null);
            if (r.statusCode() == 200 && r.body().contains("\"index\":\"" + family + "\"")) {
                throw new IllegalStateException(
                        "Elasticsearch " + endpoint + " holds an index named '" + family
                                + "' from a version before monthly indices; '" + family + "' is now an alias over "
                                + SlaIndices.pattern(family)
                                + ". Replay the history into the new layout (slaflow replay / run "
                                + "from the earliest offsets) and delete the old index, or reindex it by month, then start again.");
            }
        }
    }

    private static ObjectNode clientFilter(String clientId) {
        ObjectNode filter = JSON.createObjectNode();
        filter.putObject("term").put("clientId", clientId);
        return filter;
    }

    /** The shipped template with the family's read alias and every client's filtered alias added. */
    static String template(String index, Collection<ClientAlias> clientAliases) {
        try {
            ObjectNode t = (ObjectNode) JSON.readTree(template(index));
            ObjectNode aliases = t.with("template").with("aliases");
            if (!SlaIndices.TICKETS.equals(index)) aliases.putObject(index);
            for (ClientAlias client : clientAliases) {
                aliases.putObject(client.alias()).set("filter", clientFilter(client.clientId()));
            }
            return t.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
        es.send(method, path, body);
    }

    private int status(String method, String path) {
        return es.status(method, path);
    }

    private HttpResponse<String> exchange(String method, String path, String body) {
        return es.exchange(method, path, body);
    }
}
