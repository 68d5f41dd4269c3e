package io.slaflow.infra.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Elasticsearch refuses to run as root. When we are root (CI containers, dev boxes), it runs as the system user
 * {@value #NAME} instead: created if missing, given ownership of the folders Elasticsearch writes, and used through
 * {@code runuser}. When we are not root, processes simply run as us.
 */
final class UnprivilegedUser {

    static final String NAME = "slaflow";

    private UnprivilegedUser() {}

    static boolean runningAsRoot() {
        return "0".equals(output(List.of("id", "-u")).strip());
    }

    /** The user Elasticsearch runs as: {@value #NAME} when we are root, else the current user. */
    static String runAsName(boolean root) {
        return root ? NAME : System.getProperty("user.name");
    }

    /** Creates the {@value #NAME} system user unless it exists (needs root and the {@code passwd} package). */
    static void ensureExists(Consumer<String> progress) {
        if (exitCode(List.of("id", "-u", NAME)) == 0) {
            return;
        }
        progress.accept("creating the system user '" + NAME + "' to run Elasticsearch (it refuses to run as root)");
        List<String> useradd = List.of("useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", NAME);
        int exit = exitCode(useradd);
        if (exit != 0 && exitCode(List.of("id", "-u", NAME)) != 0) { // exit 9 = created concurrently by someone else
            throw new IllegalStateException("`" + String.join(" ", useradd) + "` failed with exit code " + exit
                    + ": install the `passwd` package (apt-get install -y passwd) or create the user yourself");
        }
    }

    /** Gives {@value #NAME} the folders and makes every folder above them traversable (o+x), which it needs to reach them. */
    static void grant(List<Path> dirs, Consumer<String> progress) {
        for (Path dir : dirs) {
            int exit = exitCode(List.of("chown", "-R", NAME + ":" + NAME, dir.toString()));
            if (exit != 0) {
                throw new IllegalStateException("`chown -R " + NAME + " " + dir + "` failed (exit " + exit + ")");
            }
            makeAncestorsTraversable(dir, progress);
        }
    }

    private static void makeAncestorsTraversable(Path dir, Consumer<String> progress) {
        for (Path ancestor = dir.toAbsolutePath().getParent(); ancestor != null; ancestor = ancestor.getParent()) {
            try {
                Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(ancestor);
                if (!permissions.contains(PosixFilePermission.OTHERS_EXECUTE)) {
                    permissions.add(PosixFilePermission.OTHERS_EXECUTE); // traverse only: listing stays forbidden
                    Files.setPosixFilePermissions(ancestor, permissions);
                    progress.accept("made " + ancestor + " traversable (o+x) so user '" + NAME + "' can reach " + dir);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(
                        "Cannot make " + ancestor + " traversable for user '" + NAME
                                + "': choose a state folder outside it",
                        e);
            }
        }
    }

    /** {@code runuser -u slaflow -- env K=V… command}: runuser does not pass our environment on reliably. */
    static List<String> commandAs(String user, Map<String, String> env, List<String> command) {
        List<String> wrapped = new ArrayList<>(List.of("runuser", "-u", user, "--", "env"));
        env.forEach((key, value) -> wrapped.add(key + "=" + value));
        wrapped.addAll(command);
        return wrapped;
    }

    private static int exitCode(List<String> command) {
        try {
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return -1;
            }
            return process.exitValue();
        } catch (IOException e) {
            return -1; // command not installed: callers report what to install
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static String output(List<String> command) {
        try {
            Process process =
                    new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            process.waitFor(10, TimeUnit.SECONDS);
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot run " + String.join(" ", command), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while running " + String.join(" ", command), e);
        }
    }
}
