package io.slaflow.jobs.run;

import io.slaflow.enforce.EnforcerSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;

/**
 * Everything {@code slaflow run} needs: endpoints, topics, time settings, delivery and state settings.
 *
 * @param kafka                  extra Kafka client settings for every source and sink (TLS, SASL...)
 * @param exactlyOnce            Kafka transactions (records visible to read_committed consumers at each
 *                               checkpoint) or at-least-once (visible at once; consumers deduplicate by id)
 * @param checkpointDir          a URI such as {@code file:///var/lib/slaflow/checkpoints} or {@code s3://...}
 * @param injectFailureAfter     test only: fail the first attempt once after this many events (0 = never; {@link FailurePlan})
 */
public record RunOptions(
        String bootstrapServers,
        Properties kafka,
        String groupId,
        Topics topics,
        boolean fromEarliest,
        Path policy,
        Duration outOfOrderness,
        Duration idleAfter,
        Duration backlogIdleAfter,
        Duration maxClockSkew,
        EnforcerSettings settings,
        boolean exactlyOnce,
        Duration checkpointInterval,
        String checkpointDir,
        boolean rocksDb,
        int parallelism,
        int maxEventBytes,
        long injectFailureAfter) {

    /** Topic names (contract defaults in {@link #defaults()}). */
    public record Topics(String events, String policies, String breaches, String escalations, String deadLetters,
                         String chains) {
        public static Topics defaults() {
            return new Topics("ticket-events", "sla-policies", "sla-breaches", "sla-escalations", "ticket-events-dlq", "sla-chains");
        }

        /** The contract's topic names, each after {@code prefix-} (one set per test or tenant on a shared cluster). */
        public static Topics prefixed(String prefix) {
            Topics d = defaults();
            return new Topics(prefix + "-" + d.events, prefix + "-" + d.policies, prefix + "-" + d.breaches,
                    prefix + "-" + d.escalations, prefix + "-" + d.deadLetters, prefix + "-" + d.chains);
        }
    }
}
