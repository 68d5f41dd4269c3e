package io.slaflow.jobs.replay;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The {@code --out} folder of a replay, which removes only what a replay wrote there. A replay lists every file it
 * wrote in {@value #MANIFEST} (relative paths, sorted: the same bytes for the same input); the next replay into the
 * folder deletes exactly those, and the folders that held only them, and keeps anything else (a
 * {@code reports/keep/important.txt} of someone's). A folder that is not empty and has no manifest was not written by
 * a replay: it is refused and nothing in it is touched.
 */
public final class ReplayOutput {
    static final String MANIFEST = ".slaflow-replay-files";

    private final Path dir;
    /** Files present before this replay (after the previous replay's were removed): not this replay's. */
    private Set<String> before = Set.of();

    ReplayOutput(Path dir) {
        this.dir = dir.toAbsolutePath().normalize();
    }

    /** A refused output folder (the CLI's exit code 1, "a folder it names is refused"): the message says why and what to do. */
    public static final class RefusedException extends java.nio.file.FileSystemException {
        RefusedException(String message) {
            super(null, null, message);
        }
    }

    /** Makes the folder ready: creates it, or removes the previous replay's files from it, or refuses it. */
    void prepare() throws IOException {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new RefusedException(
                    "--out " + dir + " is a file, not a folder: choose a folder for the replay's files");
        }
        Files.createDirectories(dir);
        Path manifest = dir.resolve(MANIFEST);
        if (Files.isRegularFile(manifest)) {
            removePrevious(Files.readAllLines(manifest, StandardCharsets.UTF_8));
            Files.delete(manifest);
        } else if (!files().isEmpty()) {
            throw new RefusedException(
                    "--out " + dir + " is not empty and was not written by 'slaflow replay' (it has no " + MANIFEST
                            + "): choose a new or empty folder; nothing in it was changed");
        }
        before = files();
    }

    /** Lists every file written since {@link #prepare} in the manifest. */
    void record() throws IOException {
        List<String> written = new ArrayList<>(files());
        written.removeAll(before);
        written.remove(MANIFEST);
        Files.writeString(
                dir.resolve(MANIFEST),
                String.join("\n", written) + (written.isEmpty() ? "" : "\n"),
                StandardCharsets.UTF_8);
    }

    private void removePrevious(List<String> listed) throws IOException {
        Set<Path> parents = new TreeSet<>(Comparator.reverseOrder()); // deepest first
        for (String relative : listed) {
            if (relative.isBlank()) continue;
            Path file = dir.resolve(relative).normalize();
            if (!file.startsWith(dir) || file.equals(dir)) continue; // an edited manifest cannot reach outside
            Files.deleteIfExists(file);
            for (Path p = file.getParent(); p != null && !p.equals(dir) && p.startsWith(dir); p = p.getParent())
                parents.add(p);
        }
        for (Path folder : parents) {
            try (Stream<Path> inside = Files.list(folder)) {
                if (inside.findAny().isEmpty()) Files.delete(folder);
            } catch (java.nio.file.NoSuchFileException gone) {
                // already removed with a deeper one
            }
        }
    }

    /** Every regular file under the folder, relative, '/'-separated, sorted. */
    private Set<String> files() throws IOException {
        Set<String> out = new TreeSet<>();
        try (Stream<Path> all = Files.walk(dir)) {
            all.filter(Files::isRegularFile)
                    .forEach(p -> out.add(dir.relativize(p).toString().replace('\\', '/')));
        }
        return out;
    }
}
