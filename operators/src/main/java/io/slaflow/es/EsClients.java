package io.slaflow.es;

import io.slaflow.infra.tls.TrustedCertificates;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.net.ssl.SSLContext;
import org.apache.http.Header;
import org.apache.http.HttpHost;
import org.apache.http.message.BasicHeader;
import org.elasticsearch.client.RestClient;
import org.elasticsearch.client.RestClientBuilder;

/**
 * Builds the low-level REST client for an {@link EsSinkConfig}. Credentials go into a preemptive {@code Authorization}
 * default header (basic or API key), so no request is sent twice for an authentication challenge and nothing but the
 * HTTP client ever sees them.
 */
public final class EsClients {

    private EsClients() {}

    /** Also used outside the sink (the sla-reports recorder), so every Elasticsearch client connects the same way. */
    public static RestClient create(EsSinkConfig config) {
        HttpHost[] hosts = config.hosts().stream().map(HttpHost::create).toArray(HttpHost[]::new);
        RestClientBuilder builder = RestClient.builder(hosts);
        List<Header> headers = new ArrayList<>();
        if (config.apiKey() != null) {
            headers.add(new BasicHeader("Authorization", "ApiKey " + config.apiKey()));
        } else if (config.username() != null) {
            String token = Base64.getEncoder()
                    .encodeToString((config.username() + ":" + config.password()).getBytes(StandardCharsets.UTF_8));
            headers.add(new BasicHeader("Authorization", "Basic " + token));
        }
        builder.setDefaultHeaders(headers.toArray(Header[]::new));
        builder.setRequestConfigCallback(request -> request.setConnectTimeout(
                        (int) config.connectTimeout().toMillis())
                .setSocketTimeout((int) config.socketTimeout().toMillis()));
        boolean tls = config.hosts().stream().anyMatch(h -> h.startsWith("https:"));
        if (tls) {
            SSLContext ssl = sslContext(config);
            builder.setHttpClientConfigCallback(http -> http.setSSLContext(ssl));
        }
        return builder.build();
    }

    static SSLContext sslContext(EsSinkConfig config) {
        if (config.caCertificatePath() != null) {
            return TrustedCertificates.fromPem(Path.of(config.caCertificatePath()), "Elasticsearch");
        }
        if (config.trustStorePath() != null) {
            char[] password = config.trustStorePassword() == null
                    ? null
                    : config.trustStorePassword().toCharArray();
            return TrustedCertificates.fromTrustStore(Path.of(config.trustStorePath()), password, "Elasticsearch");
        }
        try {
            return SSLContext.getDefault(); // the JDK's CA certificates
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(
                    "cannot set up TLS for Elasticsearch: " + e.getClass().getSimpleName(), e);
        }
    }
}
