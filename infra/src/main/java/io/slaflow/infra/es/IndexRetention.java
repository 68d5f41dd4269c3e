package io.slaflow.infra.es;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * Applies retention to the SLA indices where no ILM runs (the local node; any cluster that prefers a cron job):
 * <ul>
 *   <li>A monthly index of {@code sla-events}, {@code sla-adherence}, {@code sla-reports} or {@code sla-dead-letters} is deleted once its month
 *       began at least the family's retention ago, the rule of the shipped ILM policies
 *       ({@code elasticsearch/ilm/}): ILM reads the age from the index name's {@code yyyy.MM.01}, so both delete a
 *       month at the same moment. Indices that are not a family's monthly index are never touched.</li>
 *   <li>In {@code sla-tickets}, a ticket no longer open ({@code open: false}: resolved or closed) whose last update
 *       is at least the closed-ticket retention old is deleted, each with the sequence number it was read at, so a
 *       ticket changed meanwhile (a reopen) is kept. Open tickets are never deleted, however old.</li>
 * </ul>
 * Only plain searches, index deletions and bulk deletes: the test node has no ILM and no {@code _delete_by_query}.
 */
public final class IndexRetention {
    private static final int PAGE = 1_000;

    /** How long each family is kept; defaults: a little over a year of evidence, two years of reports. */
    public record Rules(
            Duration events, Duration adherence, Duration reports, Duration deadLetters, Duration closedTickets) {
        public static final Duration DEFAULT_EVENTS = Duration.ofDays(400);
        public static final Duration DEFAULT_ADHERENCE = Duration.ofDays(400);
        public static final Duration DEFAULT_REPORTS = Duration.ofDays(800);
        public static final Duration DEFAULT_DEAD_LETTERS = Duration.ofDays(90);
        public static final Duration DEFAULT_CLOSED_TICKETS = Duration.ofDays(90);

        public Rules {
            for (Duration d : new Duration[] {events, adherence, reports, deadLetters, closedTickets}) {
                Objects.requireNonNull(d, "retention");
                if (d.isNegative() || d.isZero())
                    throw new IllegalArgumentException("a retention must be positive, was " + d);
            }
        }

        public static Rules defaults() {
            return new Rules(
                    DEFAULT_EVENTS, DEFAULT_ADHERENCE, DEFAULT_REPORTS, DEFAULT_DEAD_LETTERS, DEFAULT_CLOSED_TICKETS);
        }

        public Duration of(String family) {
            return switch (family) {
                case SlaIndices.EVENTS -> events;
                case SlaIndices.ADHERENCE -> adherence;
                case SlaIndices.REPORTS -> reports;
                case SlaIndices.DEAD_LETTERS -> deadLetters;
                default -> throw new IllegalArgumentException("not a time-based family: " + family);
            };
        }
    }

    /** What was (or, in a dry run, would be) deleted, and the monthly indices kept, in name order. */
    public record Result(
            List<String> deletedIndices,
            List<String> keptIndices,
            long closedTicketsDeleted,
            long closedTicketsChangedMeanwhile) {}

    private final EsHttp es;
    private final Consumer<String> progress;

    public IndexRetention(ElasticsearchEndpoint endpoint, Consumer<String> progress) {
        this.es = new EsHttp(endpoint);
        this.progress = progress;
    }

    /** True when a month's index has reached its retention at {@code now} (ILM: age from the month's first day). */
    public static boolean expired(YearMonth month, Duration retention, Instant now) {
        Instant origination = month.atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        return !origination.plus(retention).isAfter(now);
    }

    public Result apply(Rules rules, Instant now, boolean dryRun) {
        List<String> deleted = new ArrayList<>();
        List<String> kept = new ArrayList<>();
        for (String family : SlaIndices.TIME_BASED) {
            for (String index : monthlyIndices(family)) {
                YearMonth month = SlaIndices.monthOf(family, index);
                if (expired(month, rules.of(family), now)) {
                    if (!dryRun) es.send("DELETE", "/" + index, null);
                    deleted.add(index);
                    progress.accept((dryRun ? "would delete " : "deleted ") + index + " (" + family + " kept "
                            + rules.of(family).toDays() + " days)");
                } else {
                    kept.add(index);
                }
            }
        }
        long[] tickets = closedTickets(now.minus(rules.closedTickets()), dryRun);
        progress.accept((dryRun ? "would delete " : "deleted ") + tickets[0] + " tickets of " + SlaIndices.TICKETS
                + " no longer open and last updated before " + now.minus(rules.closedTickets())
                + (tickets[1] > 0 ? "; " + tickets[1] + " changed meanwhile and kept" : ""));
        return new Result(List.copyOf(deleted), List.copyOf(kept), tickets[0], tickets[1]);
    }

    /** The family's monthly indices (open or closed), in name order = month order. */
    private List<String> monthlyIndices(String family) {
        String path = "/_cat/indices/" + SlaIndices.pattern(family) + "?format=json&h=index&expand_wildcards=all";
        TreeSet<String> names = new TreeSet<>();
        for (JsonNode i : es.send("GET", path, null)) { // a pattern matching nothing is an empty list, not a 404
            String name = i.path("index").asText();
            if (SlaIndices.monthOf(family, name) != null) names.add(name);
        }
        return List.copyOf(names);
    }

    /** {deleted, changed meanwhile}: pages through the expired tickets by id and deletes each page in one bulk. */
    private long[] closedTickets(Instant cutoff, boolean dryRun) {
        if (es.status("HEAD", "/" + SlaIndices.TICKETS) == 404) return new long[] {0, 0};
        long deleted = 0;
        long changed = 0;
        String after = null;
        while (true) {
            ObjectNode body = EsHttp.JSON
                    .createObjectNode()
                    .put("size", PAGE)
                    .put("_source", false)
                    .put("seq_no_primary_term", true)
                    .put("track_total_hits", false);
            ArrayNode filter = body.putObject("query").putObject("bool").putArray("filter");
            filter.addObject().putObject("term").put("open", false);
            filter.addObject().putObject("range").putObject("updatedAt").put("lt", cutoff.toString());
            body.putArray("sort").addObject().put("ticketId", "asc");
            if (after != null) body.putArray("search_after").add(after);
            JsonNode hits = es.send("POST", "/" + SlaIndices.TICKETS + "/_search", body.toString())
                    .at("/hits/hits");
            if (hits.isEmpty()) return new long[] {deleted, changed};
            StringBuilder bulk = new StringBuilder();
            for (JsonNode h : hits) {
                ObjectNode delete = EsHttp.JSON.createObjectNode();
                delete.putObject("delete")
                        .put("_index", SlaIndices.TICKETS)
                        .put("_id", h.path("_id").asText())
                        .put("if_seq_no", h.path("_seq_no").asLong())
                        .put("if_primary_term", h.path("_primary_term").asLong());
                bulk.append(delete).append('\n');
            }
            after = hits.get(hits.size() - 1).path("sort").get(0).asText();
            if (dryRun) {
                deleted += hits.size();
                continue;
            }
            for (JsonNode item : es.send("POST", "/_bulk", bulk.toString()).path("items")) {
                int status = item.at("/delete/status").asInt();
                if (status == 200) deleted++;
                else if (status == 409 || status == 404) changed++; // updated or removed since it was read: kept as is
                else
                    throw new IllegalStateException("Elasticsearch refused to delete ticket "
                            + item.at("/delete/_id").asText() + " from " + SlaIndices.TICKETS + ": "
                            + item.at("/delete/error"));
            }
        }
    }
}
