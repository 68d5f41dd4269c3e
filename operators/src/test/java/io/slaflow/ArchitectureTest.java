package io.slaflow;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

/**
 * The module's boundaries as facts the build checks, not conventions (README, "Modules").
 *
 * <p>The pure domain — the event contract, policies, calendars, classification, the SLA rules, contract terms, and the
 * arithmetic of adherence and reports — imports no Flink: it is what a newcomer reads to learn what SLAflow promises,
 * and what the simulator, the CLI and the tests run without a cluster. Everything that touches Flink (serializers,
 * side-output tags, functions, operators) lives in the Flink-side packages: {@code streams}, {@code ingest},
 * {@code enforce}, {@code es}, {@code prove} and the {@code stream} subpackages of {@code adherence} and {@code report}.
 */
class ArchitectureTest {
    /** The pure domain, as package patterns; the {@code stream} subpackages are its Flink side. */
    static final String[] DOMAIN = {
        "io.slaflow.event",
        "io.slaflow.policy..",
        "io.slaflow.calendar..",
        "io.slaflow.classify..",
        "io.slaflow.sla..",
        "io.slaflow.contract..",
        "io.slaflow.json..",
        "io.slaflow.names..",
        "io.slaflow.adherence",
        "io.slaflow.report"
    };

    static final String[] FLINK_SIDE = {
        "io.slaflow.streams..",
        "io.slaflow.ingest..",
        "io.slaflow.enforce..",
        "io.slaflow.es..",
        "io.slaflow.prove..",
        "io.slaflow.adherence.stream..",
        "io.slaflow.report.stream.."
    };

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.slaflow");

    @Test
    void theImportIsNotEmpty() {
        // a rule over no classes passes vacuously: make sure the domain and the Flink side were both found
        assertThat(MAIN.stream().filter(c -> c.getPackageName().equals("io.slaflow.sla")))
                .isNotEmpty();
        assertThat(MAIN.stream().filter(c -> c.getPackageName().equals("io.slaflow.enforce")))
                .isNotEmpty();
        assertThat(MAIN.stream().filter(c -> c.getPackageName().equals("io.slaflow.streams")))
                .isNotEmpty();
    }

    @Test
    void theDomainImportsNoFlink() {
        ArchRule rule = noClasses()
                .that()
                .resideInAnyPackage(DOMAIN)
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.apache.flink..")
                .because("the domain is read, simulated and tested without a cluster; Flink glue lives in "
                        + "streams, ingest, enforce, es, prove and the stream subpackages");
        rule.check(MAIN);
    }

    @Test
    void theDomainNeverReachesIntoTheFlinkSide() {
        noClasses()
                .that()
                .resideInAnyPackage(DOMAIN)
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(FLINK_SIDE)
                .check(MAIN);
    }

    @Test
    void readingInputDoesNotDependOnEnforcing() {
        // the parser writes dead letters through the shared tags in streams, not through the enforcer
        noClasses()
                .that()
                .resideInAPackage("io.slaflow.ingest..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("io.slaflow.enforce..")
                .check(MAIN);
    }

    @Test
    void packagesFormNoCycles() {
        slices().matching("io.slaflow.(*)..").should().beFreeOfCycles().check(MAIN);
    }
}
