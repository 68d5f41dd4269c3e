package io.slaflow.ingest;

import io.slaflow.enforce.SlaEnforcer;
import io.slaflow.event.DeadLetter;
import io.slaflow.event.ParseResult;
import io.slaflow.event.TicketEvent;
import io.slaflow.event.TicketEventDeserializer;
import java.time.Instant;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Validates raw input against the event contract: valid events go on, every refused record goes to
 * {@link SlaEnforcer#DEAD_LETTERS} with its reason, its original bytes and its source position. Never throws on
 * input, so no record can restart the job.
 */
public class ParseTicketEvents extends ProcessFunction<RawRecord, TicketEvent> {
    private static final long serialVersionUID = 1L;

    private final TicketEventDeserializer deserializer;
    private transient Counter rejected;

    public ParseTicketEvents(int maxPayloadBytes) {
        this.deserializer = new TicketEventDeserializer(maxPayloadBytes);
    }

    @Override
    public void open(OpenContext openContext) {
        rejected = getRuntimeContext().getMetricGroup().counter("slaRejectedRecords");
    }

    @Override
    public void processElement(RawRecord record, Context ctx, Collector<TicketEvent> out) {
        ParseResult result = deserializer.parse(record.bytes);
        if (result instanceof ParseResult.Accepted accepted) {
            out.collect(accepted.event());
        } else if (result instanceof ParseResult.Rejected r) {
            rejected.inc();
            ctx.output(SlaEnforcer.DEAD_LETTERS, DeadLetter.of(r.rejection(), record.source(), Instant.now()));
        }
    }
}
