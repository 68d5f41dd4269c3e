package io.slaflow.jobs.imports;

import static org.assertj.core.api.Assertions.assertThat;

import io.slaflow.event.TicketEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The documented ServiceNow-style example works as documented: the shipped mapping imports the shipped sample
 * export (creation column, null markers, pattern rules, pauses, rows out of order), the README shows that very
 * mapping, and the time pattern the mapping format documents parses the sample it gives.
 */
class ServiceNowExampleTest {
    static final Path ROOT = BpiSampleImportTest.repoRoot();
    static final Path MAPPING = ROOT.resolve("infra/mappings/servicenow-incidents.yaml");
    static final Path SAMPLE = ROOT.resolve("infra/samples/servicenow-incidents.csv");

    @TempDir
    Path dir;

    private static String london(TicketEvent e) {
        return Instant.ofEpochMilli(e.occurredAt)
                .atZone(java.time.ZoneId.of("Europe/London"))
                .toLocalDateTime()
                .toString();
    }

    @Test
    void theSampleExportImportsAsItIs() throws Exception {
        ImportRun r = ImportRun.of(MAPPING, SAMPLE, dir, null);
        assertThat(r.rejects()).isEmpty();
        assertThat(r.summary().rows()).isEqualTo(16);
        assertThat(r.summary().tickets()).isEqualTo(4);

        // rows of INC0010001 are out of order in the export (Closed before Resolved): put in time order
        assertThat(r.of("INC0010001"))
                .extracting(e -> e.type + " " + london(e))
                .containsExactly(
                        "CREATED 2026-11-16T09:00",
                        "STATUS_CHANGED 2026-11-16T09:11",
                        "RESPONDED 2026-11-16T09:11",
                        "RESOLVED 2026-11-16T10:30",
                        "CLOSED 2026-11-16T11:00");
        TicketEvent created = r.of("INC0010001").get(0);
        assertThat(created.clientId).isEqualTo("acme");
        assertThat(created.priority).isEqualTo("P1");
        assertThat(created.source).isEqualTo("email");
        assertThat(created.subject).isEqualTo("Production down: ERP not reachable");
        assertThat(created.actor).as("'-- None --' is no one").isNull();
        assertThat(created.extra).as("'?' is no hold reason").doesNotContainKey("holdReason");

        // opened at 10:00, first update at 10:20: the clocks start at the opening
        assertThat(r.of("INC0010002"))
                .extracting(e -> e.type + ":" + e.status + " " + london(e))
                .containsExactly(
                        "CREATED:new 2026-11-16T10:00",
                        "STATUS_CHANGED:in-progress 2026-11-16T10:45",
                        "RESPONDED:null 2026-11-16T10:45",
                        "STATUS_CHANGED:waiting-on-customer 2026-11-16T11:00",
                        "STATUS_CHANGED:in-progress 2026-11-17T09:00",
                        "RESOLVED:resolved 2026-11-17T15:00");
        assertThat(r.of("INC0010002").get(0).source).isEqualTo("portal");

        assertThat(r.of("INC0010003"))
                .extracting(e -> e.type + ":" + (e.type.name().equals("ASSIGNED") ? e.assignee : e.status))
                .containsExactly(
                        "CREATED:new",
                        "ASSIGNED:Network",
                        "STATUS_CHANGED:in-progress",
                        "RESPONDED:null",
                        "STATUS_CHANGED:pending-vendor",
                        "STATUS_CHANGED:in-progress",
                        "RESOLVED:resolved");
        assertThat(r.of("INC0010004"))
                .extracting(e -> e.type + ":" + e.clientId + ":" + e.source)
                .containsExactly("CREATED:umbrella-corp:chat", "CLOSED:umbrella-corp:chat");
    }

    @Test
    void theReadmeShowsTheShippedMapping() throws Exception {
        String readme = Files.readString(ROOT.resolve("infra/mappings/README.md"));
        String mapping = Files.readString(MAPPING);
        String body = mapping.substring(mapping.indexOf("eventIdPrefix:")); // the README has its own introduction
        assertThat(readme).contains(body);
    }

    @Test
    void theDocumentedTimePatternParsesTheDocumentedSample() throws Exception {
        String readme = Files.readString(ROOT.resolve("infra/mappings/README.md"));
        Matcher m = Pattern.compile(
                        "format: \"([^\"]+)\"\\s+#[^\\n]*?e\\.g\\. (\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}(:\\d{2})?)")
                .matcher(readme);
        int checked = 0;
        while (m.find()) {
            LocalDateTime.parse(m.group(2), DateTimeFormatter.ofPattern(m.group(1), Locale.ROOT));
            checked++;
        }
        assertThat(checked)
                .as("the mapping format's example and the ServiceNow mapping")
                .isGreaterThanOrEqualTo(2);
    }
}
