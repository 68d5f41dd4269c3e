package io.slaflow.jobs.cluster;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.GlobalConfiguration;
import org.apache.flink.runtime.clusterframework.TaskExecutorProcessSpec;
import org.apache.flink.runtime.clusterframework.TaskExecutorProcessUtils;

/**
 * A Flink session cluster as {@code infra/flink/try-session-cluster.sh} starts one: a JobManager and a TaskManager,
 * each its own JVM with its own working directory, configured from the production {@code infra/flink/config.yaml}
 * (local ports, state and checkpoint folders, smaller memory, restarts off), and jobs submitted through the
 * {@code flink run} front end ({@code CliFrontend}) from a third process with a working directory of its own.
 *
 * <p>No Flink distribution is published on Maven Central, so the cluster's classpath is what a distribution's
 * {@code lib/} holds, taken from this test's classpath: Flink and the libraries, without SLAflow's own classes, which
 * reach the cluster only in the submitted jar (loaded by Flink's user-code class loader, as on a real cluster).
 */
final class FlinkSessionCluster implements AutoCloseable {
    private static final List<String> OPENS = List.of(
            "--add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED",
            "--add-exports=java.security.jgss/sun.security.krb5=ALL-UNNAMED",
            "--add-opens=java.base/java.lang=ALL-UNNAMED",
            "--add-opens=java.base/java.net=ALL-UNNAMED",
            "--add-opens=java.base/java.io=ALL-UNNAMED",
            "--add-opens=java.base/java.nio=ALL-UNNAMED",
            "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
            "--add-opens=java.base/java.text=ALL-UNNAMED",
            "--add-opens=java.base/java.time=ALL-UNNAMED",
            "--add-opens=java.base/java.util=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent.locks=ALL-UNNAMED");

    private final Path home;
    private final Path conf;
    private final String classpath;
    private final int restPort;
    private final List<Process> processes = new ArrayList<>();

    private FlinkSessionCluster(Path home, Path conf, String classpath, int restPort) {
        this.home = home;
        this.conf = conf;
        this.classpath = classpath;
        this.restPort = restPort;
    }

    /** Starts both processes and returns once the TaskManager has registered. */
    static FlinkSessionCluster start(Path home, Path productionConfig, Duration timeout) throws Exception {
        Path conf = Files.createDirectories(home.resolve("conf"));
        for (String dir : List.of("log", "tmp", "jobmanager", "taskmanager"))
            Files.createDirectories(home.resolve(dir));
        int rpcPort = freePort();
        int restPort = freePort();
        String config = Files.readString(productionConfig)
                        .replace("port: 6123", "port: " + rpcPort)
                        .replace("port: 8081", "port: " + restPort)
                        .replace(
                                "/var/lib/flink/rocksdb",
                                home.resolve("rocksdb").toString())
                        .replace(
                                "s3://slaflow-state/checkpoints",
                                home.resolve("checkpoints").toUri().toString())
                        .replace(
                                "s3://slaflow-state/savepoints",
                                home.resolve("savepoints").toUri().toString())
                        .replace("size: 4096m", "size: 1536m")
                        .replace("size: 1600m", "size: 1024m")
                        // a failing job must fail the test at once, not restart for minutes
                        .replace("type: exponential-delay", "type: none")
                + """

                # generous RPC timeouts: on a busy build machine the actor system alone can take more than the default 10 s
                pekko.startup-timeout: 60s
                pekko.ask.timeout: 60s
                pekko.lookup.timeout: 60s
                heartbeat.timeout: 120000
                # started without bin/taskmanager.sh, which would compute these from the memory settings
                taskmanager.cpu.cores: 2
                """;
        Files.writeString(conf.resolve("config.yaml"), config);
        String log4j = """
                rootLogger.level = INFO
                rootLogger.appenderRef.file.ref = FileAppender
                appender.file.name = FileAppender
                appender.file.type = File
                appender.file.fileName = ${sys:log.file}
                appender.file.layout.type = PatternLayout
                appender.file.layout.pattern = %d{HH:mm:ss,SSS} %-5p %c{1} - %m%n
                """;
        Files.writeString(conf.resolve("log4j.properties"), log4j);
        Files.writeString(conf.resolve("log4j-cli.properties"), log4j);

        FlinkSessionCluster cluster = new FlinkSessionCluster(home, conf, clusterClasspath(), restPort);
        try {
            cluster.spawn(
                    "jobmanager",
                    List.of(),
                    "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint",
                    List.of("--configDir", conf.toString()));
            // what bin/taskmanager.sh derives from the memory settings: JVM sizes and the dynamic properties
            Configuration flinkConf = GlobalConfiguration.loadConfiguration(conf.toString());
            TaskExecutorProcessSpec spec = TaskExecutorProcessUtils.processSpecFromConfig(flinkConf);
            List<String> jvm = Arrays.asList(
                    org.apache.flink.runtime.util.config.memory.ProcessMemoryUtils.generateJvmParametersStr(spec)
                            .trim()
                            .split("\\s+"));
            List<String> dynamic = Arrays.asList(TaskExecutorProcessUtils.generateDynamicConfigsStr(spec)
                    .trim()
                    .split("\\s+"));
            List<String> tmArgs = new ArrayList<>(List.of("--configDir", conf.toString()));
            tmArgs.addAll(dynamic);
            cluster.spawn("taskmanager", jvm, "org.apache.flink.runtime.taskexecutor.TaskManagerRunner", tmArgs);
            cluster.awaitTaskManager(timeout);
            return cluster;
        } catch (Exception e) {
            cluster.close();
            throw e;
        }
    }

    /** Each process works in a folder of its own: nothing a job needs may be found relative to another's. */
    Path workingDir(String process) {
        return home.resolve(process);
    }

    Path log(String process) {
        return home.resolve("log").resolve(process + ".log");
    }

    /**
     * Runs {@code flink run -c io.slaflow.jobs.cli.FlinkMain JAR ARGS} from {@code workingDir} and waits for it.
     *
     * @return the front end's exit code; its output is in {@code log/client.out}
     */
    int flinkRun(Path workingDir, Path jar, List<String> args, Duration timeout) throws Exception {
        List<String> cli = new ArrayList<>(List.of(
                "run",
                "-c",
                "io.slaflow.jobs.cli.FlinkMain",
                jar.toAbsolutePath().toString()));
        cli.addAll(args);
        Process client = launch(
                "client",
                workingDir,
                List.of(),
                "org.apache.flink.client.cli.CliFrontend",
                cli,
                Map.of("FLINK_CONF_DIR", conf.toString()));
        if (!client.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
            client.destroyForcibly();
            throw new IllegalStateException(
                    "flink run did not finish within " + timeout + ": see " + home.resolve("log"));
        }
        return client.exitValue();
    }

    String clientOutput() throws IOException {
        return Files.readString(home.resolve("log/client.out"));
    }

    private void spawn(String name, List<String> jvm, String mainClass, List<String> args) throws IOException {
        processes.add(launch(name, workingDir(name), jvm, mainClass, args, Map.of()));
    }

    private Process launch(
            String name,
            Path workingDir,
            List<String> jvm,
            String mainClass,
            List<String> args,
            Map<String, String> env)
            throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(OPENS);
        command.add("-Djava.io.tmpdir=" + home.resolve("tmp"));
        command.add("-Dlog.file=" + log(name));
        command.add("-Dlog4j.configurationFile="
                + conf.resolve(name.equals("client") ? "log4j-cli.properties" : "log4j.properties"));
        command.addAll(jvm);
        command.add("-cp");
        command.add(classpath);
        command.add(mainClass);
        command.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(command)
                .directory(workingDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(home.resolve("log").resolve(name + ".out").toFile());
        pb.environment().putAll(env);
        return pb.start();
    }

    private void awaitTaskManager(Duration timeout) throws Exception {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (Process p : processes) {
                if (!p.isAlive()) {
                    throw new IllegalStateException(
                            "a cluster process exited with " + p.exitValue() + ": see " + home.resolve("log"));
                }
            }
            try {
                HttpResponse<String> r = http.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + restPort + "/taskmanagers"))
                                .timeout(Duration.ofSeconds(5))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200 && r.body().contains("\"id\"")) return;
            } catch (IOException notYet) {
                // the JobManager's REST endpoint is not up yet
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("no TaskManager registered within " + timeout + ": see " + home.resolve("log"));
    }

    /**
     * The test's classpath without SLAflow's own modules (their {@code target/classes} folders and jars): the
     * cluster's lib. The job's classes come only from the submitted fat jar.
     */
    private static String clusterClasspath() {
        List<String> lib = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            String e = entry.replace('\\', '/');
            boolean ours =
                    e.contains("/slaflow-") || e.endsWith("/target/classes") || e.endsWith("/target/test-classes");
            if (!ours) lib.add(entry);
        }
        return String.join(File.pathSeparator, lib);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() throws Exception {
        for (Process p : processes) p.destroy();
        for (Process p : processes) {
            if (!p.waitFor(30, TimeUnit.SECONDS)) p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        Files.writeString(home.resolve("log/closed"), "stopped\n", StandardCharsets.UTF_8);
    }
}
