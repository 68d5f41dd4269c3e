package io.slaflow.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code infra/bin/slaflow}'s class-data-sharing archive, run as a user runs it: in a checkout of its own (the
 * launcher, the bundled sample, the packaged jar), so nothing is built and the repository's {@code target} is not
 * touched. The first start after a build records the archive, later starts map their classes from it, and the
 * results are the same bytes with or without it.
 */
class LauncherIT {
    private static final Path JAR = Path.of("target/slaflow.jar").toAbsolutePath();
    private static final Path SAMPLE = Path.of("../infra/samples/msp-week.jsonl");

    @TempDir
    Path root;

    @BeforeEach
    void checkout() throws IOException {
        assertThat(JAR)
                .as("built by the package phase before the integration tests")
                .exists();
        Path bin = Files.createDirectories(root.resolve("infra/bin"));
        Files.copy(Path.of("../infra/bin/slaflow"), bin.resolve("slaflow"));
        bin.resolve("slaflow").toFile().setExecutable(true);
        Files.copy(
                SAMPLE, Files.createDirectories(root.resolve("infra/samples")).resolve("msp-week.jsonl"));
        Files.createSymbolicLink(
                Files.createDirectories(root.resolve("jobs/target")).resolve("slaflow.jar"), JAR);
    }

    @Test
    void theFirstStartRecordsTheArchiveAndLaterStartsLoadTheirClassesFromIt() throws Exception {
        Run first = run(Map.of(), "--version");
        assertThat(first.exit).as(first.stderr).isZero();
        assertThat(first.stderr).contains("recording the classes");
        assertThat(archives()).hasSize(1);

        Run second = run(Map.of("SLAFLOW_JAVA_OPTS", "-Xlog:class+load=info"), "--version");
        assertThat(second.exit).as(second.stderr).isZero();
        assertThat(second.stderr).doesNotContain("recording the classes");
        assertThat(second.stdout)
                .as("the command line's own class comes from the recorded archive, not from the jar")
                .containsPattern("io\\.slaflow\\.jobs\\.cli\\.SlaflowCli source: shared objects file \\(top\\)")
                .contains("slaflow 0.1.0")
                .doesNotContain("[cds");
    }

    @Test
    void aReplayWritesTheSameBytesWithTheArchiveAsWithout() throws Exception {
        Path with = root.resolve("with");
        Path without = root.resolve("without");
        Run first = run(Map.of(), "replay", "--events", SAMPLE.toAbsolutePath().toString(), "--out", with.toString());
        assertThat(first.exit).as(first.stderr).isZero();
        assertThat(archives()).hasSize(1);
        Run plain = run(
                Map.of("SLAFLOW_CDS", "off"),
                "replay",
                "--events",
                SAMPLE.toAbsolutePath().toString(),
                "--out",
                without.toString());
        assertThat(plain.exit).as(plain.stderr).isZero();

        List<Path> files = files(with);
        assertThat(files)
                .as("outcomes, alerts, summary and the reports")
                .contains(Path.of("outcomes.jsonl"), Path.of("summary.json"))
                .anyMatch(f -> f.toString().endsWith(".pdf"));
        assertThat(files).isEqualTo(files(without));
        for (Path f : files) {
            assertThat(Files.readAllBytes(with.resolve(f)))
                    .as(f.toString())
                    .isEqualTo(Files.readAllBytes(without.resolve(f)));
        }
    }

    @Test
    void slaflowCdsOffRecordsNothing() throws Exception {
        Run off = run(Map.of("SLAFLOW_CDS", "off"), "--version");
        assertThat(off.exit).as(off.stderr).isZero();
        assertThat(off.stderr).doesNotContain("recording the classes");
        assertThat(archives()).isEmpty();
    }

    private List<Path> archives() throws IOException {
        try (Stream<Path> s = Files.list(root.resolve("jobs/target"))) {
            return s.filter(p -> p.getFileName().toString().endsWith(".jsa")).toList();
        }
    }

    private static List<Path> files(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).map(dir::relativize).sorted().toList();
        }
    }

    private record Run(int exit, String stdout, String stderr) {}

    private Run run(Map<String, String> env, String... args) throws Exception {
        List<String> command =
                new ArrayList<>(List.of(root.resolve("infra/bin/slaflow").toString()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile(root, "stdout", ".txt");
        Path err = Files.createTempFile(root, "stderr", ".txt");
        ProcessBuilder pb = new ProcessBuilder(command)
                .directory(root.toFile())
                .redirectOutput(out.toFile())
                .redirectError(err.toFile());
        pb.environment().remove("SLAFLOW_JAVA_OPTS");
        pb.environment().remove("SLAFLOW_CDS");
        pb.environment().putAll(env);
        Process p = pb.start();
        if (!p.waitFor(3, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("infra/bin/slaflow " + String.join(" ", args) + " did not end in 3 minutes");
        }
        return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
    }
}
