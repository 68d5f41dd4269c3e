package io.slaflow.jobs.enforce;

import io.slaflow.streams.OutputTags;

import io.slaflow.enforce.EnforcerSettings;
import io.slaflow.enforce.PolicyVersion;
import io.slaflow.enforce.SlaEnforcer;
import io.slaflow.enforce.SlaEnforcerOperator;
import io.slaflow.enforce.DeadLetterMetrics;
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
     * ({@link SlaEnforcer#ESCALATED_TICKET_EVENTS}), {@code ticketViews} what sla-tickets shows of each ticket
     * ({@link SlaEnforcer#TICKET_VIEWS}), {@code routing} one record per new ticket ({@link SlaEnforcer#ROUTING}).
     */
    public record Outputs(DataStream<SlaAlert> alerts, DataStream<Escalation> escalations,
                          DataStream<OutcomeUpdate> outcomes, DataStream<DeadLetter> deadLetters,
                          DataStream<TicketEvent> events, DataStream<TicketEvent> escalatedTicketEvents,
                          DataStream<TicketView> ticketViews, DataStream<Routing> routing) {}

    public static Outputs build(DataStream<RawRecord> raw, DataStream<PolicyVersion> policyUpdates,
                                PolicyVersion basePolicy, EnforcerSettings settings,
                                WatermarkStrategy<TicketEvent> watermarks, int maxPayloadBytes) {
        return build(raw, policyUpdates, basePolicy, settings, watermarks, maxPayloadBytes, null, null);
    }

    /**
     * @param maxClockSkew   live mode: events dated further ahead of the wall clock are dead letters (null in replay)
     * @param beforeEnforcer an optional step between parsing and the enforcer (failure injection in tests)
     */
    public static Outputs build(DataStream<RawRecord> raw, DataStream<PolicyVersion> policyUpdates,
                                PolicyVersion basePolicy, EnforcerSettings settings,
                                WatermarkStrategy<TicketEvent> watermarks, int maxPayloadBytes,
                                Duration maxClockSkew, MapFunction<TicketEvent, TicketEvent> beforeEnforcer) {
        return build(raw, policyUpdates, basePolicy, settings, watermarks,
                new ParseTicketEvents(maxPayloadBytes, maxClockSkew), beforeEnforcer);
    }

    /** A replay's graph: its parser refuses events outside the file's time window and knows no wall clock. */
    public static Outputs replay(DataStream<RawRecord> raw, DataStream<PolicyVersion> policyUpdates,
                                 PolicyVersion basePolicy, EnforcerSettings settings,
                                 WatermarkStrategy<TicketEvent> watermarks, int maxPayloadBytes, EventTimeWindow window) {
        return build(raw, policyUpdates, basePolicy, settings, watermarks,
                ParseTicketEvents.forReplay(maxPayloadBytes, window, settings.asOfMs()), null);
    }

    private static Outputs build(DataStream<RawRecord> raw, DataStream<PolicyVersion> policyUpdates,
                                 PolicyVersion basePolicy, EnforcerSettings settings,
                                 WatermarkStrategy<TicketEvent> watermarks, ParseTicketEvents parser,
                                 MapFunction<TicketEvent, TicketEvent> beforeEnforcer) {
        SingleOutputStreamOperator<TicketEvent> parsed = raw
                .process(parser).name("parse ticket events").uid("parse-ticket-events")
                // with the input: event time is assigned in input order, before records are spread by ticket
                .setParallelism(raw.getParallelism());
        DataStream<TicketEvent> valid = beforeEnforcer == null ? parsed
                : parsed.map(beforeEnforcer).returns(parsed.getType()).name("injected failure").uid("injected-failure");
        DataStream<TicketEvent> events = watermarks == null ? valid // event time assigned by the source, per partition
                : valid.assignTimestampsAndWatermarks(watermarks).name("event time").uid("event-time");
        // what keyedEvents.connect(policyUpdates.broadcast(POLICIES)).process(enforcer) builds, with our operator
        // subclass: it lets the enforcer cache tickets in front of RocksDB (SlaEnforcerOperator)
        SingleOutputStreamOperator<SlaAlert> enforced = events
                .keyBy(e -> e.ticketId)
                .connect(policyUpdates.broadcast())
                .transform("enforce SLAs", TypeInformation.of(SlaAlert.class),
                        new SlaEnforcerOperator(new SlaEnforcer(basePolicy, settings)))
                .uid("sla-enforcer");
        // dead letters per reason (Prometheus: infra/flink/README.md, "Metrics"), on the few that there are; warnings,
        // breaches and escalations per tier are counted by the enforcer itself
        DataStream<DeadLetter> deadLetters = parsed.getSideOutput(OutputTags.DEAD_LETTERS)
                .union(enforced.getSideOutput(OutputTags.DEAD_LETTERS))
                .map(new DeadLetterMetrics()).name("count dead letters").uid("dead-letter-metrics");
        return new Outputs(enforced, enforced.getSideOutput(OutputTags.ESCALATIONS),
                enforced.getSideOutput(OutputTags.OUTCOMES), deadLetters, events,
                enforced.getSideOutput(OutputTags.ESCALATED_TICKET_EVENTS), enforced.getSideOutput(OutputTags.TICKET_VIEWS),
                enforced.getSideOutput(OutputTags.ROUTING));
    }
}
