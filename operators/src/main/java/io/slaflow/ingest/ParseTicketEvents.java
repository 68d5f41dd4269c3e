package io.slaflow.ingest;

import io.slaflow.enforce.SlaEnforcer;
import io.slaflow.event.DeadLetter;
import io.slaflow.event.EventType;
import io.slaflow.event.ParseResult;
import io.slaflow.event.RejectReason;
import io.slaflow.event.Rejection;
import io.slaflow.event.TicketEvent;
import io.slaflow.event.TicketEventDeserializer;
import io.slaflow.streams.OutputTags;
import io.slaflow.streams.TicketEventSerializer;
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
 * also refuses events dated beyond the allowed clock skew ({@link ClockSkewCheck}), in a replay events dated outside
 * the span the file covers ({@link EventTimeWindow}), here rather than later so the dead letter still carries the
 * record's exact bytes. Never throws on input, so no record can restart the job. A replay dates its dead letters with
 * its as-of instant (wall-clock time never enters a replay's output); the live job with the wall clock.
 * Its events travel to the enforcer in {@link TicketEventSerializer}'s layout.
 */
public class ParseTicketEvents extends ProcessFunction<RawRecord, TicketEvent>
        implements ResultTypeQueryable<TicketEvent> {
    private static final long serialVersionUID = 1L;

    private final TicketEventDeserializer deserializer;
    private final ClockSkewCheck clockSkew;
    private final SlaWatermarks.WallClock clock;
    private final EventTimeWindow window;
    /** A replay's as-of instant, the date of its dead letters; null in live mode (the wall clock). */
    private final Instant replayRejectedAt;

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
        this.window = null;
        this.replayRejectedAt = null;
    }

    /**
     * A replay's parser: no wall clock at all.
     *
     * @param window events outside it are {@code TIME_OUTLIER} dead letters (null: every time is accepted)
     * @param asOf   the replay's as-of instant, which dates its dead letters
     */
    public static ParseTicketEvents forReplay(int maxPayloadBytes, EventTimeWindow window, long asOf) {
        return new ParseTicketEvents(maxPayloadBytes, window, Instant.ofEpochMilli(asOf));
    }

    private ParseTicketEvents(int maxPayloadBytes, EventTimeWindow window, Instant replayRejectedAt) {
        this.deserializer = new TicketEventDeserializer(maxPayloadBytes);
        this.clockSkew = null;
        this.clock = null;
        this.window = window;
        this.replayRejectedAt = replayRejectedAt;
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
            eventsIn[t.ordinal()] = getRuntimeContext()
                    .getMetricGroup()
                    .addGroup("type", t.name())
                    .counter("slaEventsIn");
        }
    }

    @Override
    public void processElement(RawRecord record, Context ctx, Collector<TicketEvent> out) {
        ParseResult result = deserializer.parse(record.bytes);
        if (result instanceof ParseResult.Accepted accepted) {
            TicketEvent e = accepted.event();
            e.origin = record.origin();
            if (clockSkew != null) {
                long now = clock.now();
                String refusal = clockSkew.refusal(e.occurredAt, now);
                if (refusal != null) {
                    reject(
                            new Rejection(RejectReason.CLOCK_SKEW, refusal, "occurredAt", record.bytes),
                            record,
                            ctx,
                            Instant.ofEpochMilli(now));
                    return;
                }
            }
            if (window != null) {
                String refusal = window.refusal(e.occurredAt);
                if (refusal != null) {
                    reject(
                            new Rejection(RejectReason.TIME_OUTLIER, refusal, "occurredAt", record.bytes),
                            record,
                            ctx,
                            replayRejectedAt);
                    return;
                }
            }
            eventsIn[e.type.ordinal()].inc();
            out.collect(e);
        } else if (result instanceof ParseResult.Rejected r) {
            reject(r.rejection(), record, ctx, replayRejectedAt != null ? replayRejectedAt : Instant.now());
        }
    }

    /**
     * @param at when it was refused ({@code rejectedAt}); the dead letter's own time is the Kafka record's timestamp,
     *           never the record's {@code occurredAt}: here that is missing, unreadable, or what was refused (CLOCK_SKEW
     *           and TIME_OUTLIER: a year-9999 typo would open an index for year 9999)
     */
    private void reject(Rejection rejection, RawRecord record, Context ctx, Instant at) {
        rejected.inc();
        Instant recordTime = record.timestamp >= 0 ? Instant.ofEpochMilli(record.timestamp) : null;
        ctx.output(OutputTags.DEAD_LETTERS, DeadLetter.of(rejection, record.source(), at, recordTime));
    }
}
