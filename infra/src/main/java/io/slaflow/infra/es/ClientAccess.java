package io.slaflow.infra.es;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Map;

/**
 * Read-only access for one client's users (infra/src/main/resources/kibana/README.md, "A client-facing space"): the
 * Elasticsearch role whose only index privilege is {@code read}/{@code view_index_metadata} on the client's filtered
 * alias (with document-level security on {@code clientId} too), the Kibana role that adds read access to the
 * client's space, and the space. Rendered from the shipped role definition
 * ({@code elasticsearch/roles/sla-client-reader.json}); the client id is only ever a JSON value here (a hostile id
 * cannot change the document), and every name is the client's {@link ClientAlias} name (its id's safe name, made by
 * the caller with {@code io.slaflow.names.SafeName}: collision-free, so no two clients share a role or a space).
 */
public final class ClientAccess {
    private static final String ROLE = "/elasticsearch/roles/sla-client-reader.json";

    private ClientAccess() {}

    /** The role (and Kibana role) name: the client's alias name. */
    public static String roleName(ClientAlias client) {
        return client.alias();
    }

    /** The Kibana space id for the client's dashboards. */
    public static String spaceId(ClientAlias client) {
        return "client-" + client.name();
    }

    /** The body of {@code PUT /_security/role/<roleName>}. */
    public static ObjectNode elasticsearchRole(ClientAlias client) {
        ObjectNode role = (ObjectNode) shipped();
        role.remove("_comment");
        fill(role, Map.of("${alias}", client.alias(), "${clientId}", client.clientId()));
        return role;
    }

    /**
     * The body of Kibana's {@code PUT /api/security/role/<roleName>}: the same index privileges, and {@code read} on
     * the client's space only (no other space, no management features).
     */
    public static ObjectNode kibanaRole(ClientAlias client) {
        ObjectNode es = elasticsearchRole(client);
        ObjectNode role = EsHttp.JSON.createObjectNode();
        ObjectNode elasticsearch = role.putObject("elasticsearch");
        elasticsearch.set("cluster", es.get("cluster"));
        elasticsearch.set("indices", es.get("indices"));
        elasticsearch.set("run_as", es.get("run_as"));
        ObjectNode kibana = role.putArray("kibana").addObject();
        kibana.putArray("base").add("read");
        kibana.putObject("feature");
        kibana.putArray("spaces").add(spaceId(client));
        role.set("metadata", es.get("metadata"));
        return role;
    }

    /** The body of Kibana's {@code POST /api/spaces/space}: dashboards and Discover only. */
    public static ObjectNode space(ClientAlias client, String clientName) {
        ObjectNode space =
                EsHttp.JSON.createObjectNode().put("id", spaceId(client)).put("name", "SLA " + clientName);
        var disabled = space.putArray("disabledFeatures");
        for (String f : new String[] {"dev_tools", "advancedSettings", "indexPatterns", "savedObjectsManagement"})
            disabled.add(f);
        return space;
    }

    private static void fill(JsonNode node, Map<String, String> values) {
        if (node instanceof ObjectNode o) {
            Iterator<Map.Entry<String, JsonNode>> it = o.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                if (e.getValue().isTextual() && values.containsKey(e.getValue().asText())) {
                    e.setValue(TextNode.valueOf(values.get(e.getValue().asText())));
                } else {
                    fill(e.getValue(), values);
                }
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                JsonNode v = node.get(i);
                if (v.isTextual() && values.containsKey(v.asText())) {
                    ((com.fasterxml.jackson.databind.node.ArrayNode) node)
                            .set(i, TextNode.valueOf(values.get(v.asText())));
                } else {
                    fill(v, values);
                }
            }
        }
    }

    private static JsonNode shipped() {
        try (InputStream in = ClientAccess.class.getResourceAsStream(ROLE)) {
            if (in == null)
                throw new IllegalStateException("role definition " + ROLE + " is missing from the classpath");
            return EsHttp.JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
