package io.slaflow.cep;

import java.util.Comparator;
import org.apache.flink.cep.EventComparator;

/**
 * The order in which a chain pattern sees signals of the same instant. CEP sorts its input by event time; signals
 * with equal timestamps (breaches of several tickets due at the same business-day opening, a ticket's response and
 * resolution deadlines together, an event and an alert at the same millisecond) would otherwise be taken in arrival
 * order, which depends on how the upstream subtasks interleave: a failure-free run, a run recovered from a checkpoint
 * and a replay could then match different signals and publish chain alerts with different ids. This order depends
 * on the signals only: Enforce outputs before lifecycle events ({@link SlaSignal.Kind} order: warning, breach,
 * escalation, then what people did), then by ticket, then by id.
 */
public final class SignalOrder implements EventComparator<SlaSignal> {
    private static final long serialVersionUID = 1L;
    private static final Comparator<SlaSignal> ORDER = Comparator.comparing(
                    (SlaSignal s) -> s.kind, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(s -> s.ticketId, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(s -> s.id, Comparator.nullsLast(Comparator.naturalOrder()));

    @Override
    public int compare(SlaSignal a, SlaSignal b) {
        return ORDER.compare(a, b);
    }
}
