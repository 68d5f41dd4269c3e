package io.slaflow.jobs.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.slaflow.event.EventType;
import io.slaflow.event.TicketEvent;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What real exports do and what a mapping can say about it: a creation column, null markers, rules by pattern and
 * negation, status and source from columns, encodings, damaged gzip, repeated header names, local times, and an
 * import where nothing (or too much) fits.
 */
class ExportQuirksTest {
    @TempDir
    Path dir;

    private ImportRun run(String mapping, String csv) throws Exception {
        return ImportRun.of(dir, mapping, csv.getBytes(StandardCharsets.UTF_8), "in.csv", null);
    }

    private static long at(String iso) {
        return Instant.parse(iso).toEpochMilli();
    }

    private static List<String> types(List<TicketEvent> events) {
        return events.stream().map(e -> e.type.name()).toList();
    }

    @Test
    void theCreationTimeComesFromItsOwnColumnAndRowsBeforeItAreContradictory() throws Exception {
        ImportRun r = run(
                """
                columns: {ticketId: id, occurredAt: updated, createdAt: opened, client: org}
                events:
                  rules:
                    - {when: {state: Resolved}, emit: RESOLVED}
                """,
                "id,opened,updated,org,state\n"
                        + "T1,2026-11-16T09:00:00Z,2026-11-16T10:30:00Z,acme,New\n" // first update 90 minutes after
                        // opening
                        + "T1,2026-11-16T09:00:00Z,2026-11-16T12:00:00Z,acme,Resolved\n"
                        + "T1,2026-11-16T09:00:00Z,2026-11-16T08:00:00Z,acme,New\n" // before the ticket existed
                        + "T2,,2026-11-16T11:00:00Z,acme,New\n"); // no creation time: the row's
        assertThat(r.of("T1"))
                .extracting(e -> e.type + "@" + Instant.ofEpochMilli(e.occurredAt))
                .containsExactly("CREATED@2026-11-16T09:00:00Z", "RESOLVED@2026-11-16T12:00:00Z");
        assertThat(r.rejectLines()).containsExactly("4 BEFORE_CREATED");
        assertThat(r.rejects().get(0).get("message").asText())
                .contains("before its own creation time 2026-11-16T09:00:00Z");
        assertThat(r.of("T2").get(0).occurredAt).isEqualTo(at("2026-11-16T11:00:00Z"));
    }

    @Test
    void nullMarkersPerFileAndPerColumnMeanNoValue() throws Exception {
        ImportRun r = run(
                """
                csv:
                  nulls: ["?", "NULL"]
                  columnNulls: {person: ["-- None --"]}
                columns: {ticketId: id, occurredAt: time, client: org, assignee: person, group: team}
                extra: {note: note}
                """,
                "id,time,org,person,team,note\n"
                        + "T1,2026-11-16T09:00:00Z,acme,-- None --,?,NULL\n"
                        + "T1,2026-11-16T09:10:00Z,acme,ann,Desk,?\n"
                        + "T2,2026-11-16T09:00:00Z,?,ann,Desk,x\n" // no client: a null marker is no value
                        + "T3,2026-11-16T09:00:00Z,acme,?,-- None --,x\n"); // the per-column marker only holds in its
        // column
        TicketEvent created = r.of("T1").get(0);
        assertThat(created.actor).isNull();
        assertThat(created.assignee).as("no group, no person").isNull();
        assertThat(created.extra).doesNotContainKey("note");
        assertThat(types(r.of("T1"))).containsExactly("CREATED", "ASSIGNED");
        assertThat(r.rejectLines()).containsExactly("4 MISSING_VALUE");
        assertThat(r.of("T3").get(0).assignee).isEqualTo("-- None --");
    }

    @Test
    void ruleValuesMatchByPatternAndNegation() throws Exception {
        ImportRun r = run(
                """
                columns: {ticketId: id, occurredAt: time, client: org}
                events:
                  rules:
                    - name: vendor-wait
                      when: {state: On Hold, reason: {matches: "awaiting (vendor|supplier).*"}}
                      status: pending-vendor
                    - name: other-hold
                      when: {state: On Hold, reason: {not: {empty: true}}}
                      status: waiting-internal
                    - name: done
                      when: {state: {not: [New, In Progress, On Hold]}}
                      emit: RESOLVED
                """,
                "id,time,org,state,reason\n"
                        + "T1,2026-11-16T09:00:00Z,acme,New,\n"
                        + "T1,2026-11-16T09:10:00Z,acme,On Hold,Awaiting Supplier quote\n"
                        + "T1,2026-11-16T09:20:00Z,acme,On Hold,Awaiting Change\n"
                        + "T1,2026-11-16T09:30:00Z,acme,On Hold,\n" // no rule: the active status
                        + "T1,2026-11-16T09:40:00Z,acme,Fixed,\n"); // not one of the open states
        assertThat(r.of("T1"))
                .extracting(e -> e.type + ":" + e.status)
                .containsExactly(
                        "CREATED:in-progress",
                        "STATUS_CHANGED:pending-vendor",
                        "STATUS_CHANGED:waiting-internal",
                        "STATUS_CHANGED:in-progress",
                        "RESOLVED:in-progress");
    }

    @Test
    void statusAndSourceComeFromColumns() throws Exception {
        String mapping = """
                columns: {ticketId: id, occurredAt: time, client: org, status: state, source: channel}
                status: {map: {On Hold: on-hold}}
                source:
                  map: {Self-Service: portal}
                  unmapped: %s
                """;
        String csv = "id,time,org,state,channel\n"
                + "T1,2026-11-16T09:00:00Z,acme,New,Self-service\n"
                + "T1,2026-11-16T09:10:00Z,acme,On Hold,EMAIL\n"
                + "T1,2026-11-16T09:20:00Z,acme,,email\n"
                + "T2,2026-11-16T09:00:00Z,acme,New,walk-in\n";
        ImportRun r = run(mapping.formatted("reject"), csv);
        assertThat(r.of("T1"))
                .extracting(e -> e.type + ":" + e.status + ":" + e.source)
                .containsExactly(
                        "CREATED:New:portal", "STATUS_CHANGED:on-hold:email", "STATUS_CHANGED:in-progress:email");
        assertThat(r.rejectLines()).containsExactly("5 UNMAPPED_SOURCE");
        assertThat(r.rejects().get(0).get("message").asText()).contains("'walk-in' is no contract source");

        ImportRun omitted = run(mapping.formatted("omit"), csv);
        assertThat(omitted.rejects()).isEmpty();
        assertThat(omitted.of("T2").get(0).source).isNull();
    }

    @Test
    void aLocalTimePatternWithoutAZoneIsRefusedWhenTheMappingLoads() throws Exception {
        Path m = Files.writeString(dir.resolve("m.yaml"), """
                columns: {ticketId: id, occurredAt: time, client: org}
                time: {format: "yyyy-MM-dd HH:mm:ss"}
                """);
        // it used to load, and then every row was rejected BAD_TIME with exit 0
        assertThatThrownBy(() -> ImportMappingLoader.load(m))
                .isInstanceOf(InvalidMappingException.class)
                .hasMessageContaining(m + ":2:16: time.format: the pattern 'yyyy-MM-dd HH:mm:ss' has no offset or zone "
                        + "(a time such as '2026-11-16 09:15:30' could be anywhere): give time.zone");
        Files.writeString(m, """
                columns: {ticketId: id, occurredAt: time, client: org}
                time: {format: "dd/MM/yyyy"}
                """);
        assertThatThrownBy(() -> ImportMappingLoader.load(m))
                .hasMessageContaining("does not give a date and a time of day");
        Files.writeString(m, """
                columns: {ticketId: id, occurredAt: time, client: org}
                time: {format: "yyyy-MM-dd HH:mm:ssXXX"}
                """);
        assertThat(ImportMappingLoader.load(m).timeZone())
                .as("an offset in the pattern needs no zone")
                .isNull();
    }

    @Test
    void isoTimesWithoutOffsetAreReadInTheMappingsZone() throws Exception {
        ImportRun r = run("""
                columns: {ticketId: id, occurredAt: time, client: org}
                time: {zone: Europe/Paris}
                """, "id,time,org\nT1,2026-07-01T10:00:00,acme\nT2,2026-07-01T10:00:00Z,acme\n");
        assertThat(r.of("T1").get(0).occurredAt).isEqualTo(at("2026-07-01T08:00:00Z"));
        assertThat(r.of("T2").get(0).occurredAt)
                .as("an offset in the value wins")
                .isEqualTo(at("2026-07-01T10:00:00Z"));
    }

    @Test
    void aLatin1ByteIsRejectedUnlessTheEncodingIsDeclared() throws Exception {
        byte[] latin1 = "id,time,org\nT1,2026-11-16T09:00:00Z,Soci\u00e9t\u00e9\nT2,2026-11-16T09:00:00Z,acme\n"
                .getBytes(StandardCharsets.ISO_8859_1);
        String mapping = "columns: {ticketId: id, occurredAt: time, client: org}\n";
        ImportRun r = ImportRun.of(dir, mapping, latin1, "in.csv", null);
        assertThat(r.rejectLines()).containsExactly("2 ENCODING");
        assertThat(r.rejects().get(0).get("message").asText())
                .isEqualTo("field 3 holds bytes that are not UTF-8: "
                        + "declare the export's encoding in the mapping, e.g. csv: {encoding: windows-1252}");
        assertThat(r.rejects().get(0).get("fields").get(2).asText()).isEqualTo("Soci\uFFFDt\uFFFD");

        ImportRun declared = ImportRun.of(dir, "csv: {encoding: ISO-8859-1}\n" + mapping, latin1, "in.csv", null);
        assertThat(declared.rejects()).isEmpty();
        assertThat(declared.of("T1").get(0).clientId).isEqualTo("Soci\u00e9t\u00e9");
    }

    @Test
    void aRepeatedHeaderColumnIsNamedWhereTheMappingUsesIt() throws Exception {
        String mapping = "columns: {ticketId: id, occurredAt: time, client: org}\n";
        assertThatThrownBy(() -> run(mapping, "id,time,org,org\nT1,2026-11-16T09:00:00Z,a,b\n"))
                .isInstanceOf(InvalidMappingException.class)
                .hasMessageContaining(
                        "mapping.yaml:1:51: columns.client: column 'org' appears 2 times in the header of")
                .hasMessageContaining("(columns 3 and 4): the mapping cannot tell which one it means");
        ImportRun unused = run(mapping, "id,time,org,note,note\nT1,2026-11-16T09:00:00Z,a,x,y\n");
        assertThat(unused.rejects()).as("every field counts: no COLUMN_COUNT").isEmpty();
        assertThat(unused.summary().notes())
                .containsExactly(
                        "column 'note' appears 2 times in the header (columns 4 and 5); the mapping does not use it");
    }

    @Test
    void lineNumbersCountQuotedLineBreaksBlankLinesAndCrlf() throws Exception {
        ImportRun r = run(
                "columns: {ticketId: id, occurredAt: time, client: org}\nextra: {text: text}\n",
                "id,time,org,text\r\n"
                        + "T1,2026-11-16T09:00:00Z,a,\"two\r\nlines\"\r\n" // lines 2-3
                        + "\r\n" // 4: blank
                        + "T2,2026-11-16T09:00:00Z,a\r\n" // 5: a field short
                        + "T3,bad,a,\"x\"\r\n"); // 6
        assertThat(r.rejectLines()).containsExactly("5 COLUMN_COUNT", "6 BAD_TIME");
        assertThat(r.of("T1").get(0).extra)
                .containsEntry("text", "\"two\\r\\nlines\"")
                .containsEntry("importLine", "2");
    }

    @Test
    void aDamagedOrMisnamedGzipStopsTheImportAndWritesNothing() throws Exception {
        String mapping = "columns: {ticketId: id, occurredAt: time, client: org}\n";
        StringBuilder csv = new StringBuilder("id,time,org\n");
        for (int i = 0; i < 20_000; i++)
            csv.append("T")
                    .append(i)
                    .append(",2026-11-16T09:00:00Z,acme-")
                    .append(i % 97)
                    .append('\n');
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(csv.toString().getBytes(StandardCharsets.UTF_8));
        }
        byte[] truncated = Arrays.copyOf(gz.toByteArray(), gz.size() / 2);
        assertThatThrownBy(() -> ImportRun.of(dir, mapping, truncated, "in.csv.gz", null))
                .isInstanceOf(UnreadableExportException.class)
                .hasMessageMatching(
                        ".*in\\.csv\\.gz: the gzip data ends early after line \\d+ \\(a truncated download or copy\\?\\): "
                                + "nothing was written; fetch or compress the export again");
        assertThatThrownBy(() -> ImportRun.of(
                        dir, mapping, csv.toString().getBytes(StandardCharsets.UTF_8), "plain.csv.gz", null))
                .isInstanceOf(UnreadableExportException.class)
                .hasMessageEndingWith(
                        "plain.csv.gz is named .gz but is not gzip-compressed: rename it to .csv, or compress it with gzip");
        try (Stream<Path> left = Files.list(dir)) {
            assertThat(left.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("mapping.yaml", "in.csv.gz", "plain.csv.gz");
        }
        ImportRun sniffed = ImportRun.of(dir, mapping, gz.toByteArray(), "export-without-suffix", null);
        assertThat(sniffed.summary().rows())
                .as("gzip is told by its bytes, not only by the name")
                .isEqualTo(20_000);
    }

    @Test
    void anImportWhereEveryRowIsRejectedIsRefusedAndSoIsOneOverTheLimit() throws Exception {
        String mapping = "columns: {ticketId: id, occurredAt: time, client: org}\n";
        ImportRun all = run(mapping, "id,time,org\nT1,16/11/2026,a\nT2,17/11/2026,a\n");
        assertThat(all.summary().refused()).isTrue();
        assertThat(all.summary().firstRejection().message())
                .contains("cannot read '16/11/2026' as an ISO-8601 date-time with offset");
        assertThat(all.eventsFile()).as("no events file to replay by mistake").doesNotExist();
        assertThat(all.rejects()).hasSize(2);

        String someBad =
                "id,time,org\nT1,2026-11-16T09:00:00Z,a\nT2,bad,a\nT3,2026-11-16T09:00:00Z,a\nT4,2026-11-16T09:00:00Z,a\n";
        assertThat(ImportRun.of(dir, mapping, someBad.getBytes(StandardCharsets.UTF_8), "in.csv", 20.0)
                        .summary()
                        .refused())
                .as("25% rejected, more than 20%")
                .isTrue();
        ImportRun within = ImportRun.of(dir, mapping, someBad.getBytes(StandardCharsets.UTF_8), "in.csv", 25.0);
        assertThat(within.summary().refused()).isFalse();
        assertThat(types(within.events())).containsExactly("CREATED", "CREATED", "CREATED");
    }

    @Test
    void subjectAndDescriptionGoOnTheCreationForClassification() throws Exception {
        ImportRun r = run(
                "columns: {ticketId: id, occurredAt: time, client: org, subject: title, description: body}\n",
                "id,time,org,title,body\nT1,2026-11-16T09:00:00Z,a,Production down,ERP unreachable\n"
                        + "T1,2026-11-16T09:05:00Z,a,Production down (update),x\n");
        assertThat(r.of("T1")).hasSize(1);
        assertThat(r.of("T1").get(0).subject).isEqualTo("Production down");
        assertThat(r.of("T1").get(0).description).isEqualTo("ERP unreachable");
        assertThat(r.of("T1").get(0).type).isEqualTo(EventType.CREATED);
    }
}
