package io.slaflow.es;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.operators.MailboxExecutor;
import org.apache.flink.api.common.operators.ProcessingTimeService;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.groups.SinkWriterMetricGroup;

/**
 * The {@link EsSink}'s writer: maps each element to its {@link EsDocument} and hands it to an {@link EsBulkWriter},
 * which batches by count and bytes and blocks while a full batch is being acknowledged (back-pressure). A
 * processing-time timer sends a batch whose oldest document waited {@code flushInterval} unless the input is being
 * caught up ({@link CatchUp}: its watermark trails the wall clock by more than {@code catchUpLag}, when the updates of
 * a document fold in the buffer instead of being sent every second), and {@link #flush} (every
 * checkpoint, and the end of input) sends what is buffered and returns only once Elasticsearch acknowledged it, so a
 * completed checkpoint means every document before it is in Elasticsearch (at-least-once; with deterministic ids a
 * replay overwrites, so the indices end up as if written exactly once).
 *
 * <p>Everything runs in the task's thread (timers come through its mailbox), so the writer needs no locks. Between
 * retries the writer waits through the mailbox ({@link MailboxSleeper}), so the task keeps running mails during an
 * outage; a timed flush that comes due meanwhile finds the batch already on its way and does nothing.
 *
 * <p>Metrics, beside Flink's {@code numRecordsSend}, {@code numBytesSend}, {@code numRecordsSendErrors} (documents
 * dead-lettered) and {@code currentSendTime} (the last bulk request's latency, ms): {@code esRetriedDocuments} and
 * {@code esRejectedDocuments}.
 */
final class EsSinkWriter<T> implements SinkWriter<T> {

    private final EsDocumentMapper<T> mapper;
    private final EsBulkWriter bulk;
    private final EsDeadLetterHandler deadLetters;
    private final ProcessingTimeService time;
    private final long flushIntervalMillis;
    private final CatchUp catchUp;
    private boolean timerPending;

    EsSinkWriter(
            EsSinkConfig config,
            EsDocumentMapper<T> mapper,
            EsDeadLetterHandler deadLetters,
            ProcessingTimeService time,
            MailboxExecutor mailbox,
            SinkWriterMetricGroup metrics) {
        this.mapper = mapper;
        this.deadLetters = deadLetters;
        this.time = time;
        this.flushIntervalMillis = config.flushInterval().toMillis();
        this.catchUp = new CatchUp(config.catchUpLag().toMillis());
        Counter retried = metrics.counter("esRetriedDocuments");
        Counter rejected = metrics.counter("esRejectedDocuments");
        AtomicLong lastLatency = new AtomicLong();
        metrics.setCurrentSendTimeGauge(lastLatency::get);
        EsBulkWriter.Listener listener = new EsBulkWriter.Listener() {
            @Override
            public void sent(int documents, long bytes, long latencyMillis) {
                metrics.getNumRecordsSendCounter().inc(documents);
                metrics.getNumBytesSendCounter().inc(bytes);
                lastLatency.set(latencyMillis);
            }

            @Override
            public void retried(int documents) {
                retried.inc(documents);
            }

            @Override
            public void rejected(int documents) {
                rejected.inc(documents);
                metrics.getNumRecordsSendErrorsCounter().inc(documents);
            }
        };
        this.bulk = new EsBulkWriter(
                EsClients.create(config),
                config,
                deadLetters,
                listener,
                new MailboxSleeper(mailbox, time),
                time::getCurrentProcessingTime);
    }

    @Override
    public void write(T element, Context context) throws IOException, InterruptedException {
        EsDocument document = mapper.toDocument(element);
        if (document == null) {
            return;
        }
        bulk.add(document);
        scheduleTimedFlush();
    }

    private void scheduleTimedFlush() {
        if (!timerPending && bulk.oldestBufferedAt() >= 0) {
            timerPending = true;
            time.registerTimer(bulk.oldestBufferedAt() + flushIntervalMillis, this::onTimer);
        }
    }

    private void onTimer(long now) throws IOException, InterruptedException {
        timerPending = false;
        if (bulk.sending()) {
            return; // fired while a batch waits for its retry: the batch being sent is the one this timer was for
        }
        long oldest = bulk.oldestBufferedAt();
        if (oldest >= 0 && now >= oldest + flushIntervalMillis) {
            if (catchUp.catchingUpAt(now)) {
                // held back to fold: look again in an interval, and flush then if the input has caught up
                timerPending = true;
                time.registerTimer(now + flushIntervalMillis, this::onTimer);
                return;
            }
            bulk.flush();
        }
        scheduleTimedFlush();
    }

    @Override
    public void writeWatermark(Watermark watermark) {
        catchUp.watermark(watermark.getTimestamp());
    }

    /** On a checkpoint and at the end of input: returns when every buffered document is acknowledged or dead-lettered. */
    @Override
    public void flush(boolean endOfInput) throws IOException, InterruptedException {
        bulk.flush();
        deadLetters.flush();
    }

    @Override
    public void close() throws Exception {
        try {
            bulk.close(); // whatever is still buffered was not checkpointed: the replay from the last checkpoint
            // resends it
        } finally {
            deadLetters.close();
        }
    }
}
