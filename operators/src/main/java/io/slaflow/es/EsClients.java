package io.slaflow.es;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
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
            String token = Base64.getEncoder().encodeToString(
                    (config.username() + ":" + config.password()).getBytes(StandardCharsets.UTF_8));
            headers.add(new BasicHeader("Authorization", "Basic " + token));
        }
        builder.setDefaultHeaders(headers.toArray(Header[]::new));
        builder.setRequestConfigCallback(request -> request
                .setConnectTimeout((int) config.connectTimeout().toMillis())
                .setSocketTimeout((int) config.socketTimeout().toMillis()));
        boolean tls = config.hosts().stream().anyMatch(h -> h.startsWith("https:"));
        if (tls) {
            SSLContext ssl = sslContext(config);
            builder.setHttpClientConfigCallback(http -> http.setSSLContext(ssl));
        }
        return builder.build();
    }

    static SSLContext sslContext(EsSinkConfig config) {
        try {
            if (config.caCertificatePath() == null && config.trustStorePath() == null) {
                return SSLContext.getDefault(); // the JDK's CA certificates
            }
            KeyStore trusted;
            if (config.caCertificatePath() != null) {
                trusted = KeyStore.getInstance("PKCS12");
                trusted.load(null, null);
                try (InputStream in = Files.newInputStream(Path.of(config.caCertificatePath()))) {
                    int i = 0;
                    for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                        trusted.setCertificateEntry("ca-" + i++, certificate);
                    }
                    if (i == 0) {
                        throw new IllegalArgumentException("no certificate in " + config.caCertificatePath());
                    }
                }
            } else {
                // The JDK's PKCS12 key store type also reads JKS files.
                trusted = KeyStore.getInstance(KeyStore.getDefaultType());
                char[] password = config.trustStorePassword() == null ? null : config.trustStorePassword().toCharArray();
                try (InputStream in = Files.newInputStream(Path.of(config.trustStorePath()))) {
                    trusted.load(in, password);
                }
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trusted);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the TLS trust material ("
                    + (config.caCertificatePath() != null ? config.caCertificatePath() : config.trustStorePath()) + ")", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot set up TLS for Elasticsearch: " + e.getClass().getSimpleName(), e);
        }
    }
}
