package io.slaflow.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.slaflow.jobs.run.KafkaEnforcementJob;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.state.rocksdb.RocksDBOptions;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * {@code infra/k8s/flinkdeployment.yaml} works as written: its job arguments are what {@code slaflow run}'s own
 * parser accepts (a misspelt or removed option fails the build), the files they name are on volumes the pod mounts,
 * it passes the Prove options (Elasticsearch, credentials from a Secret, reports on a persistent volume), and its
 * Flink settings agree with {@code infra/flink/config.yaml} key for key.
 *
 * <p>The operator's own artifacts are not in the registry here, so the FlinkDeployment fields below were checked by
 * hand against the Flink Kubernetes Operator's CRD reference ({@code docs/content/docs/custom-resource/reference.md})
 * and its generated CRD {@code flinkdeployments.flink.apache.org-v1.yml} (group {@code flink.apache.org}, version
 * {@code v1beta1}) on the operator's main branch (1.16-SNAPSHOT, July 2026); {@code flinkVersion: v2_2} exists from
 * operator 1.13 on. {@code jobManager.resource}/{@code taskManager.resource} are deprecated on main in favour of
 * {@code resources} (Kubernetes ResourceRequirements) but still accepted; 1.13–1.15 know only {@code resource}.
 */
class FlinkDeploymentManifestTest {
    static final Path MANIFEST = Path.of("../infra/k8s/flinkdeployment.yaml");
    static final Path CONFIG = Path.of("../infra/flink/config.yaml");

    /** FlinkDeploymentSpec, JobSpec, JobManagerSpec, TaskManagerSpec and Resource fields (operator CRD reference). */
    static final Set<String> DEPLOYMENT_SPEC = Set.of(
            "job",
            "restartNonce",
            "flinkConfiguration",
            "image",
            "imagePullPolicy",
            "serviceAccount",
            "flinkVersion",
            "ingress",
            "podTemplate",
            "jobManager",
            "taskManager",
            "logConfiguration",
            "mode");

    static final Set<String> JOB_SPEC = Set.of(
            "jarURI",
            "parallelism",
            "entryClass",
            "args",
            "state",
            "savepointTriggerNonce",
            "initialSavepointPath",
            "initialStateReference",
            "checkpointTriggerNonce",
            "upgradeMode",
            "allowNonRestoredState",
            "savepointRedeployNonce",
            "autoscalerResetNonce");
    static final Set<String> JOB_MANAGER_SPEC = Set.of("resource", "resources", "replicas", "podTemplate");
    static final Set<String> TASK_MANAGER_SPEC = Set.of("resource", "resources", "replicas", "podTemplate");
    static final Set<String> RESOURCE = Set.of("cpu", "memory", "ephemeralStorage");
    static final Set<String> FLINK_VERSIONS_2X = Set.of("v2_0", "v2_1", "v2_2", "v2_3", "v2_4");

    /** Settings that must be in both files (and equal): the job's behaviour must not depend on which one is read. */
    static final Set<String> IN_BOTH = Set.of(
            "state.backend.type",
            "state.backend.rocksdb.timer-service.factory",
            "state.backend.rocksdb.use-bloom-filter",
            "execution.checkpointing.interval",
            "execution.checkpointing.min-pause",
            "execution.checkpointing.timeout",
            "execution.checkpointing.tolerable-failed-checkpoints",
            "execution.checkpointing.mode",
            "execution.checkpointing.incremental",
            "execution.checkpointing.num-retained",
            "execution.checkpointing.externalized-checkpoint-retention",
            "execution.checkpointing.dir",
            "execution.checkpointing.savepoint-dir",
            "restart-strategy.type",
            "restart-strategy.exponential-delay.initial-backoff",
            "restart-strategy.exponential-delay.max-backoff",
            "restart-strategy.exponential-delay.reset-backoff-threshold",
            "taskmanager.numberOfTaskSlots",
            "taskmanager.memory.managed.fraction",
            "metrics.reporter.prom.factory.class",
            "metrics.reporter.prom.port");
    /** Differ by nature: a path on the pod's own volume, not the standalone host's. */
    static final Set<String> DEPLOYMENT_SPECIFIC = Set.of("state.backend.rocksdb.localdir");

    @Test
    void isAFlinkDeploymentWithOnlyTheFieldsTheOperatorDocuments() {
        Map<String, Object> m = manifest();
        assertThat(m.get("apiVersion")).isEqualTo("flink.apache.org/v1beta1");
        assertThat(m.get("kind")).isEqualTo("FlinkDeployment");
        Map<String, Object> spec = map(m, "spec");
        assertThat(DEPLOYMENT_SPEC).containsAll(spec.keySet());
        assertThat(JOB_SPEC).containsAll(map(spec, "job").keySet());
        assertThat(JOB_MANAGER_SPEC).containsAll(map(spec, "jobManager").keySet());
        assertThat(TASK_MANAGER_SPEC).containsAll(map(spec, "taskManager").keySet());
        assertThat(RESOURCE)
                .containsAll(map(map(spec, "jobManager"), "resource").keySet());
        assertThat(RESOURCE)
                .containsAll(map(map(spec, "taskManager"), "resource").keySet());
        assertThat(FLINK_VERSIONS_2X).contains((String) spec.get("flinkVersion"));
        assertThat(spec.get("flinkVersion"))
                .as("the Flink line the jar bundles")
                .isEqualTo("v2_2");
        Map<String, Object> job = map(spec, "job");
        assertThat(job.get("upgradeMode")).isIn("savepoint", "last-state", "stateless");
        assertThat(job.get("state")).isIn("running", "suspended");
        assertThat(job.get("entryClass"))
                .as("never SlaflowCli: its System.exit would stop the JobManager")
                .isEqualTo(FlinkMain.class.getName());
        assertThat(spec.get("flinkConfiguration"))
                .as("values the operator takes as strings")
                .satisfies(
                        c -> ((Map<?, ?>) c).values().forEach(v -> assertThat(v).isInstanceOf(String.class)));
    }

    @Test
    void theJobArgumentsAreWhatSlaflowRunsOwnParserAccepts() {
        List<String> args = args();
        assertThat(args.get(0)).isEqualTo("run");
        // throws on an unknown (misspelt, removed) option or a value the option's type refuses
        ParseResult parsed = SlaflowCli.commandLine().parseArgs(args.toArray(String[]::new));
        ParseResult run = parsed.subcommand();
        assertThat(run.commandSpec().name()).isEqualTo("run");
        assertThat(run.unmatched()).isEmpty();
        for (OptionSpec o : run.matchedOptions()) {
            assertThat(o.hidden()).as("%s is for tests only", o.longestName()).isFalse();
        }
        assertThat(run.hasMatchedOption("--bootstrap-servers")).isTrue();
        assertThat(run.hasMatchedOption("--checkpoint-dir")).isTrue();
    }

    @Test
    void passesTheProveOptionsWithCredentialsFromASecretAndReportsOnAPersistentVolume() {
        ParseResult run = SlaflowCli.commandLine()
                .parseArgs(args().toArray(String[]::new))
                .subcommand();
        assertThat(run.hasMatchedOption("--es-host"))
                .as("sla-* indices for Kibana")
                .isTrue();
        assertThat(run.hasMatchedOption("--es-api-key-file") || run.hasMatchedOption("--es-password-file"))
                .as("a credential from a file (never on the command line)")
                .isTrue();
        assertThat(run.hasMatchedOption("--es-ca-cert")).isTrue();
        Map<String, String> mounts = volumeMounts();
        Map<String, Map<String, Object>> volumes = volumes();
        String esKey =
                run.matchedOptionValue("--es-api-key-file", (Object) null).toString();
        assertThat(volumes.get(volumeHolding(esKey, mounts)))
                .as("the Elasticsearch key comes from a Secret")
                .containsKey("secret");
        String reports = run.matchedOptionValue("--reports-dir", (Object) null).toString();
        assertThat(volumes.get(volumeHolding(reports, mounts)))
                .as(
                        "the reports folder and its delivery ledger must outlive pods and be shared: a PersistentVolumeClaim")
                .containsKey("persistentVolumeClaim");
    }

    @Test
    void everyFileAnArgumentNamesIsOnAVolumeThePodMounts() {
        ParseResult run = SlaflowCli.commandLine()
                .parseArgs(args().toArray(String[]::new))
                .subcommand();
        Map<String, String> mounts = volumeMounts();
        List<String> files = new ArrayList<>();
        for (OptionSpec o : run.matchedOptions()) {
            Object v = o.getValue();
            if (v instanceof Path p) files.add(p.toString());
            else if ("--es-ca-cert".equals(o.longestName())) files.add(v.toString());
        }
        assertThat(files).hasSizeGreaterThanOrEqualTo(6);
        for (String f : files) {
            assertThat(volumeHolding(f, mounts))
                    .as("%s is on no mounted volume", f)
                    .isNotNull();
        }
        assertThat(volumes().keySet()).containsAll(mounts.values());
    }

    @Test
    void flinkSettingsAgreeWithConfigYamlKeyForKey() {
        Map<String, String> manifest = new TreeMap<>();
        map(map(manifest(), "spec"), "flinkConfiguration").forEach((k, v) -> manifest.put(k, String.valueOf(v)));
        Map<String, String> config = flatten(load(CONFIG));
        for (String key : IN_BOTH) {
            assertThat(manifest).as("the manifest sets %s", key).containsKey(key);
            assertThat(config).as("config.yaml sets %s", key).containsKey(key);
        }
        for (Map.Entry<String, String> e : manifest.entrySet()) {
            if (config.containsKey(e.getKey()) && !DEPLOYMENT_SPECIFIC.contains(e.getKey())) {
                assertThat(normalized(e.getValue())).as(e.getKey()).isEqualTo(normalized(config.get(e.getKey())));
            }
        }
    }

    @Test
    void theTimerServiceBothFilesNameIsTheOneTheJobSets() {
        Configuration job = new Configuration();
        KafkaEnforcementJob.tuneRocksDb(job);
        String timers = job.get(RocksDBOptions.TIMER_SERVICE_FACTORY).name();
        assertThat(flatten(load(CONFIG))).containsEntry("state.backend.rocksdb.timer-service.factory", timers);
        assertThat(map(map(manifest(), "spec"), "flinkConfiguration"))
                .containsEntry("state.backend.rocksdb.timer-service.factory", timers);
    }

    // ---- reading the files ----

    private static Map<String, Object> manifest() {
        return load(MANIFEST);
    }

    private static List<String> args() {
        List<String> args = new ArrayList<>();
        for (Object a : (List<?>) map(map(manifest(), "spec"), "job").get("args")) args.add(String.valueOf(a));
        return args;
    }

    /** mountPath → volume name of the main container. */
    private static Map<String, String> volumeMounts() {
        Map<String, Object> container = mainContainer();
        Map<String, String> mounts = new TreeMap<>();
        for (Object o : (List<?>) container.get("volumeMounts")) {
            Map<?, ?> mount = (Map<?, ?>) o;
            mounts.put((String) mount.get("mountPath"), (String) mount.get("name"));
        }
        return mounts;
    }

    private static Map<String, Map<String, Object>> volumes() {
        Map<String, Map<String, Object>> volumes = new TreeMap<>();
        for (Object o : (List<?>)
                map(map(map(manifest(), "spec"), "podTemplate"), "spec").get("volumes")) {
            @SuppressWarnings("unchecked")
            Map<String, Object> v = (Map<String, Object>) o;
            volumes.put((String) v.get("name"), v);
        }
        return volumes;
    }

    private static Map<String, Object> mainContainer() {
        for (Object o : (List<?>)
                map(map(map(manifest(), "spec"), "podTemplate"), "spec").get("containers")) {
            @SuppressWarnings("unchecked")
            Map<String, Object> c = (Map<String, Object>) o;
            // the operator merges the pod template into the container of this name
            if ("flink-main-container".equals(c.get("name"))) return c;
        }
        throw new AssertionError("no flink-main-container in the pod template");
    }

    /** The volume whose mount holds {@code path}, or null. */
    private static String volumeHolding(String path, Map<String, String> mounts) {
        String best = null;
        for (String mountPath : mounts.keySet()) {
            if ((path.equals(mountPath) || path.startsWith(mountPath + "/"))
                    && (best == null || mountPath.length() > best.length())) {
                best = mountPath;
            }
        }
        return best == null ? null : mounts.get(best);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Map<String, Object> parent, String key) {
        Object v = parent.get(key);
        assertThat(v).as(key).isInstanceOf(Map.class);
        return (Map<String, Object>) v;
    }

    private static Map<String, Object> load(Path file) {
        try {
            return new Yaml(new LoaderOptions()).load(Files.readString(file));
        } catch (IOException e) {
            throw new AssertionError("cannot read " + file, e);
        }
    }

    /** Flink's standard YAML: nested keys mean dotted keys ({@code execution: {checkpointing: {interval}}}). */
    static Map<String, String> flatten(Map<String, Object> yaml) {
        Map<String, String> flat = new TreeMap<>();
        flatten("", yaml, flat);
        return flat;
    }

    private static void flatten(String prefix, Map<?, ?> node, Map<String, String> out) {
        node.forEach((k, v) -> {
            String key = prefix + k;
            if (v instanceof Map<?, ?> m) flatten(key + ".", m, out);
            else out.put(key, String.valueOf(v));
        });
    }

    /** YAML scalars as Flink reads them: {@code 2.0} and {@code "2.0"}, {@code true} and {@code "true"} are one value. */
    private static String normalized(String v) {
        return v.strip().toLowerCase(java.util.Locale.ROOT);
    }
}
