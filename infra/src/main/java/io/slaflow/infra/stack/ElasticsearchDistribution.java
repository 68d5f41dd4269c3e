package io.slaflow.infra.stack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Enumeration;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The unpacked Elasticsearch distribution, cached in the state folder by version: unzipping 100 MB takes a few
 * seconds, so it happens once per state folder and version, not once per start.
 */
final class ElasticsearchDistribution {

    private ElasticsearchDistribution() {}

    /** The Elasticsearch home ({@code bin/}, {@code lib/}, {@code config/}, {@code modules/}), unzipped if needed. */
    static Path unpacked(Path zip, String version, Path cacheDir) {
        Path home = cacheDir.resolve(version).resolve("elasticsearch-" + version);
        if (Files.isRegularFile(home.resolve("bin/elasticsearch"))) {
            return home;
        }
        Path staging = cacheDir.resolve(
                version + ".unzipping-" + ProcessHandle.current().pid());
        StateFiles.deleteRecursively(staging);
        unzip(zip, staging);
        Path unpackedHome = staging.resolve("elasticsearch-" + version);
        if (!Files.isRegularFile(unpackedHome.resolve("bin/elasticsearch"))) {
            throw new IllegalStateException(zip + " has no elasticsearch-" + version + "/bin/elasticsearch: is it the "
                    + "integ-test-zip distribution? Delete it and run `mvn -q -pl infra package` again");
        }
        try {
            Files.createDirectories(home.getParent());
            // Atomic, so a concurrent or interrupted unzip never leaves a half-filled home that looks complete.
            Files.move(unpackedHome, home, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            if (!Files.isRegularFile(home.resolve("bin/elasticsearch"))) { // another process may have won the race
                throw new UncheckedIOException("Cannot move the unzipped Elasticsearch to " + home, e);
            }
        } finally {
            StateFiles.deleteRecursively(staging);
        }
        return home;
    }

    private static void unzip(Path zip, Path target) {
        try (ZipFile zipFile = new ZipFile(zip.toFile())) {
            Enumeration<? extends ZipEntry> entries = zipFile.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                Path destination = target.resolve(entry.getName()).normalize();
                if (!destination.startsWith(target)) {
                    throw new IllegalStateException("Refusing zip entry outside the target folder: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(destination);
                    continue;
                }
                Files.createDirectories(destination.getParent());
                try (InputStream in = zipFile.getInputStream(entry)) {
                    Files.copy(in, destination);
                }
                // Java's zip support drops the executable bit; the launcher scripts need it.
                if (destination.getParent().getFileName().toString().equals("bin")) {
                    Files.setPosixFilePermissions(destination, PosixFilePermissions.fromString("rwxr-xr-x"));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "Cannot unzip " + zip + " into " + target
                            + " (disk full? the unpacked distribution needs about 120 MB)",
                    e);
        }
    }
}
