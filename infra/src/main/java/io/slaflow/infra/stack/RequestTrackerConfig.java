package io.slaflow.infra.stack;

import java.nio.file.Path;

/** The site configuration of one {@link RequestTracker} instance (RT reads it after the package's own). */
final class RequestTrackerConfig {

    private RequestTrackerConfig() {}

    /**
     * A complete database and web setting of its own, so the instance depends on nothing the package's debconf files
     * say: its SQLite copy, 127.0.0.1 and its port, logs on stderr (the console log), and outgoing mail discarded
     * (RT would otherwise try to mail every requestor through a sendmail this machine does not have).
     */
    static String siteConfig(Path database, int port) {
        String url = "http://127.0.0.1:" + port;
        return """
                # Written by SLAflow's RequestTracker for this instance; rewritten on every first start.
                Set($DatabaseType, 'SQLite');
                Set($DatabaseName, '%s');
                Set($rtname, 'slaflow-rt');
                Set($Organization, 'slaflow.local');
                Set($Timezone, 'UTC');
                Set($WebPath, '');
                Set($WebDomain, '127.0.0.1');
                Set($WebPort, %d);
                Set($WebBaseURL, '%s');
                # the web UI opened as localhost:PORT is the same server: not a cross-site request
                Set(@ReferrerWhitelist, qw(localhost:%d 127.0.0.1:%d));
                Set($LogToSyslog, undef);
                Set($LogToFile, undef);
                Set($LogToSTDERR, 'warning');
                Set($MailCommand, sub { return 1 });
                1;
                """.formatted(perlSingleQuoted(database.toString()), port, url, port, port);
    }

    /** A path inside Perl single quotes: only backslash and quote are special there. */
    static String perlSingleQuoted(String text) {
        return text.replace("\\", "\\\\").replace("'", "\\'");
    }
}
