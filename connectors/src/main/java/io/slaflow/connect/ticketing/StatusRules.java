package io.slaflow.connect.ticketing;

import io.slaflow.event.EventType;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a ticketing system's status changes mean in the contract. A change into a resolved status is RESOLVED, into a
 * closed status CLOSED (final in SLAflow), out of either into any other status REOPENED, anything else
 * STATUS_CHANGED (the policy's {@code pauses} decide what pauses, e.g. RT's {@code stalled}). Status names can be
 * renamed on the way ({@code stalled=waiting-on-customer}) so an existing policy's pause statuses apply unchanged.
 */
public final class StatusRules {
    private final Set<String> resolved;
    private final Set<String> closed;
    private final Map<String, String> renames;

    public StatusRules(Set<String> resolved, Set<String> closed, Map<String, String> renames) {
        this.resolved = lower(resolved);
        this.closed = lower(closed);
        Map<String, String> r = new LinkedHashMap<>();
        renames.forEach((k, v) -> r.put(k.toLowerCase(Locale.ROOT), v));
        this.renames = Map.copyOf(r);
        for (String s : this.resolved) {
            if (this.closed.contains(s)) {
                throw new IllegalArgumentException("status '" + s + "' is listed as both resolved and closed");
            }
        }
    }

    private static Set<String> lower(Set<String> names) {
        Set<String> out = new TreeSet<>();
        for (String n : names) {
            if (!n.isBlank()) out.add(n.strip().toLowerCase(Locale.ROOT));
        }
        return Set.copyOf(out);
    }

    /** Parses {@code from=to,from=to}; refuses an entry without '=' naming the option. */
    public static Map<String, String> parseRenames(String option, String text) {
        Map<String, String> out = new LinkedHashMap<>();
        if (text == null || text.isBlank()) return out;
        for (String part : text.split(",")) {
            int eq = part.indexOf('=');
            if (eq <= 0 || eq == part.length() - 1) {
                throw new IllegalArgumentException(option + "='" + text + "': '" + part.strip()
                        + "' is not STATUS=NAME (e.g. stalled=waiting-on-customer)");
            }
            out.put(part.substring(0, eq).strip(), part.substring(eq + 1).strip());
        }
        return out;
    }

    /** The contract type of a change from {@code from} to {@code to}. */
    public EventType typeOf(String from, String to) {
        String t = to.toLowerCase(Locale.ROOT);
        if (closed.contains(t)) return EventType.CLOSED;
        if (resolved.contains(t)) return EventType.RESOLVED;
        if (from != null && isInactive(from)) return EventType.REOPENED;
        return EventType.STATUS_CHANGED;
    }

    /** Resolved or closed: the ticket's clocks are stopped. */
    public boolean isInactive(String status) {
        String s = status.toLowerCase(Locale.ROOT);
        return resolved.contains(s) || closed.contains(s);
    }

    public boolean isClosed(String status) {
        return closed.contains(status.toLowerCase(Locale.ROOT));
    }

    /** The status as the contract event carries it (renamed when configured). */
    public String contractName(String status) {
        String renamed = renames.get(status.toLowerCase(Locale.ROOT));
        return renamed != null ? renamed : status;
    }
}
