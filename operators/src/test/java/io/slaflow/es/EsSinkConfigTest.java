package io.slaflow.es;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EsSinkConfigTest {

    @Test
    void hasTheDocumentedDefaults() {
        EsSinkConfig c = EsSinkConfig.builder("http://127.0.0.1:9200").build();
        assertThat(c.maxActions()).isEqualTo(10_000);
        assertThat(c.maxBytes()).isEqualTo(5L * 1024 * 1024);
        assertThat(c.flushInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(c.catchUpLag()).isEqualTo(Duration.ofMinutes(10));
        assertThat(c.failAfter()).isNull();
        assertThat(c.authMode()).isEqualTo("none");
    }

    @Test
    void toStringNamesHostsAndAuthModeButNeverTheSecrets() {
        EsSinkConfig basic = EsSinkConfig.builder("https://es-1:9200", "https://es-2:9200")
                .basicAuth("sla-writer", "pa55-w0rd")
                .trustStore("/etc/ts.p12", "ts-pa55")
                .build();
        EsSinkConfig key = EsSinkConfig.builder("https://es-1:9200")
                .apiKey("QXBpS2V5SWQ6c2VjcmV0")
                .build();
        assertThat(basic.toString())
                .contains("es-1:9200", "es-2:9200", "auth=basic", "/etc/ts.p12")
                .doesNotContain("sla-writer", "pa55-w0rd", "ts-pa55");
        assertThat(key.toString()).contains("auth=api-key").doesNotContain("QXBpS2V5SWQ6c2VjcmV0");
        assertThat(new EsSink<String>(key, s -> null).toString()).doesNotContain("QXBpS2V5SWQ6c2VjcmV0");
    }

    @Test
    void refusesCredentialsInTheUrlWithoutEchoingThem() {
        assertThatThrownBy(() -> EsSinkConfig.builder("http://elastic:hunter2@127.0.0.1:9200"))
                .isInstanceOf(IllegalArgumentException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("hunter2"));
    }

    @Test
    void refusesHostsWithoutSchemeOrPortAndContradictoryChoices() {
        assertThatThrownBy(() -> EsSinkConfig.builder("127.0.0.1:9200")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EsSinkConfig.builder("http://127.0.0.1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EsSinkConfig.builder()).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EsSinkConfig.builder("http://a:1")
                        .apiKey("k")
                        .basicAuth("u", "p")
                        .build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(
                        () -> EsSinkConfig.builder("http://a:1").backoff(Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EsSinkConfig.builder("http://a:1").maxActions(0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void isSerializableWithTheJobGraph() throws Exception {
        try (ObjectOutputStream out = new ObjectOutputStream(new ByteArrayOutputStream())) {
            out.writeObject(new EsSink<String>(
                    EsSinkConfig.builder("http://a:1").apiKey("k").build(), s -> EsDocument.index("i", s, "{}")));
        }
    }

    @Test
    void aPemCaCertificateThatHoldsNoCertificateIsRefused(@TempDir Path dir) throws Exception {
        Path pem = Files.writeString(dir.resolve("ca.pem"), "not a certificate");
        EsSinkConfig c = EsSinkConfig.builder("https://127.0.0.1:9200")
                .caCertificate(pem.toString())
                .build();
        assertThatThrownBy(() -> EsClients.sslContext(c)).isInstanceOf(RuntimeException.class);
    }
}
