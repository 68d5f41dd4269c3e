package io.slaflow.infra.stack;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * Elasticsearch's launcher writes {@code final-flags*} files to the system temp folder (it asks a JVM for its final
 * flags) whatever {@code ES_TMPDIR} says. This removes the ones our run created: name matches, owned by the user the
 * node ran as, modified since the start — so another user's or another run's files are left alone.
 */
final class LauncherTempFiles {

    private static final Path SYSTEM_TMP = Path.of("/tmp");

    private LauncherTempFiles() {}

    static int removeCreatedSince(Instant since, String owner) {
        if (since == null || !Files.isDirectory(SYSTEM_TMP)) {
            return 0;
        }
        int removed = 0;
        try (DirectoryStream<Path> entries =
                Files.newDirectoryStream(SYSTEM_TMP, LauncherTempFiles::isLauncherLeftover)) {
            for (Path entry : entries) {
                if (ownedBy(entry, owner)
                        && !Files.getLastModifiedTime(entry).toInstant().isBefore(since.minusSeconds(1))) {
                    StateFiles.deleteRecursively(entry);
                    removed++;
                }
            }
        } catch (IOException | RuntimeException e) {
            // best effort: a leftover in /tmp must not fail a test that otherwise passed
        }
        return removed;
    }

    static boolean isLauncherLeftover(Path entry) {
        return entry.getFileName().toString().startsWith("final-flags");
    }

    private static boolean ownedBy(Path entry, String owner) throws IOException {
        return Files.getOwner(entry).getName().equals(owner);
    }
}
