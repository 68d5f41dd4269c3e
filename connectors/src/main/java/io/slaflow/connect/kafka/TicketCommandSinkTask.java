package io.slaflow.connect.kafka;

import io.slaflow.connect.apply.Applied;
import io.slaflow.connect.apply.Commands;
import io.slaflow.connect.apply.EscalationApplier;
import io.slaflow.connect.apply.EscalationCommand;
import io.slaflow.connect.apply.MalformedCommandException;
import io.slaflow.connect.apply.RoutingApplier;
import io.slaflow.connect.apply.RoutingCommand;
import io.slaflow.connect.ticketing.CredentialsRejectedException;
import io.slaflow.connect.ticketing.RefusedException;
import io.slaflow.connect.ticketing.TicketingException;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.sink.ErrantRecordReporter;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Escalations and routing records applied to a ticketing system, whatever the system: each record through
 * {@link EscalationApplier} or {@link RoutingApplier}, which make a repeat harmless. A ticketing system that does not
 * answer makes the task hand the batch back to Connect ({@link RetriableException} after {@code context.timeout}), which
 * offers it again after a doubling backoff: nothing is skipped, and what was applied before the failure is recognised
 * as applied. A record refused for good (unknown user, deleted ticket, malformed record) goes to Connect's dead-letter
 * queue with the reason; one such record never stops the others.
 */
public abstract class TicketCommandSinkTask extends SinkTask {
    private static final Logger LOG = LoggerFactory.getLogger(TicketCommandSinkTask.class);

    private EscalationApplier escalations;
    private RoutingApplier routings;
    private long backoffMs;
    private long backoffMaxMs;
    private long nextBackoffMs;
    private ErrantRecordReporter deadLetters;
    /** records already dead-lettered in a batch Connect offers again after a retriable failure */
    private final Set<String> reported = new HashSet<>();

    private final Map<Applied, Long> counts = new EnumMap<>(Applied.class);

    protected abstract Setup setup(Map<String, String> props);

    protected record Setup(EscalationApplier escalations, RoutingApplier routings, long backoffMs, long backoffMaxMs) {}

    @Override
    public String version() {
        return Version.get();
    }

    @Override
    public void start(Map<String, String> props) {
        Setup s = setup(props);
        escalations = s.escalations();
        routings = s.routings();
        backoffMs = s.backoffMs();
        backoffMaxMs = s.backoffMaxMs();
        nextBackoffMs = backoffMs;
        try {
            deadLetters = context.errantRecordReporter();
        } catch (NoSuchMethodError | NoClassDefFoundError oldWorker) {
            deadLetters = null;
        }
        if (deadLetters == null) {
            LOG.warn("no dead-letter queue configured (errors.tolerance=all, errors.deadletterqueue.topic.name): "
                    + "commands the ticketing system refuses are only logged");
        }
    }

    @Override
    public void put(Collection<SinkRecord> records) {
        for (SinkRecord record : records) {
            String where = record.topic() + "/" + record.kafkaPartition() + "@" + record.kafkaOffset();
            if (reported.contains(where)) continue;
            try {
                Object command = Commands.parse(record.value());
                Applied applied = command instanceof EscalationCommand e
                        ? escalations.apply(e)
                        : routings.apply((RoutingCommand) command);
                counts.merge(applied, 1L, Long::sum);
                LOG.info(
                        "{} {}: {}",
                        command instanceof EscalationCommand e
                                ? "escalation " + e.id()
                                : "routing " + ((RoutingCommand) command).id(),
                        where,
                        applied);
            } catch (MalformedCommandException | RefusedException e) {
                refuse(record, where, e);
            } catch (TicketingException e) {
                LOG.warn("{}; Connect offers the batch again in {} ms", e.getMessage(), nextBackoffMs);
                context.timeout(nextBackoffMs);
                nextBackoffMs = Math.min(backoffMaxMs, nextBackoffMs * 2);
                throw new RetriableException(e.getMessage(), e);
            } catch (CredentialsRejectedException e) {
                throw new ConnectException(
                        e.getMessage() + ". Fix rt.user / the credentials file and restart the connector.");
            }
        }
        nextBackoffMs = backoffMs;
    }

    private void refuse(SinkRecord record, String where, Exception why) {
        reported.add(where);
        LOG.error("refused for good, record {}: {}", where, why.getMessage());
        if (deadLetters != null) {
            try {
                deadLetters.report(record, why).get();
            } catch (Exception e) {
                throw new RetriableException("could not write the dead letter for " + where + ": " + e.getMessage(), e);
            }
        }
    }

    @Override
    public Map<TopicPartition, OffsetAndMetadata> preCommit(Map<TopicPartition, OffsetAndMetadata> offsets) {
        reported.clear(); // committed: Connect will not offer these records again
        return offsets;
    }

    /** How many commands ended how, since the task started (logged at stop; read by tests through the log). */
    Map<Applied, Long> counts() {
        return Map.copyOf(counts);
    }

    @Override
    public void stop() {
        LOG.info("stopping; applied since start: {}", counts);
    }
}
