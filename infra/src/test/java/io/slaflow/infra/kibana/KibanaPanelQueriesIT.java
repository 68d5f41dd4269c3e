package io.slaflow.infra.kibana;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.slaflow.infra.es.ClientAlias;
import io.slaflow.infra.es.ElasticsearchEndpoint;
import io.slaflow.infra.es.IndexSetup;
import io.slaflow.infra.es.SlaIndices;
import io.slaflow.infra.stack.ElasticsearchNode;
import io.slaflow.infra.stack.StackLocation;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The question behind every dashboard panel, asked of a real Elasticsearch node holding a small hand-written data set
 * in the documented document shapes, with answers worked out by hand. Kibana cannot run here; these are the queries
 * its Lens panels send (KibanaSavedObjectsTest keeps panel and query in step).
 *
 * <p>Data set (dashboard time range 2026-11-16, UTC): hour 10:00 acme P1 response 9 met / 1 breached (90 %), globex P1
 * response 1/1 (50 %): P1 at 10:00 is 10/12 = 83.3 %, not the 70 % an average of percentages would give. globex breaches
 * most (3), acme warns most (warnings must not count), one acme document of the previous day is outside the range.
 */
class KibanaPanelQueriesIT {
    private static final Instant FROM = Instant.parse("2026-11-16T00:00:00Z");
    private static final Instant TO = Instant.parse("2026-11-16T23:59:59.999Z");
    private static final String H10 = "2026-11-16T10:00:00.000Z";
    private static final String H11 = "2026-11-16T11:00:00.000Z";
    private static final List<String> CLIENTS = List.of("acme", "globex", "initech");
    private static ElasticsearchNode node;
    private static PanelQueryRunner es;

    @BeforeAll
    static void startAndLoad() {
        node = new ElasticsearchNode(
                        StackLocation.withState(Path.of("target/it-stack-kibana")),
                        l -> System.out.println("[es] " + l))
                .start();
        es = new PanelQueryRunner(node.httpUrl());
        new IndexSetup(ElasticsearchEndpoint.anonymous(node.httpUrl()), l -> {})
                .install(CLIENTS.stream().map(c -> new ClientAlias(c, c)).toList());
        StringBuilder bulk = new StringBuilder();
        adherence(bulk);
        tickets(bulk);
        atRisk(bulk);
        events(bulk);
        reports(bulk);
        deadLetters(bulk);
        JsonNode answer = es.send("POST", "/_bulk?refresh=true", bulk.toString());
        assertThat(answer.path("errors").asBoolean()).as(answer.toString()).isFalse();
    }

    @AfterAll
    static void stop() {
        if (node != null) node.close();
    }

    @Test
    void adherencePerTierIsMetOverDecidedPerHourNeverAnAverageOfPercentages() {
        Map<String, Map<String, Double>> byTier = adherencePerTier(es.aggregations("adherence-by-tier", FROM, TO));
        assertThat(byTier.keySet()).containsExactly("P1", "P2", "P3");
        assertThat(byTier.get("P1"))
                .containsOnlyKeys(
                        H10); // the previous day's 0/5 hour is outside the range, the rolling 24h document not hourly
        assertThat(byTier.get("P1").get(H10)).isCloseTo(10.0 / 12, within(1e-12));
        assertThat(byTier.get("P2")).containsExactly(entry(H10, 1.0), entry(H11, 0.4));
        assertThat(byTier.get("P3").get(H10)).isEqualTo(0.875);
        assertThat(byTier.get("P3")).containsKey(H11);
        assertThat(byTier.get("P3").get(H11))
                .as("no target decided: no adherence, not 0 %")
                .isNull();
    }

    @Test
    void adherencePerClientTableListsTheBusiestClientsLowestAdherenceFirst() {
        JsonNode buckets = es.aggregations("adherence-by-client", FROM, TO).at("/client/buckets");
        List<String> byDecided = new ArrayList<>();
        buckets.forEach(b -> byDecided.add(
                b.path("key").asText() + " " + (long) b.at("/decided/value").asDouble()));
        assertThat(byDecided)
                .as("Elasticsearch picks the top clients by decided")
                .containsExactly("acme 13", "initech 8", "globex 7");

        List<String> rows = adherenceRowsLowestFirst(buckets);
        assertThat(rows)
                .containsExactly(
                        "globex 7 decided 4 breached 42.9%",
                        "initech 8 decided 1 breached 87.5%", "acme 13 decided 1 breached 92.3%");
    }

    @Test
    void currentlyBreachedTicketsAreOpenWithAnOverdueTargetHoweverOldTheBreach() {
        JsonNode buckets = es.aggregations("breached-tickets", FROM, TO).at("/ticket/buckets");
        List<String> rows = new ArrayList<>();
        buckets.forEach(b -> rows.add(String.join(
                " ",
                b.path("key").asText(),
                b.at("/client/buckets/0/key").asText(),
                b.at("/client/buckets/0/tier/buckets/0/key").asText(),
                b.at("/assignee/hits/hits/0/fields/assignee/0").asText("-"),
                "resolution due " + b.at("/resolutionDeadline/value_as_string").asText(),
                "response breached "
                        + b.at("/responseBreachedAt/value_as_string").asText("-"),
                "resolution breached "
                        + b.at("/resolutionBreachedAt/value_as_string").asText("-"))));
        assertThat(rows)
                .containsExactly(
                        "T-C2 initech P1 carol resolution due 2026-11-13T09:00:00.000Z response breached - resolution breached 2026-11-13T09:00:00.000Z",
                        "T-B1 globex P2 bob resolution due 2026-11-16T12:00:00.000Z response breached - resolution breached 2026-11-16T12:00:00.000Z",
                        "T-A1 acme P1 alice resolution due 2026-11-16T14:00:00.000Z response breached 2026-11-16T10:15:00.000Z resolution breached -");
    }

    @Test
    void escalationsTimelineCountsEscalationsPerRoleAndHour() {
        assertThat(escalationsPerRole(es.aggregations("escalations-timeline", FROM, TO)))
                .containsExactly(
                        entry("team-lead", Map.of(H10, 2L, H11, 1L)), entry("service-manager", Map.of(H11, 1L)));
    }

    @Test
    void topBreachingClientsCountBreachesOnly() {
        assertThat(countsPerClient(es.aggregations("top-breaching-clients", FROM, TO)))
                .containsExactly(entry("globex", 3L), entry("acme", 2L), entry("initech", 1L));
    }

    @Test
    void aClientsAliasAnswersEveryPanelWithThatClientsDataOnly() {
        String alias = SlaIndices.clientAlias("globex");
        assertThat(adherencePerTier(es.aggregations("adherence-by-tier", alias, FROM, TO)))
                .containsExactly(entry("P1", Map.of(H10, 0.5)), entry("P2", Map.of(H11, 0.4)));
        assertThat(adherenceRowsLowestFirst(
                        es.aggregations("adherence-by-client", alias, FROM, TO).at("/client/buckets")))
                .containsExactly("globex 7 decided 4 breached 42.9%");
        List<String> tickets = new ArrayList<>();
        es.aggregations("breached-tickets", alias, FROM, TO)
                .at("/ticket/buckets")
                .forEach(b -> tickets.add(b.path("key").asText()));
        assertThat(tickets).containsExactly("T-B1");
        assertThat(escalationsPerRole(es.aggregations("escalations-timeline", alias, FROM, TO)))
                .as("one escalation each: ties in count are ordered by role name")
                .containsExactly(entry("service-manager", Map.of(H11, 1L)), entry("team-lead", Map.of(H10, 1L)));
        assertThat(countsPerClient(es.aggregations("top-breaching-clients", alias, FROM, TO)))
                .containsExactly(entry("globex", 3L));
    }

    @Test
    void atRiskNowListsOpenTicketsWithTheirNextDeadlineMostUrgentFirstAndPausedOnesLast() {
        JsonNode buckets = es.aggregations("at-risk-tickets", FROM, TO).at("/ticket/buckets");
        List<String> rows = new ArrayList<>();
        buckets.forEach(b -> {
            JsonNode latest = b.at("/latest/hits/hits/0/fields");
            rows.add(String.join(
                    " ",
                    b.path("key").asText(),
                    b.at("/client/buckets/0/key").asText(),
                    b.at("/client/buckets/0/tier/buckets/0/key").asText(),
                    latest.at("/next.metric/0").asText(),
                    latest.at("/paused/0").asBoolean() ? "paused" : "running",
                    Duration.ofMillis((long) b.at("/timeLeft/value").asDouble()).toString(),
                    latest.at("/assignee/0").asText("-"),
                    "'" + latest.at("/subject.keyword/0").asText() + "'"));
        });
        // tickets without a next target (breached ones, closed ones) are the other panels' business
        assertThat(rows)
                .containsExactly(
                        "T-R1 acme P1 resolution running PT30M alice 'Printer on fire'",
                        "T-R2 globex P2 response running PT2H bob 'VPN down for the Manila office'",
                        "T-R4 acme P3 resolution running PT20H - 'New starter account'",
                        "T-R3 initech P3 resolution paused PT3H carol 'Waiting for the new laptop's serial'");
        assertThat(buckets.get(0).at("/latest/hits/hits/0/fields/ticketUrl/0").asText())
                .isEqualTo("https://helpdesk.example/Ticket/Display.html?id=T-R1");
        assertThat(buckets.get(3).at("/deadline/value").isNull())
                .as("paused: no deadline")
                .isTrue();
    }

    @Test
    void dueWithinCountsAtRiskTicketsByHowSoonTheirNextDeadlineComesLive() {
        JsonNode due = es.aggregations("at-risk-due-within", FROM, TO).at("/due/buckets");
        Map<String, String> byBucket = new LinkedHashMap<>();
        due.fields().forEachRemaining(e -> {
            List<String> tiers = new ArrayList<>();
            e.getValue()
                    .at("/tier/buckets")
                    .forEach(t -> tiers.add(
                            t.path("key").asText() + "=" + t.path("doc_count").asLong()));
            byBucket.put(e.getKey(), String.join(",", tiers));
        });
        assertThat(byBucket)
                .containsOnly(
                        entry("breaches within 1 h", "P1=1"),
                        entry("within 1-4 h", "P2=1"),
                        entry("within 4-24 h", ""),
                        entry("later", "P3=1"),
                        entry("paused", "P3=1"));
    }

    @Test
    void rollingAdherenceOverTimeIsOneFigurePerSeriesAndDayWithinTheRange() {
        Map<String, String> bySeries = new LinkedHashMap<>();
        es.aggregations("adherence-over-time", FROM, TO).at("/series/buckets").forEach(b -> {
            List<String> days = new ArrayList<>();
            b.at("/day/buckets")
                    .forEach(d -> days.add(d.path("key_as_string").asText().substring(0, 10) + " "
                            + (long) d.at("/met/value").asDouble() + "/"
                            + (long) d.at("/decided/value").asDouble()));
            bySeries.put(b.path("key").asText(), String.join(",", days));
        });
        assertThat(bySeries)
                .as("24h figures and the day before the range left out")
                .containsExactly(
                        entry("globex|P2|RESOLUTION|7d", "2026-11-16 4/8"),
                        entry("acme|P1|RESPONSE|7d", "2026-11-16 18/20"),
                        entry("acme|P1|RESPONSE|30d", "2026-11-16 57/60"));
    }

    @Test
    void escalationListShowsWhoWhenHowLateAndWhomTheTicketWentToLatestFirst() {
        List<String> rows = new ArrayList<>();
        es.aggregations("escalation-list", FROM, TO).at("/escalation/buckets").forEach(b -> {
            JsonNode f = b.at("/latest/hits/hits/0/fields");
            rows.add(String.join(
                    " ",
                    b.path("key").asText(),
                    f.at("/ticketId/0").asText(),
                    f.at("/role/0").asText(),
                    f.at("/from/0").asText() + "->" + f.at("/to/0").asText(),
                    b.at("/firedAt/value_as_string").asText(),
                    Duration.ofMillis((long) b.at("/late/value").asDouble()).toString()));
        });
        assertThat(rows)
                .as("the previous day's and last month's escalations are outside the range")
                .containsExactly(
                        "E4 T-C1 team-lead agent->team-lead-on-duty 2026-11-16T11:20:00.000Z PT30M",
                        "E3 T-B1 service-manager agent->service-manager-on-duty 2026-11-16T11:10:00.000Z PT30M",
                        "E2 T-B1 team-lead agent->team-lead-on-duty 2026-11-16T10:40:00.000Z PT30M",
                        "E1 T-A1 team-lead agent->team-lead-on-duty 2026-11-16T10:05:00.000Z PT30M");
    }

    @Test
    void chainAlertsLatestFirstWithTheirTickets() {
        List<String> rows = new ArrayList<>();
        es.aggregations("chain-alerts", FROM, TO).at("/chain/buckets").forEach(b -> {
            JsonNode f = b.at("/latest/hits/hits/0/fields");
            rows.add(b.path("key").asText() + " " + f.at("/pattern/0").asText() + " "
                    + f.at("/clientId/0").asText() + " " + f.path("tickets"));
        });
        assertThat(rows)
                .containsExactly(
                        "C2 double-breach acme [\"T-A1\"]", "C1 breach-storm globex [\"T-B1\",\"T-B2\",\"T-B3\"]");
    }

    @Test
    void reportDeliveriesListFailedOnesFirst() {
        List<String> rows = new ArrayList<>();
        es.aggregations("report-deliveries", FROM, TO)
                .at("/report/buckets")
                .forEach(b -> rows.add(b.path("key").asText() + " "
                        + b.at("/latest/hits/hits/0/fields/status/0").asText()));
        assertThat(rows)
                .containsExactly(
                        "globex:WEEK:2026-W46 FAILED",
                        "acme:WEEK:2026-W46 DELIVERED",
                        "initech:WEEK:2026-W46 DELIVERED");
    }

    @Test
    void deadLettersByReasonMostFirst() {
        Map<String, Long> byReason = new LinkedHashMap<>();
        es.aggregations("dead-letters-by-reason", FROM, TO)
                .at("/reason/buckets")
                .forEach(b ->
                        byReason.put(b.path("key").asText(), b.path("doc_count").asLong()));
        assertThat(byReason).containsExactly(entry("MALFORMED_JSON", 2L), entry("LATE", 1L));
    }

    @Test
    void theNewPanelsThroughAClientsAliasShowThatClientOnly() {
        String alias = SlaIndices.clientAlias("globex");
        List<String> atRisk = new ArrayList<>();
        es.aggregations("at-risk-tickets", alias, FROM, TO)
                .at("/ticket/buckets")
                .forEach(b -> atRisk.add(b.path("key").asText()));
        assertThat(atRisk).containsExactly("T-R2");
        List<String> chains = new ArrayList<>();
        es.aggregations("chain-alerts", alias, FROM, TO)
                .at("/chain/buckets")
                .forEach(b -> chains.add(b.path("key").asText()));
        assertThat(chains).containsExactly("C1");
        List<String> reports = new ArrayList<>();
        es.aggregations("report-deliveries", alias, FROM, TO)
                .at("/report/buckets")
                .forEach(b -> reports.add(b.path("key").asText()));
        assertThat(reports).containsExactly("globex:WEEK:2026-W46");
        assertThat(es.aggregations("dead-letters-by-reason", alias, FROM, TO).at("/reason/buckets"))
                .as("dead letters carry no client: operators only")
                .isEmpty();
    }

    /**
     * What the shipped per-client role lets its users read: the indices it names, through its document-level security
     * query. The node runs without security, so this checks the role's definition against real indices and aliases
     * (every document it reaches is the client's, and it reaches all of them), not that Elasticsearch enforces it.
     */
    @Test
    void theShippedClientRoleReachesTheClientsDocumentsAndNoOthers() {
        for (String client : CLIENTS) {
            JsonNode grant = io.slaflow.infra.es.ClientAccess.elasticsearchRole(new ClientAlias(client, client))
                    .at("/indices/0");
            String names = String.join(",", KibanaResources.JSON.convertValue(grant.path("names"), String[].class));
            ObjectNode body =
                    KibanaResources.JSON.createObjectNode().put("size", 1000).put("track_total_hits", true);
            body.putObject("query").putObject("bool").putArray("filter").add(grant.path("query"));
            JsonNode hits =
                    es.send("POST", "/" + names + "/_search", body.toString()).path("hits");
            assertThat(hits.path("hits"))
                    .as(client)
                    .isNotEmpty()
                    .allSatisfy(
                            h -> assertThat(h.at("/_source/clientId").asText()).isEqualTo(client));
            long all = es.send("POST", "/sla-*/_count", "{\"query\":{\"term\":{\"clientId\":\"" + client + "\"}}}")
                    .path("count")
                    .asLong();
            assertThat(hits.at("/total/value").asLong())
                    .as("every document of %s, in every index family", client)
                    .isEqualTo(all);
        }
    }

    @Test
    void everyClientsAliasGivesTheSameAnswersAsTheIndexFilteredToThatClient() {
        for (String client : CLIENTS) {
            for (String panel : KibanaResources.PANELS) {
                JsonNode viaAlias = es.aggregations(panel, SlaIndices.clientAlias(client), FROM, TO);
                JsonNode viaIndex = aggregationsForClient(panel, client);
                assertThat(viaAlias)
                        .as("%s through %s", panel, SlaIndices.clientAlias(client))
                        .isEqualTo(viaIndex);
            }
        }
    }

    // ---- reading the answers the way the Lens panels present them ----

    /** tier → hour → sum(met)/sum(decided), null when nothing was decided (the Lens formula's division by zero). */
    private static Map<String, Map<String, Double>> adherencePerTier(JsonNode aggs) {
        Map<String, Map<String, Double>> byTier = new LinkedHashMap<>();
        aggs.at("/tier/buckets").forEach(t -> {
            Map<String, Double> hours = new LinkedHashMap<>();
            t.at("/bucket/buckets").forEach(h -> {
                double decided = h.at("/decided/value").asDouble();
                hours.put(
                        h.path("key_as_string").asText(),
                        decided == 0 ? null : h.at("/met/value").asDouble() / decided);
            });
            byTier.put(t.path("key").asText(), hours);
        });
        return byTier;
    }

    /** The table rows as Kibana sorts them: adherence ascending. */
    private static List<String> adherenceRowsLowestFirst(JsonNode clientBuckets) {
        record Row(String client, long decided, long breached, double adherence) {}
        List<Row> rows = new ArrayList<>();
        clientBuckets.forEach(b -> {
            long decided = (long) b.at("/decided/value").asDouble();
            rows.add(new Row(
                    b.path("key").asText(),
                    decided,
                    (long) b.at("/breached/value").asDouble(),
                    b.at("/met/value").asDouble() / decided));
        });
        rows.sort(java.util.Comparator.comparingDouble(Row::adherence));
        return rows.stream()
                .map(r -> r.client() + " " + r.decided() + " decided " + r.breached() + " breached "
                        + String.format(java.util.Locale.ROOT, "%.1f%%", r.adherence() * 100))
                .toList();
    }

    private static Map<String, Map<String, Long>> escalationsPerRole(JsonNode aggs) {
        Map<String, Map<String, Long>> byRole = new LinkedHashMap<>();
        aggs.at("/role/buckets").forEach(r -> {
            Map<String, Long> hours = new LinkedHashMap<>();
            r.at("/bucket/buckets")
                    .forEach(h -> hours.put(
                            h.path("key_as_string").asText(),
                            h.path("doc_count").asLong()));
            byRole.put(r.path("key").asText(), hours);
        });
        return byRole;
    }

    private static Map<String, Long> countsPerClient(JsonNode aggs) {
        Map<String, Long> counts = new LinkedHashMap<>();
        aggs.at("/client/buckets")
                .forEach(b ->
                        counts.put(b.path("key").asText(), b.path("doc_count").asLong()));
        return counts;
    }

    /** The panel's query on its index with an explicit clientId filter: what the client's alias must answer. */
    private static JsonNode aggregationsForClient(String panel, String client) {
        JsonNode spec = KibanaResources.panelQuery(panel);
        ObjectNode body = spec.path("body").deepCopy();
        var filter = body.with("query").with("bool").withArray("filter");
        filter.addObject().putObject("term").put("clientId", client);
        if (!spec.path("timeField").isNull()) {
            filter.addObject()
                    .putObject("range")
                    .putObject(spec.path("timeField").asText())
                    .put("gte", FROM.toString())
                    .put("lte", TO.toString())
                    .put("format", "strict_date_optional_time");
        }
        return es.send("POST", "/" + spec.path("index").asText() + "/_search", body.toString())
                .path("aggregations");
    }

    // ---- the data set, in the shapes the job writes ----

    private static void adherence(StringBuilder bulk) {
        hourly(bulk, "acme", "P1", "RESPONSE", H10, 9, 1);
        hourly(bulk, "globex", "P1", "RESPONSE", H10, 1, 1);
        hourly(bulk, "acme", "P2", "RESOLUTION", H10, 3, 0);
        hourly(bulk, "globex", "P2", "RESPONSE", H11, 2, 3);
        hourly(bulk, "initech", "P3", "RESOLUTION", H10, 7, 1);
        hourly(bulk, "initech", "P3", "RESPONSE", H11, 0, 0);
        hourly(bulk, "acme", "P1", "RESPONSE", "2026-11-15T10:00:00.000Z", 0, 5); // the day before: outside the range
        // a rolling figure (current value, overwritten): never part of the hourly panels
        ObjectNode rolling =
                adherenceDoc("acme", "P1", "RESPONSE", "24h", "2026-11-15T10:30:00.000Z", Duration.ofHours(24), 100, 0);
        index(bulk, SlaIndices.ADHERENCE, "acme|P1|RESPONSE|24h|2026-11-16", rolling);
        // rolling 7 d / 30 d figures, one document per series and day (as of that day's last publication)
        rollingDay(
                bulk,
                "acme",
                "P1",
                "RESPONSE",
                "7d",
                "2026-11-15T23:00:00.000Z",
                5,
                5); // the day before: outside the range
        rollingDay(bulk, "acme", "P1", "RESPONSE", "7d", "2026-11-16T18:00:00.000Z", 18, 2);
        rollingDay(bulk, "acme", "P1", "RESPONSE", "30d", "2026-11-16T18:00:00.000Z", 57, 3);
        rollingDay(bulk, "globex", "P2", "RESOLUTION", "7d", "2026-11-16T11:00:00.000Z", 4, 4);
    }

    private static void rollingDay(
            StringBuilder bulk,
            String client,
            String tier,
            String metric,
            String window,
            String updatedAt,
            long met,
            long breached) {
        Duration length = Duration.ofDays(window.equals("7d") ? 7 : 30);
        String windowStart = Instant.parse(updatedAt)
                .truncatedTo(java.time.temporal.ChronoUnit.HOURS)
                .plus(Duration.ofHours(1))
                .minus(length)
                .toString();
        ObjectNode d = adherenceDoc(client, tier, metric, window, windowStart, length, met, breached);
        d.put("updatedAt", updatedAt);
        index(bulk, SlaIndices.ADHERENCE, d.path("series").asText() + "|" + updatedAt.substring(0, 10), d);
    }

    private static void hourly(
            StringBuilder bulk, String client, String tier, String metric, String hour, long met, long breached) {
        ObjectNode doc = adherenceDoc(client, tier, metric, "1h", hour, Duration.ofHours(1), met, breached);
        index(bulk, SlaIndices.ADHERENCE, doc.path("id").asText(), doc);
    }

    private static ObjectNode adherenceDoc(
            String client,
            String tier,
            String metric,
            String window,
            String start,
            Duration length,
            long met,
            long breached) {
        ObjectNode d = KibanaResources.JSON.createObjectNode();
        String id = String.join("|", client, tier, metric, window) + ("1h".equals(window) ? "|" + start : "");
        d.put("series", String.join("|", client, tier, metric, window));
        d.put("id", id)
                .put("clientId", client)
                .put("unlistedClient", false)
                .put("tier", tier)
                .put("metric", metric)
                .put("window", window)
                .put("bucketStart", start)
                .put("bucketEnd", Instant.parse(start).plus(length).toString())
                .put("met", met)
                .put("breached", breached)
                .put("decided", met + breached)
                .put("satisfied", met)
                .put("updatedAt", Instant.parse(start).plus(length).toString());
        if (met + breached > 0) d.put("adherencePercent", 100.0 * met / (met + breached));
        if (met > 0)
            d.put("p50Ms", 600_000L)
                    .put("p90Ms", 1_200_000L)
                    .put("p99Ms", 1_500_000L)
                    .put("meanMs", 700_000L);
        return d;
    }

    private static void tickets(StringBuilder bulk) {
        // breached now: response overdue
        ticket(
                bulk,
                "T-A1",
                "acme",
                "P1",
                true,
                "alice",
                "2026-11-16T10:20:00Z",
                target("2026-11-16T10:00:00Z", "2026-11-16T10:15:00Z", "BREACHED", null, "2026-11-16T10:15:00Z", true),
                target("2026-11-16T10:00:00Z", "2026-11-16T14:00:00Z", "PENDING", null, null, false));
        // breached now: resolution overdue
        ticket(
                bulk,
                "T-B1",
                "globex",
                "P2",
                true,
                "bob",
                "2026-11-16T12:00:00Z",
                target("2026-11-16T08:00:00Z", "2026-11-16T09:00:00Z", "MET", "2026-11-16T08:30:00Z", null, false),
                target("2026-11-16T08:00:00Z", "2026-11-16T12:00:00Z", "BREACHED", null, "2026-11-16T12:00:00Z", true));
        // breached three days ago and still not resolved: listed although its last update is outside the dashboard
        // range
        ticket(
                bulk,
                "T-C2",
                "initech",
                "P1",
                true,
                "carol",
                "2026-11-13T09:00:00Z",
                target("2026-11-13T05:00:00Z", "2026-11-13T05:15:00Z", "MET", "2026-11-13T05:05:00Z", null, false),
                target("2026-11-13T05:00:00Z", "2026-11-13T09:00:00Z", "BREACHED", null, "2026-11-13T09:00:00Z", true));
        // not listed: resolution breached but resolved since (closed, no longer overdue)
        ticket(
                bulk,
                "T-B2",
                "globex",
                "P2",
                false,
                "bob",
                "2026-11-16T15:00:00Z",
                target("2026-11-16T09:00:00Z", "2026-11-16T10:00:00Z", "MET", "2026-11-16T09:10:00Z", null, false),
                target(
                        "2026-11-16T09:00:00Z",
                        "2026-11-16T13:00:00Z",
                        "BREACHED",
                        "2026-11-16T15:00:00Z",
                        "2026-11-16T13:00:00Z",
                        false));
        // not listed: response breached, then answered; resolution still on time
        ticket(
                bulk,
                "T-C1",
                "initech",
                "P3",
                true,
                "dave",
                "2026-11-16T11:00:00Z",
                target(
                        "2026-11-16T09:00:00Z",
                        "2026-11-16T10:00:00Z",
                        "BREACHED",
                        "2026-11-16T11:00:00Z",
                        "2026-11-16T10:00:00Z",
                        false),
                target("2026-11-16T09:00:00Z", "2026-11-17T09:00:00Z", "PENDING", null, null, false));
        // not listed: open, on time
        ticket(
                bulk,
                "T-A2",
                "acme",
                "P1",
                true,
                null,
                "2026-11-16T10:05:00Z",
                target("2026-11-16T10:00:00Z", "2026-11-16T10:15:00Z", "MET", "2026-11-16T10:05:00Z", null, false),
                target("2026-11-16T10:00:00Z", "2026-11-16T14:00:00Z", "PENDING", null, null, false));
    }

    private static ObjectNode target(
            String startedAt, String deadline, String outcome, String completedAt, String breachedAt, boolean overdue) {
        ObjectNode t = KibanaResources.JSON.createObjectNode();
        t.put("startedAt", startedAt)
                .put("deadline", deadline)
                .put("outcome", outcome)
                .put("revision", 1)
                .put("overdue", overdue);
        if (completedAt != null) t.put("completedAt", completedAt);
        if (breachedAt != null) t.put("breachedAt", breachedAt);
        return t;
    }

    private static void ticket(
            StringBuilder bulk,
            String id,
            String client,
            String tier,
            boolean open,
            String assignee,
            String updatedAt,
            ObjectNode response,
            ObjectNode resolution) {
        ObjectNode d = KibanaResources.JSON.createObjectNode();
        d.put("ticketId", id)
                .put("clientId", client)
                .put("unlistedClient", false)
                .put("tier", tier)
                .put("rule", "default")
                .put("policyVersion", "v1")
                .put("createdAt", response.path("startedAt").asText())
                .put("updatedAt", updatedAt)
                .put("open", open);
        if (assignee != null) d.put("assignee", assignee);
        d.set("response", response);
        d.set("resolution", resolution);
        index(bulk, SlaIndices.TICKETS, id, d);
    }

    private static void events(StringBuilder bulk) {
        escalation(bulk, "E1", "acme", "T-A1", "team-lead", "2026-11-16T10:05:00Z");
        escalation(bulk, "E2", "globex", "T-B1", "team-lead", "2026-11-16T10:40:00Z");
        escalation(bulk, "E3", "globex", "T-B1", "service-manager", "2026-11-16T11:10:00Z");
        escalation(bulk, "E4", "initech", "T-C1", "team-lead", "2026-11-16T11:20:00Z");
        escalation(bulk, "E5", "acme", "T-A0", "service-manager", "2026-11-15T09:00:00Z"); // outside the range
        event(bulk, "B1", "BREACH", "globex", "T-B1", "2026-11-16T12:00:00Z");
        event(bulk, "B2", "BREACH", "globex", "T-B2", "2026-11-16T13:00:00Z");
        event(bulk, "B3", "BREACH", "globex", "T-B3", "2026-11-16T13:30:00Z");
        event(bulk, "B4", "BREACH", "acme", "T-A1", "2026-11-16T10:15:00Z");
        event(bulk, "B5", "BREACH", "acme", "T-A3", "2026-11-16T16:00:00Z");
        event(bulk, "B6", "BREACH", "initech", "T-C1", "2026-11-16T10:00:00Z");
        for (int i = 1; i <= 4; i++) event(bulk, "W" + i, "WARNING", "acme", "T-A" + i, "2026-11-16T09:5" + i + ":00Z");
        event(bulk, "B0", "BREACH", "acme", "T-A0", "2026-11-15T08:00:00Z"); // outside the range
        escalation(
                bulk,
                "E0",
                "acme",
                "T-A9",
                "team-lead",
                "2026-10-31T23:00:00Z"); // last month's index: outside the range
        chain(
                bulk,
                "C1",
                "breach-storm",
                "globex",
                List.of("T-B1", "T-B2", "T-B3"),
                "2026-11-16T12:00:00Z",
                "2026-11-16T13:30:00Z",
                "rafael.cruz");
        chain(
                bulk,
                "C2",
                "double-breach",
                "acme",
                List.of("T-A1"),
                "2026-11-16T10:15:00Z",
                "2026-11-16T14:00:00Z",
                null);
        chain(
                bulk,
                "C0",
                "reopen-loop",
                "acme",
                List.of("T-A0"),
                "2026-11-14T10:00:00Z",
                "2026-11-15T10:00:00Z",
                null); // outside
    }

    private static void chain(
            StringBuilder bulk,
            String id,
            String pattern,
            String client,
            List<String> tickets,
            String firstAt,
            String detectedAt,
            String to) {
        ObjectNode d = KibanaResources.JSON.createObjectNode();
        d.put("id", id).put("kind", "CHAIN").put("pattern", pattern).put("clientId", client);
        tickets.forEach(d.putArray("tickets")::add);
        if (tickets.size() == 1) d.put("ticketId", tickets.get(0));
        d.put("startedAt", firstAt)
                .put("firedAt", detectedAt)
                .put("role", to == null ? null : "account-director")
                .put("to", to);
        index(bulk, SlaIndices.EVENTS, id, d);
    }

    private static void reports(StringBuilder bulk) {
        report(bulk, "acme:WEEK:2026-W46", "acme", "2026-W46", "DELIVERED", 1, "2026-11-16T05:05:00Z");
        report(bulk, "globex:WEEK:2026-W46", "globex", "2026-W46", "FAILED", 5, "2026-11-16T00:05:00Z");
        report(bulk, "initech:WEEK:2026-W46", "initech", "2026-W46", "DELIVERED", 2, "2026-11-16T06:00:00Z");
        report(
                bulk,
                "acme:WEEK:2026-W45",
                "acme",
                "2026-W45",
                "FAILED",
                5,
                "2026-11-09T05:05:00Z"); // outside the range
    }

    private static void report(
            StringBuilder bulk,
            String id,
            String client,
            String label,
            String status,
            int attempts,
            String generatedAt) {
        ObjectNode d = KibanaResources.JSON.createObjectNode();
        Instant end = Instant.parse(generatedAt).minus(Duration.ofMinutes(5));
        d.put("id", id)
                .put("clientId", client)
                .put("period", "WEEK")
                .put("label", label)
                .put("periodStart", end.minus(Duration.ofDays(7)).toString())
                .put("periodEnd", end.toString())
                .put("generatedAt", generatedAt)
                .put("status", status)
                .put("attempts", attempts);
        index(bulk, SlaIndices.REPORTS, id, d);
    }

    private static void deadLetters(StringBuilder bulk) {
        deadLetter(bulk, "d1", "MALFORMED_JSON", "2026-11-16T09:00:00Z");
        deadLetter(bulk, "d2", "MALFORMED_JSON", "2026-11-16T09:30:00Z");
        deadLetter(bulk, "d3", "LATE", "2026-11-16T11:00:00Z");
        deadLetter(bulk, "d0", "UNKNOWN_TICKET", "2026-11-15T11:00:00Z"); // outside the range
    }

    private static void deadLetter(StringBuilder bulk, String id, String reason, String rejectedAt) {
        ObjectNode d = KibanaResources.JSON.createObjectNode();
        d.put("id", id)
                .put("reason", reason)
                .put("message", "refused")
                .put("rejectedAt", rejectedAt)
                .put("originalBase64", "e30=");
        d.putObject("source")
                .put("topic", "ticket-events")
                .put("partition", "0")
                .put("offset", id.substring(1));
        index(bulk, SlaIndices.DEAD_LETTERS, id, d);
    }

    /**
     * Open tickets with a target neither met nor breached, as the enforcer's ticket views write them; deadlines relative
     * to the real now, because the "due within" buckets ask Elasticsearch against now.
     */
    private static void atRisk(StringBuilder bulk) {
        Instant now = Instant.now();
        risk(
                bulk,
                "T-R1",
                "acme",
                "P1",
                "Printer on fire",
                "alice",
                "resolution",
                now.plus(Duration.ofMinutes(30)),
                Duration.ofMinutes(30),
                false);
        risk(
                bulk,
                "T-R2",
                "globex",
                "P2",
                "VPN down for the Manila office",
                "bob",
                "response",
                now.plus(Duration.ofHours(2)),
                Duration.ofHours(2),
                false);
        risk(
                bulk,
                "T-R3",
                "initech",
                "P3",
                "Waiting for the new laptop's serial",
                "carol",
                "resolution",
                null,
                Duration.ofHours(3),
                true);
        risk(
                bulk,
                "T-R4",
                "acme",
                "P3",
                "New starter account",
                null,
                "resolution",
                now.plus(Duration.ofDays(3)),
                Duration.ofHours(20),
                false);
    }

    private static void risk(
            StringBuilder bulk,
            String id,
            String client,
            String tier,
            String subject,
            String assignee,
            String metric,
            Instant deadline,
            Duration left,
            boolean paused) {
        ObjectNode d = KibanaResources.JSON.createObjectNode();
        d.put("ticketId", id)
                .put("clientId", client)
                .put("tier", tier)
                .put("subject", subject)
                .put("source", "portal")
                .put("queue", "Service Desk")
                .put("ticketUrl", "https://helpdesk.example/Ticket/Display.html?id=" + id)
                .put("status", paused ? "waiting-on-customer" : "in-progress")
                .put("assignee", assignee)
                .put("open", true)
                .put("paused", paused)
                .put("updatedAt", "2026-11-16T10:00:00Z");
        if (paused) d.putArray("pausedClocks").add(metric);
        ObjectNode next = d.putObject("next");
        next.put("metric", metric)
                .put("deadline", deadline == null ? null : deadline.toString())
                .put("timeLeftMs", left.toMillis())
                .put("asOf", "2026-11-16T10:00:00Z");
        index(bulk, SlaIndices.TICKETS, id, d);
    }

    private static void escalation(
            StringBuilder bulk, String id, String client, String ticket, String role, String firedAt) {
        ObjectNode d = eventDoc(id, "ESCALATION", client, ticket, firedAt);
        Instant breached = Instant.parse(firedAt).minus(Duration.ofMinutes(30));
        d.put("level", 1)
                .put("role", role)
                .put("from", "agent")
                .put("to", role + "-on-duty")
                .put("breachedAt", breached.toString())
                .put("lateMs", Duration.ofMinutes(30).toMillis());
        index(bulk, SlaIndices.EVENTS, id, d);
    }

    private static void event(
            StringBuilder bulk, String id, String kind, String client, String ticket, String firedAt) {
        ObjectNode d = eventDoc(id, kind, client, ticket, firedAt);
        d.put("percent", kind.equals("BREACH") ? 100 : 75);
        if (kind.equals("BREACH")) d.put("breachedAt", firedAt);
        index(bulk, SlaIndices.EVENTS, id, d);
    }

    private static ObjectNode eventDoc(String id, String kind, String client, String ticket, String firedAt) {
        ObjectNode d = KibanaResources.JSON.createObjectNode();
        d.put("id", id)
                .put("kind", kind)
                .put("ticketId", ticket)
                .put("clientId", client)
                .put("unlistedClient", false)
                .put("tier", "P1")
                .put("metric", "RESOLUTION")
                .put("firedAt", firedAt)
                .put("policyVersion", "v1");
        return d;
    }

    /** Into the family's monthly index of the document's own time, as the job writes it. */
    private static void index(StringBuilder bulk, String family, String id, ObjectNode doc) {
        String time = switch (family) {
            case SlaIndices.EVENTS -> doc.path("firedAt").asText();
            case SlaIndices.ADHERENCE ->
                doc.path("window").asText().equals("1h")
                        ? doc.path("bucketStart").asText()
                        : doc.path("updatedAt").asText();
            case SlaIndices.REPORTS -> doc.path("periodStart").asText();
            case SlaIndices.DEAD_LETTERS -> doc.path("rejectedAt").asText();
            default -> null;
        };
        String index = time == null
                ? family
                : SlaIndices.monthly(family, Instant.parse(time).toEpochMilli());
        ObjectNode action = KibanaResources.JSON.createObjectNode();
        action.putObject("index").put("_index", index).put("_id", id);
        bulk.append(action).append('\n').append(doc).append('\n');
    }
}
