package io.slaflow.jobs.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A local MiniCluster unpacks a 21 MB RPC jar and its working folders into {@code java.io.tmpdir} on every run and
 * leaves them there. The CLI therefore gives each run its own temp folder under {@code ~/.slaflow/tmp} and deletes
 * it on exit. Must run before anything creates a temp file (the JDK caches the temp dir on first use); an explicit
 * {@code -Djava.io.tmpdir} is respected.
 */
final class PrivateTempDir {
    private PrivateTempDir() {}

    static void install(String[] args) {
        if (System.getProperty("slaflow.tmpdir.explicit") != null || explicitlySet()) {
            return;
        }
        Path dir = Path.of(System.getProperty("user.home"), ".slaflow", "tmp", "run-" + ProcessHandle.current().pid());
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            return; // keep the default: a cluttered /tmp is better than not running
        }
        System.setProperty("java.io.tmpdir", dir.toString());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteQuietly(dir), "slaflow-tmp-cleanup"));
    }

    /** The JVM's default is /tmp (or TMPDIR's platform equivalent); anything else was chosen by the user. */
    private static boolean explicitlySet() {
        String current = System.getProperty("java.io.tmpdir", "");
        return !(current.equals("/tmp") || current.equals("/tmp/") || current.equals("/var/tmp"));
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | RuntimeException ignored) {
            // best effort at exit
        }
    }
}
