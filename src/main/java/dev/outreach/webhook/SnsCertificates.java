package dev.outreach.webhook;

import java.net.URI;
import java.security.cert.X509Certificate;

/**
 * Where SNS signing certificates come from. {@link SesWebhook} has already checked that the URL is
 * https on an {@code amazonaws.com} host; the production source fetches it over TLS
 * ({@link HttpSnsCertificates}); tests give a local certificate.
 */
@FunctionalInterface
public interface SnsCertificates {

    /** @throws java.io.IOException when it cannot be had */
    X509Certificate certificate(URI signingCertUrl) throws java.io.IOException;
}
