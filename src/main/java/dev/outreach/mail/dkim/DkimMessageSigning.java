package dev.outreach.mail.dkim;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

/**
 * Signs a finished message with every key of its From domain (RFC 6376 §5; RFC 8463 §3 for the
 * second, Ed25519, signature). Called at the transport, after every header is final: a header
 * added after signing would either break the signature or go unsigned (RFC 8058 §4 needs the
 * List-Unsubscribe headers covered).
 *
 * <p>Deterministic: the same message signs to the same bytes (PKCS#1 v1.5 and Ed25519 have no
 * randomness, and no {@code t=} is written), so a retried delivery hands over identical bytes.
 */
public final class DkimMessageSigning {

    private final DkimKeys keys;

    public DkimMessageSigning(DkimKeys keys) {
        this.keys = Objects.requireNonNull(keys, "keys");
    }

    /**
     * @return the message with one DKIM-Signature field per key in front, or the message unchanged
     *         when its From domain has no key (the start-up warning named that domain)
     * @throws IllegalArgumentException when the bytes are not a CRLF RFC 5322 message with one From address
     */
    public byte[] sign(byte[] mime) {
        RawMessage message = RawMessage.parse(mime);
        List<DkimSigningKey> domainKeys = keys.forDomain(fromDomain(message));
        if (domainKeys.isEmpty()) {
            return mime;
        }
        ByteArrayOutputStream signed = new ByteArrayOutputStream(mime.length + 1024);
        for (DkimSigningKey key : domainKeys) {
            signed.writeBytes(DkimSigner.signatureField(message, key).getBytes(StandardCharsets.US_ASCII));
            signed.writeBytes(new byte[]{'\r', '\n'});
        }
        signed.writeBytes(mime);
        return signed.toByteArray();
    }

    /** RFC 6376 §6.1.1 / DMARC: the domain the signature must align with is the From address's. */
    private static String fromDomain(RawMessage message) {
        String from = message.lastValue("From");
        if (from == null) {
            throw new IllegalArgumentException("message has no From field (RFC 5322 §3.6)");
        }
        try {
            InternetAddress[] addresses = InternetAddress.parseHeader(from.replace("\r\n", ""), true);
            if (addresses.length != 1) {
                throw new IllegalArgumentException("From must hold exactly one address to sign");
            }
            String address = addresses[0].getAddress();
            return address.substring(address.lastIndexOf('@') + 1);
        } catch (AddressException e) {
            throw new IllegalArgumentException("From is not a valid address (RFC 5322 §3.4)");
        }
    }
}
