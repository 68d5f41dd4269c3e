package io.slaflow.jobs.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The default policy travels in the jar, so no command needs the repository around it. */
class BasePolicyTest {
    private static final Path SHIPPED = Path.of("../infra/policies/default.yaml");

    @Test
    void theBuiltInPolicyIsTheShippedFileAsBuilt() throws Exception {
        BasePolicy builtIn = BasePolicy.load(null);
        assertThat(builtIn.builtIn()).isTrue();
        assertThat(builtIn.yaml()).isEqualTo(Files.readString(SHIPPED));
        assertThat(builtIn.policy().version()).isEqualTo("default-2026.11");
        assertThat(builtIn.describe())
                .isEqualTo("default-2026.11 (the built-in default policy; --policy FILE for your own)");
        assertThat(builtIn.baseVersion().source).startsWith("built-in default policy");
        assertThat(builtIn.baseVersion().effectiveFrom).isEqualTo(Long.MIN_VALUE);
    }

    @Test
    void aNamedFileWins() throws Exception {
        BasePolicy file = BasePolicy.load(SHIPPED);
        assertThat(file.builtIn()).isFalse();
        assertThat(file.describe()).isEqualTo("default-2026.11 from " + SHIPPED);
        assertThat(file.baseVersion().yaml).isEqualTo(BasePolicy.load(null).yaml());
    }
}
