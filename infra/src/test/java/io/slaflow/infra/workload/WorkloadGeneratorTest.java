package io.slaflow.infra.workload;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkloadGeneratorTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> TYPES = Set.of(
            "CREATED", "RESPONDED", "ASSIGNED", "STATUS_CHANGED", "PRIORITY_CHANGED", "RESOLVED", "REOPENED", "CLOSED");
    private static final Set<String> SOURCES = Set.of("email", "phone", "portal", "chat", "monitoring", "api");
    /** The contract's occurredAt pattern (ticket-event.schema.json). */
    private static final Pattern TIMESTAMP = Pattern.compile("^(?!.*-00:00$)[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:"
            + "[0-9]{2}:[0-9]{2}(\\.[0-9]{1,9})?(Z|[+-](0[0-9]|1[0-7]):[0-5][0-9]|[+-]18:00)$");

    /** 10 clients, two weeks: about 1,400 tickets. */
    static final WorkloadSpec SPEC = WorkloadSpec.defaults(42)
            .withClients(10)
            .withDuration(Duration.ofDays(14))
            .withTicketsPerClientPerDay(10);

    static List<GeneratedRecord> records;
    static WorkloadGenerator generator;

    @BeforeAll
    static void generate() {
        generator = new WorkloadGenerator(SPEC);
        records = new ArrayList<>();
        generator.forEachRemaining(records::add);
    }

    static byte[] bytes(WorkloadSpec spec) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new WorkloadGenerator(spec).writeJsonLines(out);
        return out.toByteArray();
    }

    @Test
    void sameSeedSameBytesOtherSeedOtherBytes() throws IOException {
        WorkloadSpec small = SPEC.withDuration(Duration.ofDays(3));
        byte[] a = bytes(small);
        assertThat(a.length).isGreaterThan(10_000);
        assertThat(bytes(small)).isEqualTo(a);
        assertThat(bytes(small.withSeed(43))).isNotEqualTo(a);
    }

    @Test
    void writesOneRecordPerLine(@TempDir Path dir) throws IOException {
        WorkloadSpec small = SPEC.withDuration(Duration.ofDays(1));
        Path file = dir.resolve("w/out.jsonl");
        WorkloadStats stats = new WorkloadGenerator(small).writeJsonLines(file);
        byte[] content = Files.readAllBytes(file);
        assertThat(content).isEqualTo(bytes(small));
        long lines = 0;
        for (byte b : content) {
            lines += b == '\n' ? 1 : 0;
        }
        assertThat(lines).isEqualTo(stats.records()).isPositive();
        assertThat(stats.bytes()).isEqualTo(content.length);
    }

    @Test
    void everyWellFormedRecordMeetsTheContract() throws IOException {
        assertThat(records).hasSizeGreaterThan(5_000);
        Set<String> eventIds = new java.util.HashSet<>();
        for (GeneratedRecord r : records) {
            if (r.malformed()) {
                continue;
            }
            JsonNode n = JSON.readTree(r.json());
            assertThat(n.isObject()).isTrue();
            for (String f : List.of("eventId", "ticketId", "clientId", "type", "occurredAt")) {
                assertThat(n.path(f).isTextual()).as("%s in %s", f, n).isTrue();
                assertThat(n.path(f).asText()).isNotEmpty();
            }
            assertThat(eventIds.add(n.get("eventId").asText()))
                    .as("unique eventId")
                    .isTrue();
            assertThat(n.get("ticketId").asText()).isEqualTo(r.ticketId());
            assertThat(TYPES).contains(n.get("type").asText());
            String at = n.get("occurredAt").asText();
            assertThat(at).matches(TIMESTAMP);
            assertThat(OffsetDateTime.parse(at).toInstant().toEpochMilli()).isEqualTo(r.occurredAtMillis());
            assertThat(r.occurredAtMillis())
                    .isBetween(SPEC.start().toEpochMilli(), SPEC.end().toEpochMilli() - 1);
            switch (n.get("type").asText()) {
                case "CREATED" -> {
                    assertThat(SOURCES).contains(n.path("source").asText());
                    assertThat(n.path("subject").asText()).isNotBlank();
                    assertThat(n.path("description").asText()).isNotBlank();
                    if (n.get("source").asText().equals("monitoring")) {
                        assertThat(n.path("severity").asText()).isIn("critical", "major", "minor");
                    }
                }
                case "ASSIGNED" -> assertThat(n.path("assignee").asText()).isNotEmpty();
                case "STATUS_CHANGED" ->
                    assertThat(n.path("status").asText()).isIn("waiting-on-customer", "in-progress");
                case "PRIORITY_CHANGED" ->
                    assertThat(n.path("priority").asText()).matches("P[1-3]");
                default -> assertThat(n.path("actor").asText()).isNotEmpty();
            }
            if (n.has("priority")) {
                assertThat(n.get("priority").asText()).matches("P[1-3]");
            }
        }
    }

    @Test
    void eachTicketsEventsAreCausallyValid() throws IOException {
        Map<String, List<JsonNode>> byTicket = new LinkedHashMap<>();
        for (GeneratedRecord r : records) {
            if (!r.malformed()) {
                byTicket.computeIfAbsent(r.ticketId(), k -> new ArrayList<>()).add(JSON.readTree(r.json()));
            }
        }
        assertThat(byTicket).hasSizeGreaterThan(1_000);
        Map<String, Integer> reopened = new HashMap<>();
        for (var entry : byTicket.entrySet()) {
            List<JsonNode> events = entry.getValue();
            assertThat(events.get(0).get("type").asText()).as(entry.getKey()).isEqualTo("CREATED");
            boolean responded = false;
            boolean resolved = false;
            boolean closed = false;
            boolean waiting = false;
            long previous = Long.MIN_VALUE;
            for (int i = 1; i < events.size(); i++) {
                JsonNode e = events.get(i);
                String type = e.get("type").asText();
                long at = OffsetDateTime.parse(e.get("occurredAt").asText())
                        .toInstant()
                        .toEpochMilli();
                assertThat(at)
                        .as("%s: strictly increasing event time in file order", entry.getKey())
                        .isGreaterThan(previous);
                previous = at;
                assertThat(closed)
                        .as("%s: nothing after CLOSED", entry.getKey())
                        .isFalse();
                switch (type) {
                    case "CREATED" -> throw new AssertionError("second CREATED in " + entry.getKey());
                    case "RESPONDED" -> {
                        assertThat(responded).as("one RESPONDED").isFalse();
                        responded = true;
                    }
                    case "STATUS_CHANGED" -> {
                        assertThat(responded && !resolved)
                                .as("%s: status change while worked", entry.getKey())
                                .isTrue();
                        boolean toWaiting = e.get("status").asText().equals("waiting-on-customer");
                        assertThat(toWaiting).as("pause and resume alternate").isNotEqualTo(waiting);
                        waiting = toWaiting;
                    }
                    case "PRIORITY_CHANGED" ->
                        assertThat(responded && !resolved).isTrue();
                    case "RESOLVED" -> {
                        assertThat(responded && !resolved && !waiting)
                                .as("%s: RESOLVED", entry.getKey())
                                .isTrue();
                        resolved = true;
                    }
                    case "REOPENED" -> {
                        assertThat(resolved)
                                .as("%s: REOPENED only after RESOLVED", entry.getKey())
                                .isTrue();
                        resolved = false;
                        reopened.merge(entry.getKey(), 1, Integer::sum);
                    }
                    case "CLOSED" -> {
                        assertThat(resolved)
                                .as("%s: CLOSED only when resolved", entry.getKey())
                                .isTrue();
                        closed = true;
                    }
                    default -> {}
                }
            }
        }
        assertThat(reopened).isNotEmpty();
        Map<String, Long> types = generator.stats().eventsByType();
        assertThat(types.keySet()).containsAll(TYPES);
        assertThat(types.get("RESPONDED")).isGreaterThan(types.get("CREATED") * 9 / 10);
    }

    @Test
    void malformedRecordsBreakTheContractAtTheConfiguredShare() {
        long malformed = records.stream().filter(GeneratedRecord::malformed).count();
        double share = malformed / (double) records.size();
        assertThat(share).isBetween(0.0025, 0.0085);
        assertThat(generator.stats().malformed()).isEqualTo(malformed);

        WorkloadSpec noisy = SPEC.withDuration(Duration.ofDays(3)).withMalformedShare(0.1);
        List<GeneratedRecord> all = new ArrayList<>();
        new WorkloadGenerator(noisy).forEachRemaining(all::add);
        long bad = 0;
        for (GeneratedRecord r : all) {
            assertThat(meetsContract(r.json()))
                    .as(new String(r.json(), StandardCharsets.ISO_8859_1))
                    .isEqualTo(!r.malformed());
            assertThat(r.json()).doesNotContain((byte) '\n');
            bad += r.malformed() ? 1 : 0;
        }
        assertThat(bad / (double) all.size()).isBetween(0.085, 0.115);
    }

    /** A small, independent reading of the contract's hard rules. */
    static boolean meetsContract(byte[] bytes) {
        try {
            StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes));
        } catch (CharacterCodingException e) {
            return false;
        }
        JsonNode n;
        try {
            n = JSON.readTree(bytes);
        } catch (IOException e) {
            return false;
        }
        if (n == null || !n.isObject()) {
            return false;
        }
        for (String f : List.of("eventId", "ticketId", "clientId", "type", "occurredAt")) {
            if (!n.path(f).isTextual() || n.get(f).asText().isEmpty()) {
                return false;
            }
        }
        if (n.has("priority")
                && !(n.get("priority").isTextual() && n.get("priority").asText().matches("P[1-9]"))) {
            return false;
        }
        return TYPES.contains(n.get("type").asText())
                && TIMESTAMP.matcher(n.get("occurredAt").asText()).matches();
    }

    @Test
    void outOfOrderEventsAreFewAndAtMostTwoMinutesLate() {
        long latest = Long.MIN_VALUE;
        long behind = 0;
        long valid = 0;
        for (GeneratedRecord r : records) {
            if (r.malformed()) {
                continue;
            }
            valid++;
            if (r.occurredAtMillis() < latest) {
                behind++;
                assertThat(latest - r.occurredAtMillis()).isLessThanOrEqualTo(WorkloadSpec.MAX_SKEW.toMillis());
            }
            latest = Math.max(latest, r.occurredAtMillis());
        }
        assertThat(behind).isPositive();
        assertThat(behind / (double) valid).isLessThan(0.02);
    }

    @Test
    void clientsSpanTiersAndTimeZonesStartingWithThePolicysOwn() {
        List<WorkloadClient> clients = WorkloadClient.roster(50, 7);
        assertThat(clients)
                .extracting(WorkloadClient::id)
                .startsWith("acme", "globex", "initech")
                .contains("client-004", "client-050")
                .doesNotHaveDuplicates();
        assertThat(clients.get(1).zone().getId()).isEqualTo("Asia/Manila");
        assertThat(clients)
                .extracting(c -> c.zone().getId())
                .contains("Asia/Manila", "America/New_York", "Europe/London", "Australia/Sydney");
        assertThat(clients).extracting(WorkloadClient::tier).contains(ClientTier.values());
        assertThat(clients.subList(3, 50))
                .allMatch(c -> !c.listed() && c.slaZone().getId().equals("UTC"));
        assertThat(records).anyMatch(r -> new String(r.json(), StandardCharsets.UTF_8).contains("+08:00"));
    }

    @Test
    void weekdaysAreBusierThanWeekends() throws IOException {
        long[] createdByDay = new long[8];
        for (GeneratedRecord r : records) {
            if (!r.malformed() && JSON.readTree(r.json()).get("type").asText().equals("CREATED")) {
                DayOfWeek d = Instant.ofEpochMilli(r.occurredAtMillis())
                        .atZone(ZoneOffset.UTC)
                        .getDayOfWeek();
                createdByDay[d.getValue()]++;
            }
        }
        double weekday = (createdByDay[2] + createdByDay[3] + createdByDay[4]) / 3.0; // Tue-Thu: no zone spill
        double weekend = createdByDay[7]; // Sunday
        assertThat(weekday).isGreaterThan(3 * weekend);
        assertThat(weekend).isPositive(); // monitoring never sleeps
        long tickets = generator.stats().tickets();
        // 10 clients x 14 days x 10 per day, give or take the Poisson noise
        assertThat(tickets).isBetween(1_200L, 1_600L);
    }

    @Test
    void subjectsCarryThePolicysKeywordPhrases() {
        StringBuilder all = new StringBuilder();
        for (GeneratedRecord r : records) {
            if (!r.malformed()) {
                all.append(new String(r.json(), StandardCharsets.UTF_8)).append('\n');
            }
        }
        assertThat(all.toString())
                .contains(
                        "Production database down",
                        "VPN slow for one user",
                        "outage",
                        "cannot log in",
                        "Printer out of toner",
                        "\"severity\":\"critical\"",
                        "waiting-on-customer",
                        "\"type\":\"PRIORITY_CHANGED\"",
                        "\"type\":\"REOPENED\"");
        Map<String, Long> tiers = generator.stats().ticketsByExpectedTier();
        assertThat(tiers.keySet()).containsExactlyInAnyOrder("P1", "P2", "P3");
        assertThat(tiers.get("P3")).isGreaterThan(tiers.get("P2")).isGreaterThan(0);
        assertThat(tiers.get("P2")).isGreaterThan(tiers.get("P1"));
    }
}
