package io.slaflow.infra.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StackLocationTest {

    @TempDir
    Path dir;

    @Test
    void missingArtifactsSayWhatToRun() {
        StackLocation location = new StackLocation(dir.resolve("nothing-here"), dir, "4.4.0", "8.19.21");
        assertThatThrownBy(location::kafkaLibs)
                .hasMessageContaining("kafka_2.13-4.4.0.jar")
                .hasMessageContaining("mvn -q -pl infra package");
        assertThatThrownBy(location::elasticsearchZip)
                .hasMessageContaining("elasticsearch-8.19.21.zip")
                .hasMessageContaining("mvn -q -pl infra package");
    }

    @Test
    void theBuildPropertiesNameTheVersionsAndTheSystemPropertyOverridesTheFolder() {
        System.setProperty(
                StackLocation.STACK_DIR_PROPERTY, dir.resolve("elsewhere").toString());
        try {
            StackLocation location = StackLocation.withState(dir.resolve("state"));
            assertThat(location.kafkaVersion()).isEqualTo("4.4.0");
            assertThat(location.elasticsearchVersion()).isEqualTo("8.19.21");
            assertThat(location.toString()).contains(dir.resolve("elsewhere").toString());
            assertThat(location.stateSubdir("kafka", "logs")).isDirectory().startsWith(dir.resolve("state"));
        } finally {
            System.clearProperty(StackLocation.STACK_DIR_PROPERTY);
        }
    }
}
