package dev.outreach.webhook;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Fetches SNS signing certificates over HTTPS (the JDK checks the server's certificate and host
 * name), and keeps each one: SNS signs with few certificates, rotated rarely.
 */
public final class HttpSnsCertificates implements SnsCertificates {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private final Map<URI, X509Certificate> cache = new ConcurrentHashMap<>();

    @Override
    public X509Certificate certificate(URI url) throws IOException {
        X509Certificate known = cache.get(url);
        if (known != null) {
            return known;
        }
        try {
            HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new IOException("SNS certificate fetch answered " + response.statusCode());
            }
            X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(response.body()));
            cache.put(url, cert);
            return cert;
        } catch (CertificateException e) {
            throw new IOException("SNS certificate is not an X.509 certificate", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted fetching the SNS certificate", e);
        }
    }
}
