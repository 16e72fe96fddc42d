package dev.outreach.mail;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import org.eclipse.angus.mail.smtp.SMTPMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sends stored messages to an SMTP relay (RFC 5321) with angus-mail.
 *
 * <p>Each calling thread keeps one connection open and reuses it for its next message (the
 * dispatcher's delivery workers each have their own); before each message it is checked with NOOP
 * (RFC 5321 §4.1.1.9) and reopened when the relay has closed it. After any failure the thread's
 * connection is dropped, so its next message starts a clean session. The bytes are sent exactly
 * as composed: the message is parsed from them only to hand it to angus-mail, which then writes
 * the original bytes, so a DKIM signature over them stays valid.
 *
 * <p>The envelope sender ({@code MAIL FROM}) is the message's {@code From} address, or the return
 * path given to {@link #deliver(String, String, String, byte[])} (VERP, see
 * {@link dev.outreach.mail.bounce.ReturnPaths}).
 * Thread-safe: threads never share a connection.
 */
public final class SmtpTransport implements MailTransport {

    private static final Logger log = LoggerFactory.getLogger(SmtpTransport.class);

    private final SmtpSettings settings;
    private final Session session;
    /** One connection per delivering thread; a thread that has ended gives its connection up. */
    private final Map<Thread, Transport> connections = new ConcurrentHashMap<>();

    public SmtpTransport(SmtpSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.session = Session.getInstance(sessionProperties(settings));
    }

    static Properties sessionProperties(SmtpSettings settings) {
        Properties properties = new Properties();
        properties.setProperty("mail.smtp.host", settings.host());
        properties.setProperty("mail.smtp.port", Integer.toString(settings.port()));
        properties.setProperty("mail.smtp.auth", Boolean.toString(settings.authenticates()));
        properties.setProperty("mail.smtp.connectiontimeout", millis(settings.connectTimeout()));
        properties.setProperty("mail.smtp.timeout", millis(settings.readTimeout()));
        properties.setProperty("mail.smtp.writetimeout", millis(settings.writeTimeout()));
        if (settings.starttls()) {
            properties.setProperty("mail.smtp.starttls.enable", "true");
            properties.setProperty("mail.smtp.starttls.required", "true");
            // angus-mail does not check the certificate's host name unless told to (RFC 6125).
            properties.setProperty("mail.smtp.ssl.checkserveridentity", "true");
        }
        return properties;
    }

    @Override
    public void deliver(String envelopeRecipient, String messageId, byte[] mime) throws DeliveryException {
        deliver(null, envelopeRecipient, messageId, mime);
    }

    @Override
    public void deliver(String envelopeSender, String envelopeRecipient, String messageId, byte[] mime)
            throws DeliveryException {
        Address[] recipient = {envelopeAddress(envelopeRecipient)};
        SMTPMessage message = parse(mime, messageId);
        if (envelopeSender != null) {
            // Per message, so one connection can carry many return paths (mail.smtp.from is per session).
            message.setEnvelopeFrom(envelopeAddress(envelopeSender).getAddress());
        }
        try {
            openConnection().sendMessage(message, recipient);
        } catch (MessagingException e) {
            closeConnection();
            throw SmtpFailures.classify(e);
        }
    }

    @Override
    public void close() {
        connections.keySet().forEach(this::closeConnection);
    }

    private Transport openConnection() throws MessagingException {
        Transport connection = connections.get(Thread.currentThread());
        // isConnected() sends NOOP, so a connection the relay timed out is noticed here.
        if (connection != null && connection.isConnected()) {
            return connection;
        }
        closeConnection();
        connections.keySet().stream().filter(thread -> !thread.isAlive()).forEach(this::closeConnection);
        Transport fresh = session.getTransport("smtp");
        fresh.connect(settings.host(), settings.port(), settings.username(), settings.password());
        connections.put(Thread.currentThread(), fresh);
        log.debug("connected to SMTP relay {}:{}", settings.host(), settings.port());
        return fresh;
    }

    private void closeConnection() {
        closeConnection(Thread.currentThread());
    }

    private void closeConnection(Thread owner) {
        Transport connection = connections.remove(owner);
        if (connection == null) {
            return;
        }
        try {
            connection.close();
        } catch (MessagingException alreadyBroken) {
            log.debug("closing SMTP connection: {}", alreadyBroken.getClass().getSimpleName());
        }
    }

    /** RFC 5321 §2.3.8: a CR or LF here would end the RCPT command and start another one. */
    private static InternetAddress envelopeAddress(String envelopeRecipient) throws DeliveryException {
        if (envelopeRecipient == null || envelopeRecipient.indexOf('\r') >= 0 || envelopeRecipient.indexOf('\n') >= 0) {
            throw DeliveryException.permanentFailure("envelope address must be one address without CR or LF");
        }
        InternetAddress address;
        try {
            address = new InternetAddress(envelopeRecipient, true);
        } catch (AddressException e) {
            throw DeliveryException.permanentFailure("envelope address is not valid");
        }
        if (!envelopeRecipient.equals(address.getAddress())) {
            throw DeliveryException.permanentFailure("envelope address must be a bare address");
        }
        return address;
    }

    private SMTPMessage parse(byte[] mime, String messageId) throws DeliveryException {
        try {
            return new SMTPMessage(session, new ByteArrayInputStream(mime));
        } catch (MessagingException e) {
            throw DeliveryException.permanentFailure("stored message " + messageId + " cannot be parsed: "
                    + e.getClass().getSimpleName());
        }
    }

    private static String millis(Duration duration) {
        return Long.toString(Math.min(duration.toMillis(), Integer.MAX_VALUE));
    }
}
