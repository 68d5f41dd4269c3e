package io.slaflow.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.slaflow.calendar.Holidays;
import io.slaflow.enforce.PolicyVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 18, item 1: a policy names iCal files inside its own folder only, and no message quotes what a file holds.
 * The policy is the validator's and the sla-policies topic's input: a path in it is hostile.
 */
class PolicyFolderTest {
    static final String SECRET = "SLAFLOW_SMTP_PASSWORD=hunter2";
    static final String ICS =
            "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20261225\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";

    @TempDir
    Path root;

    Path policies;
    Path outside;

    @BeforeEach
    void folders() throws IOException {
        policies = Files.createDirectories(root.resolve("policies"));
        Files.createDirectories(policies.resolve("holidays"));
        Files.writeString(policies.resolve("holidays/fr.ics"), ICS);
        outside = Files.createDirectories(root.resolve("outside"));
        Files.writeString(outside.resolve("secret.ics"), SECRET + "\n");
        Files.writeString(outside.resolve("valid.ics"), ICS.replace("20261225", "20990101"));
    }

    private String refusal(String yamlPath) {
        String yaml = PolicyLoaderTest.MIN.replace(
                "      mon-fri: \"09:00-17:00\"\n",
                "      mon-fri: \"09:00-17:00\"\n    holidays: {ical: [\"" + yamlPath.replace("\\", "\\\\") + "\"]}\n");
        InvalidPolicyException e = catchThrowableOfType(
                InvalidPolicyException.class, () -> new PolicyLoader(policies).parse(yaml, "policy.yaml"));
        assertThat(e).as("'%s' must be refused", yamlPath).isNotNull();
        assertThat(e.problems())
                .singleElement()
                .extracting(PolicyProblem::field)
                .isEqualTo("calendars.office.holidays.ical[0]");
        String message = e.problems().get(0).message();
        assertThat(message).doesNotContain("hunter2").doesNotContain("root:x:");
        return message;
    }

    @Test
    void anAbsolutePathIsRefusedWithoutReadingIt() {
        assertThat(refusal("/proc/self/environ"))
                .isEqualTo("iCal path '/proc/self/environ' is absolute: iCal paths are"
                        + " relative to the policy's folder (" + policies + ") and stay inside it");
        assertThat(refusal(outside.resolve("secret.ics").toString())).contains("is absolute");
        assertThat(refusal("C:\\Windows\\win.ini")).contains("is absolute");
    }

    @Test
    void aPathThatClimbsOutIsRefused() {
        assertThat(refusal("../../../../etc/passwd"))
                .startsWith("iCal path '../../../../etc/passwd' leaves the policy's folder ('..')");
        assertThat(refusal("holidays/../../outside/secret.ics")).contains("leaves the policy's folder ('..')");
        assertThat(refusal("holidays\\..\\..\\outside\\valid.ics")).contains("leaves the policy's folder ('..')");
    }

    @Test
    void onlyIcsFilesCanBeNamed() throws IOException {
        Files.writeString(policies.resolve("policy.yaml"), "version: x\n");
        assertThat(refusal("policy.yaml"))
                .isEqualTo("iCal path 'policy.yaml' does not end in .ics: name an iCalendar"
                        + " file (.ics) in the policy's folder");
    }

    @Test
    void aLinkToAFileOutsideTheFolderIsRefused() throws IOException {
        Files.createSymbolicLink(policies.resolve("holidays/link.ics"), outside.resolve("valid.ics"));
        Files.createSymbolicLink(policies.resolve("out"), outside);
        assertThat(refusal("holidays/link.ics"))
                .isEqualTo("iCal file 'holidays/link.ics' is a link to a file outside"
                        + " the policy's folder: iCal paths are relative to the policy's folder (" + policies
                        + ") and stay inside it");
        assertThat(refusal("out/valid.ics")).contains("is a link to a file outside the policy's folder");
    }

    @Test
    void aDirectoryOrSpecialFileIsRefused() throws IOException {
        Files.createDirectories(policies.resolve("dir.ics"));
        assertThat(refusal("dir.ics"))
                .isEqualTo("iCal file 'dir.ics' is not a regular file (a directory, device or pipe):"
                        + " name an .ics file");
    }

    @Test
    void aFileLargerThanAHolidayCalendarIsRefusedUnread() throws IOException {
        Files.write(policies.resolve("big.ics"), new byte[PolicyFolder.MAX_BYTES + 1]);
        assertThat(refusal("big.ics"))
                .isEqualTo("iCal file 'big.ics' is larger than 1024 KiB: a holiday calendar is far"
                        + " smaller; is it the right file?");
    }

    @Test
    void aFileThatIsNotAnIcalendarIsRefusedWithoutQuotingIt() throws IOException {
        Files.writeString(policies.resolve("env.ics"), SECRET + "\nSHELL=/bin/bash\n");
        assertThat(refusal("env.ics"))
                .isEqualTo("iCal file 'env.ics': line 1: not an iCalendar content line (expected NAME:value)");
        Files.write(policies.resolve("latin1.ics"), new byte[] {'B', (byte) 0xE9});
        assertThat(refusal("latin1.ics")).isEqualTo("iCal file 'latin1.ics' is not UTF-8 text");
    }

    @Test
    void aFileInsideTheFolderIsReadAndItsHolidaysKeptWithThePolicy() throws Exception {
        String yaml = PolicyLoaderTest.MIN.replace(
                "      mon-fri: \"09:00-17:00\"\n",
                "      mon-fri: \"09:00-17:00\"\n    holidays: {ical: [holidays/fr.ics, ./holidays//fr.ics]}\n");
        SlaPolicy p = new PolicyLoader(policies).parse(yaml, "policy.yaml");

        assertThat(p.resolvedIcal()).containsOnlyKeys("holidays/fr.ics", "./holidays//fr.ics");
        assertThat(p.resolvedIcal().get("holidays/fr.ics").dates()).containsExactly(LocalDate.of(2026, 12, 25));
    }

    /** A version from sla-policies has no folder: naming a file is a policy problem, and nothing is read. */
    @Test
    void aPolicyFromTheTopicMayNameNoFile() {
        String yaml = PolicyLoaderTest.MIN.replace(
                "      mon-fri: \"09:00-17:00\"\n",
                "      mon-fri: \"09:00-17:00\"\n    holidays: {ical: [/proc/self/environ]}\n");
        PolicyVersion fromTopic = new PolicyVersion(null, yaml, "sla-policies@0:7", 0);
        InvalidPolicyException e = catchThrowableOfType(
                InvalidPolicyException.class,
                () -> new PolicyLoader(fromTopic.icalFiles()).parse(yaml, fromTopic.source));

        assertThat(e.problems())
                .singleElement()
                .extracting(PolicyProblem::message)
                .isEqualTo("iCal file '/proc/self/environ'"
                        + " cannot be read: a policy version from sla-policies@0:7 has no folder to read files from (task managers"
                        + " never read policy files): list the holidays under 'dates' instead");
    }

    /** What the cluster parses: the inlined holidays, whatever is (or is not) on the task manager's disk. */
    @Test
    void aLoadedVersionCarriesItsHolidaysAndIsParsedWithoutTheFiles() throws Exception {
        Path file = policies.resolve("p.yaml");
        Files.writeString(
                file,
                PolicyLoaderTest.MIN.replace(
                        "      mon-fri: \"09:00-17:00\"\n",
                        "      mon-fri: \"09:00-17:00\"\n    holidays: {ical: holidays/fr.ics}\n"));
        PolicyVersion v = PolicyVersion.loaded(PolicyLoader.read(file), file.toString(), Long.MIN_VALUE);
        Files.delete(policies.resolve("holidays/fr.ics"));

        SlaPolicy onTheCluster = new PolicyLoader(v.icalFiles()).parse(v.yaml, v.source);
        assertThat(onTheCluster.resolvedIcal())
                .isEqualTo(java.util.Map.of("holidays/fr.ics", Holidays.of(LocalDate.of(2026, 12, 25))));
        assertThat(ResolvedIcal.read(v.icalHolidays)).isEqualTo(onTheCluster.resolvedIcal());
        assertThat(v.icalHolidays).isEqualTo("holidays/fr.ics\t2026-12-25\n");
    }

    @Test
    void theValidatorPrintsNoFileItWasPointedAt() throws IOException {
        Path passwd = Files.writeString(root.resolve("passwd"), "root:x:0:0:root:/root:/bin/bash\n" + SECRET + "\n");
        InvalidPolicyException e = catchThrowableOfType(InvalidPolicyException.class, () -> PolicyLoader.load(passwd));
        assertThat(e.getMessage())
                .doesNotContain("root:x")
                .doesNotContain("hunter2")
                .contains("expected a mapping (key: value lines), found a single text value of")
                .contains("(is this a policy file?)");
    }
}
