package io.slaflow.infra.es;

import io.slaflow.infra.tls.TrustedCertificates;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Objects;

/**
 * Where an Elasticsearch cluster answers, how to authenticate (basic auth or an API key) and, over TLS, which CA
 * to trust (the system CAs unless a PEM file is given). The credential is only ever turned into a header;
 * {@link #toString()} never shows it.
 */
public final class ElasticsearchEndpoint {
    private final URI url;
    private final String authorization; // header value, or null
    private final String caPemPath; // or null: the JDK's CAs

    private ElasticsearchEndpoint(URI url, String authorization, String caPemPath) {
        this.url = Objects.requireNonNull(url, "url");
        this.authorization = authorization;
        this.caPemPath = caPemPath;
    }

    private ElasticsearchEndpoint(URI url, String authorization) {
        this(url, authorization, null);
    }

    /** The same endpoint, trusting the CA certificate(s) in this PEM file (e.g. Elasticsearch's http_ca.crt). */
    public ElasticsearchEndpoint withCaCertificate(String pemPath) {
        return new ElasticsearchEndpoint(url, authorization, pemPath);
    }

    /** An HTTP client that trusts this endpoint's CA (if one was given). */
    public HttpClient newHttpClient(Duration connectTimeout) {
        HttpClient.Builder b = HttpClient.newBuilder().connectTimeout(connectTimeout);
        if (caPemPath != null) b.sslContext(TrustedCertificates.fromPem(Path.of(caPemPath), "Elasticsearch"));
        return b.build();
    }

    public static ElasticsearchEndpoint anonymous(String url) {
        return new ElasticsearchEndpoint(URI.create(stripSlash(url)), null);
    }

    public static ElasticsearchEndpoint basic(String url, String user, String password) {
        String token = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        return new ElasticsearchEndpoint(URI.create(stripSlash(url)), "Basic " + token);
    }

    /** @param apiKey the encoded API key as Elasticsearch returns it ({@code id:key} base64) */
    public static ElasticsearchEndpoint apiKey(String url, String apiKey) {
        return new ElasticsearchEndpoint(URI.create(stripSlash(url)), "ApiKey " + apiKey);
    }

    public URI resolve(String path) {
        return URI.create(url + (path.startsWith("/") ? path : "/" + path));
    }

    /** Adds the credentials, if any, to a request. */
    public java.net.http.HttpRequest.Builder authorize(java.net.http.HttpRequest.Builder request) {
        return authorization == null ? request : request.header("Authorization", authorization);
    }

    @Override
    public String toString() {
        return url
                + (authorization == null
                        ? ""
                        : " (" + authorization.substring(0, authorization.indexOf(' ')) + " auth)")
                + (caPemPath == null ? "" : " (CA " + caPemPath + ")");
    }

    private static String stripSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }
}
