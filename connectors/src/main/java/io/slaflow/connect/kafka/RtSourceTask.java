package io.slaflow.connect.kafka;

import io.slaflow.connect.rt.RtClient;
import io.slaflow.connect.rt.RtFeed;
import java.util.Map;

/** {@link TicketFeedSourceTask} on Request Tracker 5. */
public final class RtSourceTask extends TicketFeedSourceTask {

    @Override
    protected Setup setup(Map<String, String> props) {
        RtSourceConfig c = new RtSourceConfig(props);
        RtClient client = RtConnectionConfig.client(c, c.statuses());
        long start = c.startsAtLatest() ? RtStart.latestTransaction(client) : c.startPosition(0);
        RtFeed feed = new RtFeed(client, c.mapping());
        return new Setup(
                feed,
                Map.of("rt", c.getString(RtConnectionConfig.INSTANCE)),
                c.getString(RtSourceConfig.TOPIC),
                c.getLong(RtSourceConfig.POLL_INTERVAL),
                c.getInt(RtSourceConfig.BATCH),
                start,
                c.getLong(RtSourceConfig.BACKOFF),
                Math.max(c.getLong(RtSourceConfig.BACKOFF), c.getLong(RtSourceConfig.BACKOFF_MAX)));
    }
}
