package io.slaflow.es;

import java.io.Serializable;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Where and how {@link EsSink} writes. Immutable and serializable (it travels with the job graph to every task).
 *
 * <p><b>Connection.</b> One or more hosts ({@code http://} or {@code https://}, port required; the REST client spreads
 * requests over them and skips a dead one). Authentication is basic auth ({@link Builder#basicAuth}) or an API key
 * ({@link Builder#apiKey}, the base64 "encoded" form Elasticsearch returns), not both. TLS trusts the system CAs unless a
 * PEM CA certificate ({@link Builder#caCertificate}) or a trust store ({@link Builder#trustStore}) is given.
 * <b>Credentials are never logged</b>: {@link #toString()} names the auth mode only, host URIs must not carry
 * {@code user:password@}, and no log line of the sink prints headers.
 *
 * <p><b>Batching.</b> A bulk request is sent when {@link #maxActions()} documents or {@link #maxBytes()} bytes are
 * buffered, when the oldest buffered document is {@link #flushInterval()} old, and on every checkpoint (and at the end
 * of input), which waits until Elasticsearch acknowledged everything. While the input is being caught up (its
 * watermark more than {@link #catchUpLag()} behind the wall clock) the timed send is held back, so that a document's
 * updates fold in the buffer until it is full or the next checkpoint ({@link CatchUp}).
 *
 * <p><b>Retries.</b> Connection failures, HTTP 429 and 5xx (whole request or single items, and item 409s) are retried
 * with exponential backoff from {@link #initialBackoff()} to {@link #maxBackoff()}, each delay jittered to between
 * half and all of it. They are never dropped: the writer keeps retrying, which back-pressures the job, unless
 * {@link #failAfter()} is set, in which case the job fails after that long without progress (and restarts from its last
 * checkpoint: still nothing lost). Permanent item errors (other 4xx, e.g. {@code mapper_parsing_exception}) go to the
 * dead-letter handler.
 */
public final class EsSinkConfig implements Serializable {

    private static final long serialVersionUID = 1L;

    private final List<String> hosts;
    private final String username;
    private final String password;
    private final String apiKey;
    private final String caCertificatePath;
    private final String trustStorePath;
    private final String trustStorePassword;
    private final int maxActions;
    private final long maxBytes;
    private final Duration flushInterval;
    private final Duration catchUpLag;
    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private final Duration failAfter;
    private final Duration connectTimeout;
    private final Duration socketTimeout;

    private EsSinkConfig(Builder b) {
        this.hosts = List.copyOf(b.hosts);
        this.username = b.username;
        this.password = b.password;
        this.apiKey = b.apiKey;
        this.caCertificatePath = b.caCertificatePath;
        this.trustStorePath = b.trustStorePath;
        this.trustStorePassword = b.trustStorePassword;
        this.maxActions = b.maxActions;
        this.maxBytes = b.maxBytes;
        this.flushInterval = b.flushInterval;
        this.catchUpLag = b.catchUpLag;
        this.initialBackoff = b.initialBackoff;
        this.maxBackoff = b.maxBackoff;
        this.failAfter = b.failAfter;
        this.connectTimeout = b.connectTimeout;
        this.socketTimeout = b.socketTimeout;
    }

    /** Hosts such as {@code http://127.0.0.1:9200} or {@code https://es-1.example.com:9243}. */
    public static Builder builder(String... hosts) {
        return new Builder(List.of(hosts));
    }

    public static Builder builder(List<String> hosts) {
        return new Builder(hosts);
    }

    public List<String> hosts() {
        return hosts;
    }

    /** {@code "basic"}, {@code "api-key"} or {@code "none"}: what may be shown about the credentials. */
    public String authMode() {
        return apiKey != null ? "api-key" : username != null ? "basic" : "none";
    }

    String username() {
        return username;
    }

    String password() {
        return password;
    }

    String apiKey() {
        return apiKey;
    }

    String caCertificatePath() {
        return caCertificatePath;
    }

    String trustStorePath() {
        return trustStorePath;
    }

    String trustStorePassword() {
        return trustStorePassword;
    }

    public int maxActions() {
        return maxActions;
    }

    public long maxBytes() {
        return maxBytes;
    }

    public Duration flushInterval() {
        return flushInterval;
    }

    /** How far the input's watermark may trail the wall clock before the timed send is held back ({@link CatchUp}). */
    public Duration catchUpLag() {
        return catchUpLag;
    }

    public Duration initialBackoff() {
        return initialBackoff;
    }

    public Duration maxBackoff() {
        return maxBackoff;
    }

    /** {@code null}: retry for ever (back-pressure); else fail the job after this long without progress. */
    public Duration failAfter() {
        return failAfter;
    }

    public Duration connectTimeout() {
        return connectTimeout;
    }

    public Duration socketTimeout() {
        return socketTimeout;
    }

    /** Everything but the secrets: usernames, passwords, API keys and trust store passwords never appear. */
    @Override
    public String toString() {
        return "EsSinkConfig{hosts=" + hosts + ", auth=" + authMode()
                + ", tls="
                + (caCertificatePath != null
                        ? "ca " + caCertificatePath
                        : trustStorePath != null ? "trust store " + trustStorePath : "system CAs")
                + ", maxActions=" + maxActions + ", maxBytes=" + maxBytes + ", flushInterval=" + flushInterval
                + ", catchUpLag=" + catchUpLag
                + ", backoff=" + initialBackoff + ".." + maxBackoff + ", failAfter="
                + (failAfter == null ? "never" : failAfter)
                + "}";
    }

    public static final class Builder {
        private final List<String> hosts;
        private String username;
        private String password;
        private String apiKey;
        private String caCertificatePath;
        private String trustStorePath;
        private String trustStorePassword;
        /**
         * Ten thousand, with {@code maxBytes} the usual limit (a few MB per request, as Elasticsearch advises): a large
         * buffer is also where a document's updates between two sends fold into one write ({@link EsBulkWriter}).
         */
        private int maxActions = 10_000;

        private long maxBytes = 5L * 1024 * 1024;
        private Duration flushInterval = Duration.ofSeconds(1);
        /**
         * Ten minutes: well past a live watermark's usual delay (out-of-orderness, an idle partition's timeout) and a
         * backlog's, which trails by hours or days.
         */
        private Duration catchUpLag = Duration.ofMinutes(10);

        private Duration initialBackoff = Duration.ofMillis(100);
        private Duration maxBackoff = Duration.ofSeconds(10);
        private Duration failAfter;
        private Duration connectTimeout = Duration.ofSeconds(2);
        private Duration socketTimeout = Duration.ofSeconds(60);

        private Builder(List<String> hosts) {
            if (hosts == null || hosts.isEmpty()) {
                throw new IllegalArgumentException(
                        "at least one Elasticsearch host is needed, e.g. http://127.0.0.1:9200");
            }
            for (String host : hosts) {
                URI uri;
                try {
                    uri = URI.create(Objects.requireNonNull(host, "host"));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("not a URL: an Elasticsearch host looks like http://HOST:PORT");
                }
                if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
                    throw new IllegalArgumentException(
                            "an Elasticsearch host starts with http:// or https://: " + uri.getHost());
                }
                if (uri.getRawUserInfo() != null) {
                    // not echoed: the user info is the credential we must not print
                    throw new IllegalArgumentException("put credentials in basicAuth()/apiKey(), not in the host URL");
                }
                if (uri.getHost() == null || uri.getPort() < 0) {
                    throw new IllegalArgumentException("an Elasticsearch host needs a host name and a port: " + host);
                }
            }
            this.hosts = List.copyOf(hosts);
        }

        public Builder basicAuth(String username, String password) {
            this.username = Objects.requireNonNull(username, "username");
            this.password = Objects.requireNonNull(password, "password");
            return this;
        }

        /** The API key's base64 "encoded" value ({@code base64(id:api_key)}), sent as {@code Authorization: ApiKey ...}. */
        public Builder apiKey(String encodedApiKey) {
            this.apiKey = Objects.requireNonNull(encodedApiKey, "apiKey");
            return this;
        }

        /** Trust the CA certificate(s) in this PEM file (e.g. Elasticsearch's {@code http_ca.crt}) instead of the system CAs. */
        public Builder caCertificate(String pemPath) {
            this.caCertificatePath = Objects.requireNonNull(pemPath, "pemPath");
            return this;
        }

        /** Trust the certificates in this trust store (PKCS12 or JKS) instead of the system CAs. */
        public Builder trustStore(String path, String password) {
            this.trustStorePath = Objects.requireNonNull(path, "path");
            this.trustStorePassword = password;
            return this;
        }

        public Builder maxActions(int maxActions) {
            if (maxActions < 1) {
                throw new IllegalArgumentException("maxActions must be at least 1: " + maxActions);
            }
            this.maxActions = maxActions;
            return this;
        }

        public Builder maxBytes(long maxBytes) {
            if (maxBytes < 1) {
                throw new IllegalArgumentException("maxBytes must be positive: " + maxBytes);
            }
            this.maxBytes = maxBytes;
            return this;
        }

        public Builder flushInterval(Duration flushInterval) {
            this.flushInterval = positive(flushInterval, "flushInterval");
            return this;
        }

        /** See {@link EsSinkConfig#catchUpLag()}. */
        public Builder catchUpLag(Duration catchUpLag) {
            this.catchUpLag = positive(catchUpLag, "catchUpLag");
            return this;
        }

        public Builder backoff(Duration initial, Duration max) {
            this.initialBackoff = positive(initial, "initial backoff");
            this.maxBackoff = positive(max, "max backoff");
            if (max.compareTo(initial) < 0) {
                throw new IllegalArgumentException("max backoff " + max + " is below the initial backoff " + initial);
            }
            return this;
        }

        /** Fail the job when Elasticsearch made no progress for this long (default: never, keep back-pressuring). */
        public Builder failAfter(Duration failAfter) {
            this.failAfter = failAfter == null ? null : positive(failAfter, "failAfter");
            return this;
        }

        public Builder timeouts(Duration connect, Duration socket) {
            this.connectTimeout = positive(connect, "connect timeout");
            this.socketTimeout = positive(socket, "socket timeout");
            return this;
        }

        public EsSinkConfig build() {
            if (apiKey != null && username != null) {
                throw new IllegalArgumentException("choose basic auth or an API key, not both");
            }
            if (caCertificatePath != null && trustStorePath != null) {
                throw new IllegalArgumentException("choose a CA certificate or a trust store, not both");
            }
            return new EsSinkConfig(this);
        }

        private static Duration positive(Duration d, String what) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(what + " must be positive: " + d);
            }
            return d;
        }
    }
}
