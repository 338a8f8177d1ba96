package dev.runbook.modules.core;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;

/** SSL contexts for the http module: default trust, a PEM CA bundle, or no verification at all. */
final class TlsContexts {

    private TlsContexts() {
    }

    /** Trusts only the certificates in a PEM file (a private CA, or a self-signed server certificate). */
    static SSLContext trusting(String pemPath) {
        Path p = Path.of(pemPath);
        try (InputStream in = Files.newInputStream(p)) {
            KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
            ks.load(null, null);
            int i = 0;
            for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                ks.setCertificateEntry("ca-" + i++, c);
            }
            if (i == 0) {
                throw new ModuleFailure("ca_cert " + pemPath + " contains no PEM certificate");
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(ks);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, tmf.getTrustManagers(), new SecureRandom());
            return ctx;
        } catch (IOException e) {
            throw new ModuleFailure("cannot read ca_cert " + pemPath + " on the control machine: " + e.getMessage());
        } catch (GeneralSecurityException e) {
            throw new ModuleFailure("ca_cert " + pemPath + " is not a usable PEM certificate file: " + e.getMessage());
        }
    }

    /**
     * Accepts any certificate for any host name (validate_certs: false). Host name checking is the
     * trust manager's job in JSSE, so an extended trust manager that checks nothing turns it off for
     * this client only, without the JVM-wide system property.
     */
    static SSLContext trustingAll() {
        TrustManager none = new X509ExtendedTrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
                // validate_certs: false was asked for
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
                // validate_certs: false was asked for
            }

            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
                // validate_certs: false was asked for
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
                // validate_certs: false was asked for
            }

            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
                // validate_certs: false was asked for
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
                // validate_certs: false was asked for
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        };
        try {
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, new TrustManager[]{none}, new SecureRandom());
            return ctx;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java runtime provides TLS", e);
        }
    }
}
