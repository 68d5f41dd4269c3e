package io.slaflow.connect.kafka;

import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.source.ExactlyOnceSupport;
import org.apache.kafka.connect.source.SourceConnector;

/**
 * Request Tracker 5 → {@code ticket-events} in SLAflow's contract. One task: RT's transactions are one ordered log,
 * and its position is the task's only state (Connect's source offsets). Configuration: {@link RtSourceConfig}; the
 * module README lists every option.
 */
public final class RtSourceConnector extends SourceConnector {
    private Map<String, String> props;

    @Override
    public void start(Map<String, String> props) {
        new RtSourceConfig(props); // refuse a bad configuration before any task starts
        this.props = Map.copyOf(props);
    }

    @Override
    public Class<? extends Task> taskClass() {
        return RtSourceTask.class;
    }

    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        return List.of(props);
    }

    @Override
    public ExactlyOnceSupport exactlyOnceSupport(Map<String, String> connectorConfig) {
        // offsets are positions in RT's transaction log, written with the records: a restart re-reads from the last
        // committed position and produces the same records again (deterministic ids), so transactions make it exact
        return ExactlyOnceSupport.SUPPORTED;
    }

    @Override
    public void stop() {}

    @Override
    public ConfigDef config() {
        return RtSourceConfig.DEF;
    }

    @Override
    public String version() {
        return Version.get();
    }
}
