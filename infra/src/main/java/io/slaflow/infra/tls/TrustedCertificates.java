package io.slaflow.infra.tls;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The one place a TLS client of ours learns whom to trust: the CA certificates of a PEM file (such as
 * Elasticsearch's {@code http_ca.crt}), or a trust store (PKCS12 or JKS). Both the command line's HTTP client and the
 * job's Elasticsearch sink build their {@link SSLContext} here. Error messages name the file, never its content.
 */
public final class TrustedCertificates {
    private TrustedCertificates() {}

    /** Trusts exactly the certificates in {@code pem} (one or more, concatenated); refuses a file that holds none. */
    public static SSLContext fromPem(Path pem, String whatFor) {
        try (InputStream in = Files.newInputStream(pem)) {
            KeyStore trusted = KeyStore.getInstance("PKCS12");
            trusted.load(null, null);
            int i = 0;
            for (Certificate certificate :
                    CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                trusted.setCertificateEntry("ca-" + i++, certificate);
            }
            if (i == 0) {
                throw new IllegalArgumentException("no certificate in " + pem);
            }
            return trusting(trusted);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the " + whatFor + " CA certificate " + pem, e);
        } catch (GeneralSecurityException e) {
            throw failure(whatFor, pem, e);
        }
    }

    /** Trusts the certificates of a trust store; the JDK's PKCS12 key store type also reads JKS files. */
    public static SSLContext fromTrustStore(Path store, char[] password, String whatFor) {
        try (InputStream in = Files.newInputStream(store)) {
            KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
            trusted.load(in, password);
            return trusting(trusted);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the " + whatFor + " trust store " + store, e);
        } catch (GeneralSecurityException e) {
            throw failure(whatFor, store, e);
        }
    }

    private static SSLContext trusting(KeyStore trusted) throws GeneralSecurityException {
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }

    // the class name only: a security exception's message may quote what it failed to parse
    private static IllegalStateException failure(String whatFor, Path file, GeneralSecurityException e) {
        return new IllegalStateException(
                "cannot set up TLS for " + whatFor + " from " + file + ": "
                        + e.getClass().getSimpleName() + " (is it a PEM certificate or a PKCS12/JKS trust store?)",
                e);
    }
}
