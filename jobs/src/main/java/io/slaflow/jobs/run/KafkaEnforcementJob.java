package io.slaflow.jobs.run;

import io.slaflow.cep.ChainAlert;
import io.slaflow.cep.ChainAlertJson;
import io.slaflow.enforce.PolicyVersion;
import io.slaflow.event.DeadLetter;
import io.slaflow.event.DeadLetterJson;
import io.slaflow.ingest.RawRecord;
import io.slaflow.ingest.SlaWatermarks;
import io.slaflow.ingest.WallClockWhileIdle;
import io.slaflow.jobs.chains.ChainGraph;
import io.slaflow.jobs.enforce.EnforcementGraph;
import io.slaflow.jobs.kafka.JsonRecordSerializer;
import io.slaflow.jobs.kafka.KafkaEsDeadLetters;
import io.slaflow.jobs.kafka.KafkaReachability;
import io.slaflow.jobs.kafka.PolicyRecordDeserializer;
import io.slaflow.jobs.kafka.RawRecordDeserializer;
import io.slaflow.jobs.policy.BasePolicy;
import io.slaflow.jobs.prove.ProveGraph;
import io.slaflow.jobs.prove.ProveOptions;
import io.slaflow.policy.SlaPolicy;
import io.slaflow.sla.Escalation;
import io.slaflow.sla.Routing;
import io.slaflow.sla.SlaAlert;
import io.slaflow.sla.SlaRecordJson;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.state.rocksdb.RocksDBConfigurableOptions;
import org.apache.flink.state.rocksdb.RocksDBOptions;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.slf4j.LoggerFactory;

/**
 * {@code slaflow run}: Kafka {@code ticket-events} → the Enforce layer → {@code sla-breaches},
 * {@code sla-escalations}, {@code sla-routing}, {@code sla-chains} (CEP), {@code ticket-events-dlq}, with policy hot
 * reload from {@code sla-policies}; RocksDB
 * with incremental checkpoints; exactly-once Kafka transactions (or at-least-once with deterministic ids).
 */
public final class KafkaEnforcementJob {
    /** How often the source's watermark generators run, and the wall clock moves an idle subtask's event time. */
    static final Duration WATERMARK_INTERVAL = Duration.ofMillis(100);

    private KafkaEnforcementJob() {}

    /** Flink settings the job needs; on a cluster, the cluster's {@code config.yaml} may set more. */
    public static Configuration configuration(RunOptions o) {
        Configuration conf = new Configuration();
        conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, o.checkpointInterval());
        conf.set(CheckpointingOptions.CHECKPOINTING_CONSISTENCY_MODE, CheckpointingMode.EXACTLY_ONCE);
        conf.set(
                CheckpointingOptions.MIN_PAUSE_BETWEEN_CHECKPOINTS,
                o.checkpointInterval().dividedBy(4));
        conf.set(
                CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION,
                ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
        if (o.checkpointDir() != null) {
            conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, o.checkpointDir());
        }
        if (o.rocksDb()) {
            conf.set(StateBackendOptions.STATE_BACKEND, "rocksdb");
            conf.set(CheckpointingOptions.INCREMENTAL_CHECKPOINTS, true);
            tuneRocksDb(conf);
        }
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "exponential-delay");
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_INITIAL_BACKOFF, Duration.ofMillis(200));
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_MAX_BACKOFF, Duration.ofSeconds(30));
        conf.set(PipelineOptions.AUTO_WATERMARK_INTERVAL, WATERMARK_INTERVAL);
        return conf;
    }

    /**
     * RocksDB settings for the job's access pattern (BENCHMARKS.md, "Enforce layer"): many lookups are for keys that
     * do not exist yet (a new ticket, a new adherence bucket). The enforcer holds its events and wake-ups on the heap
     * itself ({@code HeldEvents}, {@code WakeUpQueue}); the other keyed operators (CEP, adherence, reports) use timers.
     * <ul>
     *   <li>Timers on the heap: the RocksDB timer queue is read with iterator seeks over a column family full of
     *       deletion tombstones (every fired or moved timer is one), which dominated the profile when the enforcer
     *       still used timers. The heap queue holds tens of bytes per timer and is still written to every
     *       checkpoint.</li>
     *   <li>Bloom filters: a point lookup of a missing key is answered without reading the SST files that frequent
     *       (incremental) checkpoints flush.</li>
     * </ul>
     */
    public static void tuneRocksDb(Configuration conf) {
        conf.set(RocksDBOptions.TIMER_SERVICE_FACTORY, EmbeddedRocksDBStateBackend.PriorityQueueStateType.HEAP);
        conf.set(RocksDBConfigurableOptions.USE_BLOOM_FILTER, true);
    }

    /**
     * The event source's parallelism: the job's, but never more than the input topic has partitions (a reader
     * without a partition would emit no watermark and so stop event time for the whole job). Partitions added
     * later are fine: a reader then tracks several, each with its own clock.
     */
    static int sourceParallelism(int jobParallelism, RunOptions o) {
        int partitions;
        try (Admin client = Admin.create(adminProperties(o))) {
            partitions = client.describeTopics(List.of(o.topics().events()))
                    .allTopicNames()
                    .get(30, TimeUnit.SECONDS)
                    .get(o.topics().events())
                    .partitions()
                    .size();
        } catch (Exception e) {
            throw new IllegalStateException(
                    "cannot read the partitions of '" + o.topics().events() + "' at "
                            + o.bootstrapServers() + ": " + e.getMessage()
                            + " (does the topic exist? create it before starting the job; check "
                            + "--bootstrap-servers and the Kafka client settings)",
                    e);
        }
        if (jobParallelism > partitions) { // -1: the cluster's default, not known here
            LoggerFactory.getLogger(KafkaEnforcementJob.class)
                    .warn(
                            "'{}' has {} partitions: reading it with {} "
                                    + "subtasks instead of {} (the rest of the job keeps {})",
                            o.topics().events(),
                            partitions,
                            partitions,
                            jobParallelism,
                            jobParallelism);
            return partitions;
        }
        return jobParallelism;
    }

    /**
     * The routing topic is newer than the other outputs: a deployment upgraded without creating it would otherwise
     * start and then fail at its first new ticket, when the transactional producer waits for a topic that never comes.
     */
    static void requireRoutingTopic(RunOptions o) {
        String routing = o.topics().routing();
        if (routing == null) return;
        boolean exists;
        try (Admin client = Admin.create(adminProperties(o))) {
            exists = client.listTopics().names().get(30, TimeUnit.SECONDS).contains(routing);
        } catch (Exception e) {
            throw new IllegalStateException(
                    "cannot list the topics at " + o.bootstrapServers() + ": " + e.getMessage()
                            + " (check --bootstrap-servers and the Kafka client settings)",
                    e);
        }
        if (!exists) {
            throw new IllegalStateException(
                    "the routing topic '" + routing + "' does not exist at " + o.bootstrapServers()
                            + ": create it like the other output topics (it carries the tier of each new ticket to the ticketing "
                            + "system), or name another with --routing-topic");
        }
    }

    private static Properties adminProperties(RunOptions o) {
        Properties admin = new Properties();
        admin.putAll(o.kafka());
        admin.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, o.bootstrapServers());
        admin.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "30000");
        return admin;
    }

    /** Adds the job to {@code env} (configured with {@link #configuration}); the caller executes it. */
    public static void build(StreamExecutionEnvironment env, RunOptions o) throws Exception {
        build(env, o, ProveOptions.none());
    }

    /**
     * Adds the job with the Prove layer ({@code prove}: Elasticsearch documents, client reports); installs the
     * Elasticsearch index templates first, so a job never writes into unmapped indices.
     */
    public static void build(StreamExecutionEnvironment env, RunOptions o, ProveOptions prove) throws Exception {
        build(env, o, prove, FailurePlan.of(o));
    }

    /** The same, with test-only failures injected where {@code failures} says (recovery tests). */
    static void build(StreamExecutionEnvironment env, RunOptions o, ProveOptions prove, FailurePlan failures)
            throws Exception {
        BasePolicy basePolicy = BasePolicy.load(o.policy()); // nothing starts on a bad policy; none named: the built-in
        SlaPolicy policy = basePolicy.policy();
        LoggerFactory.getLogger(KafkaEnforcementJob.class).info("policy {}", basePolicy.describe());
        ProveGraph.prepare(
                prove,
                policy,
                line -> LoggerFactory.getLogger(KafkaEnforcementJob.class).info(line));
        PolicyVersion base = basePolicy.baseVersion();
        if (o.parallelism() > 0) {
            env.setParallelism(o.parallelism());
        }
        OffsetsInitializer start = OffsetsInitializer.committedOffsets(
                o.fromEarliest() ? OffsetResetStrategy.EARLIEST : OffsetResetStrategy.LATEST);

        KafkaSource<RawRecord> events = KafkaSource.<RawRecord>builder()
                .setBootstrapServers(o.bootstrapServers())
                .setProperties(o.kafka())
                .setGroupId(o.groupId())
                .setTopics(o.topics().events())
                .setStartingOffsets(start)
                .setDeserializer(new RawRecordDeserializer())
                .setProperty("isolation.level", "read_committed")
                .build();
        KafkaSource<PolicyVersion> policies = KafkaSource.<PolicyVersion>builder()
                .setBootstrapServers(o.bootstrapServers())
                .setProperties(o.kafka())
                .setGroupId(o.groupId() + "-policies")
                .setTopics(o.topics().policies())
                .setStartingOffsets(
                        OffsetsInitializer
                                .earliest()) // every version, every start: broadcast state is rebuilt idempotently
                .setDeserializer(new PolicyRecordDeserializer())
                .build();

        // event time per partition, at the source (SlaWatermarks.liveAtSource), and the wall clock once a subtask's
        // every partition is quiet; no reader without a partition
        int sourceParallelism = sourceParallelism(env.getParallelism(), o);
        requireRoutingTopic(o);
        KafkaReachability reachability = new KafkaReachability(o.bootstrapServers(), o.kafka());
        DataStream<RawRecord> raw = env.fromSource(
                        events,
                        SlaWatermarks.liveAtSource(
                                o.outOfOrderness(),
                                o.idleAfter(),
                                o.backlogIdleAfter(),
                                o.maxClockSkew(),
                                reachability),
                        "kafka " + o.topics().events())
                .uid("source-ticket-events")
                .setParallelism(sourceParallelism)
                .transform(
                        "wall clock while idle",
                        TypeInformation.of(RawRecord.class),
                        new WallClockWhileIdle<RawRecord>(
                                o.outOfOrderness().toMillis(),
                                WATERMARK_INTERVAL.toMillis(),
                                reachability,
                                o.backlogIdleAfter().toMillis()))
                .uid("wall-clock-while-idle")
                .setParallelism(sourceParallelism);
        DataStream<PolicyVersion> policyUpdates = env.fromSource(
                        policies,
                        SlaWatermarks.alwaysMax(),
                        "kafka " + o.topics().policies())
                .uid("source-sla-policies")
                .setParallelism(1);

        EnforcementGraph.Outputs out = EnforcementGraph.build(
                raw,
                policyUpdates,
                base,
                o.settings(),
                null,
                o.maxEventBytes(),
                o.maxClockSkew(),
                failures.beforeEnforcer());

        DeliveryGuarantee guarantee =
                o.exactlyOnce() ? DeliveryGuarantee.EXACTLY_ONCE : DeliveryGuarantee.AT_LEAST_ONCE;
        DataStream<SlaAlert> alerts = out.alerts();
        FailAtAttempts<SlaAlert> failAfterEnforcer = failures.afterEnforcer();
        if (failAfterEnforcer != null) {
            alerts = alerts.map(failAfterEnforcer)
                    .returns(alerts.getType())
                    .name("injected failure (alerts)")
                    .uid("injected-failure-alerts");
        }
        alerts.sinkTo(sink(
                        o,
                        guarantee,
                        "breaches",
                        new JsonRecordSerializer<SlaAlert>(
                                o.topics().breaches(), SlaAlert::ticketId, SlaRecordJson::toJsonBytes)))
                .name("kafka " + o.topics().breaches())
                .uid("sink-sla-breaches");
        out.escalations()
                .sinkTo(sink(
                        o,
                        guarantee,
                        "escalations",
                        new JsonRecordSerializer<Escalation>(
                                o.topics().escalations(), Escalation::ticketId, SlaRecordJson::toJsonBytes)))
                .name("kafka " + o.topics().escalations())
                .uid("sink-sla-escalations");
        out.deadLetters()
                .sinkTo(sink(
                        o,
                        guarantee,
                        "dlq",
                        new JsonRecordSerializer<DeadLetter>(
                                o.topics().deadLetters(), DeadLetter::id, DeadLetterJson::toJsonBytes)))
                .name("kafka " + o.topics().deadLetters())
                .uid("sink-dead-letters");
        if (o.topics().routing() != null) {
            out.routing()
                    .sinkTo(sink(
                            o,
                            guarantee,
                            "routing",
                            new JsonRecordSerializer<Routing>(
                                    o.topics().routing(), Routing::ticketId, SlaRecordJson::toJsonBytes)))
                    .name("kafka " + o.topics().routing())
                    .uid("sink-sla-routing");
        }
        DataStream<ChainAlert> chains = ChainGraph.build(out, policy);
        ProveGraph.attach(
                out,
                chains,
                policy,
                o.settings(),
                prove,
                new KafkaEsDeadLetters(
                        o.bootstrapServers(), o.kafka(), o.topics().deadLetters()));
        chains.sinkTo(sink(
                        o,
                        guarantee,
                        "chains",
                        new JsonRecordSerializer<ChainAlert>(
                                o.topics().chains(), ChainAlert::clientId, ChainAlertJson::toJsonBytes)))
                .name("kafka " + o.topics().chains())
                .uid("sink-sla-chains");
    }

    private static <T> KafkaSink<T> sink(
            RunOptions o, DeliveryGuarantee guarantee, String name, JsonRecordSerializer<T> serializer) {
        Properties producer = new Properties();
        producer.putAll(o.kafka());
        // below the broker's transaction.max.timeout.ms (15 min by default), above any checkpoint interval
        producer.putIfAbsent(
                "transaction.timeout.ms", String.valueOf(Duration.ofMinutes(10).toMillis()));
        producer.putIfAbsent("linger.ms", "5");
        return KafkaSink.<T>builder()
                .setBootstrapServers(o.bootstrapServers())
                .setKafkaProducerConfig(producer)
                .setRecordSerializer(serializer)
                .setDeliveryGuarantee(guarantee)
                .setTransactionalIdPrefix(o.groupId() + "-" + name)
                .build();
    }
}
