package io.slaflow.connect.kafka;

import io.slaflow.connect.apply.EscalationApplier;
import io.slaflow.connect.apply.RoutingApplier;
import io.slaflow.connect.rt.RtClient;
import java.util.Map;

/** {@link TicketCommandSinkTask} on Request Tracker 5. */
public final class RtSinkTask extends TicketCommandSinkTask {

    @Override
    protected Setup setup(Map<String, String> props) {
        RtSinkConfig c = new RtSinkConfig(props);
        RtClient client = RtConnectionConfig.client(c, c.statuses());
        return new Setup(
                new EscalationApplier(client, c.escalations()),
                new RoutingApplier(client, c.routing()),
                c.getLong(RtSinkConfig.BACKOFF),
                c.getLong(RtSinkConfig.BACKOFF_MAX));
    }
}
