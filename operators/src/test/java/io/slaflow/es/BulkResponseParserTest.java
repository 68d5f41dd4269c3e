package io.slaflow.es;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class BulkResponseParserTest {

    private static List<BulkItemResult> parse(String json) throws IOException {
        return BulkResponseParser.parse(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), 4);
    }

    @Test
    void readsEveryItemInOrderWithItsStatusAndError() throws IOException {
        List<BulkItemResult> items = parse("""
                {"took":3,"errors":true,"items":[
                  {"index":{"_index":"a","_id":"1","status":201,"result":"created","_shards":{"total":1}}},
                  {"update":{"_index":"a","_id":"2","status":429,"error":{"type":"es_rejected_execution_exception","reason":"rejected","caused_by":{"type":"x"}}}},
                  {"index":{"status":400,"error":{"type":"document_parsing_exception","reason":"failed to parse field [n]"}}},
                  {"create":{"status":503,"error":"unavailable_shards_exception"}}
                ]}""");
        assertThat(items)
                .containsExactly(
                        new BulkItemResult(201, null, null),
                        new BulkItemResult(429, "es_rejected_execution_exception", "rejected"),
                        new BulkItemResult(400, "document_parsing_exception", "failed to parse field [n]"),
                        new BulkItemResult(503, "unavailable_shards_exception", null));
        assertThat(items).extracting(BulkItemResult::ok).containsExactly(true, false, false, false);
        assertThat(items).extracting(BulkItemResult::retryable).containsExactly(false, true, false, true);
    }

    @Test
    void readsTheFilteredResponse() throws IOException {
        assertThat(parse("{\"errors\":false,\"items\":[{\"index\":{\"status\":200}},{\"update\":{\"status\":201}}]}"))
                .extracting(BulkItemResult::status)
                .containsExactly(200, 201);
    }

    @Test
    void aConflictIsRetryableAndANotFoundIndexIsNot() {
        assertThat(new BulkItemResult(409, "version_conflict_engine_exception", null).retryable())
                .isTrue();
        assertThat(new BulkItemResult(404, "index_not_found_exception", null).retryable())
                .isFalse();
    }

    @Test
    void refusesAnItemWithoutStatusOrAResponseThatIsNotAnObject() {
        assertThatThrownBy(() -> parse("{\"items\":[{\"index\":{\"_id\":\"1\"}}]}"))
                .isInstanceOf(IOException.class);
        assertThatThrownBy(() -> parse("[1]")).isInstanceOf(IOException.class);
    }
}
