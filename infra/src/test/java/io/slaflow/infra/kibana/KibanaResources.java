package io.slaflow.infra.kibana;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the shipped Kibana saved objects, panel queries and index templates from the classpath, as Kibana/ES would. */
final class KibanaResources {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String SAVED_OBJECTS = "/kibana/slaflow-dashboards.ndjson";
    static final String DASHBOARD_ID = "slaflow-sla-dashboard";
    /** Panel key = dashboard panelIndex = panel-queries/<key>.json = lens id suffix. */
    static final List<String> PANELS = List.of(
            "at-risk-due-within",
            "at-risk-tickets",
            "adherence-over-time",
            "adherence-by-tier",
            "adherence-by-client",
            "breached-tickets",
            "escalation-list",
            "escalations-timeline",
            "top-breaching-clients",
            "chain-alerts",
            "report-deliveries",
            "dead-letters-by-reason");
    /** A KQL field: before {@code :} or a range operator ({@code next.deadline < "now+1h"}). */
    private static final Pattern KQL_FIELD = Pattern.compile("([A-Za-z_][A-Za-z0-9_.]*)\\s*(?::|<=|>=|<|>)");

    private KibanaResources() {}

    static String text(String resource) {
        try (InputStream in = KibanaResources.class.getResourceAsStream(resource)) {
            if (in == null) throw new IllegalStateException(resource + " is not on the classpath");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One JSON object per non-empty line of the ndjson file. */
    static List<JsonNode> savedObjects() {
        List<JsonNode> objects = new ArrayList<>();
        for (String line : text(SAVED_OBJECTS).split("\n")) {
            if (!line.isBlank()) objects.add(json(line));
        }
        return objects;
    }

    static JsonNode savedObject(String type, String id) {
        return savedObjects().stream()
                .filter(o -> o.path("type").asText().equals(type)
                        && o.path("id").asText().equals(id))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + type + " " + id + " in " + SAVED_OBJECTS));
    }

    static JsonNode lens(String panel) {
        return savedObject("lens", "slaflow-lens-" + panel);
    }

    /** The data view a lens object's (single) layer reads. */
    static JsonNode dataViewOf(JsonNode lens) {
        JsonNode ref = lens.path("references").get(0);
        return savedObject("index-pattern", ref.path("id").asText());
    }

    static JsonNode panelQuery(String panel) {
        return json(text("/kibana/panel-queries/" + panel + ".json"));
    }

    /** Field name → mapping type from an index template, object properties flattened with dots. */
    static Map<String, String> mappedFields(String index) {
        JsonNode properties =
                json(text("/elasticsearch/templates/" + index + ".json")).at("/template/mappings/properties");
        Map<String, String> fields = new java.util.TreeMap<>();
        flatten("", properties, fields);
        return fields;
    }

    private static void flatten(String prefix, JsonNode properties, Map<String, String> out) {
        properties.fields().forEachRemaining(e -> {
            JsonNode def = e.getValue();
            if (def.has("properties")) {
                flatten(prefix + e.getKey() + ".", def.get("properties"), out);
            } else {
                out.put(prefix + e.getKey(), def.path("type").asText());
                // multi-fields (subject.keyword beside the text subject) are fields of their own
                def.path("fields")
                        .fields()
                        .forEachRemaining(f -> out.put(
                                prefix + e.getKey() + "." + f.getKey(),
                                f.getValue().path("type").asText()));
            }
        });
    }

    /**
     * The Lens columns of all layers (formBased datasource): one data layer per visualization, and at most a layer of
     * static values beside it (a goal line), which reads no field.
     */
    static JsonNode lensColumns(JsonNode lens) {
        JsonNode layers = lens.at("/attributes/state/datasourceStates/formBased/layers");
        com.fasterxml.jackson.databind.node.ObjectNode all = JSON.createObjectNode();
        int dataLayers = 0;
        for (JsonNode layer : layers) {
            boolean staticOnly = true;
            for (JsonNode c : layer.path("columns"))
                staticOnly &= c.path("operationType").asText().equals("static_value");
            if (!staticOnly) dataLayers++;
            all.setAll((com.fasterxml.jackson.databind.node.ObjectNode) layer.path("columns"));
        }
        if (dataLayers != 1) throw new AssertionError(lens.path("id").asText() + " should have exactly one data layer");
        return all;
    }

    static String lensKql(JsonNode lens) {
        return lens.at("/attributes/state/query/query").asText();
    }

    /**
     * Every document field a Lens visualization touches: column source fields, last-value sort fields, the KQL of
     * column filters and of "filters" buckets, and the query's KQL.
     */
    static Set<String> lensFields(JsonNode lens) {
        Set<String> fields = new TreeSet<>();
        lensColumns(lens).elements().forEachRemaining(c -> {
            String source = c.path("sourceField").asText("");
            if (!source.isEmpty() && !source.equals("___records___")) fields.add(source);
            if (c.at("/params/sortField").isTextual())
                fields.add(c.at("/params/sortField").asText());
            if (c.at("/filter/query").isTextual())
                fields.addAll(kqlFields(c.at("/filter/query").asText()));
            c.at("/params/filters")
                    .forEach(f -> fields.addAll(kqlFields(f.at("/input/query").asText())));
        });
        fields.addAll(kqlFields(lensKql(lens)));
        return fields;
    }

    static Set<String> kqlFields(String kql) {
        Set<String> fields = new TreeSet<>();
        Matcher m = KQL_FIELD.matcher(kql);
        while (m.find()) fields.add(m.group(1));
        return fields;
    }

    /** Every document field an Elasticsearch request body touches (aggregation fields, term/range keys, sort keys, fields lists). */
    static Set<String> queryFields(JsonNode body) {
        Set<String> fields = new TreeSet<>();
        collect(body, fields);
        return fields;
    }

    private static void collect(JsonNode node, Set<String> out) {
        if (node.isArray()) {
            node.forEach(n -> collect(n, out));
            return;
        }
        if (!node.isObject()) return;
        Iterator<Map.Entry<String, JsonNode>> it = node.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = e.getKey();
            JsonNode value = e.getValue();
            switch (key) {
                case "field" -> out.add(value.asText());
                case "term", "range" -> value.fieldNames().forEachRemaining(out::add);
                case "sort" -> value.forEach(s -> s.fieldNames().forEachRemaining(out::add));
                case "fields" -> value.forEach(f -> out.add(f.asText()));
                default -> collect(value, out);
            }
        }
    }
}
