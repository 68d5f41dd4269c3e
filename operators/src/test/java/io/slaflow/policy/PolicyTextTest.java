package io.slaflow.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Issue 18, item 4, for the other input: a policy's text is Unicode text, or the policy is refused where it says so. */
class PolicyTextTest {

    private static InvalidPolicyException refused(String yaml) {
        return catchThrowableOfType(
                InvalidPolicyException.class, () -> new PolicyLoader(Path.of(".")).parse(yaml, "policy.yaml"));
    }

    @Test
    void anUnpairedSurrogateInANameIsRefusedWithItsPlace() {
        String yaml = PolicyLoaderTest.MIN.replace("  - id: acme\n", "  - id: acme\n    name: \"ACME \\ud800 Ltd\"\n");
        InvalidPolicyException e = refused(yaml);

        assertThat(e).isNotNull();
        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(29);
            assertThat(p.message())
                    .isEqualTo("this text holds an unpaired UTF-16 surrogate at character 5 (a"
                            + " \\uD800-\\uDFFF escape that is not half of a pair): it is not Unicode text");
        });
    }

    @Test
    void anUnpairedSurrogateInAKeyIsRefusedAndAPairIsText() throws Exception {
        assertThat(refused(PolicyLoaderTest.MIN.replace("  24x7:", "  \"24x7\\udc00\":")))
                .isNotNull();
        String paired =
                PolicyLoaderTest.MIN.replace("  - id: acme\n", "  - id: acme\n    name: \"ACME \\ud83d\\ude00\"\n");
        assertThat(new PolicyLoader(Path.of("."))
                        .parse(paired, "policy.yaml")
                        .client("acme")
                        .name())
                .isEqualTo("ACME \uD83D\uDE00");
    }

    @Test
    void aPolicyWhoseNodesRepeatThroughAliasesIsStillCheckedOnce() {
        String yaml = PolicyLoaderTest.MIN.replace(
                "roles: [team-lead, account-director]",
                "x: &a [\"\\ud800\", *a]\nroles: [team-lead, account-director]");
        InvalidPolicyException e = refused(yaml);
        assertThat(e).isNotNull();
        assertThat(e.problems())
                .extracting(PolicyProblem::message)
                .anyMatch(m -> m.contains("unpaired UTF-16 surrogate"));
    }
}
