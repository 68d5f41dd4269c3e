package io.slaflow.enforce;

import static org.assertj.core.api.Assertions.assertThat;

import io.slaflow.sla.CompiledPolicy;
import io.slaflow.sla.TicketState;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The registry alone, over an in-memory store standing in for the job's broadcast state. */
class PolicyRegistryTest {
    private static final PolicyVersion BASE = EnforcerHarness.defaultPolicy();

    /** The store the enforcer keeps in broadcast state: the caller writes what the registry accepts. */
    private final Map<String, PolicyVersion> store = new LinkedHashMap<>();

    private final PolicyRegistry.StoredVersions stored = new PolicyRegistry.StoredVersions() {
        @Override
        public PolicyVersion get(String version) {
            return store.get(version);
        }

        @Override
        public Iterable<Map.Entry<String, PolicyVersion>> all() {
            return store.entrySet();
        }
    };

    @Test
    void withNoOtherVersionTheBaseIsInForceAtAnyTime() throws Exception {
        PolicyRegistry registry = new PolicyRegistry(BASE, stored);
        assertThat(registry.inForceAt(Long.MIN_VALUE)).isSameAs(registry.base());
        assertThat(registry.base().version()).isEqualTo("default-2026.11");
    }

    @Test
    void anAcceptedVersionIsInForceFromItsEffectiveInstantAndCompiledOnce() throws Exception {
        PolicyRegistry registry = new PolicyRegistry(BASE, stored);
        accept(registry, version("v2", "v2", at("2026-11-16T10:30:00Z")));

        assertThat(registry.inForceAt(at("2026-11-16T10:29:59.999Z")).version()).isEqualTo("default-2026.11");
        CompiledPolicy v2 = registry.inForceAt(at("2026-11-16T10:30:00Z"));
        assertThat(v2.version()).isEqualTo("v2");
        assertThat(v2.effectiveFrom()).isEqualTo(at("2026-11-16T10:30:00Z"));
        assertThat(registry.inForceAt(at("2026-12-01T00:00:00Z")))
                .as("not compiled again")
                .isSameAs(v2);
        assertThat(registry.pinned(pinnedTo("v2"))).isSameAs(v2);
    }

    @Test
    void ofVersionsInForceTheOneFromTheLatestInstantWins() throws Exception {
        PolicyRegistry registry = new PolicyRegistry(BASE, stored);
        accept(registry, version("v3", "v3", at("2026-11-20T00:00:00Z")));
        accept(registry, version("v2", "v2", at("2026-11-16T00:00:00Z")));
        assertThat(registry.inForceAt(at("2026-11-18T00:00:00Z")).version()).isEqualTo("v2");
        assertThat(registry.inForceAt(at("2026-11-21T00:00:00Z")).version()).isEqualTo("v3");
    }

    @Test
    void theAcceptedVersionIsACopyCarryingTheIdItsYamlNames() throws Exception {
        PolicyRegistry registry = new PolicyRegistry(BASE, stored);
        PolicyVersion offered = version(null, "v4", at("2026-11-16T00:00:00Z"));
        PolicyRegistry.Verdict verdict = registry.offer(offered);

        assertThat(verdict.isAccepted()).isTrue();
        assertThat(verdict.refusal()).isNull();
        assertThat(verdict.accepted().version).isEqualTo("v4");
        assertThat(verdict.accepted().yaml).isEqualTo(offered.yaml);
        assertThat(verdict.accepted().source).isEqualTo(offered.source);
        assertThat(verdict.accepted().effectiveFrom).isEqualTo(offered.effectiveFrom);
        assertThat(offered.version)
                .as("the offered version is left as it arrived")
                .isNull();
    }

    @Test
    void aTakenIdWithDifferentContentIsRefusedAndChangesNothing() throws Exception {
        PolicyRegistry registry = new PolicyRegistry(BASE, stored);
        accept(registry, version("v2", "v2", at("2026-11-16T00:00:00Z")));
        PolicyVersion changedV2 =
                new PolicyVersion("v2", yamlOf("v2") + "\n# changed\n", "sla-policies@0:9", at("2026-11-17T00:00:00Z"));
        PolicyVersion changedBase = new PolicyVersion(
                "default-2026.11", BASE.yaml + "\n# changed\n", "sla-policies@0:10", at("2026-11-17T00:00:00Z"));

        PolicyRegistry.Verdict refused = registry.offer(changedV2);
        assertThat(refused.isAccepted()).isFalse();
        assertThat(refused.refusal())
                .isEqualTo(
                        "version 'v2' already exists with different content (sla-policies@0:1);"
                                + " a changed contract needs a new version id, so tickets pinned to the old one keep their terms");
        assertThat(registry.offer(changedBase).refusal())
                .contains("version 'default-2026.11' already exists", BASE.source);
        assertThat(registry.inForceAt(at("2026-11-18T00:00:00Z")).effectiveFrom())
                .isEqualTo(at("2026-11-16T00:00:00Z"));
    }

    @Test
    void theSameContentAgainIsAccepted() throws Exception {
        PolicyRegistry registry = new PolicyRegistry(BASE, stored);
        accept(registry, version("v2", "v2", at("2026-11-16T00:00:00Z")));
        assertThat(registry.offer(version("v2", "v2", at("2026-11-16T00:00:00Z")))
                        .isAccepted())
                .isTrue();
    }

    @Test
    void aVersionThatDoesNotParseIsRefusedWithTheParsersReason() throws Exception {
        PolicyRegistry registry = new PolicyRegistry(BASE, stored);
        PolicyRegistry.Verdict verdict = registry.offer(new PolicyVersion(null, "version: [", "sla-policies@0:11", 0));
        assertThat(verdict.isAccepted()).isFalse();
        assertThat(verdict.refusal()).isNotBlank();
    }

    @Test
    void afterARestoreAStoredVersionIsCompiledWhenFirstNeeded() throws Exception {
        store.put("v2", version("v2", "v2", at("2026-11-16T00:00:00Z")));
        PolicyRegistry restored = new PolicyRegistry(BASE, stored);

        CompiledPolicy v2 = restored.pinned(pinnedTo("v2"));
        assertThat(v2.version()).isEqualTo("v2");
        assertThat(restored.inForceAt(at("2026-11-17T00:00:00Z"))).isSameAs(v2);
    }

    @Test
    void aTicketPinnedToAVersionNoLongerKnownGetsTheBase() throws Exception {
        PolicyRegistry registry = new PolicyRegistry(BASE, stored);
        assertThat(registry.pinned(pinnedTo("gone"))).isSameAs(registry.base());
    }

    @Test
    void aStoredVersionThatNoLongerCompilesFallsBackToTheBase() throws Exception {
        store.put("broken", new PolicyVersion("broken", "version: [", "sla-policies@0:12", at("2026-11-16T00:00:00Z")));
        PolicyRegistry registry = new PolicyRegistry(BASE, stored);
        assertThat(registry.pinned(pinnedTo("broken"))).isSameAs(registry.base());
        assertThat(registry.inForceAt(at("2026-11-17T00:00:00Z"))).isSameAs(registry.base());
    }

    @Test
    void theRegistryImportsNoFlink() {
        // it is the Flink-free half of rule 5: the enforcer adapts its broadcast state to StoredVersions
        com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses()
                .that()
                .haveNameMatching(PolicyRegistry.class.getName() + ".*")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.apache.flink..")
                .check(new com.tngtech.archunit.core.importer.ClassFileImporter()
                        .importClasses(
                                PolicyRegistry.class,
                                PolicyRegistry.StoredVersions.class,
                                PolicyRegistry.Verdict.class));
    }

    private void accept(PolicyRegistry registry, PolicyVersion version) throws Exception {
        PolicyRegistry.Verdict verdict = registry.offer(version);
        assertThat(verdict.refusal()).isNull();
        store.put(verdict.accepted().version, verdict.accepted());
    }

    private static PolicyVersion version(String id, String yamlVersion, long effectiveFrom) {
        return new PolicyVersion(id, yamlOf(yamlVersion), "sla-policies@0:1", effectiveFrom);
    }

    private static String yamlOf(String version) {
        return BASE.yaml.replace("version: \"default-2026.11\"", "version: \"" + version + "\"");
    }

    private static TicketState pinnedTo(String version) {
        TicketState s = new TicketState();
        s.ticketId = "T-1";
        s.policyVersion = version;
        return s;
    }

    private static long at(String instant) {
        return Instant.parse(instant).toEpochMilli();
    }
}
