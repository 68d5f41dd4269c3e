package io.slaflow.es;

import io.slaflow.event.DeadLetter;
import io.slaflow.event.RejectReason;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import org.apache.http.entity.ByteArrayEntity;
import org.apache.http.entity.ContentType;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.Response;
import org.elasticsearch.client.ResponseException;
import org.elasticsearch.client.RestClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Flink-free heart of {@link EsSinkWriter}: a bounded buffer of documents and the bulk request loop.
 *
 * <p><b>One request at a time, in the caller's thread.</b> {@link #add} sends the buffer as soon as it holds
 * {@code maxActions} documents or {@code maxBytes} bytes, and returns only when Elasticsearch has acknowledged (or
 * refused for good) every document of it. That is the back-pressure: the buffer never grows beyond one bulk request, and
 * while Elasticsearch is slow or down the caller (the sink's task) waits, which Flink propagates upstream.
 *
 * <p><b>One version of a document per request.</b> Elasticsearch applies the items of one bulk request in order, but a
 * retry resends only the items that failed, so an older version retried after a newer one succeeded would win. The
 * buffer therefore keeps one entry per index and id and folds a later document into it: an {@code index} replaces the
 * entry; an upsert is merged into it the way Elasticsearch merges a partial document (see {@link JsonMerge}), once, when
 * the buffer is sent. The result in Elasticsearch is the same as sending both, in order. {@code maxBytes} is compared
 * with an estimate of the request's body in chars (each document's largest pending source: see {@code Pending}).
 *
 * <p><b>Retries.</b> Connection errors, 429 and 5xx (whole request or per item, and item 409s) are retried with
 * exponential backoff and jitter, for ever unless {@code failAfter} is set (then an {@link IOException} after that long
 * without progress fails the job, which restarts from its last checkpoint). Other 4xx items go to the dead-letter
 * handler; another 4xx for the whole request (bad credentials, a body too large) fails at once: retrying cannot fix it.
 */
final class EsBulkWriter implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EsBulkWriter.class);

    /** The response is filtered to what the writer reads: less to transfer and parse for large requests. */
    static final String BULK_PATH = "/_bulk";

    static final String FILTER_PATH = "errors,items.*.status,items.*.error.type,items.*.error.reason";
    private static final long PROGRESS_LOG_INTERVAL_MILLIS = 5_000;

    /** What the writer reports, for metrics. Called in the writer's thread. */
    interface Listener {
        default void sent(int documents, long bytes, long latencyMillis) {}

        default void retried(int documents) {}

        default void rejected(int documents) {}
    }

    /**
     * How the writer waits between retries: through the task's mailbox in the sink ({@link MailboxSleeper}), so mails
     * run meanwhile; {@link Thread#sleep} outside Flink; a recorder in tests.
     */
    interface Sleeper {
        void sleep(long millis) throws InterruptedException;
    }

    private final RestClient client;
    private final EsSinkConfig config;
    private final EsDeadLetterHandler deadLetters;
    private final Listener listener;
    private final Sleeper sleeper;
    private final LongSupplier clock;
    private final Backoff backoff;

    private final Map<String, Pending> buffer = new LinkedHashMap<>();
    /** The buffer's bulk body as estimated by each pending document ({@code Pending#bytes}), for {@code maxBytes}. */
    private long bufferedBytes;

    private long oldestBufferedAt = -1;
    private boolean sending;

    EsBulkWriter(RestClient client, EsSinkConfig config, EsDeadLetterHandler deadLetters, Listener listener) {
        this(client, config, deadLetters, listener, Thread::sleep, System::currentTimeMillis);
    }

    EsBulkWriter(
            RestClient client,
            EsSinkConfig config,
            EsDeadLetterHandler deadLetters,
            Listener listener,
            Sleeper sleeper,
            LongSupplier clock) {
        this.client = client;
        this.config = config;
        this.deadLetters = deadLetters;
        this.listener = listener;
        this.sleeper = sleeper;
        this.clock = clock;
        this.backoff = new Backoff(config.initialBackoff(), config.maxBackoff());
    }

    /** Buffers {@code document}; when the buffer is full, sends it and returns once it is acknowledged. */
    void add(EsDocument document) throws IOException, InterruptedException {
        String key = BulkEntry.keyOf(document);
        Pending pending = buffer.get(key);
        if (pending == null) {
            if (buffer.isEmpty()) {
                oldestBufferedAt = clock.getAsLong();
            }
            pending = new Pending(document);
            buffer.put(key, pending);
        } else {
            bufferedBytes -= pending.bytes;
            pending.fold(document);
        }
        bufferedBytes += pending.bytes;
        if (buffer.size() >= config.maxActions() || bufferedBytes >= config.maxBytes()) {
            flush();
        }
    }

    /**
     * One document waiting in the buffer: its first version and the partial updates sent for it since, in order. They
     * are merged when the buffer is sent, or when {@link #MAX_UNMERGED} have gathered, not at every update: while a
     * backlog is caught up a ticket's document is updated a few times per send, and parsing and writing the merged JSON
     * at each of them was half of the sink's thread. An {@code index} replaces whatever was pending.
     *
     * <p>{@link #bytes} estimates the document's share of the bulk body as its action line and its largest pending
     * source in chars: updates mostly restate the fields they change, so the merge is about as large as the largest of
     * them, and counting every update in full sent the buffer twice as often for the same documents.
     */
    private static final class Pending {
        /** Updates held before they are merged into the first version: what one document may hold in the buffer. */
        static final int MAX_UNMERGED = 8;

        private EsDocument first;
        private List<String> updates;
        long bytes;

        Pending(EsDocument document) {
            replaceWith(document);
        }

        void fold(EsDocument later) {
            if (later.getOperation() == EsOperation.INDEX) {
                replaceWith(later);
                return;
            }
            if (updates == null) {
                updates = new ArrayList<>(2);
            }
            updates.add(later.getSource());
            bytes = Math.max(bytes, overhead(first) + later.getSource().length());
            if (updates.size() == MAX_UNMERGED) {
                replaceWith(document());
            }
        }

        /** The one document with the effect of all, in order (see {@link JsonMerge}). */
        EsDocument document() {
            if (updates == null) {
                return first;
            }
            String merged = JsonMerge.mergeObjects(first.getSource(), updates);
            return new EsDocument(first.getIndex(), first.getId(), first.getOperation(), merged);
        }

        private void replaceWith(EsDocument document) {
            first = document;
            updates = null;
            bytes = overhead(document) + document.getSource().length();
        }

        private static long overhead(EsDocument d) {
            return d.getIndex().length() + Math.min(d.getId().length(), 512) + 64;
        }
    }

    int bufferedDocuments() {
        return buffer.size();
    }

    long bufferedBytes() {
        return bufferedBytes;
    }

    /** When the oldest buffered document arrived (the writer's clock), or -1 when the buffer is empty. */
    long oldestBufferedAt() {
        return oldestBufferedAt;
    }

    /** True while a batch is being sent or waits for its retry (the wait may run mails: see {@link Sleeper}). */
    boolean sending() {
        return sending;
    }

    /**
     * Sends everything buffered and returns when Elasticsearch acknowledged or refused for good every document.
     *
     * @throws IllegalStateException when called while a batch is being sent (from a mail run during its backoff): it
     *         could not return before that batch is acknowledged, which waits for the caller to return; nothing in the
     *         sink does that (the timed flush checks {@link #sending()}, checkpoints never run during the wait)
     */
    void flush() throws IOException, InterruptedException {
        if (sending) {
            throw new IllegalStateException("flush called while a bulk request waits for its retry");
        }
        if (buffer.isEmpty()) {
            return;
        }
        List<BulkEntry> pending = new ArrayList<>(buffer.size());
        for (Pending p : buffer.values()) {
            pending.add(BulkEntry.of(p.document()));
        }
        buffer.clear();
        bufferedBytes = 0;
        oldestBufferedAt = -1;
        sending = true;
        try {
            send(pending);
        } finally {
            sending = false;
        }
    }

    private void send(List<BulkEntry> pending) throws IOException, InterruptedException {
        int failures = 0;
        long lastProgress = clock.getAsLong();
        long lastLogged = 0;
        while (!pending.isEmpty()) {
            String problem;
            long started = clock.getAsLong();
            try {
                Response response = client.performRequest(bulkRequest(pending));
                List<BulkItemResult> items;
                try (InputStream body = response.getEntity().getContent()) {
                    items = BulkResponseParser.parse(body, pending.size());
                }
                if (items.size() != pending.size()) {
                    throw new IOException(
                            "the bulk response has " + items.size() + " items for " + pending.size() + " documents");
                }
                long latency = clock.getAsLong() - started;
                int acknowledged = 0;
                List<BulkEntry> retry = new ArrayList<>();
                BulkItemResult firstRetryable = null;
                for (int i = 0; i < items.size(); i++) {
                    BulkItemResult item = items.get(i);
                    BulkEntry entry = pending.get(i);
                    if (item.ok()) {
                        acknowledged++;
                    } else if (item.retryable()) {
                        retry.add(entry);
                        if (firstRetryable == null) {
                            firstRetryable = item;
                        }
                    } else {
                        deadLetter(entry, item);
                    }
                }
                listener.sent(acknowledged, sentBytes(pending, retry), latency);
                if (retry.size() < pending.size()) {
                    lastProgress = clock.getAsLong();
                    failures = 0;
                }
                if (retry.isEmpty()) {
                    return;
                }
                problem = retry.size() + " of " + pending.size() + " documents refused for now, e.g. "
                        + firstRetryable.status() + " " + firstRetryable.errorType();
                pending = retry;
            } catch (ResponseException e) {
                int status = e.getResponse().getStatusLine().getStatusCode();
                if (status != 429 && status < 500) {
                    throw new IOException("Elasticsearch refused a bulk request of " + pending.size()
                            + " documents with HTTP " + status + " (not retried: the same request would fail again)");
                }
                problem = "HTTP " + status + " for the whole request";
            } catch (IOException e) {
                // ConnectException, socket timeouts, a node restarting: the documents stay pending.
                problem = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
            }
            failures++;
            listener.retried(pending.size());
            long now = clock.getAsLong();
            if (config.failAfter() != null
                    && now - lastProgress >= config.failAfter().toMillis()) {
                throw new IOException("Elasticsearch made no progress for " + Duration.ofMillis(now - lastProgress)
                        + " (failAfter " + config.failAfter() + "): " + problem);
            }
            long delay = backoff.delayMillis(failures);
            if (failures == 1 || now - lastLogged >= PROGRESS_LOG_INTERVAL_MILLIS) {
                LOG.warn(
                        "Elasticsearch bulk: {}; {} documents pending, attempt {}, retrying in {} ms (no progress for {} s)",
                        problem,
                        pending.size(),
                        failures,
                        delay,
                        (now - lastProgress) / 1000);
                lastLogged = now;
            }
            sleeper.sleep(delay);
        }
    }

    private static long sentBytes(List<BulkEntry> pending, List<BulkEntry> retry) {
        long bytes = 0;
        for (BulkEntry entry : pending) {
            bytes += entry.size();
        }
        for (BulkEntry entry : retry) {
            bytes -= entry.size();
        }
        return bytes;
    }

    private static Request bulkRequest(List<BulkEntry> entries) {
        int size = 0;
        for (BulkEntry entry : entries) {
            size += entry.size();
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream(size);
        for (BulkEntry entry : entries) {
            body.writeBytes(entry.bytes);
        }
        Request request = new Request("POST", BULK_PATH);
        request.addParameter("filter_path", FILTER_PATH);
        request.setEntity(new ByteArrayEntity(body.toByteArray(), ContentType.create("application/x-ndjson")));
        return request;
    }

    private void deadLetter(BulkEntry entry, BulkItemResult item) throws IOException {
        listener.rejected(1);
        String message = "Elasticsearch refused document " + entry.index + "/" + entry.id + " with " + item.status()
                + " " + item.errorType() + ": " + item.errorReason();
        String text = new String(entry.bytes, StandardCharsets.UTF_8);
        deadLetters.accept(new DeadLetter(
                DeadLetter.idOf(entry.bytes, null),
                RejectReason.ES_REJECTED,
                message,
                null,
                Instant.ofEpochMilli(clock.getAsLong()),
                Base64.getEncoder().encodeToString(entry.bytes),
                text,
                null));
    }

    @Override
    public void close() throws IOException {
        client.close();
    }
}
