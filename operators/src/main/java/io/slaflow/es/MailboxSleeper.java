package io.slaflow.es;

import org.apache.flink.api.common.operators.MailboxExecutor;
import org.apache.flink.api.common.operators.ProcessingTimeService;

/**
 * The {@link EsBulkWriter}'s wait between retries on the task thread, through the task's mailbox instead of
 * {@link Thread#sleep} (as Flink's own Elasticsearch writer waits for its pending actions): a processing-time timer
 * at the end of the backoff, and {@link MailboxExecutor#yield()} until it has fired, so the thread runs the mails due
 * meanwhile.
 *
 * <p>What runs during the wait: mails of at least the sink operator's priority — its own processing-time timers, the
 * checkpoint-complete, -aborted and -subsumed notifications (Flink sends those at the highest priority), the mails of
 * operators chained after it —, and a cancellation ends it at once ({@link InterruptedException}, or the closed
 * mailbox's exception). What does not: the input. A checkpoint barrier queued behind the record being written (aligned),
 * or the mail that would take an unaligned barrier early (Flink sends that one at the lowest priority, which no
 * operator's yield takes), waits until the batch is in Elasticsearch: the sink flushes on every checkpoint and a
 * checkpoint must not complete before the documents it covers are acknowledged (at-least-once, exactly-once in effect
 * with deterministic ids). During an outage checkpoints therefore stay pending and time out as before; the task stays
 * responsive rather than asleep.
 */
final class MailboxSleeper implements EsBulkWriter.Sleeper {
    private final MailboxExecutor mailbox;
    private final ProcessingTimeService time;

    MailboxSleeper(MailboxExecutor mailbox, ProcessingTimeService time) {
        this.mailbox = mailbox;
        this.time = time;
    }

    @Override
    public void sleep(long millis) throws InterruptedException {
        boolean[] due = {false};
        time.registerTimer(time.getCurrentProcessingTime() + millis, now -> due[0] = true);
        while (!due[0]) {
            mailbox.yield(); // blocks until a mail is there (at the latest the timer's), runs it
        }
    }
}
