package io.slaflow.es;

import io.slaflow.event.DeadLetter;
import java.io.IOException;
import java.io.Serializable;

/**
 * Where {@link EsSink} puts a document Elasticsearch refused for good: a {@link DeadLetter} with reason
 * {@link io.slaflow.event.RejectReason#ES_REJECTED}, a message naming index, id, HTTP status and Elasticsearch's error
 * type and reason, and as original bytes the document's bulk action and source lines (fix them and POST them to
 * {@code _bulk} to retry). Its id is deterministic (a hash of those bytes), so a replay overwrites its dead letters too.
 *
 * <p>Why a handler and not a side output: a Sink V2 writer has no output of its own (only committables for a committer),
 * and turning the sink into a plain operator would give up the Sink V2 contract the rest of Flink relies on. The writer
 * calls the handler in its own thread, {@link #flush()} on every checkpoint after the bulk requests are acknowledged
 * (so a handler that buffers can make its dead letters durable before the checkpoint completes), and {@link #close()}
 * when the task ends. Implementations are serialized with the job graph: open connections in {@link #open}.
 *
 * <p>{@link #logging()} is the default; a job routes them to its dead-letter topic ({@code ticket-events-dlq}) with
 * an implementation of its own; tests collect them in memory.
 */
public interface EsDeadLetterHandler extends Serializable {

    /** Called once per writer before the first dead letter; {@code subtask} is the writer's subtask index. */
    default void open(int subtask) throws IOException {}

    void accept(DeadLetter deadLetter) throws IOException;

    /** Called on every checkpoint and at the end of input: what was accepted so far must be durable on return. */
    default void flush() throws IOException {}

    default void close() throws IOException {}

    /** Logs each refused document (index, id, error; not its content) at WARN. Nothing else keeps it. */
    static EsDeadLetterHandler logging() {
        return new LoggingDeadLetterHandler();
    }
}
