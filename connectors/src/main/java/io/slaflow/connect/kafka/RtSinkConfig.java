package io.slaflow.connect.kafka;

import io.slaflow.connect.apply.EscalationApplier;
import io.slaflow.connect.apply.RoutingApplier;
import io.slaflow.connect.ticketing.ClientRule;
import io.slaflow.connect.ticketing.PriorityTiers;
import io.slaflow.connect.ticketing.StatusRules;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/** The sink connector's configuration (besides Connect's own: topics, errors.*); checked at start. */
public final class RtSinkConfig extends AbstractConfig {
    static final String RAISE_PRIORITY = "escalation.priority";
    static final String ROLE_QUEUES = "escalation.role.queues";
    static final String TIER_FIELD = "routing.tier.field";
    static final String TIER_CUSTOM_FIELD = "routing.tier.customfield";
    static final String TIER_PRIORITIES = "routing.tier.priorities";
    static final String BACKOFF = "retry.backoff.ms";
    static final String BACKOFF_MAX = "retry.backoff.max.ms";
    private static final String GROUP = "Write-back";

    public static final ConfigDef DEF = RtConnectionConfig.define(new ConfigDef())
            .define(
                    RAISE_PRIORITY,
                    ConfigDef.Type.STRING,
                    "",
                    ConfigDef.Importance.MEDIUM,
                    "Raise an escalated ticket's RT priority to at least this value (empty: leave it).",
                    GROUP,
                    1,
                    ConfigDef.Width.SHORT,
                    "Escalation priority")
            .define(
                    ROLE_QUEUES,
                    ConfigDef.Type.STRING,
                    "",
                    ConfigDef.Importance.LOW,
                    "ROLE=QUEUE pairs: where an escalation goes when the client's roster names nobody for its role.",
                    GROUP,
                    2,
                    ConfigDef.Width.LONG,
                    "Role queues")
            .define(
                    TIER_FIELD,
                    ConfigDef.Type.STRING,
                    "priority",
                    ConfigDef.Importance.HIGH,
                    "Where routing shows SLAflow's tier: priority (routing.tier.priorities), customfield "
                            + "(routing.tier.customfield) or none.",
                    GROUP,
                    3,
                    ConfigDef.Width.SHORT,
                    "Tier field")
            .define(
                    TIER_CUSTOM_FIELD,
                    ConfigDef.Type.STRING,
                    "",
                    ConfigDef.Importance.MEDIUM,
                    "The ticket custom field (a free-form or select field applying to the queues) that shows the tier.",
                    GROUP,
                    4,
                    ConfigDef.Width.MEDIUM,
                    "Tier custom field")
            .define(
                    TIER_PRIORITIES,
                    ConfigDef.Type.STRING,
                    "P1:100,P2:50,P3:0",
                    ConfigDef.Importance.MEDIUM,
                    "TIER:PRIORITY pairs: the RT priority that shows each tier (keep them consistent with the source's "
                            + "priority.tiers).",
                    GROUP,
                    5,
                    ConfigDef.Width.MEDIUM,
                    "Tier priorities")
            .define(
                    BACKOFF,
                    ConfigDef.Type.LONG,
                    500L,
                    ConfigDef.Range.between(10, 600_000),
                    ConfigDef.Importance.LOW,
                    "First wait before retrying after RT did not answer; doubles per failure.",
                    GROUP,
                    6,
                    ConfigDef.Width.SHORT,
                    "Retry backoff")
            .define(
                    BACKOFF_MAX,
                    ConfigDef.Type.LONG,
                    30_000L,
                    ConfigDef.Range.between(10, 3_600_000),
                    ConfigDef.Importance.LOW,
                    "Longest wait between retries.",
                    GROUP,
                    7,
                    ConfigDef.Width.SHORT,
                    "Retry backoff max");

    public RtSinkConfig(Map<String, String> props) {
        super(DEF, props);
        escalations();
        routing();
        RtConnectionConfig.credentials(this);
        RtConnectionConfig.url(this);
        if (getLong(BACKOFF) > getLong(BACKOFF_MAX)) {
            throw new ConfigException(BACKOFF + " must not exceed " + BACKOFF_MAX);
        }
    }

    StatusRules statuses() {
        return RtConnectionConfig.statuses(this, Map.of());
    }

    EscalationApplier.Settings escalations() {
        String raise = getString(RAISE_PRIORITY).strip();
        if (!raise.isEmpty() && !raise.matches("-?\\d{1,9}")) {
            throw new ConfigException(
                    RAISE_PRIORITY + "='" + raise + "' is not a whole number (RT priorities are numbers)");
        }
        try {
            return new EscalationApplier.Settings(
                    RtConnectionConfig.ids(this),
                    raise.isEmpty() ? null : raise,
                    ClientRule.parseMap(ROLE_QUEUES, getString(ROLE_QUEUES)));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage());
        }
    }

    RoutingApplier.Settings routing() {
        RoutingApplier.TierField field = switch (getString(TIER_FIELD).strip().toLowerCase(Locale.ROOT)) {
            case "priority" -> RoutingApplier.TierField.PRIORITY;
            case "customfield", "custom-field" -> RoutingApplier.TierField.CUSTOM_FIELD;
            case "none" -> RoutingApplier.TierField.NONE;
            default ->
                throw new ConfigException(
                        TIER_FIELD + "='" + getString(TIER_FIELD) + "': priority, customfield or none");
        };
        String cf = getString(TIER_CUSTOM_FIELD).strip();
        if (field == RoutingApplier.TierField.CUSTOM_FIELD && cf.isEmpty()) {
            throw new ConfigException(
                    TIER_FIELD + "=customfield needs " + TIER_CUSTOM_FIELD + ": the custom field's name");
        }
        try {
            PriorityTiers priorities = PriorityTiers.parse(TIER_PRIORITIES, getString(TIER_PRIORITIES));
            if (field == RoutingApplier.TierField.PRIORITY && priorities.isEmpty()) {
                throw new ConfigException(
                        TIER_FIELD + "=priority needs " + TIER_PRIORITIES + " (e.g. P1:100,P2:50,P3:0)");
            }
            return new RoutingApplier.Settings(RtConnectionConfig.ids(this), field, cf, priorities);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage());
        }
    }
}
