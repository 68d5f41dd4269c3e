package io.slaflow.es;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ScheduledFuture;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.operators.MailboxExecutor;
import org.apache.flink.api.common.operators.ProcessingTimeService;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.apache.flink.streaming.runtime.tasks.StreamTaskActionExecutor;
import org.apache.flink.streaming.runtime.tasks.mailbox.MailboxExecutorImpl;
import org.apache.flink.streaming.runtime.tasks.mailbox.TaskMailboxImpl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The sink writer's timed send against a scripted {@code _bulk} endpoint, on a processing-time clock the test moves:
 * with live input a document waits at most the flush interval; while the input is being caught up (its watermark far
 * behind the clock) the timed send is held back, so a document's updates fold into one write at the next checkpoint,
 * and the timed send resumes as soon as the watermark is live again.
 */
class EsSinkWriterTest {
    private static final long START = 1_800_000_000_000L;
    private static final Duration INTERVAL = Duration.ofSeconds(1);

    private ScriptedElasticsearch es;
    private final ManualTime time = new ManualTime();
    private EsSinkWriter<EsDocument> writer;

    @BeforeEach
    void start() throws Exception {
        es = new ScriptedElasticsearch();
        MailboxExecutor mailbox = new MailboxExecutorImpl(
                new TaskMailboxImpl(Thread.currentThread()), 0, StreamTaskActionExecutor.IMMEDIATE);
        writer = new EsSinkWriter<>(
                EsSinkConfig.builder(es.url())
                        .flushInterval(INTERVAL)
                        .catchUpLag(Duration.ofMinutes(10))
                        .build(),
                d -> d,
                d -> {},
                time,
                mailbox,
                UnregisteredMetricsGroup.createSinkWriterMetricGroup());
    }

    @AfterEach
    void stop() throws Exception {
        writer.close();
        es.close();
    }

    @Test
    void liveInputIsSentWithinTheFlushInterval() throws Exception {
        writer.writeWatermark(new Watermark(START - 5_000));
        writeTicket(1);
        time.advance(INTERVAL);
        writeTicket(2);
        time.advance(INTERVAL);
        assertThat(es.requests()).as("one timed send per interval").isEqualTo(2);
        assertThat(es.bodies.get(1)).contains("\"v\":2");
    }

    @Test
    void withNoWatermarkYetTheInputCountsAsLive() throws Exception {
        writeTicket(1);
        time.advance(INTERVAL);
        assertThat(es.requests()).isEqualTo(1);
    }

    @Test
    void whileCatchingUpADocumentsUpdatesFoldIntoOneWriteAtTheCheckpoint() throws Exception {
        writer.writeWatermark(new Watermark(START - Duration.ofDays(3).toMillis()));
        for (int v = 1; v <= 5; v++) {
            writeTicket(v);
            time.advance(INTERVAL);
        }
        assertThat(es.requests())
                .as("no timed send while the input is days behind")
                .isZero();

        writer.flush(false); // a checkpoint
        assertThat(es.requests()).isEqualTo(1);
        assertThat(es.bodies.get(0).lines().filter(l -> l.startsWith("{\"update\"")))
                .as("five updates of one document, one write")
                .hasSize(1);
        assertThat(es.bodies.get(0)).contains("\"v\":5").doesNotContain("\"v\":4");
    }

    @Test
    void theTimedSendResumesOnceTheWatermarkIsLiveAgain() throws Exception {
        writer.writeWatermark(new Watermark(START - Duration.ofHours(2).toMillis()));
        writeTicket(1);
        time.advance(INTERVAL.multipliedBy(3));
        assertThat(es.requests()).isZero();

        writer.writeWatermark(new Watermark(time.now - 2_000)); // caught up
        time.advance(INTERVAL);
        assertThat(es.requests()).as("sent without waiting for a checkpoint").isEqualTo(1);
    }

    private void writeTicket(int version) throws Exception {
        writer.write(EsDocument.upsert("sla-tickets", "T-1", "{\"v\":" + version + "}"), null);
    }

    /** Processing time as the test sets it; a due timer runs in the test's thread, as a mail would in the task's. */
    private static final class ManualTime implements ProcessingTimeService {
        long now = START;
        private final TreeMap<Long, java.util.List<ProcessingTimeCallback>> timers = new TreeMap<>();

        @Override
        public long getCurrentProcessingTime() {
            return now;
        }

        @Override
        public ScheduledFuture<?> registerTimer(long timestamp, ProcessingTimeCallback callback) {
            timers.computeIfAbsent(timestamp, t -> new java.util.ArrayList<>()).add(callback);
            return null; // the writer never cancels its timers
        }

        void advance(Duration by) throws Exception {
            long until = now + by.toMillis();
            Map.Entry<Long, java.util.List<ProcessingTimeCallback>> due;
            while ((due = timers.firstEntry()) != null && due.getKey() <= until) {
                timers.remove(due.getKey());
                now = Math.max(now, due.getKey());
                for (ProcessingTimeCallback c : due.getValue()) {
                    c.onProcessingTime(due.getKey());
                }
            }
            now = until;
        }
    }
}
