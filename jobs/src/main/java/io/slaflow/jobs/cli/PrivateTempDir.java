package io.slaflow.jobs.cli;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * A local MiniCluster unpacks a 21 MB RPC jar and its working folders into {@code java.io.tmpdir} on every run and
 * leaves them there. The CLI therefore gives each run its own temp folder under {@code ~/.slaflow/tmp} and deletes
 * it on exit. A run that could not clean up (killed with SIGKILL, out of memory, power loss) leaves its folder; the
 * next run deletes the folders of runs whose process is gone. Must run before anything creates a temp file (the JDK
 * caches the temp dir on first use); an explicit {@code -Djava.io.tmpdir} is respected.
 */
final class PrivateTempDir {
    private PrivateTempDir() {}

    static void install(String[] args) {
        if (System.getProperty("slaflow.tmpdir.explicit") != null || explicitlySet()) {
            return;
        }
        Path parent = Path.of(System.getProperty("user.home"), ".slaflow", "tmp");
        Path dir = parent.resolve("run-" + ProcessHandle.current().pid());
        deleteLeftovers(parent);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            return; // keep the default: a cluttered /tmp is better than not running
        }
        System.setProperty("java.io.tmpdir", dir.toString());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteQuietly(dir), "slaflow-tmp-cleanup"));
    }

    /** Folders of earlier runs whose process no longer exists (a live process with a reused pid keeps its folder). */
    static void deleteLeftovers(Path parent) {
        if (!Files.isDirectory(parent)) return;
        try (var runs = Files.newDirectoryStream(parent, "run-*")) {
            for (Path run : runs) {
                String pid = run.getFileName().toString().substring("run-".length());
                if (pid.matches("\\d{1,18}")
                        && ProcessHandle.of(Long.parseLong(pid)).isEmpty()) {
                    deleteQuietly(run);
                }
            }
        } catch (IOException | RuntimeException ignored) {
            // best effort: a leftover folder is untidy, not a reason not to run
        }
    }

    /** The JVM's default is /tmp (or TMPDIR's platform equivalent); anything else was chosen by the user. */
    private static boolean explicitlySet() {
        String current = System.getProperty("java.io.tmpdir", "");
        return !(current.equals("/tmp") || current.equals("/tmp/") || current.equals("/var/tmp"));
    }

    /**
     * Deletes the folder even while the MiniCluster's own shutdown hooks delete parts of it: a file that vanished
     * meanwhile is skipped, not a reason to stop (a {@code Files.walk} stream would give up at the first one and
     * leave the 21 MB RPC jar behind).
     */
    static void deleteQuietly(Path dir) {
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path folder, IOException e) {
                    deleteIfExists(folder);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException | RuntimeException ignored) {
            // best effort at exit
        }
    }

    private static void deleteIfExists(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // a folder that is not empty because a file appeared meanwhile: nothing better to do at exit
        }
    }
}
