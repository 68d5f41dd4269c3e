package io.slaflow.jobs.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.slaflow.event.EventType;
import io.slaflow.event.TicketEvent;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every mapping rule of the importer on small hand-made CSV files. */
class CsvImportTest {

    static final String MAPPING = """
            source: portal
            eventIdPrefix: "t:"
            columns:
              ticketId: id
              occurredAt: time
              client: org
              priority: impact
              assignee: person
              group: team
            client:
              slug: true
              prefix: "c-"
              map: {Special Org: vip}
            priority:
              map: {Major: P1, High: P2, Medium: P3, Low: P3}
            events:
              activeStatus: in-progress
              rules:
                - when: {status: Accepted, sub: In Progress}
                  emit: RESPONDED
                - when: {status: Accepted, sub: [Wait - User, Wait - Customer]}
                  status: waiting-on-customer
                - when: {status: Completed, sub: Resolved}
                  emit: RESOLVED
                  status: resolved
                - when: {status: Completed, sub: Closed}
                  emit: CLOSED
                  status: closed
            extra:
              product: product
            """;
    static final String HEADER = "id,time,org,impact,person,team,status,sub,product\n";

    @TempDir
    Path dir;

    ImportRun importCsv(String csv) throws Exception {
        return importCsv(MAPPING, csv, "in.csv");
    }

    ImportRun importCsv(String mapping, String csv, String name) throws Exception {
        byte[] bytes = csv.getBytes(StandardCharsets.UTF_8);
        if (name.endsWith(".gz")) {
            java.io.ByteArrayOutputStream gz = new java.io.ByteArrayOutputStream();
            try (OutputStream out = new GZIPOutputStream(gz)) {
                out.write(bytes);
            }
            bytes = gz.toByteArray();
        }
        return ImportRun.of(dir, mapping, bytes, name, null);
    }

    static List<EventType> types(List<TicketEvent> events) {
        return events.stream().map(e -> e.type).toList();
    }

    @Test
    void aFullLifecycleBecomesContractEvents() throws Exception {
        ImportRun run = importCsv(HEADER
                + "T1,2024-01-01T10:00:00+01:00,Org line A,Medium,ann,G1,Queued,Awaiting Assignment,P9\n"
                + "T1,2024-01-01T10:05:00+01:00,Org line A,Medium,bob,G1,Accepted,In Progress,P9\n"
                + "T1,2024-01-01T10:06:00+01:00,Org line A,Medium,bob,G1,Accepted,In Progress,P9\n"
                + "T1,2024-01-01T11:00:00+01:00,Org line B,Medium,bob,G1,Completed,Resolved,P9\n"
                + "T1,2024-01-02T11:00:00+01:00,Org line A,Medium,sys,G1,Completed,Closed,P9\n");

        assertThat(types(run.events()))
                .containsExactly(EventType.CREATED, EventType.RESPONDED, EventType.RESOLVED, EventType.CLOSED);
        TicketEvent created = run.events().get(0);
        assertThat(created.eventId).isEqualTo("t:T1:2:created");
        assertThat(created.clientId).isEqualTo("c-org-line-a");
        assertThat(created.priority).isEqualTo("P3");
        assertThat(created.status).isEqualTo("in-progress");
        assertThat(created.assignee).isEqualTo("G1");
        assertThat(created.actor).isEqualTo("ann");
        assertThat(created.source).isEqualTo("portal");
        assertThat(created.occurredAt)
                .isEqualTo(java.time.Instant.parse("2024-01-01T09:00:00Z").toEpochMilli());
        assertThat(created.extra).containsEntry("product", "\"P9\"").containsEntry("importLine", "2");
        assertThat(run.events().get(1).eventId).isEqualTo("t:T1:3:responded");
        assertThat(run.events())
                .as("the client of the first row holds for the whole ticket")
                .allMatch(e -> e.clientId.equals("c-org-line-a"));
        assertThat(run.events().get(3).status).isEqualTo("closed");
        assertThat(run.summary().noOpRows())
                .as("the second In Progress responds no more")
                .isEqualTo(1);
        assertThat(run.summary().rejected()).isZero();
        assertThat(run.summary().tickets()).isEqualTo(1);
    }

    @Test
    void pauseResumeReassignmentPriorityChangeAndReopen() throws Exception {
        ImportRun run = importCsv(HEADER
                + "T1,2024-01-01T10:00:00Z,Special Org,Low,ann,G1,Accepted,In Progress,P\n"
                + "T1,2024-01-01T10:10:00Z,Special Org,Low,ann,G1,Accepted,Wait - User,P\n"
                + "T1,2024-01-01T10:20:00Z,Special Org,High,bob,G2,Accepted,In Progress,P\n"
                + "T1,2024-01-01T10:30:00Z,Special Org,High,bob,G2,Completed,Resolved,P\n"
                + "T1,2024-01-01T10:40:00Z,Special Org,High,bob,G2,Queued,Awaiting Assignment,P\n"
                + "T1,2024-01-01T10:50:00Z,Special Org,High,bob,G2,Completed,Resolved,P\n");

        assertThat(types(run.events()))
                .containsExactly(
                        EventType.CREATED,
                        EventType.RESPONDED, // first row is also the first response
                        EventType.STATUS_CHANGED, // into waiting-on-customer
                        EventType.PRIORITY_CHANGED,
                        EventType.ASSIGNED,
                        EventType.STATUS_CHANGED, // back to work, re-tiered, new team
                        EventType.RESOLVED,
                        EventType.REOPENED, // activity after resolved
                        EventType.RESOLVED);
        assertThat(run.events()).allMatch(e -> e.clientId.equals("c-vip"), "client value map wins over the slug");
        assertThat(run.events().get(2).status).isEqualTo("waiting-on-customer");
        assertThat(run.events().get(3).priority).isEqualTo("P2");
        assertThat(run.events().get(4).assignee).isEqualTo("G2");
        assertThat(run.events().get(4).actor).isEqualTo("bob");
        assertThat(run.events().get(5).status).isEqualTo("in-progress");
    }

    @Test
    void eventsAreSortedByTimeAcrossTicketsAndIdsAreUnique() throws Exception {
        ImportRun run = importCsv(HEADER
                + "A,2024-01-03T10:00:00Z,o,Low,p,G,Queued,Awaiting Assignment,x\n"
                + "A,2024-01-05T10:00:00Z,o,Low,p,G,Completed,Closed,x\n"
                + "B,2024-01-01T10:00:00Z,o,Low,p,G,Queued,Awaiting Assignment,x\n"
                + "B,2024-01-04T10:00:00Z,o,Low,p,G,Completed,Closed,x\n");
        assertThat(run.events())
                .extracting(e -> e.ticketId + ":" + e.type)
                .containsExactly("B:CREATED", "A:CREATED", "B:CLOSED", "A:CLOSED");
        assertThat(run.events()).extracting(e -> e.eventId).doesNotHaveDuplicates();
    }

    @Test
    void badRowsAreRejectedWithLineAndReasonNeverDropped() throws Exception {
        ImportRun run = importCsv(HEADER
                + "T1,2024-01-01T10:00:00Z,o,Low,p,G,Queued,Awaiting Assignment,x\n" // 2 ok
                + "T1,2024-01-01T10:00:00Z,o,Low,p,G,Queued\n" // 3 too few fields
                + ",2024-01-01T10:00:00Z,o,Low,p,G,Queued,Awaiting Assignment,x\n" // 4 no ticket id
                + "T2,yesterday,o,Low,p,G,Queued,Awaiting Assignment,x\n" // 5 bad time
                + "T2,2024-01-01T10:00:00,o,Low,p,G,Queued,Awaiting Assignment,x\n" // 6 no offset (and no time.zone)
                + "T3,2024-01-01T10:00:00Z,o,Urgent,p,G,Queued,Awaiting Assignment,x\n" // 7 unmapped priority
                + "T2,+99999-01-01T00:00:00Z,o,Low,p,G,Queued,Awaiting Assignment,x\n" // 8 a year the contract cannot
                // hold
                + "T1,2024-01-02T10:00:00Z,o,Low,p,G,Completed,Closed,x\n" // 9 ok, closes
                + "T1,2024-01-03T10:00:00Z,o,Low,p,G,Queued,Awaiting Assignment,x\n" // 10 after closed
                + "T4,2024-01-01T10:00:00Z,o,Low," + "p".repeat(300)
                + ",G,Queued,Awaiting Assignment,x\n" // 11 actor too long
                + "T5,2024-01-01T10:00:00Z,o,Low,p,G,Queued,\"unterminated\n"); // 12
        assertThat(run.rejects())
                .extracting(r -> r.get("line").asLong() + " " + r.get("reason").asText())
                .containsExactly(
                        "3 COLUMN_COUNT",
                        "4 MISSING_VALUE",
                        "5 BAD_TIME",
                        "6 BAD_TIME",
                        "7 UNMAPPED_PRIORITY",
                        "8 BAD_TIME",
                        "10 AFTER_CLOSED",
                        "11 CONTRACT",
                        "12 MALFORMED_CSV");
        assertThat(run.rejects().get(4).get("message").asText())
                .contains("'Urgent'")
                .contains("priority.map");
        assertThat(run.rejects().get(5).get("message").asText())
                .isEqualTo(
                        "column 'time': '+99999-01-01T00:00:00Z' is outside the years 0000-9999 an event time can have");
        assertThat(run.rejects().get(7).get("message").asText()).contains("actor");
        assertThat(run.rejects().get(8).get("message").asText()).contains("unterminated quoted field: from line 12");
        assertThat(run.rejects().get(0).get("fields")).hasSize(7);
        assertThat(run.summary().rows()).isEqualTo(11);
        assertThat(run.summary().rejected()).isEqualTo(9);
        assertThat(run.summary().rows())
                .isEqualTo(run.summary().rejected() + run.summary().noOpRows() + 2 /* rows 2 and 9 gave events */);
        assertThat(types(run.events())).containsExactly(EventType.CREATED, EventType.CLOSED);
    }

    @Test
    void aTicketsRowsArePutInTimeOrderInsteadOfRejected() throws Exception {
        // the export lists the resolution before the response that preceded it; in file order the resolution
        // would have been followed by "activity after RESOLVED" (a reopen) and the ticket judged unresolved
        ImportRun run = importCsv(HEADER
                + "T1,2024-01-01T10:00:00Z,o,Low,p,G,Queued,Awaiting Assignment,x\n" // 2
                + "T1,2024-01-01T12:00:00Z,o,Low,p,G,Completed,Resolved,x\n" // 3
                + "T2,2024-01-01T09:00:00Z,o,Low,p,G,Queued,Awaiting Assignment,x\n" // 4
                + "T1,2024-01-01T10:30:00Z,o,Low,p,G,Accepted,In Progress,x\n" // 5: earlier than line 3
                + "T1,2024-01-01T08:00:00Z,o,Low,q,G,Queued,Awaiting Assignment,x\n"); // 6: the earliest of all
        assertThat(run.rejects()).isEmpty();
        assertThat(run.events())
                .filteredOn(e -> e.ticketId.equals("T1"))
                .extracting(e -> e.type + "@" + e.extra.get("importLine"))
                .containsExactly("CREATED@6", "RESPONDED@5", "RESOLVED@3");
        assertThat(run.events().get(0).actor).as("created by the earliest row").isEqualTo("q");
        assertThat(run.summary().noOpRows())
                .as("line 2 changes nothing once line 6 created the ticket")
                .isEqualTo(1);
    }

    @Test
    void rowsOfTheSameInstantKeepTheirFileOrder() throws Exception {
        ImportRun run = importCsv(HEADER
                + "T1,2024-01-01T10:00:00Z,o,Low,p,G,Queued,Awaiting Assignment,x\n"
                + "T1,2024-01-01T11:00:00Z,o,Low,p,G,Completed,Resolved,x\n"
                + "T1,2024-01-01T11:00:00Z,o,Low,p,G,Accepted,In Progress,x\n");
        assertThat(types(run.events()))
                .as("resolved, then the same instant's activity reopens it")
                .containsExactly(EventType.CREATED, EventType.RESOLVED, EventType.REOPENED, EventType.RESPONDED);
    }

    @Test
    void quotedFieldsGzipSemicolonsAndLocalTimesWithAZone() throws Exception {
        String mapping = """
                csv: {delimiter: ";"}
                columns: {ticketId: Ticket, occurredAt: When, client: Customer}
                time: {format: "dd/MM/yyyy HH:mm", zone: Europe/Paris}
                events:
                  rules:
                    - {when: {State: done}, emit: RESOLVED}
                """;
        ImportRun run = importCsv(
                mapping,
                "\uFEFFTicket;When;Customer;State\n"
                        + "\"T;1\";01/07/2024 10:00;\"ACME \"\"Inc\"\"\";new\n"
                        + "\"T;1\";01/07/2024 11:00;\"ACME \"\"Inc\"\"\";Done\n",
                "x.csv.gz");
        assertThat(types(run.events())).containsExactly(EventType.CREATED, EventType.RESOLVED);
        assertThat(run.events().get(0).ticketId).isEqualTo("T;1");
        assertThat(run.events().get(0).clientId).isEqualTo("ACME \"Inc\"");
        assertThat(run.events().get(0).priority)
                .as("no priority column: classification decides")
                .isNull();
        assertThat(run.events().get(0).occurredAt)
                .isEqualTo(java.time.Instant.parse("2024-07-01T08:00:00Z").toEpochMilli());
    }

    @Test
    void withCloseOnLastRowOnlyAnEarlierCloseIsAResolutionAndTheTicketReopens() throws Exception {
        ImportRun run = importCsv(
                MAPPING.replace("activeStatus: in-progress", "activeStatus: in-progress\n  closeOnLastRowOnly: true"),
                HEADER
                        + "T1,2024-01-01T10:00:00Z,o,Low,p,G,Queued,Awaiting Assignment,x\n"
                        + "T2,2024-01-01T10:30:00Z,o,Low,p,G,Queued,Awaiting Assignment,x\n"
                        + "T1,2024-01-01T11:00:00Z,o,Low,p,G,Completed,Closed,x\n"
                        + "T1,2024-01-02T10:00:00Z,o,Low,p,G,Accepted,In Progress,x\n"
                        + "T2,2024-01-02T10:30:00Z,o,Low,p,G,Completed,Closed,x\n"
                        + "T1,2024-01-03T10:00:00Z,o,Low,p,G,Completed,Closed,x\n",
                "in.csv");
        assertThat(run.rejects()).isEmpty();
        assertThat(run.events())
                .filteredOn(e -> e.ticketId.equals("T1"))
                .extracting(e -> e.type)
                .containsExactly(
                        EventType.CREATED,
                        EventType.RESOLVED,
                        EventType.REOPENED,
                        EventType.RESPONDED,
                        EventType.CLOSED);
        assertThat(run.events())
                .filteredOn(e -> e.ticketId.equals("T2"))
                .extracting(e -> e.type)
                .containsExactly(EventType.CREATED, EventType.CLOSED);
    }

    @Test
    void unmappedPriorityCanBeOmittedInsteadOfRejected() throws Exception {
        ImportRun run = importCsv(
                MAPPING.replace(
                        "map: {Major: P1, High: P2, Medium: P3, Low: P3}", "map: {Major: P1}\n  unmapped: omit"),
                HEADER + "T1,2024-01-01T10:00:00Z,o,Whatever,p,G,Queued,Awaiting Assignment,x\n",
                "in.csv");
        assertThat(run.rejects()).isEmpty();
        assertThat(run.events().get(0).priority).isNull();
    }

    @Test
    void aColumnMissingFromTheHeaderIsReportedWhereTheMappingNamesIt() throws Exception {
        assertThatThrownBy(() -> importCsv("id,time,org\nT1,2024-01-01T10:00:00Z,o\n"))
                .isInstanceOf(InvalidMappingException.class)
                .hasMessageContaining("mapping.yaml:7:13: columns.priority: column 'impact' is not in the header of")
                .hasMessageContaining("columns.assignee: column 'person'");
    }

    @Test
    void mappingErrorsNameFileLineAndField() throws Exception {
        Path file = dir.resolve("bad.yaml");
        Files.writeString(file, """
                columns:
                  ticketId: id
                  occuredAt: time
                priority:
                  map: {High: urgent}
                time: {zone: Mars/Olympus}
                events:
                  rules:
                    - when: {s: x}
                      emit: CREATED
                csv: {delimiter: ";;"}
                """);
        assertThatThrownBy(() -> ImportMappingLoader.load(file))
                .isInstanceOf(InvalidMappingException.class)
                .satisfies(
                        e -> assertThat(((InvalidMappingException) e).problems())
                                .containsExactlyInAnyOrder(
                                        file
                                                + ":3:3: columns.occuredAt: unknown field 'occuredAt'; allowed here: assignee, client, createdAt, description, group, occurredAt, priority, source, status, subject, ticketId",
                                        file + ":2:3: columns.occurredAt: missing required field 'occurredAt'",
                                        file + ":2:3: columns.client: missing required field 'client'",
                                        file
                                                + ":5:15: priority.map.High: a priority is P1..P9 (the policy's tier ids), found 'urgent'",
                                        file
                                                + ":6:14: time.zone: unknown time zone 'Mars/Olympus' (an IANA id such as Europe/Paris or UTC)",
                                        file
                                                + ":10:13: events.rules[0].emit: a rule emits RESPONDED, RESOLVED or CLOSED, found 'CREATED' "
                                                + "(CREATED, ASSIGNED, STATUS_CHANGED, PRIORITY_CHANGED and REOPENED are derived: see the README)",
                                        file
                                                + ":11:18: csv.delimiter: expected exactly one character (write a tab as \"\\t\")"));
    }

    @Test
    void unreadableAndInvalidYamlMappings() throws Exception {
        assertThatThrownBy(() -> ImportMappingLoader.load(dir.resolve("nope.yaml")))
                .hasMessageContaining("nope.yaml: file not found");
        Path bad = dir.resolve("syntax.yaml");
        Files.writeString(bad, "columns: [a\n");
        assertThatThrownBy(() -> ImportMappingLoader.load(bad)).hasMessageContaining("syntax.yaml:2:1: invalid YAML");
        Path empty = dir.resolve("empty.yaml");
        Files.writeString(empty, "");
        assertThatThrownBy(() -> ImportMappingLoader.load(empty)).hasMessageContaining("empty.yaml: the file is empty");
    }

    @Test
    void theShippedBpiMappingLoads() throws Exception {
        ImportMapping m = ImportMappingLoader.load(BpiSampleImportTest.shippedMapping());
        assertThat(m.rules())
                .extracting(ImportMapping.Rule::name)
                .contains("first-response", "resolved", "closed", "cancelled");
        assertThat(m.priorityMap())
                .containsEntry("major", "P1")
                .containsEntry("high", "P2")
                .containsEntry("low", "P3");
    }

    static void write(Path p, String s) throws IOException {
        Files.writeString(p, s);
    }
}
