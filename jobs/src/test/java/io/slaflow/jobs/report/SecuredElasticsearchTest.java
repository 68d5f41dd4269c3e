package io.slaflow.jobs.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.slaflow.jobs.prove.ProveGraph;
import io.slaflow.jobs.prove.ProveOptions;
import io.slaflow.policy.PolicyLoader;
import io.slaflow.policy.SlaPolicy;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A secured cluster as {@code slaflow run --es-host https://... --es-user ... --es-ca-cert ca.pem} meets it: TLS
 * with a certificate from a private CA (made here with the JDK's keytool) and credentials required. Both the index
 * setup at job start and the sla-reports recorder must trust that CA and authenticate; the stand-in answers every
 * authenticated request like a cluster where everything already exists, and refuses the rest with 401.
 */
class SecuredElasticsearchTest {
    static final String AUTH = "ApiKey c2xhZmxvdzpzM2NyZXQ=";

    @TempDir
    Path dir;

    HttpsServer https;
    Path caPem;
    final List<String> requests = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        Path keystore = dir.resolve("es.p12");
        caPem = dir.resolve("ca.pem");
        keytool(
                "-genkeypair",
                "-alias",
                "es",
                "-keyalg",
                "RSA",
                "-keysize",
                "2048",
                "-validity",
                "2",
                "-dname",
                "CN=localhost",
                "-ext",
                "SAN=ip:127.0.0.1,dns:localhost",
                "-keystore",
                keystore.toString(),
                "-storetype",
                "PKCS12",
                "-storepass",
                "changeit",
                "-keypass",
                "changeit");
        keytool(
                "-exportcert",
                "-rfc",
                "-alias",
                "es",
                "-keystore",
                keystore.toString(),
                "-storepass",
                "changeit",
                "-file",
                caPem.toString());
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            ks.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, "changeit".toCharArray());
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(kmf.getKeyManagers(), null, null);

        https = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        https.setHttpsConfigurator(new HttpsConfigurator(tls));
        https.createContext("/", ex -> {
            try (InputStream in = ex.getRequestBody()) {
                String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                boolean allowed = AUTH.equals(ex.getRequestHeaders().getFirst("Authorization"));
                if (allowed)
                    requests.add(
                            ex.getRequestMethod() + " " + ex.getRequestURI().getRawPath() + " " + body);
                byte[] answer = (allowed ? "{\"acknowledged\":true}" : "{\"error\":\"security_exception\"}")
                        .getBytes(StandardCharsets.UTF_8);
                ex.getResponseHeaders().add("Content-Type", "application/json");
                if ("HEAD".equals(ex.getRequestMethod())) {
                    ex.sendResponseHeaders(allowed ? 200 : 401, -1);
                } else {
                    ex.sendResponseHeaders(allowed ? 200 : 401, answer.length);
                    ex.getResponseBody().write(answer);
                }
            }
            ex.close();
        });
        https.start();
    }

    @AfterEach
    void stop() {
        https.stop(0);
    }

    static void keytool(String... args) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
    }

    ProveOptions options(String caPath) {
        String url = "https://127.0.0.1:" + https.getAddress().getPort();
        return new ProveOptions(List.of(url), null, null, "c2xhZmxvdzpzM2NyZXQ=", caPath, dir.resolve("reports"), null);
    }

    @Test
    void indexSetupAndTheSlaReportsRecordTrustTheClustersCaAndAuthenticate() throws Exception {
        SlaPolicy policy = PolicyLoader.load(Path.of("../infra/policies/default.yaml"));
        ProveOptions p = options(caPem.toString());

        ProveGraph.prepare(p, policy, line -> {});
        assertThat(requests)
                .anySatisfy(r -> assertThat(r).startsWith("PUT /_index_template/sla-reports "))
                .anySatisfy(r -> assertThat(r).startsWith("POST /_aliases ").contains("sla-client-acme"));

        requests.clear();
        SinkWriter<io.slaflow.report.ClientReport> writer = new ReportSink(p.deliveryConfig()).createWriter(null);
        try {
            writer.write(SampleReports.week47("acme"), null);
            writer.flush(true); // as Flink does at the end of the input: the sink delivers what it rendered
        } finally {
            writer.close();
        }
        assertThat(requests)
                .singleElement()
                .satisfies(r -> assertThat(r)
                        .startsWith("PUT /sla-reports-2026.11.01/_doc/acme%3AWEEK%3A2026-W47 ")
                        .contains("\"status\":\"GENERATED\""));
    }

    @Test
    void withoutTheCaTheClusterIsNotTrusted() {
        SlaPolicy policy;
        try {
            policy = PolicyLoader.load(Path.of("../infra/policies/default.yaml"));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        assertThatThrownBy(() -> ProveGraph.prepare(options(null), policy, line -> {}))
                .hasStackTraceContaining("SSLHandshakeException");
        assertThat(requests).isEmpty();
    }
}
