package io.slaflow.es;

import java.util.Objects;

/**
 * What callers map their records to before {@link EsSink}: the target index, a <b>deterministic</b> document id (the
 * same logical record always gets the same id, so a retry or a replay overwrites instead of duplicating), the
 * operation and the source as one JSON object.
 *
 * <p>A Flink POJO (public no-argument constructor, getters and setters), so it travels between operators without Kryo.
 * Line breaks in the source are replaced by spaces when the bulk body is built: in valid JSON they can only be
 * whitespace between tokens (inside strings they must be escaped), so this changes nothing but keeps the NDJSON body
 * one line per source.
 */
public class EsDocument {

    private String index;
    private String id;
    private EsOperation operation;
    private String source;

    public EsDocument() {}

    public EsDocument(String index, String id, EsOperation operation, String source) {
        this.index = index;
        this.id = id;
        this.operation = operation;
        this.source = source;
    }

    /** {@code index} action: replaces the document. */
    public static EsDocument index(String index, String id, String sourceJson) {
        return new EsDocument(index, id, EsOperation.INDEX, sourceJson);
    }

    /** {@code update} + {@code doc_as_upsert}: merges the fields into the document, creating it when absent. */
    public static EsDocument upsert(String index, String id, String sourceJson) {
        return new EsDocument(index, id, EsOperation.UPSERT, sourceJson);
    }

    public String getIndex() {
        return index;
    }

    public void setIndex(String index) {
        this.index = index;
    }

    public String getId() {
        return id;
    }

    public void setId(String id) {
        this.id = id;
    }

    public EsOperation getOperation() {
        return operation;
    }

    public void setOperation(EsOperation operation) {
        this.operation = operation;
    }

    public String getSource() {
        return source;
    }

    public void setSource(String source) {
        this.source = source;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EsDocument d
                && Objects.equals(index, d.index)
                && Objects.equals(id, d.id)
                && operation == d.operation
                && Objects.equals(source, d.source);
    }

    @Override
    public int hashCode() {
        return Objects.hash(index, id, operation, source);
    }

    @Override
    public String toString() {
        return operation + " " + index + "/" + id;
    }
}
