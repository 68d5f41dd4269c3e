package io.slaflow.es;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * One document as bulk NDJSON (action line + source line, both ending in {@code \n}), serialized once when it enters
 * the buffer and resent as is on retries. {@link #key()} ({@code index \0 id}) keeps two versions of one document out of
 * the same bulk request, so a retried older version can never overwrite a newer one.
 */
final class BulkEntry {

    private static final byte[] INDEX_OPEN = "{\"index\":{\"_index\":\"".getBytes(StandardCharsets.UTF_8);
    private static final byte[] UPDATE_OPEN = "{\"update\":{\"_index\":\"".getBytes(StandardCharsets.UTF_8);
    private static final byte[] ID = "\",\"_id\":\"".getBytes(StandardCharsets.UTF_8);
    private static final byte[] INDEX_CLOSE = "\"}}\n".getBytes(StandardCharsets.UTF_8);
    private static final byte[] UPDATE_CLOSE =
            "\",\"retry_on_conflict\":3}}\n{\"doc\":".getBytes(StandardCharsets.UTF_8);
    private static final byte[] UPSERT_CLOSE = ",\"doc_as_upsert\":true}\n".getBytes(StandardCharsets.UTF_8);

    final String index;
    final String id;
    final String key;
    final byte[] bytes;
    int attempts;

    private BulkEntry(String index, String id, byte[] bytes) {
        this.index = index;
        this.id = id;
        this.key = index + '\0' + id;
        this.bytes = bytes;
    }

    /**
     * The buffer's key of {@code document} ({@code index \0 id}, the id as sent), after the checks {@link #of} makes,
     * so a document that cannot be sent is refused when it is added.
     */
    static String keyOf(EsDocument document) {
        return checkedIndex(document) + '\0' + checkedId(document);
    }

    private static String checkedIndex(EsDocument document) {
        String index = Objects.requireNonNull(document.getIndex(), "EsDocument.index");
        Objects.requireNonNull(document.getOperation(), "EsDocument.operation");
        Objects.requireNonNull(document.getSource(), "EsDocument.source");
        if (index.isEmpty()) {
            throw new IllegalArgumentException("EsDocument needs a non-empty index and id: " + document);
        }
        return index;
    }

    private static String checkedId(EsDocument document) {
        // at most 512 bytes whatever the outside strings it was built from (EsDocumentId)
        String id = EsDocumentId.of(Objects.requireNonNull(document.getId(), "EsDocument.id (deterministic ids only)"));
        if (id.isEmpty()) {
            throw new IllegalArgumentException("EsDocument needs a non-empty index and id: " + document);
        }
        return id;
    }

    static BulkEntry of(EsDocument document) {
        String index = checkedIndex(document);
        String id = checkedId(document);
        EsOperation operation = document.getOperation();
        String source = document.getSource();
        if (source.indexOf('\n') >= 0 || source.indexOf('\r') >= 0) {
            source = source.replace('\n', ' ').replace('\r', ' '); // whitespace in valid JSON: see EsDocument
        }
        byte[] sourceBytes = source.getBytes(StandardCharsets.UTF_8);
        JsonStringEncoder quote = JsonStringEncoder.getInstance();
        byte[] quotedIndex = quote.quoteAsUTF8(index);
        byte[] quotedId = quote.quoteAsUTF8(id);
        ByteArrayOutputStream out =
                new ByteArrayOutputStream(sourceBytes.length + quotedIndex.length + quotedId.length + 64);
        boolean upsert = operation == EsOperation.UPSERT;
        out.writeBytes(upsert ? UPDATE_OPEN : INDEX_OPEN);
        out.writeBytes(quotedIndex);
        out.writeBytes(ID);
        out.writeBytes(quotedId);
        if (upsert) {
            out.writeBytes(UPDATE_CLOSE);
            out.writeBytes(sourceBytes);
            out.writeBytes(UPSERT_CLOSE);
        } else {
            out.writeBytes(INDEX_CLOSE);
            out.writeBytes(sourceBytes);
            out.write('\n');
        }
        return new BulkEntry(index, id, out.toByteArray());
    }

    int size() {
        return bytes.length;
    }
}
