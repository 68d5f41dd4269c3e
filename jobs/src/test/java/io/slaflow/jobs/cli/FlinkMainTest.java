package io.slaflow.jobs.cli;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cluster entry point returns on success and throws on failure: it never exits the JVM it runs in. */
class FlinkMainTest {
    @TempDir
    Path dir;

    @Test
    void successReturnsNormally() {
        assertThatCode(() -> FlinkMain.main(new String[] {"--version"})).doesNotThrowAnyException();
    }

    @Test
    void failureThrowsInsteadOfExiting() throws Exception {
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, "version: x\n");
        assertThatThrownBy(() -> FlinkMain.main(new String[] {"policy", "validate", bad.toString()}))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("failed with exit code 1");
    }
}
