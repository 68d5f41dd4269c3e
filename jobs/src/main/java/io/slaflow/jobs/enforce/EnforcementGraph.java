package io.slaflow.jobs.enforce;

import io.slaflow.enforce.DeadLetterMetrics;
import io.slaflow.enforce.EnforcerSettings;
import io.slaflow.enforce.PolicyVersion;
import io.slaflow.enforce.SlaEnforcer;
import io.slaflow.enforce.SlaEnforcerOperator;
import io.slaflow.event.DeadLetter;
import io.slaflow.event.TicketEvent;
import io.slaflow.ingest.EventTimeWindow;
import io.slaflow.ingest.ParseTicketEvents;
import io.slaflow.ingest.RawRecord;
import io.slaflow.sla.Escalation;
import io.slaflow.sla.OutcomeUpdate;
import io.slaflow.sla.Routing;
import io.slaflow.sla.SlaAlert;
import io.slaflow.sla.TicketView;
import io.slaflow.streams.OutputTags;
import java.time.Duration;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

/**
 * The Enforce layer as a graph over streams passed in, so the Kafka job, replay, the demo and tests share it:
 * raw records → contract parsing (dead letters) → watermarks → keyed by ticket, connected to the broadcast
 * policy versions → {@link SlaEnforcer}.
 */
public final class EnforcementGraph {
    private EnforcementGraph() {}

    /**
     * What the Enforce layer produces. {@code deadLetters} holds parse rejections and enforcer rejections;
     * {@code events} every valid event, {@code escalatedTicketEvents} those of tickets already escalated
     * ({@link OutputTags#ESCALATED_TICKET_EVENTS}), {@code ticketViews} what sla-tickets shows of each ticket
     * ({@link OutputTags#TICKET_VIEWS}), {@code routing} one record per new ticket ({@link OutputTags#ROUTING}).
     */
    public record Outputs(
            DataStream<SlaAlert> alerts,
            DataStream<Escalation> escalations,
            DataStream<OutcomeUpdate> outcomes,
            DataStream<DeadLetter> deadLetters,
            DataStream<TicketEvent> events,
            DataStream<TicketEvent> escalatedTicketEvents,
            DataStream<TicketView> ticketViews,
            DataStream<Routing> routing) {}

    public static Outputs build(
            DataStream<RawRecord> raw,
            DataStream<PolicyVersion> policyUpdates,
            PolicyVersion basePolicy,
            EnforcerSettings settings,
            WatermarkStrategy<TicketEvent> watermarks,
            int maxPayloadBytes) {
        return build(raw, policyUpdates, basePolicy, settings, watermarks, maxPayloadBytes, null, null);
    }

    /**
     * @param maxClockSkew   live mode: events dated further ahead of the wall clock are dead letters (null in replay)
     * @param beforeEnforcer an optional step between parsing and the enforcer (failure injection in tests)
     */
    public static Outputs build(
            DataStream<RawRecord> raw,
            DataStream<PolicyVersion> policyUpdates,
            PolicyVersion basePolicy,
            EnforcerSettings settings,
            WatermarkStrategy<TicketEvent> watermarks,
            int maxPayloadBytes,
            Duration maxClockSkew,
            MapFunction<TicketEvent, TicketEvent> beforeEnforcer) {
        return build(
                raw,
                policyUpdates,
                basePolicy,
                settings,
                watermarks,
                new ParseTicketEvents(maxPayloadBytes, maxClockSkew),
                beforeEnforcer);
    }

    /** A replay's graph: its parser refuses events outside the file's time window and knows no wall clock. */
    public static Outputs replay(
            DataStream<RawRecord> raw,
            DataStream<PolicyVersion> policyUpdates,
            PolicyVersion basePolicy,
            EnforcerSettings settings,
            WatermarkStrategy<TicketEvent> watermarks,
            int maxPayloadBytes,
            EventTimeWindow window) {
        return build(
                raw,
                policyUpdates,
                basePolicy,
                settings,
                watermarks,
                ParseTicketEvents.forReplay(maxPayloadBytes, window, settings.asOfMs()),
                null);
    }

    private static Outputs build(
            DataStream<RawRecord> raw,
            DataStream<PolicyVersion> policyUpdates,
            PolicyVersion basePolicy,
            EnforcerSettings settings,
            WatermarkStrategy<TicketEvent> watermarks,
            ParseTicketEvents parser,
            MapFunction<TicketEvent, TicketEvent> beforeEnforcer) {
        Parsed parsed = parse(raw, watermarks, parser, beforeEnforcer);
        Enforced enforced =
                enforce(parsed.events(), policyUpdates, basePolicy, settings, "enforce SLAs", "sla-enforcer");
        // dead letters per reason (Prometheus: infra/flink/README.md, "Metrics"), on the few that there are; warnings,
        // breaches and escalations per tier are counted by the enforcer itself
        DataStream<DeadLetter> deadLetters = parsed.deadLetters()
                .union(enforced.deadLetters())
                .map(new DeadLetterMetrics())
                .name("count dead letters")
                .uid("dead-letter-metrics");
        return new Outputs(
                enforced.alerts(),
                enforced.escalations(),
                enforced.outcomes(),
                deadLetters,
                parsed.events(),
                enforced.escalatedTicketEvents(),
                enforced.ticketViews(),
                enforced.routing());
    }

    /** The valid events in event time, and the records the contract refused. */
    public record Parsed(DataStream<TicketEvent> events, DataStream<DeadLetter> deadLetters) {}

    /** What one enforcer produces ({@link Outputs} without the parse's share). */
    public record Enforced(
            DataStream<SlaAlert> alerts,
            DataStream<Escalation> escalations,
            DataStream<OutcomeUpdate> outcomes,
            DataStream<DeadLetter> deadLetters,
            DataStream<TicketEvent> escalatedTicketEvents,
            DataStream<TicketView> ticketViews,
            DataStream<Routing> routing) {}

    /** A replay's parse (replay's parser, {@link #replay}) for a job that runs several enforcers over it. */
    public static Parsed parseForReplay(
            DataStream<RawRecord> raw,
            WatermarkStrategy<TicketEvent> watermarks,
            int maxPayloadBytes,
            EventTimeWindow window,
            long asOfMs) {
        return parse(raw, watermarks, ParseTicketEvents.forReplay(maxPayloadBytes, window, asOfMs), null);
    }

    /** Contract parsing (dead letters) and event time, in input order, before records are spread by ticket. */
    private static Parsed parse(
            DataStream<RawRecord> raw,
            WatermarkStrategy<TicketEvent> watermarks,
            ParseTicketEvents parser,
            MapFunction<TicketEvent, TicketEvent> beforeEnforcer) {
        SingleOutputStreamOperator<TicketEvent> parsed = raw.process(parser)
                .name("parse ticket events")
                .uid("parse-ticket-events")
                // with the input: event time is assigned in input order, before records are spread by ticket
                .setParallelism(raw.getParallelism());
        DataStream<TicketEvent> valid = beforeEnforcer == null
                ? parsed
                : parsed.map(beforeEnforcer)
                        .returns(parsed.getType())
                        .name("injected failure")
                        .uid("injected-failure");
        DataStream<TicketEvent> events = watermarks == null
                ? valid // event time assigned by the source, per partition
                : valid.assignTimestampsAndWatermarks(watermarks)
                        .name("event time")
                        .uid("event-time");
        return new Parsed(events, parsed.getSideOutput(OutputTags.DEAD_LETTERS));
    }

    /**
     * The enforcer over events already parsed and in event time: keyed by ticket, connected to the broadcast policy
     * versions. A job that runs several policies over one parse (the contract simulator) calls it once per policy,
     * each with its own {@code uid}.
     */
    public static Enforced enforce(
            DataStream<TicketEvent> events,
            DataStream<PolicyVersion> policyUpdates,
            PolicyVersion basePolicy,
            EnforcerSettings settings,
            String name,
            String uid) {
        // what keyedEvents.connect(policyUpdates.broadcast(POLICIES)).process(enforcer) builds, with our operator
        // subclass: it lets the enforcer cache tickets in front of RocksDB (SlaEnforcerOperator)
        SingleOutputStreamOperator<SlaAlert> enforced = events.keyBy(e -> e.ticketId)
                .connect(policyUpdates.broadcast())
                .transform(
                        name,
                        TypeInformation.of(SlaAlert.class),
                        new SlaEnforcerOperator(new SlaEnforcer(basePolicy, settings)))
                .uid(uid);
        return new Enforced(
                enforced,
                enforced.getSideOutput(OutputTags.ESCALATIONS),
                enforced.getSideOutput(OutputTags.OUTCOMES),
                enforced.getSideOutput(OutputTags.DEAD_LETTERS),
                enforced.getSideOutput(OutputTags.ESCALATED_TICKET_EVENTS),
                enforced.getSideOutput(OutputTags.TICKET_VIEWS),
                enforced.getSideOutput(OutputTags.ROUTING));
    }
}
