package io.slaflow.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run killed before it could delete its temp folder (21 MB of MiniCluster files) is cleaned up by the next one. */
class PrivateTempDirTest {
    @TempDir
    Path dir;

    @Test
    void leftoversOfRunsThatAreGoneAreDeletedAndLiveOnesKept() throws Exception {
        // above Linux's largest possible pid (PID_MAX_LIMIT, 2^22): no process has it, now or later, where the pid of
        // a process that exited could already be reused
        long gone = (1L << 22) + 1;
        Path leftover = Files.createDirectories(dir.resolve("run-" + gone + "/minicluster_x/blob"));
        Files.write(leftover.resolve("flink-rpc-akka.jar"), new byte[1024]);
        Path mine = Files.createDirectories(
                dir.resolve("run-" + ProcessHandle.current().pid()));
        Path other = Files.createDirectories(dir.resolve("not-a-run"));

        PrivateTempDir.deleteLeftovers(dir);

        assertThat(dir.resolve("run-" + gone)).doesNotExist();
        assertThat(mine).exists();
        assertThat(other).exists();
    }
}
