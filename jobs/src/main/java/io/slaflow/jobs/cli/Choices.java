package io.slaflow.jobs.cli;

import io.slaflow.jobs.report.SmtpSettings;
import java.util.Locale;

/**
 * The closed sets of the command line, as enums so that picocli refuses a typo ({@code --state-backend rocksdbx})
 * with the values it accepts instead of quietly falling back to one of them. Each prints (and is matched, ignoring
 * case) as it is written on the command line: lower case, words joined by dashes.
 */
final class Choices {
    private Choices() {}

    private static String spelled(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** {@code --delivery}: how the Kafka sinks write. */
    enum Delivery {
        EXACTLY_ONCE,
        AT_LEAST_ONCE;

        @Override
        public String toString() {
            return spelled(this);
        }
    }

    /** {@code --state-backend}. */
    enum StateBackend {
        ROCKSDB,
        HASHMAP;

        @Override
        public String toString() {
            return spelled(this);
        }
    }

    /** {@code --from}: where the event source starts when the group has no committed offsets. */
    enum StartingOffsets {
        EARLIEST,
        LATEST;

        @Override
        public String toString() {
            return spelled(this);
        }
    }

    /** {@code --smtp-security}. */
    enum SmtpSecurity {
        STARTTLS(SmtpSettings.Security.STARTTLS, 587),
        TLS(SmtpSettings.Security.TLS, 465),
        NONE(SmtpSettings.Security.NONE, 25);

        final SmtpSettings.Security security;
        final int defaultPort;

        SmtpSecurity(SmtpSettings.Security security, int defaultPort) {
            this.security = security;
            this.defaultPort = defaultPort;
        }

        @Override
        public String toString() {
            return spelled(this);
        }
    }

    /** {@code demo --ticketing}: the product on generated history, or the loop with a real ticketing system. */
    enum Ticketing {
        NONE,
        RT;

        @Override
        public String toString() {
            return spelled(this);
        }
    }
}
