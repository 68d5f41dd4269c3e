package io.slaflow.infra.es;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;

/**
 * Where an Elasticsearch cluster answers and how to authenticate: basic auth or an API key. The credential is
 * only ever turned into a header; {@link #toString()} never shows it.
 */
public final class ElasticsearchEndpoint {
    private final URI url;
    private final String authorization; // header value, or null

    private ElasticsearchEndpoint(URI url, String authorization) {
        this.url = Objects.requireNonNull(url, "url");
        this.authorization = authorization;
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
        return url + (authorization == null ? "" : " (" + authorization.substring(0, authorization.indexOf(' ')) + " auth)");
    }

    private static String stripSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }
}
