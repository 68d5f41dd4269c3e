package io.slaflow.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.slaflow.calendar.Holidays;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * The class of issue 18's item 1: whatever path a policy writes, {@link PolicyFolder} either reads a file inside the
 * policy's folder or refuses, and its message never holds what a file outside it contains. Around the folder: a secret
 * next door, a valid calendar outside whose only holiday (2099-01-01) must never be read, links out of the folder.
 */
class IcalPathProperties {
    private static final LocalDate OUTSIDE_HOLIDAY = LocalDate.of(2099, 1, 1);
    private static Path root;
    private static Path policies;

    @BeforeContainer
    static void folders() throws IOException {
        root = Files.createTempDirectory("ical-paths");
        policies = Files.createDirectories(root.resolve("policies"));
        Files.createDirectories(policies.resolve("holidays"));
        Files.writeString(policies.resolve("holidays/fr.ics"), PolicyFolderTest.ICS);
        Path outside = Files.createDirectories(root.resolve("outside"));
        Files.writeString(outside.resolve("secret.ics"), PolicyFolderTest.SECRET + "\n");
        Files.writeString(outside.resolve("valid.ics"), PolicyFolderTest.ICS.replace("20261225", "20990101"));
        Files.createSymbolicLink(policies.resolve("holidays/link.ics"), outside.resolve("valid.ics"));
        Files.createSymbolicLink(policies.resolve("out"), outside);
    }

    @AfterContainer
    static void cleanUp() throws IOException {
        try (var paths = Files.walk(root)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    @Property(tries = 3000)
    void aPathIsReadInsideTheFolderOrRefusedWithoutTheFilesContent(@ForAll("hostilePaths") String path) {
        PolicyFolder folder = new PolicyFolder(policies);
        Holidays read;
        try {
            read = folder.holidays(path);
        } catch (IllegalArgumentException refused) {
            assertThat(refused.getMessage()).doesNotContain("hunter2").doesNotContain("SMTP");
            return;
        }
        assertThat(read.dates())
                .as("read through '%s'", path)
                .doesNotContain(OUTSIDE_HOLIDAY)
                .containsExactly(LocalDate.of(2026, 12, 25));
        Path resolved = policies.resolve(path).normalize();
        assertThat(resolved).startsWith(policies);
    }

    /** Paths built from the parts an attacker or a careless user would combine. */
    @Provide
    Arbitrary<String> hostilePaths() {
        Arbitrary<String> part = Arbitraries.of(
                "holidays",
                "fr.ics",
                "..",
                ".",
                "",
                "outside",
                "secret.ics",
                "valid.ics",
                "link.ics",
                "out",
                "policies",
                "etc",
                "passwd",
                "proc",
                "self",
                "environ",
                "~",
                "fr.ICS",
                "x\u0000.ics",
                root.toString().substring(1),
                policies.toString().substring(1));
        Arbitrary<String> separator = Arbitraries.of("/", "/", "\\", "//");
        Arbitrary<String> relative = Arbitraries.oneOf(part, separator)
                .list()
                .ofMinSize(1)
                .ofMaxSize(9)
                .map(l -> String.join("", l));
        return Arbitraries.oneOf(
                relative,
                relative.map(r -> "/" + r),
                relative.map(r -> "holidays/" + r),
                Arbitraries.of(
                        "holidays/fr.ics",
                        "./holidays/fr.ics",
                        "holidays//fr.ics",
                        "out/valid.ics",
                        "holidays/link.ics",
                        "../outside/valid.ics",
                        root + "/outside/valid.ics"));
    }
}
