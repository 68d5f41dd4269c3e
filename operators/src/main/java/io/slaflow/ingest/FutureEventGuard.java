package io.slaflow.ingest;

import io.slaflow.enforce.SlaEnforcer;
import io.slaflow.enforce.SlaWatermarks;
import io.slaflow.event.DeadLetter;
import io.slaflow.event.RejectReason;
import io.slaflow.event.Rejection;
import io.slaflow.event.TicketEvent;
import io.slaflow.event.TicketEventJson;
import java.time.Duration;
import java.time.Instant;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Live mode only: an event dated further in the future than the allowed clock skew is a dead letter
 * ({@code CLOCK_SKEW}) instead of reaching the watermark. One event from a producer whose clock says 2030 would
 * otherwise move event time years ahead and breach every open ticket at once.
 */
public class FutureEventGuard extends ProcessFunction<TicketEvent, TicketEvent> {
    private static final long serialVersionUID = 1L;
    private final long maxSkewMs;
    private final SlaWatermarks.WallClock clock;

    public FutureEventGuard(Duration maxSkew) {
        this(maxSkew, System::currentTimeMillis);
    }

    FutureEventGuard(Duration maxSkew, SlaWatermarks.WallClock clock) {
        this.maxSkewMs = maxSkew.toMillis();
        this.clock = clock;
    }

    @Override
    public void processElement(TicketEvent e, Context ctx, Collector<TicketEvent> out) {
        long now = clock.now();
        if (e.occurredAt - now <= maxSkewMs) {
            out.collect(e);
            return;
        }
        String message = "occurredAt " + Instant.ofEpochMilli(e.occurredAt) + " is " + Duration.ofMillis(e.occurredAt - now)
                + " ahead of this job's clock (" + Instant.ofEpochMilli(now) + "; allowed skew "
                + Duration.ofMillis(maxSkewMs) + "): check the producer's clock (NTP) or raise --max-clock-skew";
        ctx.output(SlaEnforcer.DEAD_LETTERS, DeadLetter.of(
                new Rejection(RejectReason.CLOCK_SKEW, message, "occurredAt", TicketEventJson.toJsonBytes(e)), null, Instant.ofEpochMilli(now)));
    }
}
