package io.slaflow.es;

import java.io.IOException;
import java.util.Objects;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * A Sink V2 that writes documents to Elasticsearch with bulk requests over the low-level REST client: batched by count,
 * bytes and time, flushed and acknowledged on every checkpoint, 429/5xx and connection errors retried with backoff
 * (back-pressuring the job meanwhile), documents refused for good sent to an {@link EsDeadLetterHandler}. At-least-once;
 * with the deterministic ids {@link EsDocumentMapper} must produce, replays overwrite instead of duplicating.
 *
 * <pre>{@code
 * stream.sinkTo(new EsSink<>(EsSinkConfig.builder("http://127.0.0.1:9200").build(),
 *         event -> EsDocument.index("sla-events", event.id(), json(event)),
 *         EsDeadLetterHandler.logging()));
 * }</pre>
 */
public final class EsSink<T> implements Sink<T> {

    private static final long serialVersionUID = 1L;

    private final EsSinkConfig config;
    private final EsDocumentMapper<T> mapper;
    private final EsDeadLetterHandler deadLetters;

    public EsSink(EsSinkConfig config, EsDocumentMapper<T> mapper, EsDeadLetterHandler deadLetters) {
        this.config = Objects.requireNonNull(config, "config");
        this.mapper = Objects.requireNonNull(mapper, "mapper");
        this.deadLetters = Objects.requireNonNull(deadLetters, "deadLetters");
    }

    /** Refused documents are logged only (see {@link EsDeadLetterHandler#logging()}). */
    public EsSink(EsSinkConfig config, EsDocumentMapper<T> mapper) {
        this(config, mapper, EsDeadLetterHandler.logging());
    }

    @Override
    public SinkWriter<T> createWriter(WriterInitContext context) throws IOException {
        deadLetters.open(context.getTaskInfo().getIndexOfThisSubtask());
        return new EsSinkWriter<>(
                config,
                mapper,
                deadLetters,
                context.getProcessingTimeService(),
                context.getMailboxExecutor(),
                context.metricGroup());
    }

    @Override
    public String toString() {
        return "EsSink{" + config + "}";
    }
}
