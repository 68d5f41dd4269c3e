package io.slaflow.cep;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/** The signals a match consists of, in time order (ties by id, so the evidence and the alert id are deterministic). */
public record Evidence(List<SlaSignal> signals) {

    private static final Comparator<SlaSignal> IN_TIME =
            Comparator.<SlaSignal>comparingLong(s -> s.at).thenComparing(s -> s.id);

    public static Evidence of(Map<String, List<SlaSignal>> match) {
        List<SlaSignal> all = new ArrayList<>();
        for (Collection<SlaSignal> part : match.values()) all.addAll(part);
        return of(all);
    }

    /** The signals of a chain found without CEP (a keyed rule), put in the same order as a CEP match's. */
    public static Evidence of(Collection<SlaSignal> signals) {
        List<SlaSignal> all = new ArrayList<>(signals);
        all.sort(IN_TIME);
        return new Evidence(List.copyOf(all));
    }

    public SlaSignal first() {
        return signals.get(0);
    }

    public SlaSignal last() {
        return signals.get(signals.size() - 1);
    }

    public List<String> ids() {
        return signals.stream().map(s -> s.id).toList();
    }

    public List<String> tickets() {
        LinkedHashSet<String> t = new LinkedHashSet<>();
        signals.forEach(s -> t.add(s.ticketId));
        return List.copyOf(t);
    }

    public ChainAlert alert(String pattern, long detectedAt, String targetRole, String target, String message) {
        List<String> ids = ids();
        return new ChainAlert(
                ChainAlert.idFor(pattern, ids),
                pattern,
                first().clientId,
                tickets(),
                ids,
                first().at,
                detectedAt,
                targetRole,
                target,
                message);
    }
}
