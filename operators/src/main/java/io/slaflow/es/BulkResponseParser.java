package io.slaflow.es;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a bulk response filtered to {@code errors,items.*.status,items.*.error.type,items.*.error.reason} (see
 * {@link EsBulkWriter#FILTER_PATH}) with a streaming parser: one {@link BulkItemResult} per item, in request order.
 */
final class BulkResponseParser {

    private static final JsonFactory JSON = new JsonFactory();

    private BulkResponseParser() {}

    static List<BulkItemResult> parse(InputStream body, int expectedItems) throws IOException {
        List<BulkItemResult> results = new ArrayList<>(expectedItems);
        try (JsonParser p = JSON.createParser(body)) {
            expect(p.nextToken(), JsonToken.START_OBJECT, p);
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                if ("items".equals(field) && value == JsonToken.START_ARRAY) {
                    while (p.nextToken() == JsonToken.START_OBJECT) {
                        results.add(item(p));
                    }
                } else {
                    p.skipChildren();
                }
            }
        }
        return results;
    }

    /** {@code {"index":{"status":201}}} or {@code {"update":{"status":400,"error":{"type":..,"reason":..}}}}. */
    private static BulkItemResult item(JsonParser p) throws IOException {
        int status = -1;
        String type = null;
        String reason = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) { // the action name: index, update, create, delete
            expect(p.nextToken(), JsonToken.START_OBJECT, p);
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                if ("status".equals(field) && value == JsonToken.VALUE_NUMBER_INT) {
                    status = p.getIntValue();
                } else if ("error".equals(field) && value == JsonToken.START_OBJECT) {
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        String errorField = p.currentName();
                        JsonToken errorValue = p.nextToken();
                        if ("type".equals(errorField) && errorValue == JsonToken.VALUE_STRING) {
                            type = p.getText();
                        } else if ("reason".equals(errorField) && errorValue == JsonToken.VALUE_STRING) {
                            reason = p.getText();
                        } else {
                            p.skipChildren();
                        }
                    }
                } else if ("error".equals(field) && value == JsonToken.VALUE_STRING) {
                    type = p.getText();
                } else {
                    p.skipChildren();
                }
            }
        }
        if (status < 0) {
            throw new IOException("a bulk response item without a status");
        }
        return new BulkItemResult(status, type, reason);
    }

    private static void expect(JsonToken actual, JsonToken expected, JsonParser p) throws IOException {
        if (actual != expected) {
            throw new IOException("unexpected bulk response: " + actual + " where " + expected + " was expected at "
                    + p.currentLocation().getCharOffset());
        }
    }
}
