package io.slaflow.ingest;

import io.slaflow.enforce.SlaEnforcer;
import io.slaflow.enforce.SlaWatermarks;
import io.slaflow.event.DeadLetter;
import io.slaflow.event.EventType;
import io.slaflow.event.ParseResult;
import io.slaflow.event.RejectReason;
import io.slaflow.event.Rejection;
import io.slaflow.event.TicketEvent;
import io.slaflow.event.TicketEventDeserializer;
import io.slaflow.event.TicketEventSerializer;
import java.time.Duration;
import java.time.Instant;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Validates raw input against the event contract: valid events go on, every refused record goes to
 * {@link SlaEnforcer#DEAD_LETTERS} with its reason, its original bytes and its source position. In live mode it
 * also refuses events dated beyond the allowed clock skew ({@link ClockSkewCheck}), here rather than later so the
 * dead letter still carries the record's exact bytes. Never throws on input, so no record can restart the job.
 * Its events travel to the enforcer in {@link TicketEventSerializer}'s layout.
 */
public class ParseTicketEvents extends ProcessFunction<RawRecord, TicketEvent> implements ResultTypeQueryable<TicketEvent> {
    private static final long serialVersionUID = 1L;

    private final TicketEventDeserializer deserializer;
    private final ClockSkewCheck clockSkew;
    private final SlaWatermarks.WallClock clock;
    private transient Counter rejected;
    /** Valid events in, by type: {@code slaEventsIn{type="CREATED"}}, indexed by the type's ordinal (no lookup by name). */
    private transient Counter[] eventsIn;

    public ParseTicketEvents(int maxPayloadBytes) {
        this(maxPayloadBytes, null);
    }

    /** @param maxClockSkew null in replay (no wall clock to compare with) */
    public ParseTicketEvents(int maxPayloadBytes, Duration maxClockSkew) {
        this(maxPayloadBytes, maxClockSkew, System::currentTimeMillis);
    }

    ParseTicketEvents(int maxPayloadBytes, Duration maxClockSkew, SlaWatermarks.WallClock clock) {
        this.deserializer = new TicketEventDeserializer(maxPayloadBytes);
        this.clockSkew = maxClockSkew == null ? null : new ClockSkewCheck(maxClockSkew);
        this.clock = clock;
    }

    @Override
    public TypeInformation<TicketEvent> getProducedType() {
        return TicketEventSerializer.TYPE;
    }

    @Override
    public void open(OpenContext openContext) {
        rejected = getRuntimeContext().getMetricGroup().counter("slaRejectedRecords");
        EventType[] types = EventType.values();
        eventsIn = new Counter[types.length];
        for (EventType t : types) {
            eventsIn[t.ordinal()] = getRuntimeContext().getMetricGroup().addGroup("type", t.name()).counter("slaEventsIn");
        }
    }

    @Override
    public void processElement(RawRecord record, Context ctx, Collector<TicketEvent> out) {
        ParseResult result = deserializer.parse(record.bytes);
        if (result instanceof ParseResult.Accepted accepted) {
            TicketEvent e = accepted.event();
            if (clockSkew != null) {
                long now = clock.now();
                String refusal = clockSkew.refusal(e.occurredAt, now);
                if (refusal != null) {
                    reject(new Rejection(RejectReason.CLOCK_SKEW, refusal, "occurredAt", record.bytes), record, ctx, Instant.ofEpochMilli(now));
                    return;
                }
            }
            eventsIn[e.type.ordinal()].inc();
            out.collect(e);
        } else if (result instanceof ParseResult.Rejected r) {
            reject(r.rejection(), record, ctx, Instant.now());
        }
    }

    private void reject(Rejection rejection, RawRecord record, Context ctx, Instant at) {
        rejected.inc();
        ctx.output(SlaEnforcer.DEAD_LETTERS, DeadLetter.of(rejection, record.source(), at));
    }
}
