package io.slaflow.infra.es;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The contract's Elasticsearch indices, their time-based layout and the per-client alias naming.
 *
 * <ul>
 *   <li>{@code sla-tickets} is one index: one document per ticket, its current state (closed tickets are dropped
 *       after a retention by {@code slaflow es retention}).</li>
 *   <li>{@code sla-events}, {@code sla-adherence}, {@code sla-reports} and {@code sla-dead-letters} are <b>families</b> of monthly indices,
 *       {@code sla-events-2026.11.01} for November 2026, read through an alias of the family's name. A document's
 *       index is derived from its own time (an event's {@code firedAt}, an hourly bucket's {@code bucketStart}, a
 *       report's period, a dead letter's {@code recordTime}, the refused record's own time), never from the clock, so a retry or a replay overwrites it in the same index. The name
 *       carries the month's first day because Elasticsearch's ILM reads an index's age from a {@code -yyyy.MM.dd}
 *       suffix ({@code index.lifecycle.parse_origination_date}): the shipped ILM policy and {@code slaflow es
 *       retention} then delete a month at the same moment.</li>
 * </ul>
 */
public final class SlaIndices {
    public static final String TICKETS = "sla-tickets";
    /** Read aliases over the monthly indices of each family (and the family's name in {@code <family>-yyyy.MM.01}). */
    public static final String EVENTS = "sla-events";

    public static final String ADHERENCE = "sla-adherence";
    public static final String REPORTS = "sla-reports";
    /** Refused input records and policy versions (the {@code ticket-events-dlq} records), for the operators. */
    public static final String DEAD_LETTERS = "sla-dead-letters";

    public static final List<String> TIME_BASED = List.of(EVENTS, ADHERENCE, REPORTS, DEAD_LETTERS);
    public static final List<String> ALL = List.of(TICKETS, EVENTS, ADHERENCE, REPORTS, DEAD_LETTERS);

    private static final long DAY_MS = 86_400_000L;
    /** An alias suffix: lower case letters and digits, joined by single '.', '_' or '-' (never a leading one). */
    private static final Pattern SAFE = Pattern.compile("[a-z0-9]+(?:[._-]+[a-z0-9]+)*");

    private static final int MAX_NAME = 200; // Elasticsearch allows 255 bytes in all
    private static final Pattern MONTHLY_SUFFIX = Pattern.compile("-(\\d{4})\\.(\\d{2})\\.01");

    private SlaIndices() {}

    /** The monthly index of {@code family} holding the instant {@code epochMs} (UTC month). */
    public static String monthly(String family, long epochMs) {
        LocalDate day = LocalDate.ofEpochDay(Math.floorDiv(epochMs, DAY_MS));
        return monthly(family, day.getYear(), day.getMonthValue());
    }

    public static String monthly(String family, YearMonth month) {
        return monthly(family, month.getYear(), month.getMonthValue());
    }

    private static String monthly(String family, int year, int month) {
        StringBuilder b = new StringBuilder(family.length() + 11).append(family).append('-');
        if (year < 1000) b.append(year < 10 ? "000" : year < 100 ? "00" : "0"); // ILM expects four digits
        b.append(year).append('.');
        if (month < 10) b.append('0');
        return b.append(month).append(".01").toString();
    }

    /** The month a monthly index of {@code family} holds, or null when {@code index} is not one. */
    public static YearMonth monthOf(String family, String index) {
        if (!index.startsWith(family)) return null;
        Matcher m = MONTHLY_SUFFIX.matcher(index);
        if (!m.region(family.length(), index.length()).matches()) return null;
        int month = Integer.parseInt(m.group(2));
        return month >= 1 && month <= 12 ? YearMonth.of(Integer.parseInt(m.group(1)), month) : null;
    }

    /** The index pattern of a family's monthly indices ({@code sla-events-*}), as its index template names it. */
    public static String pattern(String family) {
        return family + "-*";
    }

    /** What an index template matches: the one tickets index, or a family's monthly indices. */
    public static String templatePattern(String index) {
        return TICKETS.equals(index) ? TICKETS : pattern(index);
    }

    /**
     * {@code sla-client-<name>}: a filtered alias over every SLA index that shows one client's documents only, for a
     * client-facing Kibana space. {@code name} is the client's safe name ({@link ClientAlias}), never the raw id:
     * lower-casing and replacing characters made {@code acme} and {@code ACME}, or {@code a/b} and {@code a_b}, share
     * one alias, so one client could read another's data.
     *
     * @throws IllegalArgumentException when {@code name} is not a valid, unambiguous alias suffix
     */
    public static String clientAlias(String name) {
        if (name == null || name.length() > MAX_NAME || !SAFE.matcher(name).matches()) {
            throw new IllegalArgumentException("not an index-safe client name (lower-case letters and digits joined by"
                    + " '.', '_' or '-', at most " + MAX_NAME + " characters): pass the client id's safe name");
        }
        return "sla-client-" + name;
    }
}
