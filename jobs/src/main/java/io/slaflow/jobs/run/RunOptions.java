package io.slaflow.jobs.run;

import io.slaflow.enforce.EnforcerSettings;
import io.slaflow.event.TicketEventDeserializer;
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

    /**
     * Options with {@code slaflow run}'s defaults for everything not set (group {@code slaflow}, from the earliest
     * offset, 2 s out-of-orderness, idle after 1 s or 30 s in a backlog, 5 min clock skew, live enforcer settings,
     * exactly-once, checkpoints every 10 s in the cluster's directory, RocksDB, the environment's parallelism).
     */
    public static Builder builder(String bootstrapServers, Topics topics, Path policy) {
        return new Builder(bootstrapServers, topics, policy);
    }

    /** A builder holding these options, to change some of them. */
    public Builder toBuilder() {
        Builder b = new Builder(bootstrapServers, topics, policy);
        b.kafka = kafka;
        b.groupId = groupId;
        b.fromEarliest = fromEarliest;
        b.outOfOrderness = outOfOrderness;
        b.idleAfter = idleAfter;
        b.backlogIdleAfter = backlogIdleAfter;
        b.maxClockSkew = maxClockSkew;
        b.settings = settings;
        b.exactlyOnce = exactlyOnce;
        b.checkpointInterval = checkpointInterval;
        b.checkpointDir = checkpointDir;
        b.rocksDb = rocksDb;
        b.parallelism = parallelism;
        b.maxEventBytes = maxEventBytes;
        b.injectFailureAfter = injectFailureAfter;
        return b;
    }

    /** Builds {@link RunOptions}; every setter returns the builder. */
    public static final class Builder {
        private final String bootstrapServers;
        private final Topics topics;
        private final Path policy;
        private Properties kafka = new Properties();
        private String groupId = "slaflow";
        private boolean fromEarliest = true;
        private Duration outOfOrderness = Duration.ofSeconds(2);
        private Duration idleAfter = Duration.ofSeconds(1);
        private Duration backlogIdleAfter = Duration.ofSeconds(30);
        private Duration maxClockSkew = Duration.ofMinutes(5);
        private EnforcerSettings settings = EnforcerSettings.live();
        private boolean exactlyOnce = true;
        private Duration checkpointInterval = Duration.ofSeconds(10);
        private String checkpointDir;
        private boolean rocksDb = true;
        private int parallelism;
        private int maxEventBytes = TicketEventDeserializer.DEFAULT_MAX_PAYLOAD_BYTES;
        private long injectFailureAfter;

        private Builder(String bootstrapServers, Topics topics, Path policy) {
            this.bootstrapServers = bootstrapServers;
            this.topics = topics;
            this.policy = policy;
        }

        public Builder kafka(Properties kafka) {
            this.kafka = kafka;
            return this;
        }

        public Builder groupId(String groupId) {
            this.groupId = groupId;
            return this;
        }

        public Builder fromEarliest(boolean fromEarliest) {
            this.fromEarliest = fromEarliest;
            return this;
        }

        /** Event time: the out-of-orderness bound, and how long an idle input waits before the wall clock takes over, live and in a backlog. */
        public Builder eventTime(Duration outOfOrderness, Duration idleAfter, Duration backlogIdleAfter) {
            this.outOfOrderness = outOfOrderness;
            this.idleAfter = idleAfter;
            this.backlogIdleAfter = backlogIdleAfter;
            return this;
        }

        public Builder maxClockSkew(Duration maxClockSkew) {
            this.maxClockSkew = maxClockSkew;
            return this;
        }

        public Builder settings(EnforcerSettings settings) {
            this.settings = settings;
            return this;
        }

        public Builder exactlyOnce(boolean exactlyOnce) {
            this.exactlyOnce = exactlyOnce;
            return this;
        }

        public Builder checkpoints(Duration interval, String dir) {
            this.checkpointInterval = interval;
            this.checkpointDir = dir;
            return this;
        }

        public Builder rocksDb(boolean rocksDb) {
            this.rocksDb = rocksDb;
            return this;
        }

        public Builder parallelism(int parallelism) {
            this.parallelism = parallelism;
            return this;
        }

        public Builder maxEventBytes(int maxEventBytes) {
            this.maxEventBytes = maxEventBytes;
            return this;
        }

        public Builder injectFailureAfter(long events) {
            this.injectFailureAfter = events;
            return this;
        }

        public RunOptions build() {
            return new RunOptions(
                    bootstrapServers,
                    kafka,
                    groupId,
                    topics,
                    fromEarliest,
                    policy,
                    outOfOrderness,
                    idleAfter,
                    backlogIdleAfter,
                    maxClockSkew,
                    settings,
                    exactlyOnce,
                    checkpointInterval,
                    checkpointDir,
                    rocksDb,
                    parallelism,
                    maxEventBytes,
                    injectFailureAfter);
        }
    }

    /**
     * Topic names (contract defaults in {@link #defaults()}).
     *
     * @param routing where the tier and routing of each new ticket go for the ticketing system ({@code sla-routing});
     *                null: not written (the six-name constructor, for jobs that feed no ticketing system)
     */
    public record Topics(
            String events,
            String policies,
            String breaches,
            String escalations,
            String deadLetters,
            String chains,
            String routing) {
        /** The topics without a routing output. */
        public Topics(
                String events,
                String policies,
                String breaches,
                String escalations,
                String deadLetters,
                String chains) {
            this(events, policies, breaches, escalations, deadLetters, chains, null);
        }

        public static Topics defaults() {
            return new Topics(
                    "ticket-events",
                    "sla-policies",
                    "sla-breaches",
                    "sla-escalations",
                    "ticket-events-dlq",
                    "sla-chains",
                    "sla-routing");
        }

        /** The contract's topic names, each after {@code prefix-} (one set per test or tenant on a shared cluster). */
        public static Topics prefixed(String prefix) {
            Topics d = defaults();
            return new Topics(
                    prefix + "-" + d.events,
                    prefix + "-" + d.policies,
                    prefix + "-" + d.breaches,
                    prefix + "-" + d.escalations,
                    prefix + "-" + d.deadLetters,
                    prefix + "-" + d.chains,
                    prefix + "-" + d.routing);
        }
    }
}
