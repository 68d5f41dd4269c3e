package io.slaflow.es;

import static io.slaflow.es.ScriptedElasticsearch.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.operators.MailboxExecutor;
import org.apache.flink.api.common.operators.ProcessingTimeService;
import org.apache.flink.streaming.runtime.tasks.StreamTaskActionExecutor;
import org.apache.flink.streaming.runtime.tasks.mailbox.MailboxExecutorImpl;
import org.apache.flink.streaming.runtime.tasks.mailbox.TaskMailbox;
import org.apache.flink.streaming.runtime.tasks.mailbox.TaskMailboxImpl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The writer's backoff on a real Flink task mailbox (this test's thread is the task thread): mails sent while a batch
 * waits for its retry run during the wait, and an interrupt (how Flink cancels a task) ends the wait at once.
 */
class MailboxSleeperTest {
    private ScriptedElasticsearch es;
    private final TaskMailbox mailbox = new TaskMailboxImpl(Thread.currentThread());
    private final MailboxExecutor operatorMailbox =
            new MailboxExecutorImpl(mailbox, 0, StreamTaskActionExecutor.IMMEDIATE);
    private final ScheduledExecutorService timerThread = Executors.newSingleThreadScheduledExecutor();
    /** As Flink's operator time service: timers fire on another thread and run their callback as a mail. */
    private final ProcessingTimeService time = new ProcessingTimeService() {
        @Override
        public long getCurrentProcessingTime() {
            return System.currentTimeMillis();
        }

        @Override
        public ScheduledFuture<?> registerTimer(long timestamp, ProcessingTimeCallback callback) {
            return timerThread.schedule(
                    () -> operatorMailbox.execute(() -> callback.onProcessingTime(timestamp), "timer"),
                    Math.max(0, timestamp - getCurrentProcessingTime()),
                    TimeUnit.MILLISECONDS);
        }
    };

    @BeforeEach
    void start() throws Exception {
        es = new ScriptedElasticsearch();
    }

    @AfterEach
    void stop() {
        timerThread.shutdownNow();
        es.close();
        Thread.interrupted(); // clear an interrupt a failed test may have left
    }

    private EsBulkWriter writer(Duration initialBackoff) {
        EsSinkConfig c = EsSinkConfig.builder(es.url())
                .backoff(initialBackoff, initialBackoff.multipliedBy(4))
                .build();
        return new EsBulkWriter(
                EsClients.create(c),
                c,
                d -> {},
                new EsBulkWriter.Listener() {},
                new MailboxSleeper(operatorMailbox, time),
                time::getCurrentProcessingTime);
    }

    @Test
    void mailsSentDuringTheBackoffRunBeforeTheRetry() throws Exception {
        List<String> trail = Collections.synchronizedList(new ArrayList<>());
        try (EsBulkWriter w = writer(Duration.ofMillis(400))) {
            // ES answers 503, and a mail arrives (as a checkpoint notification or a timer would) before the writer
            // even reads the answer: with Thread.sleep it would wait for the end of the flush
            es.then(n -> {
                operatorMailbox.execute(
                        () -> trail.add("mail ran; sending=" + w.sending() + ", requests=" + es.requests()), "probe");
                return status(503).apply(n);
            });
            w.add(EsDocument.index("sla-events", "e1", "{\"n\":1}"));
            w.flush();
            trail.add("flushed after " + es.requests() + " requests");
        }
        assertThat(trail).containsExactly("mail ran; sending=true, requests=1", "flushed after 2 requests");
        assertThat(mailbox.hasMail()).isFalse();
    }

    @Test
    void aCancellationEndsTheWaitAtOnce() throws Exception {
        Thread task = Thread.currentThread();
        Thread canceller = new Thread(() -> {
            try {
                while (es.requests() == 0) Thread.sleep(5);
                Thread.sleep(200); // the writer is in its minute-long backoff by now, or about to be
            } catch (InterruptedException e) {
                return;
            }
            task.interrupt(); // what Flink's task canceller does after cancelling the invokable
        });
        for (int i = 0; i < 5; i++) es.then(status(503));
        long started = System.nanoTime();
        try (EsBulkWriter w = writer(Duration.ofMinutes(2))) {
            w.add(EsDocument.index("sla-events", "e1", "{\"n\":1}"));
            canceller.start();
            assertThatThrownBy(w::flush).isInstanceOf(InterruptedException.class);
            assertThat(w.sending()).isFalse();
        } finally {
            canceller.join();
        }
        assertThat(Duration.ofNanos(System.nanoTime() - started))
                .as("far less than the 1-2 min backoff")
                .isLessThan(Duration.ofSeconds(30));
        assertThat(es.requests()).as("no retry after the cancellation").isEqualTo(1);
    }

    @Test
    void aFlushFromAMailDuringTheBackoffIsRefusedNotSilentlyEmpty() throws Exception {
        List<Throwable> refused = Collections.synchronizedList(new ArrayList<>());
        try (EsBulkWriter w = writer(Duration.ofMillis(200))) {
            es.then(n -> {
                operatorMailbox.execute(
                        () -> {
                            try {
                                w.flush(); // would return at once (the buffer is empty) while the batch is not
                                // acknowledged
                            } catch (IllegalStateException e) {
                                refused.add(e);
                            }
                        },
                        "re-entrant flush");
                return status(503).apply(n);
            });
            w.add(EsDocument.index("sla-events", "e1", "{\"n\":1}"));
            w.flush();
        }
        assertThat(refused).singleElement().satisfies(e -> assertThat(e).hasMessageContaining("waits for its retry"));
        assertThat(es.requests()).isEqualTo(2);
    }
}
