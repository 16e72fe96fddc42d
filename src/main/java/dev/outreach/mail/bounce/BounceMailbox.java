package dev.outreach.mail.bounce;

import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Polls the mailbox that receives bounces (the VERP return paths), feedback-loop reports and
 * mailto unsubscribes over IMAP (RFC 9051) with jakarta.mail.
 *
 * <p>Each message is read ({@link ReturnedMailReader}), each finding handed to the listener, and
 * only then is the message flagged \Deleted and expunged: a finding the listener could not record
 * stays in the mailbox and is read again at the next poll (event ids make that harmless).
 * Logs carry counts, never addresses.
 */
public final class BounceMailbox implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(BounceMailbox.class);

    /** Where and how to log in. */
    public record Settings(String host, int port, boolean ssl, String username, String password, String folder,
                           Duration timeout) {
        public Settings {
            Objects.requireNonNull(host, "host");
            Objects.requireNonNull(folder, "folder");
        }
    }

    private final Settings settings;
    private final ReturnedMailReader reader;
    private final Consumer<ReturnedMessage> listener;
    private final Session session;
    private ScheduledExecutorService poller;

    public BounceMailbox(Settings settings, ReturnedMailReader reader, Consumer<ReturnedMessage> listener) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.reader = Objects.requireNonNull(reader, "reader");
        this.listener = Objects.requireNonNull(listener, "listener");
        Properties p = new Properties();
        String protocol = protocol();
        String timeout = Long.toString(settings.timeout().toMillis());
        p.setProperty("mail." + protocol + ".connectiontimeout", timeout);
        p.setProperty("mail." + protocol + ".timeout", timeout);
        if (settings.ssl()) {
            p.setProperty("mail.imaps.ssl.checkserveridentity", "true");
        }
        this.session = Session.getInstance(p);
    }

    private String protocol() {
        return settings.ssl() ? "imaps" : "imap";
    }

    /**
     * One poll: reads every message in the folder.
     *
     * @return how many messages were handled and removed
     */
    public int pollOnce() throws MessagingException {
        Store store = session.getStore(protocol());
        store.connect(settings.host(), settings.port(), settings.username(), settings.password());
        try {
            Folder folder = store.getFolder(settings.folder());
            folder.open(Folder.READ_WRITE);
            int handled = 0;
            try {
                for (Message message : folder.getMessages()) {
                    if (handle((MimeMessage) message)) {
                        message.setFlag(Flags.Flag.DELETED, true);
                        handled++;
                    }
                }
            } finally {
                folder.close(true);
            }
            return handled;
        } finally {
            store.close();
        }
    }

    private boolean handle(MimeMessage message) {
        try {
            List<ReturnedMessage> findings = reader.read(message);
            findings.forEach(listener);
            return true;
        } catch (MessagingException | IOException e) {
            // Unreadable mail is left for a person to look at; it cannot say anything we could act on.
            log.warn("bounce mailbox: left an unreadable message in place ({})", e.getClass().getSimpleName());
            return false;
        } catch (RuntimeException e) {
            log.error("bounce mailbox: could not record a finding; the message stays for the next poll ({})",
                    e.getClass().getName());
            return false;
        }
    }

    public synchronized void start(Duration interval) {
        if (poller != null) {
            throw new IllegalStateException("bounce mailbox already polled");
        }
        poller = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "bounce-mailbox");
            thread.setDaemon(true);
            return thread;
        });
        poller.scheduleWithFixedDelay(this::pollQuietly, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void pollQuietly() {
        try {
            int handled = pollOnce();
            if (handled > 0) {
                log.info("bounce mailbox: handled {} messages", handled);
            }
        } catch (MessagingException | RuntimeException e) {
            log.warn("bounce mailbox poll failed; trying again at the next poll ({})", e.getClass().getSimpleName());
        }
    }

    @Override
    public synchronized void close() {
        if (poller != null) {
            poller.shutdownNow();
            poller = null;
        }
    }
}
