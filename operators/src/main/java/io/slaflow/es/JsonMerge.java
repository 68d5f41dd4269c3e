package io.slaflow.es;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Merges a partial document into another the way Elasticsearch's {@code update} with {@code doc} does: objects are
 * merged field by field, recursively; any other value (arrays, scalars, null) replaces the old one.
 */
final class JsonMerge {

    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonMerge() {}

    static String mergeObjects(String baseJson, String updateJson) {
        return mergeObjects(baseJson, List.of(updateJson));
    }

    /** {@code updates} merged into {@code baseJson} one after the other: parsed once each, written once. */
    static String mergeObjects(String baseJson, List<String> updates) {
        try {
            ObjectNode target = object(baseJson);
            for (String update : updates) {
                merge(target, object(update));
            }
            return JSON.writeValueAsString(target);
        } catch (IOException e) {
            throw new UncheckedIOException("a document source is not valid JSON", e);
        }
    }

    private static ObjectNode object(String json) throws IOException {
        if (JSON.readTree(json) instanceof ObjectNode object) {
            return object;
        }
        throw new IllegalArgumentException("a document source must be a JSON object");
    }

    private static void merge(ObjectNode target, ObjectNode update) {
        for (Iterator<Map.Entry<String, JsonNode>> it = update.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            JsonNode old = target.get(field.getKey());
            if (old instanceof ObjectNode oldObject && field.getValue() instanceof ObjectNode newObject) {
                merge(oldObject, newObject);
            } else {
                target.set(field.getKey(), field.getValue());
            }
        }
    }
}
