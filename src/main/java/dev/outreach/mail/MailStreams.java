package dev.outreach.mail;

import org.eclipse.angus.mail.util.MailStreamProvider;

/**
 * Names angus-mail's {@code StreamProvider} in the system property jakarta.mail reads before anything
 * else. jakarta.mail-api 2.1 looks the provider up again for every body part, multipart, header block
 * and encoder it creates, through {@link java.util.ServiceLoader}, which scans the class path's
 * {@code META-INF/services} on each call (jakartaee/mail-api#699 and #861, open): about a tenth of
 * the CPU of a send. With the property set, the lookup is a cached class load and a constructor call.
 * A value already given on the command line is kept.
 */
public final class MailStreams {

    static final String PROPERTY = "jakarta.mail.util.StreamProvider";

    private MailStreams() {
    }

    /** Idempotent; call before the first message is composed or parsed. */
    public static void useAngusProvider() {
        System.getProperties().putIfAbsent(PROPERTY, MailStreamProvider.class.getName());
    }
}
