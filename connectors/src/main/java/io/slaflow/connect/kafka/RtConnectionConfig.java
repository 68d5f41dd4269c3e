package io.slaflow.connect.kafka;

import io.slaflow.connect.rt.RtClient;
import io.slaflow.connect.rt.RtCredentials;
import io.slaflow.connect.ticketing.StatusRules;
import io.slaflow.connect.ticketing.TicketIds;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/** The settings both RT connectors share: where RT is, how we log in, which instance it is, what its statuses mean. */
final class RtConnectionConfig {
    static final String URL = "rt.url";
    static final String USER = "rt.user";
    static final String PASSWORD_FILE = "rt.password.file";
    static final String TOKEN_FILE = "rt.token.file";
    static final String INSTANCE = "rt.instance";
    static final String TIMEOUT = "rt.timeout.ms";
    static final String SESSION = "rt.session";
    static final String RESOLVED = "status.resolved";
    static final String CLOSED = "status.closed";
    private static final String GROUP = "Request Tracker";

    private RtConnectionConfig() {}

    static ConfigDef define(ConfigDef def) {
        return def.define(
                        URL,
                        ConfigDef.Type.STRING,
                        ConfigDef.NO_DEFAULT_VALUE,
                        ConfigDef.Importance.HIGH,
                        "RT's web address, e.g. https://rt.msp.example (REST2 is under /REST/2.0/).",
                        GROUP,
                        1,
                        ConfigDef.Width.LONG,
                        "RT URL")
                .define(
                        USER,
                        ConfigDef.Type.STRING,
                        ConfigDef.NO_DEFAULT_VALUE,
                        ConfigDef.Importance.HIGH,
                        "The RT user the connector acts as (a privileged user with the rights in the module README). "
                                + "Its own changes are told apart from people's.",
                        GROUP,
                        2,
                        ConfigDef.Width.MEDIUM,
                        "RT user")
                .define(
                        PASSWORD_FILE,
                        ConfigDef.Type.STRING,
                        "",
                        ConfigDef.Importance.HIGH,
                        "File holding rt.user's password (basic auth). Exactly one of rt.password.file and rt.token.file.",
                        GROUP,
                        3,
                        ConfigDef.Width.LONG,
                        "Password file")
                .define(
                        TOKEN_FILE,
                        ConfigDef.Type.STRING,
                        "",
                        ConfigDef.Importance.HIGH,
                        "File holding an RT auth token of rt.user (Settings > Auth Tokens).",
                        GROUP,
                        4,
                        ConfigDef.Width.LONG,
                        "Token file")
                .define(
                        INSTANCE,
                        ConfigDef.Type.STRING,
                        "rt",
                        ConfigDef.Importance.HIGH,
                        "Names this RT in SLAflow's ids: ticket 42 is 'INSTANCE-42', transaction 4711 gives event "
                                + "'INSTANCE:4711'. Give each RT feeding one SLAflow its own; never change it once live.",
                        GROUP,
                        5,
                        ConfigDef.Width.SHORT,
                        "Instance")
                .define(
                        TIMEOUT,
                        ConfigDef.Type.INT,
                        10_000,
                        ConfigDef.Range.between(500, 300_000),
                        ConfigDef.Importance.LOW,
                        "Connect and request timeout of each RT call.",
                        GROUP,
                        6,
                        ConfigDef.Width.SHORT,
                        "Timeout")
                .define(
                        RESOLVED,
                        ConfigDef.Type.LIST,
                        "resolved,rejected",
                        ConfigDef.Importance.MEDIUM,
                        "RT statuses that resolve a ticket (RESOLVED; leaving one is REOPENED).",
                        GROUP,
                        7,
                        ConfigDef.Width.MEDIUM,
                        "Resolved statuses")
                .define(
                        CLOSED,
                        ConfigDef.Type.LIST,
                        "deleted",
                        ConfigDef.Importance.MEDIUM,
                        "RT statuses that close a ticket for good (CLOSED, final in SLAflow).",
                        GROUP,
                        8,
                        ConfigDef.Width.MEDIUM,
                        "Closed statuses")
                .define(
                        SESSION,
                        ConfigDef.Type.BOOLEAN,
                        true,
                        ConfigDef.Importance.LOW,
                        "With rt.password.file: log in to RT's web session once and send its cookie, instead of the "
                                + "password on every REST2 call (RT checks each with bcrypt, most of a call's cost).",
                        GROUP,
                        9,
                        ConfigDef.Width.SHORT,
                        "Web session");
    }

    static TicketIds ids(AbstractConfig c) {
        try {
            return new TicketIds(c.getString(INSTANCE));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(INSTANCE + ": " + e.getMessage());
        }
    }

    static StatusRules statuses(AbstractConfig c, Map<String, String> renames) {
        try {
            return new StatusRules(new HashSet<>(c.getList(RESOLVED)), new HashSet<>(c.getList(CLOSED)), renames);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(RESOLVED + "/" + CLOSED + ": " + e.getMessage());
        }
    }

    static RtCredentials credentials(AbstractConfig c) {
        String password = c.getString(PASSWORD_FILE).strip();
        String token = c.getString(TOKEN_FILE).strip();
        if (password.isEmpty() == token.isEmpty()) {
            throw new ConfigException("give exactly one of " + PASSWORD_FILE + " and " + TOKEN_FILE
                    + ": a file holding rt.user's password or auth token (secrets never go into the configuration)");
        }
        try {
            return password.isEmpty()
                    ? RtCredentials.token(c.getString(USER), Path.of(token))
                    : RtCredentials.basic(c.getString(USER), Path.of(password));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage());
        }
    }

    static URI url(AbstractConfig c) {
        String url = c.getString(URL).strip();
        try {
            URI uri = URI.create(url);
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                throw new IllegalArgumentException("not http(s)://host");
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw new ConfigException(
                    URL + "='" + url + "' is not an http(s):// address of RT (" + e.getMessage() + ")");
        }
    }

    static RtClient client(AbstractConfig c, StatusRules statuses) {
        return new RtClient(
                url(c), credentials(c), Duration.ofMillis(c.getInt(TIMEOUT)), statuses, c.getBoolean(SESSION));
    }
}
