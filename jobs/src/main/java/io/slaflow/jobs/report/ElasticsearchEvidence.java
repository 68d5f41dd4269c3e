package io.slaflow.jobs.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.slaflow.policy.Metric;
import io.slaflow.report.ReportInput;
import io.slaflow.sla.OutcomeUpdate;
import io.slaflow.sla.SlaAlert;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * A client's evidence as the Prove layer indexed it: breaches, escalations and chain alerts from {@code sla-events},
 * each ticket's current target outcomes from {@code sla-tickets}. Read with search_after pages of 1,000, so any number
 * of records is read.
 */
public final class ElasticsearchEvidence {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int PAGE = 1000;

    private ElasticsearchEvidence() {}

    /** @param authorization an {@code Authorization} header value, or null for an open cluster */
    public static ReplayRecords read(String url, String clientId, String authorization)
            throws IOException, InterruptedException {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        List<OutcomeUpdate> outcomes = new ArrayList<>();
        List<ReportInput> events = new ArrayList<>();
        for (JsonNode d : search(http, url, "sla-tickets", clientId, authorization)) {
            for (Metric m : Metric.values()) {
                JsonNode t = d.path(m.name().toLowerCase(Locale.ROOT));
                if (t.isMissingNode() || t.isNull()) continue;
                ObjectNode o = ((ObjectNode) t.deepCopy());
                o.put("ticketId", d.path("ticketId").asText());
                o.put("clientId", clientId);
                o.put("tier", d.path("tier").asText());
                o.put("metric", m.name());
                outcomes.add(ReplayRecords.outcome(o));
            }
        }
        for (JsonNode d : search(http, url, "sla-events", clientId, authorization)) {
            switch (d.path("kind").asText()) {
                case "BREACH" -> events.add(ReportInput.of(ReplayRecords.alert(d)));
                case "ESCALATION" -> events.add(ReportInput.of(ReplayRecords.escalation(d)));
                case "CHAIN" -> {
                    ObjectNode c = d.deepCopy();
                    c.set("detectedAt", d.path("firedAt"));
                    c.set("message", d.path("reason"));
                    events.add(ReportInput.of(ReplayRecords.chain(c)));
                }
                default -> {} // warnings count nowhere in a report
            }
        }
        events.removeIf(e -> e.breach() != null && e.breach().kind() != SlaAlert.Kind.BREACH);
        return ReplayRecords.of(outcomes, events);
    }

    private static List<JsonNode> search(
            HttpClient http, String url, String index, String clientId, String authorization)
            throws IOException, InterruptedException {
        List<JsonNode> docs = new ArrayList<>();
        JsonNode after = null;
        while (true) {
            ObjectNode body = JSON.createObjectNode();
            body.put("size", PAGE);
            body.putObject("query").putObject("term").put("clientId", clientId);
            // a keyword field of each document (sorting on _id needs fielddata that Elasticsearch 8 turns off)
            body.putArray("sort").addObject().put(index.equals("sla-tickets") ? "ticketId" : "id", "asc");
            if (after != null) body.set("search_after", after);
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url + "/" + index + "/_search"))
                    .timeout(Duration.ofSeconds(60))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
            if (authorization != null) b.header("Authorization", authorization);
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            if (r.statusCode() == 404) return docs; // no such index: nothing was indexed
            if (r.statusCode() / 100 != 2) {
                throw new IOException(
                        "Elasticsearch answered " + r.statusCode() + " searching " + index + " at " + url);
            }
            JsonNode hits = JSON.readTree(r.body()).path("hits").path("hits");
            for (JsonNode h : hits) docs.add(h.path("_source"));
            if (hits.size() < PAGE) return docs;
            after = hits.get(hits.size() - 1).path("sort");
        }
    }

    /** Basic authentication for {@code user} with {@code password}. */
    public static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
