package io.slaflow.connect.kafka;

import io.slaflow.connect.ticketing.CredentialsRejectedException;
import io.slaflow.connect.ticketing.FeedBatch;
import io.slaflow.connect.ticketing.FeedEvent;
import io.slaflow.connect.ticketing.TicketFeed;
import io.slaflow.connect.ticketing.TicketingException;
import io.slaflow.event.TicketEventJson;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A ticketing system's changes onto {@code ticket-events}, whatever the system: the position of the last delivered
 * change is the Connect source offset of every record, so a restarted task resumes after it, and with the worker's
 * exactly-once source support records and offsets commit together. One task per system instance (its changes are
 * one ordered log), keyed by ticket id: a ticket's events keep their order in one partition. When the system does not
 * answer, the task waits with doubling backoff and tries again; nothing is skipped.
 */
public abstract class TicketFeedSourceTask extends SourceTask {
    private static final Logger LOG = LoggerFactory.getLogger(TicketFeedSourceTask.class);
    static final String POSITION = "position";

    private final CountDownLatch stopped = new CountDownLatch(1);
    private TicketFeed feed;
    private Map<String, String> partition;
    private String topic;
    private long pollIntervalMs;
    private int batch;
    private long position;
    private long backoffMs;
    private long firstBackoffMs;
    private long maxBackoffMs;
    private long failures;

    /** The system's feed, its source partition (which instance) and settings, from the task configuration. */
    protected abstract Setup setup(Map<String, String> props);

    protected record Setup(
            TicketFeed feed,
            Map<String, String> partition,
            String topic,
            long pollIntervalMs,
            int batch,
            long startPosition,
            long firstBackoffMs,
            long maxBackoffMs) {}

    @Override
    public String version() {
        return Version.get();
    }

    @Override
    public void start(Map<String, String> props) {
        Setup s = setup(props);
        feed = s.feed();
        partition = s.partition();
        topic = s.topic();
        pollIntervalMs = s.pollIntervalMs();
        batch = s.batch();
        firstBackoffMs = s.firstBackoffMs();
        maxBackoffMs = s.maxBackoffMs();
        Map<String, Object> stored = context.offsetStorageReader().offset(partition);
        Object p = stored == null ? null : stored.get(POSITION);
        position = p instanceof Number n ? n.longValue() : s.startPosition();
        LOG.info(
                "reading {} from position {} ({}) into {}",
                partition,
                position,
                p != null ? "stored offset" : "no stored offset",
                topic);
    }

    @Override
    public List<SourceRecord> poll() throws InterruptedException {
        FeedBatch read;
        try {
            read = feed.after(position, batch);
        } catch (TicketingException e) {
            failures++;
            backoffMs = backoffMs == 0 ? firstBackoffMs : Math.min(maxBackoffMs, backoffMs * 2);
            if (failures == 1 || failures % 20 == 0) {
                LOG.warn(
                        "{} (attempt {}); retrying from position {} in {} ms",
                        e.getMessage(),
                        failures,
                        position,
                        backoffMs);
            }
            pause(backoffMs);
            return null;
        } catch (CredentialsRejectedException e) {
            throw new ConnectException(
                    e.getMessage() + ". Fix rt.user / the credentials file and restart the connector.");
        }
        if (failures > 0) LOG.info("the ticketing system answers again after {} failed attempts", failures);
        failures = 0;
        backoffMs = 0;
        List<SourceRecord> records = new ArrayList<>(read.events().size());
        for (FeedEvent e : read.events()) {
            records.add(new SourceRecord(
                    partition,
                    Map.of(POSITION, e.position()),
                    topic,
                    null,
                    Schema.STRING_SCHEMA,
                    e.event().ticketId,
                    Schema.BYTES_SCHEMA,
                    TicketEventJson.toJsonBytes(e.event()),
                    e.event().occurredAt));
        }
        boolean nothingNew = read.nextPosition() == position;
        position = read.nextPosition();
        if (nothingNew) {
            pause(pollIntervalMs);
            return null;
        }
        return records.isEmpty() ? null : records; // changes that give no event (mail records...): read on at once
    }

    private void pause(long millis) throws InterruptedException {
        stopped.await(millis, TimeUnit.MILLISECONDS); // returns at once when the task is stopped
    }

    @Override
    public void stop() {
        stopped.countDown();
        if (feed != null) feed.close();
    }
}
