package io.slaflow.infra.es;

import java.util.List;
import java.util.regex.Pattern;

/** The contract's Elasticsearch indices and the per-client alias naming. */
public final class SlaIndices {
    public static final String TICKETS = "sla-tickets";
    public static final String EVENTS = "sla-events";
    public static final String ADHERENCE = "sla-adherence";
    public static final String REPORTS = "sla-reports";
    public static final List<String> ALL = List.of(TICKETS, EVENTS, ADHERENCE, REPORTS);

    /** An alias suffix: lower case letters and digits, joined by single '.', '_' or '-' (never a leading one). */
    private static final Pattern SAFE = Pattern.compile("[a-z0-9]+(?:[._-]+[a-z0-9]+)*");
    private static final int MAX_NAME = 200; // Elasticsearch allows 255 bytes in all

    private SlaIndices() {}

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
