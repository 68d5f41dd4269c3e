package io.slaflow.infra.es;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** The contract's Elasticsearch indices and the per-client alias naming. */
public final class SlaIndices {
    public static final String TICKETS = "sla-tickets";
    public static final String EVENTS = "sla-events";
    public static final String ADHERENCE = "sla-adherence";
    public static final String REPORTS = "sla-reports";
    public static final List<String> ALL = List.of(TICKETS, EVENTS, ADHERENCE, REPORTS);

    private static final Pattern NOT_ALLOWED = Pattern.compile("[^a-z0-9_.-]");

    private SlaIndices() {}

    /**
     * {@code sla-client-<clientId>}: a filtered alias over every SLA index that shows one client's documents only,
     * for a client-facing Kibana space. Alias names must be lower case and cannot hold {@code \ / * ? " < > | , #}
     * or spaces, so the id is lower-cased and anything else becomes {@code _}.
     */
    public static String clientAlias(String clientId) {
        return "sla-client-" + NOT_ALLOWED.matcher(clientId.toLowerCase(Locale.ROOT)).replaceAll("_");
    }
}
