package io.slaflow.connect.kafka;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.sink.SinkConnector;

/**
 * {@code sla-escalations} and {@code sla-routing} → Request Tracker 5: owner changes, explanatory comments, the tier
 * on the ticket and queue routing. Records are keyed by ticket id, so one ticket's commands reach one task in order;
 * several tasks may run. Configuration: {@link RtSinkConfig}; the module README lists every option.
 */
public final class RtSinkConnector extends SinkConnector {
    private Map<String, String> props;

    @Override
    public void start(Map<String, String> props) {
        new RtSinkConfig(props);
        this.props = Map.copyOf(props);
    }

    @Override
    public Class<? extends Task> taskClass() {
        return RtSinkTask.class;
    }

    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        List<Map<String, String>> configs = new ArrayList<>();
        for (int i = 0; i < maxTasks; i++) configs.add(props);
        return configs;
    }

    @Override
    public void stop() {}

    @Override
    public ConfigDef config() {
        return RtSinkConfig.DEF;
    }

    @Override
    public String version() {
        return Version.get();
    }
}
