package io.slaflow.connect.kafka;

import io.slaflow.connect.rt.RtEventMapper;
import io.slaflow.connect.ticketing.ClientRule;
import io.slaflow.connect.ticketing.PriorityTiers;
import io.slaflow.connect.ticketing.StatusRules;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/** The source connector's configuration; every problem is found at start, with the option's name. */
public final class RtSourceConfig extends AbstractConfig {
    static final String TOPIC = "topic";
    static final String POLL_INTERVAL = "poll.interval.ms";
    static final String BATCH = "batch.size";
    static final String START = "start.transaction";
    static final String CLIENT_FROM = "client.from";
    static final String CLIENT_FIELD = "client.customfield";
    static final String CLIENT_MAP = "client.map";
    static final String CLIENT_FALLBACK = "client.fallback";
    static final String PRIORITY_TIERS = "priority.tiers";
    static final String STATUS_RENAME = "status.rename";
    static final String DESCRIPTION = "description";
    static final String SLAFLOW_USER = "slaflow.user";
    static final String BACKOFF = "retry.backoff.ms";
    static final String BACKOFF_MAX = "retry.backoff.max.ms";
    private static final String GROUP = "Events";

    public static final ConfigDef DEF = RtConnectionConfig.define(new ConfigDef())
            .define(
                    TOPIC,
                    ConfigDef.Type.STRING,
                    "ticket-events",
                    ConfigDef.Importance.HIGH,
                    "Topic the contract events go to.",
                    GROUP,
                    1,
                    ConfigDef.Width.MEDIUM,
                    "Topic")
            .define(
                    POLL_INTERVAL,
                    ConfigDef.Type.LONG,
                    1000L,
                    ConfigDef.Range.between(100, 3_600_000),
                    ConfigDef.Importance.MEDIUM,
                    "Wait between polls of RT when it has nothing new.",
                    GROUP,
                    2,
                    ConfigDef.Width.SHORT,
                    "Poll interval")
            .define(
                    BATCH,
                    ConfigDef.Type.INT,
                    100,
                    ConfigDef.Range.between(1, 100),
                    ConfigDef.Importance.LOW,
                    "Transactions read per REST2 call (REST2 pages hold at most 100).",
                    GROUP,
                    3,
                    ConfigDef.Width.SHORT,
                    "Batch size")
            .define(
                    START,
                    ConfigDef.Type.STRING,
                    "earliest",
                    ConfigDef.Importance.MEDIUM,
                    "Where a connector without stored offsets starts: 'earliest' (all of RT's history), 'latest' "
                            + "(only what happens from now on) or a transaction id (start after it).",
                    GROUP,
                    4,
                    ConfigDef.Width.SHORT,
                    "Start")
            .define(
                    CLIENT_FROM,
                    ConfigDef.Type.STRING,
                    "queue",
                    ConfigDef.Importance.HIGH,
                    "Which field says the client: queue, customfield (client.customfield names it) or "
                            + "requestor-domain (the first requestor's e-mail domain).",
                    GROUP,
                    5,
                    ConfigDef.Width.SHORT,
                    "Client from")
            .define(
                    CLIENT_FIELD,
                    ConfigDef.Type.STRING,
                    "",
                    ConfigDef.Importance.MEDIUM,
                    "The custom field holding the client, for client.from=customfield.",
                    GROUP,
                    6,
                    ConfigDef.Width.MEDIUM,
                    "Client custom field")
            .define(
                    CLIENT_MAP,
                    ConfigDef.Type.STRING,
                    "",
                    ConfigDef.Importance.MEDIUM,
                    "VALUE=CLIENT pairs, comma-separated (e.g. 'ACME Support=acme,globex.example=globex'); a value "
                            + "not listed is the client id itself.",
                    GROUP,
                    7,
                    ConfigDef.Width.LONG,
                    "Client map")
            .define(
                    CLIENT_FALLBACK,
                    ConfigDef.Type.STRING,
                    "unknown",
                    ConfigDef.Importance.LOW,
                    "Client of a ticket whose client field is empty (the policy's default profile applies to it).",
                    GROUP,
                    8,
                    ConfigDef.Width.SHORT,
                    "Fallback client")
            .define(
                    PRIORITY_TIERS,
                    ConfigDef.Type.STRING,
                    "P1:100,P2:50",
                    ConfigDef.Importance.HIGH,
                    "TIER:MIN pairs: an RT priority at or above MIN is that tier. Below every MIN the event carries no "
                            + "priority and the policy's classification decides. Empty: RT priorities never set a tier.",
                    GROUP,
                    9,
                    ConfigDef.Width.MEDIUM,
                    "Priority tiers")
            .define(
                    STATUS_RENAME,
                    ConfigDef.Type.STRING,
                    "",
                    ConfigDef.Importance.MEDIUM,
                    "RT=CONTRACT status renames (e.g. 'stalled=waiting-on-customer'), so the policy's pause statuses "
                            + "apply to RT's names.",
                    GROUP,
                    10,
                    ConfigDef.Width.MEDIUM,
                    "Status renames")
            .define(
                    DESCRIPTION,
                    ConfigDef.Type.BOOLEAN,
                    true,
                    ConfigDef.Importance.LOW,
                    "Send the create message's text as the description (keyword classification reads it): one more "
                            + "REST2 call per new ticket.",
                    GROUP,
                    11,
                    ConfigDef.Width.SHORT,
                    "Description")
            .define(
                    SLAFLOW_USER,
                    ConfigDef.Type.STRING,
                    "",
                    ConfigDef.Importance.MEDIUM,
                    "The RT user the SLAflow sink writes as (default rt.user): its priority changes show SLAflow's own "
                            + "tier and are not fed back as PRIORITY_CHANGED.",
                    GROUP,
                    12,
                    ConfigDef.Width.MEDIUM,
                    "SLAflow user")
            .define(
                    BACKOFF,
                    ConfigDef.Type.LONG,
                    250L,
                    ConfigDef.Range.between(10, 600_000),
                    ConfigDef.Importance.LOW,
                    "First wait before polling again after RT did not answer; doubles per failure.",
                    GROUP,
                    13,
                    ConfigDef.Width.SHORT,
                    "Retry backoff")
            .define(
                    BACKOFF_MAX,
                    ConfigDef.Type.LONG,
                    30_000L,
                    ConfigDef.Range.between(10, 3_600_000),
                    ConfigDef.Importance.LOW,
                    "Longest wait between polls while RT does not answer: how late, at most, "
                            + "events arrive after RT is back.",
                    GROUP,
                    14,
                    ConfigDef.Width.SHORT,
                    "Retry backoff max");

    public RtSourceConfig(Map<String, String> props) {
        super(DEF, props);
        mapping(); // refuse a bad mapping at start, not at the first ticket
        RtConnectionConfig.credentials(this);
        RtConnectionConfig.url(this);
        startPosition(0);
    }

    StatusRules statuses() {
        try {
            return RtConnectionConfig.statuses(this, StatusRules.parseRenames(STATUS_RENAME, getString(STATUS_RENAME)));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage());
        }
    }

    RtEventMapper.Settings mapping() {
        try {
            ClientRule clients = new ClientRule(
                    ClientRule.parseFrom(CLIENT_FROM, getString(CLIENT_FROM)),
                    getString(CLIENT_FIELD).strip(),
                    ClientRule.parseMap(CLIENT_MAP, getString(CLIENT_MAP)),
                    getString(CLIENT_FALLBACK));
            PriorityTiers tiers = PriorityTiers.parse(PRIORITY_TIERS, getString(PRIORITY_TIERS));
            return new RtEventMapper.Settings(
                    RtConnectionConfig.ids(this), clients, tiers, statuses(), slaflowUser(), getBoolean(DESCRIPTION));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage());
        }
    }

    String slaflowUser() {
        String u = getString(SLAFLOW_USER).strip();
        return u.isEmpty() ? getString(RtConnectionConfig.USER) : u;
    }

    /** The first position without stored offsets: 0 for earliest, {@code latest} as given, or the configured id. */
    long startPosition(long latest) {
        String s = getString(START).strip().toLowerCase(java.util.Locale.ROOT);
        if (s.equals("earliest")) return 0;
        if (s.equals("latest")) return latest;
        try {
            long id = Long.parseLong(s);
            if (id < 0) throw new NumberFormatException();
            return id;
        } catch (NumberFormatException e) {
            throw new ConfigException(START + "='" + getString(START) + "': earliest, latest or a transaction id");
        }
    }

    boolean startsAtLatest() {
        return getString(START).strip().equalsIgnoreCase("latest");
    }
}
