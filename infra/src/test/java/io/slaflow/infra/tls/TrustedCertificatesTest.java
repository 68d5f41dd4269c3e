package io.slaflow.infra.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrustedCertificatesTest {
    @TempDir
    static Path dir;

    static Path pem;
    static Path store;

    /** A self-signed certificate made with the JDK's keytool: in a PKCS12 store and exported as PEM. */
    @BeforeAll
    static void makeCertificate() throws Exception {
        store = dir.resolve("ca.p12");
        pem = dir.resolve("ca.pem");
        keytool(
                "-genkeypair",
                "-alias",
                "ca",
                "-keyalg",
                "RSA",
                "-keysize",
                "2048",
                "-validity",
                "2",
                "-dname",
                "CN=slaflow-test-ca",
                "-keystore",
                store.toString(),
                "-storetype",
                "PKCS12",
                "-storepass",
                "changeit");
        keytool(
                "-exportcert",
                "-rfc",
                "-alias",
                "ca",
                "-keystore",
                store.toString(),
                "-storepass",
                "changeit",
                "-file",
                pem.toString());
    }

    @Test
    void aPemFileIsTrustedForItsCertificate() throws Exception {
        assertThat(handshakes(TrustedCertificates.fromPem(pem, "Elasticsearch")))
                .isTrue();
    }

    @Test
    void aTrustStoreIsTrustedForItsCertificate() throws Exception {
        assertThat(handshakes(TrustedCertificates.fromTrustStore(store, "changeit".toCharArray(), "Elasticsearch")))
                .isTrue();
    }

    @Test
    void theJdksCertificatesDoNotTrustIt() throws Exception {
        assertThat(handshakes(SSLContext.getDefault())).isFalse(); // so the two above prove the file was used
    }

    @Test
    void aPemFileWithoutACertificateIsRefusedWithoutQuotingIt() throws Exception {
        Path notPem = Files.writeString(dir.resolve("not.pem"), "password=hunter2");
        assertThatThrownBy(() -> TrustedCertificates.fromPem(notPem, "Elasticsearch"))
                .isInstanceOf(RuntimeException.class)
                .hasMessageContaining(notPem.toString())
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void aWrongTrustStorePasswordSaysWhatFailedWithoutTheSecret() {
        assertThatThrownBy(
                        () -> TrustedCertificates.fromTrustStore(store, "wrong-secret".toCharArray(), "Elasticsearch"))
                .hasMessageContaining(store.toString())
                .hasMessageNotContaining("wrong-secret");
    }

    @Test
    void aMissingFileIsNamed() {
        Path missing = dir.resolve("missing.pem");
        assertThatThrownBy(() -> TrustedCertificates.fromPem(missing, "Elasticsearch"))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessage("cannot read the Elasticsearch CA certificate " + missing);
    }

    /** Whether a client with {@code context} completes a TLS handshake with a local server holding the certificate. */
    private static boolean handshakes(SSLContext context) throws Exception {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keys.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keys, "changeit".toCharArray());
        SSLContext serverContext = SSLContext.getInstance("TLS");
        serverContext.init(keyManagers.getKeyManagers(), null, null);
        try (SSLServerSocket server = (SSLServerSocket)
                serverContext.getServerSocketFactory().createServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<Void> accepted = CompletableFuture.runAsync(() -> {
                try (SSLSocket s = (SSLSocket) server.accept()) {
                    s.startHandshake();
                } catch (Exception refusedByTheClient) {
                    // the client's verdict is the one the test reads
                }
            });
            try (SSLSocket client = (SSLSocket)
                    context.getSocketFactory().createSocket(InetAddress.getLoopbackAddress(), server.getLocalPort())) {
                client.startHandshake();
                return true;
            } catch (SSLHandshakeException untrusted) {
                return false;
            } finally {
                accepted.get(10, TimeUnit.SECONDS);
            }
        }
    }

    private static void keytool(String... args) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IllegalStateException("keytool failed: " + output);
        }
    }
}
