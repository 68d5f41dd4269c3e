package io.slaflow.cep;

import java.io.Serializable;
import java.util.List;
import java.util.Map;
import org.apache.flink.cep.pattern.Pattern;

/**
 * One named breach-chain pattern: which signals it looks at, how they are keyed, the CEP pattern (with its
 * {@code within()} bound and after-match skip strategy) and the function that turns a match into a {@link ChainAlert}.
 *
 * <p>Every pattern uses {@code skipPastLastEvent}: once a chain is reported, none of its signals can start or join
 * another match, so one chain yields exactly one alert (the next alert needs a fresh set of signals).
 */
public interface ChainPattern extends Serializable {

    /** Ticket-level patterns are keyed by ticket id, client-level ones by client id. */
    enum Scope {
        TICKET,
        CLIENT
    }

    String name();

    Scope scope();

    /** Signals the pattern can use; the others never reach its CEP operator (smaller buffers). */
    boolean relevant(SlaSignal s);

    Pattern<SlaSignal, ?> pattern();

    /**
     * True when lifecycle signals (responses, assignments, status changes...) matter to this pattern only once the
     * ticket has been escalated: the job then feeds it the lifecycle events of escalated tickets alone, which the
     * enforcer picks out, instead of every event of every ticket.
     */
    default boolean watchesOnlyEscalatedTickets() {
        return false;
    }

    /** The alert for a match (pure: the same match always gives the same alert). */
    ChainAlert alert(Map<String, List<SlaSignal>> match);

    default String keyOf(SlaSignal s) {
        return scope() == Scope.TICKET ? s.ticketId : s.clientId;
    }
}
