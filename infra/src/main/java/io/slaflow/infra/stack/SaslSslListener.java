package io.slaflow.infra.stack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

/**
 * A second, secured listener for the local broker: TLS (a self-signed certificate for 127.0.0.1 made with the JDK's
 * {@code keytool}) carrying SASL/SCRAM-SHA-512 authentication, so the job's secured-Kafka settings can be tested
 * against a real broker. The plaintext listener stays for the broker's own use and for test setup.
 *
 * <p>The SCRAM credential is created when the storage is formatted (KRaft: {@code kafka-storage format --add-scram}),
 * before the broker first starts. Test-only: the password is on the format tool's command line.
 */
public final class SaslSslListener {
    public static final String MECHANISM = "SCRAM-SHA-512";

    private final String user;
    private final String password;
    private final String keystorePassword = UUID.randomUUID().toString();
    private Path keystore;
    private Path certificate;
    private int port;

    public SaslSslListener(String user, String password) {
        if (user.isBlank() || password.isBlank()) {
            throw new IllegalArgumentException("a SCRAM user needs a name and a password");
        }
        this.user = user;
        this.password = password;
    }

    /** Makes the broker's key pair and certificate in {@code dir}. */
    void prepare(Path dir, int listenerPort) {
        this.port = listenerPort;
        StateFiles.createDirectories(dir);
        keystore = dir.resolve("broker.p12");
        certificate = dir.resolve("broker-ca.pem");
        StateFiles.deleteRecursively(keystore);
        String keytool = StackLocation.javaLauncher().resolveSibling("keytool").toString();
        ChildProcess.runToCompletion(
                "keytool (broker key pair)",
                List.of(
                        keytool,
                        "-genkeypair",
                        "-alias",
                        "broker",
                        "-keyalg",
                        "EC",
                        "-groupname",
                        "secp256r1",
                        "-dname",
                        "CN=" + KafkaBroker.HOST,
                        "-ext",
                        "SAN=ip:" + KafkaBroker.HOST,
                        "-validity",
                        "30",
                        "-storetype",
                        "PKCS12",
                        "-keystore",
                        keystore.toString(),
                        "-storepass",
                        keystorePassword,
                        "-keypass",
                        keystorePassword),
                dir,
                dir.resolve("keytool.log"),
                Duration.ofSeconds(60));
        ChildProcess.runToCompletion(
                "keytool (export certificate)",
                List.of(
                        keytool,
                        "-exportcert",
                        "-rfc",
                        "-alias",
                        "broker",
                        "-keystore",
                        keystore.toString(),
                        "-storepass",
                        keystorePassword,
                        "-file",
                        certificate.toString()),
                dir,
                dir.resolve("keytool.log"),
                Duration.ofSeconds(60));
    }

    /** Adds the listener to the broker's {@code server.properties}. */
    void addTo(Map<String, String> server) {
        String listener = "SASL_SSL://" + KafkaBroker.HOST + ":" + port;
        server.put("listeners", server.get("listeners") + "," + listener);
        server.put("advertised.listeners", server.get("advertised.listeners") + "," + listener);
        server.put(
                "listener.security.protocol.map", server.get("listener.security.protocol.map") + ",SASL_SSL:SASL_SSL");
        server.put("sasl.enabled.mechanisms", MECHANISM);
        server.put(
                "listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config",
                "org.apache.kafka.common.security.scram.ScramLoginModule required;");
        server.put("listener.name.sasl_ssl.ssl.keystore.type", "PKCS12");
        server.put("listener.name.sasl_ssl.ssl.keystore.location", keystore.toString());
        server.put("listener.name.sasl_ssl.ssl.keystore.password", keystorePassword);
        server.put("listener.name.sasl_ssl.ssl.key.password", keystorePassword);
    }

    /** The storage tool's arguments that create the SCRAM user. */
    List<String> formatArguments() {
        List<String> args = new ArrayList<>();
        args.add("--add-scram");
        args.add(MECHANISM + "=[name=" + user + ",password=" + password + "]");
        return args;
    }

    public String bootstrapServers() {
        if (port == 0) {
            throw new IllegalStateException("the broker has not been started yet");
        }
        return KafkaBroker.HOST + ":" + port;
    }

    public String user() {
        return user;
    }

    /** The broker's self-signed certificate (PEM): what a client trusts. */
    public Path certificate() {
        return certificate;
    }

    /**
     * Client settings for this listener, with the password given as {@code passwordExpression}: the password itself,
     * or a Kafka config-provider reference such as {@code ${file:/run/secrets/kafka.properties:password}}.
     */
    public Properties clientProperties(String passwordExpression) {
        Properties p = new Properties();
        p.put("security.protocol", "SASL_SSL");
        p.put("sasl.mechanism", MECHANISM);
        p.put(
                "sasl.jaas.config",
                "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + user + "\" password=\""
                        + passwordExpression + "\";");
        p.put("ssl.truststore.type", "PEM");
        p.put("ssl.truststore.location", certificate.toString());
        return p;
    }

    @Override
    public String toString() {
        return "SASL_SSL listener (" + MECHANISM + ", user " + user + ")"; // never the password
    }
}
