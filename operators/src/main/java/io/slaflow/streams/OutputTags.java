package io.slaflow.streams;

import io.slaflow.event.DeadLetter;
import io.slaflow.event.TicketEvent;
import io.slaflow.sla.Escalation;
import io.slaflow.sla.OutcomeUpdate;
import io.slaflow.sla.Routing;
import io.slaflow.sla.TicketView;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.util.OutputTag;

/**
 * Every side output of the job, in one place: the parser and the enforcer both write dead letters, and the job graphs
 * read what the enforcer writes, so the tags sit below all of them (the parser no longer reaches into the enforcer for
 * a tag; {@code ArchitectureTest} holds that arrow).
 */
public final class OutputTags {
    private OutputTags() {}

    public static final OutputTag<Escalation> ESCALATIONS =
            new OutputTag<>("escalations", TypeInformation.of(Escalation.class));
    public static final OutputTag<OutcomeUpdate> OUTCOMES = new OutputTag<>("outcomes", OutcomeUpdateSerializer.TYPE);
    /** Refused input, from the parser (bytes it cannot read) and from the enforcer (events it cannot apply). */
    public static final OutputTag<DeadLetter> DEAD_LETTERS =
            new OutputTag<>("dead-letters", TypeInformation.of(DeadLetter.class));
    /**
     * One record per new ticket: the tier its CREATED was classified into and where the policy routes it
     * ({@link Routing#ofNewTicket}), for the ticketing system to show. Nothing else on the hot path emits it.
     */
    public static final OutputTag<Routing> ROUTING = new OutputTag<>("routing", TypeInformation.of(Routing.class));
    /**
     * The events the enforcer applied to a ticket that had been escalated at least once by the time the event was
     * settled. Chain patterns that watch what happens after an escalation need no other lifecycle events, and these are
     * a small share of all (the escalation-ignored pattern fed every event was a large part of the job's CPU).
     */
    public static final OutputTag<TicketEvent> ESCALATED_TICKET_EVENTS =
            new OutputTag<>("escalated-ticket-events", TypeInformation.of(TicketEvent.class));
    /**
     * What {@code sla-tickets} shows of a ticket ({@link TicketView}), after every event or wake-up that changed it:
     * at most one per event, built from the state already in hand.
     */
    public static final OutputTag<TicketView> TICKET_VIEWS = new OutputTag<>("ticket-views", TicketViewSerializer.TYPE);
}
