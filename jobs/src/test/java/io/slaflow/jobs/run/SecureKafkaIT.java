package io.slaflow.jobs.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.slaflow.infra.stack.KafkaBroker;
import io.slaflow.infra.stack.SaslSslListener;
import io.slaflow.infra.stack.StackLocation;
import io.slaflow.jobs.cli.RunCommand;
import io.slaflow.jobs.cli.SlaflowCli;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.WriterAppender;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.layout.PatternLayout;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code slaflow run} against a secured broker: TLS (the broker's own CA, a PEM trust file) and SASL/SCRAM-SHA-512,
 * configured exactly as an operator would, with {@code --kafka-properties} and the password in a separate secrets
 * file read through Kafka's {@code FileConfigProvider}. The job reads and writes the secured listener end to end
 * (exactly-once, read_committed); the broker refuses a wrong password and a plaintext client, and no log line of
 * the run carries the password.
 */
class SecureKafkaIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String USER = "slaflow-job";
    private static final String PASSWORD = "s3cret-" + UUID.randomUUID();
    private static final String CONFIG_DUMPS = "org.apache.kafka.common.config.AbstractConfig";
    private static KafkaBroker broker;
    private static SaslSslListener secured;

    @TempDir
    Path dir;

    @BeforeAll
    static void startSecuredKafka() {
        secured = new SaslSslListener(USER, PASSWORD);
        broker = new KafkaBroker(
                        StackLocation.withState(Path.of("target/it-stack-secure-kafka")),
                        line -> System.out.println("[kafka] " + line))
                .withListener(secured)
                .start();
    }

    @AfterAll
    static void stopKafka() {
        if (broker != null) broker.close();
    }

    @Test
    void theRunJobWorksEndToEndOverTlsAndScramWithThePasswordFromASecretsFile() throws Exception {
        RunOptions.Topics topics = new RunOptions.Topics(
                "sec-ticket-events",
                "sec-sla-policies",
                "sec-sla-breaches",
                "sec-sla-escalations",
                "sec-ticket-events-dlq",
                "sec-sla-chains",
                "sec-sla-routing");
        createTopics(topics);

        Path secrets = dir.resolve("secrets/kafka.properties");
        Files.createDirectories(secrets.getParent());
        Files.writeString(secrets, "password=" + PASSWORD + "\n");
        Path client = dir.resolve("client.properties");
        Properties clientProperties = secured.clientProperties("${file:" + secrets + ":password}");
        clientProperties.put("config.providers", "file");
        clientProperties.put(
                "config.providers.file.class", "org.apache.kafka.common.config.provider.FileConfigProvider");
        try (Writer w = Files.newBufferedWriter(client)) {
            clientProperties.store(w, "what an operator writes; the password stays in the secrets file");
        }
        assertThat(Files.readString(client)).doesNotContain(PASSWORD);

        RunOptions o = parse(
                "run",
                "--bootstrap-servers",
                secured.bootstrapServers(),
                "--kafka-properties",
                client.toString(),
                "--group-id",
                "it-secure",
                "--input-topic",
                topics.events(),
                "--policy-topic",
                topics.policies(),
                "--breaches-topic",
                topics.breaches(),
                "--escalations-topic",
                topics.escalations(),
                "--dlq-topic",
                topics.deadLetters(),
                "--chains-topic",
                topics.chains(),
                "--routing-topic",
                topics.routing(),
                "--policy",
                "../infra/policies/default.yaml",
                "--delivery",
                "exactly-once",
                "--checkpoint-interval",
                "1s",
                "--checkpoint-dir",
                ItJobs.checkpointDir("SecureKafkaIT"),
                "--parallelism",
                "1",
                "--out-of-orderness",
                "1s",
                "--idle-after",
                "1s");

        StringWriter logs = new StringWriter();
        Appender capture = captureLogs(logs);
        try {
            produce(
                    topics.events(),
                    KafkaEnforcementJobIT.history(
                            Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(6, ChronoUnit.HOURS)));
            StreamExecutionEnvironment env =
                    StreamExecutionEnvironment.getExecutionEnvironment(KafkaEnforcementJob.configuration(o));
            KafkaEnforcementJob.build(env, o);
            JobClient job = env.executeAsync("it secured kafka");
            try {
                List<String> alerts = readCommittedIds(
                        topics.breaches(), KafkaEnforcementJobIT.EXPECTED_ALERTS.size(), Duration.ofSeconds(120));
                assertThat(alerts)
                        .as(() -> "dead letters: "
                                + readCommitted(topics.deadLetters(), 3, Duration.ofSeconds(5), "reason"))
                        .containsExactlyInAnyOrderElementsOf(KafkaEnforcementJobIT.EXPECTED_ALERTS);
                assertThat(readCommittedIds(
                                topics.escalations(),
                                KafkaEnforcementJobIT.EXPECTED_ESCALATIONS.size(),
                                Duration.ofSeconds(30)))
                        .containsExactlyInAnyOrderElementsOf(KafkaEnforcementJobIT.EXPECTED_ESCALATIONS);
            } finally {
                ItJobs.cancelAndAwait(job);
            }
        } finally {
            release(capture);
        }
        assertThat(logs.toString())
                .as("Kafka's client configuration was logged (the capture works)")
                .contains("sasl.jaas.config")
                .contains("security.protocol = SASL_SSL");
        assertThat(logs.toString())
                .as("the password never appears in a log line")
                .doesNotContain(PASSWORD);
    }

    @Test
    void theBrokerRefusesAWrongPasswordAndAPlaintextClientAndTheErrorDoesNotEchoThePassword() {
        String wrong = "wrong-" + UUID.randomUUID();
        Properties bad = secured.clientProperties(wrong);
        assertThatThrownBy(() -> listTopics(secured.bootstrapServers(), bad))
                .hasRootCauseInstanceOf(SaslAuthenticationException.class)
                .rootCause()
                .message()
                .doesNotContain(wrong)
                .doesNotContain(PASSWORD);

        Properties plaintext = new Properties();
        plaintext.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "3000");
        plaintext.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "5000");
        assertThatThrownBy(() -> listTopics(secured.bootstrapServers(), plaintext))
                .as("no TLS handshake, no answer")
                .hasRootCauseInstanceOf(org.apache.kafka.common.errors.TimeoutException.class);
    }

    private static void listTopics(String bootstrap, Properties extra) throws Exception {
        Properties p = new Properties();
        p.putAll(extra);
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.putIfAbsent(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
        p.putIfAbsent(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "15000");
        try (Admin admin = Admin.create(p)) {
            admin.listTopics().names().get();
        }
    }

    private static RunOptions parse(String... args) throws Exception {
        CommandLine cli = SlaflowCli.commandLine(args);
        CommandLine.ParseResult parsed = cli.parseArgs(args);
        return ((RunCommand) parsed.subcommand().commandSpec().userObject()).options();
    }

    /** Topics are created on the plaintext listener, as an administrator would; everything else is secured. */
    private static void createTopics(RunOptions.Topics t) throws Exception {
        try (Admin admin =
                Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            List<NewTopic> all = new ArrayList<>();
            // one input partition: this test is about the secured connection, not about watermarks across splits
            all.add(new NewTopic(t.events(), 1, (short) 1));
            for (String name : List.of(t.breaches(), t.escalations(), t.deadLetters(), t.chains(), t.routing())) {
                all.add(new NewTopic(name, 2, (short) 1));
            }
            all.add(new NewTopic(t.policies(), 1, (short) 1).configs(Map.of("cleanup.policy", "compact")));
            admin.createTopics(all).all().get();
        }
    }

    private static void produce(String topic, List<String> lines) throws Exception {
        Properties p = secured.clientProperties(PASSWORD);
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, secured.bootstrapServers());
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p)) {
            for (String line : lines) {
                String key = line.contains("\"ticketId\":\"")
                        ? line.replaceAll(".*\"ticketId\":\"([^\"]+)\".*", "$1")
                        : null;
                producer.send(new ProducerRecord<>(
                                topic,
                                key == null ? null : key.getBytes(StandardCharsets.UTF_8),
                                line.getBytes(StandardCharsets.UTF_8)))
                        .get();
            }
        }
    }

    private static List<String> readCommittedIds(String topic, int expected, Duration timeout) throws Exception {
        return readCommitted(topic, expected, timeout, "id");
    }

    private static List<String> readCommitted(String topic, int expected, Duration timeout, String field) {
        Properties p = secured.clientProperties(PASSWORD);
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, secured.bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "it-secure-reader-" + System.nanoTime());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        List<String> ids = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        long settleUntil = Long.MAX_VALUE;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p)) {
            consumer.subscribe(List.of(topic));
            while (System.nanoTime() < Math.min(deadline, settleUntil)) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    try {
                        ids.add(JSON.readTree(r.value()).get(field).asText()
                                + (field.equals("reason")
                                        ? " "
                                                + JSON.readTree(r.value())
                                                        .get("message")
                                                        .asText()
                                        : ""));
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }
                if (ids.size() >= expected && settleUntil == Long.MAX_VALUE) {
                    settleUntil = System.nanoTime() + Duration.ofSeconds(3).toNanos(); // a duplicate would show by then
                }
            }
        }
        return ids;
    }

    /** Everything logged while the job runs, Kafka's client configuration dumps (INFO) included. */
    private static Appender captureLogs(StringWriter into) {
        LoggerContext ctx = (LoggerContext) LogManager.getContext(false);
        Appender appender = WriterAppender.newBuilder()
                .setName("secret-check")
                .setTarget(into)
                .setLayout(PatternLayout.newBuilder().withPattern("%c %m%n").build())
                .build();
        appender.start();
        ctx.getConfiguration().addAppender(appender);
        ctx.getConfiguration().getRootLogger().addAppender(appender, Level.ALL, null);
        // Kafka's configuration dumps (INFO) go to the capture only, not to the test console
        LoggerConfig dumps = LoggerConfig.newBuilder()
                .withLoggerName(CONFIG_DUMPS)
                .withLevel(Level.INFO)
                .withAdditivity(false)
                .withConfig(ctx.getConfiguration())
                .build();
        dumps.addAppender(appender, Level.ALL, null);
        ctx.getConfiguration().addLogger(CONFIG_DUMPS, dumps);
        ctx.updateLoggers();
        return appender;
    }

    private static void release(Appender appender) {
        LoggerContext ctx = (LoggerContext) LogManager.getContext(false);
        ctx.getConfiguration().removeLogger(CONFIG_DUMPS);
        ctx.getConfiguration().getRootLogger().removeAppender(appender.getName());
        ctx.updateLoggers();
        appender.stop();
    }
}
