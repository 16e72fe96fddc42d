package dev.outreach.bench;

import dev.outreach.mail.ComposedMessage;
import dev.outreach.mail.DispatchSettings;
import dev.outreach.mail.DomainPacing;
import dev.outreach.mail.ListUnsubscribeHeaders;
import dev.outreach.mail.MailTransport;
import dev.outreach.mail.MimeComposer;
import dev.outreach.mail.OutboxDispatcher;
import dev.outreach.mail.OutgoingEmail;
import dev.outreach.mail.SmtpSettings;
import dev.outreach.mail.SmtpTransport;
import dev.outreach.mail.dkim.DkimAlgorithm;
import dev.outreach.mail.dkim.DkimKeys;
import dev.outreach.mail.dkim.DkimMessageSigning;
import dev.outreach.mail.dkim.DkimSigningTransport;
import dev.outreach.store.OutboxMessage;
import dev.outreach.store.OutboxStatus;
import dev.outreach.store.jdbc.JdbcStore;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * {@code bench/run.sh deliver}: delivered messages a second from the durable outbox to a local
 * SMTP server with pacing off, as a ratio to the rate that server accepts the same messages.
 *
 * <ul>
 *   <li><b>accepted rate</b> (the baseline): one {@link SmtpTransport} sending the stored bytes in a
 *       loop over its one reused connection, nothing else;</li>
 *   <li><b>delivered</b>: the real {@link OutboxDispatcher} draining a SQLite outbox (claim, deliver,
 *       mark SENT with {@code synchronous=FULL}) through the same transport, with pacing off —
 *       once unsigned and once DKIM-signed (rsa-sha256 2048 + ed25519-sha256).</li>
 * </ul>
 * Each figure is min / median / max of {@code --runs} runs of {@code --messages} messages after one
 * warm-up run. The SMTP server is a minimal loopback sink in this JVM that accepts everything.
 */
public final class DeliverBench {

    public static void main(String[] args) throws Exception {
        int messages = intArg(args, "--messages", 2000);
        int runs = intArg(args, "--runs", 5);
        Path work = Files.createTempDirectory("outreach-bench-deliver");
        System.out.printf(Locale.ROOT, "# deliver: %d messages a run, %d runs after 1 warm-up, %d cores%n",
                messages, runs, Runtime.getRuntime().availableProcessors());
        MimeComposer composer = new MimeComposer(Clock.systemUTC(), ListUnsubscribeHeaders.httpsOnly());
        ComposedMessage sample = composer.compose(email(0));
        System.out.printf(Locale.ROOT, "# message size %d bytes%n", sample.mime().length);
        DkimKeys.generate(work.resolve("dkim"), "sales.example.com", "rsa1", DkimAlgorithm.RSA_SHA256);
        DkimKeys.generate(work.resolve("dkim"), "sales.example.com", "ed1", DkimAlgorithm.ED25519_SHA256);
        DkimKeys keys = DkimKeys.load(work.resolve("dkim"), List.of());

        try (SinkServer sink = new SinkServer()) {
            SmtpSettings smtp = new SmtpSettings("127.0.0.1", sink.port(), null, null, false,
                    Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofSeconds(30));
            double[] accepted = measure(runs, () -> acceptedRate(smtp, sample, messages));
            report("accepted by the SMTP server (one transport, no outbox)", accepted, null);
            double[] plain = measure(runs, () -> deliveredRate(work, smtp, composer, messages, null));
            report("delivered from the outbox, pacing off, unsigned", plain, accepted);
            double[] signed = measure(runs, () -> deliveredRate(work, smtp, composer, messages, keys));
            report("delivered from the outbox, pacing off, DKIM rsa+ed25519", signed, accepted);
        }
    }

    private static OutgoingEmail email(int i) {
        return new OutgoingEmail("Dana Seller", "dana@sales.example.com", "r" + i + "@d" + (i % 50) + ".example",
                "Your presentation summary", "Hello,\nhere is the summary of our call.\n".repeat(20),
                "<p>Hello,<br>here is the summary of our call.</p>".repeat(20), true,
                "https://gateway.example.com/u/AQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHyA",
                "unsubscribe@sales.example.com", "sales.example.com");
    }

    private interface Run {
        double rate() throws Exception;
    }

    private static double[] measure(int runs, Run run) throws Exception {
        run.rate();
        double[] rates = new double[runs];
        for (int i = 0; i < runs; i++) {
            rates[i] = run.rate();
        }
        return rates;
    }

    private static double acceptedRate(SmtpSettings smtp, ComposedMessage sample, int messages) throws Exception {
        try (SmtpTransport transport = new SmtpTransport(smtp)) {
            long start = System.nanoTime();
            for (int i = 0; i < messages; i++) {
                transport.deliver("r" + i + "@d.example", sample.messageId(), sample.mime());
            }
            return messages / seconds(start);
        }
    }

    private static double deliveredRate(Path work, SmtpSettings smtp, MimeComposer composer, int messages,
                                        DkimKeys keys) throws Exception {
        Path db = Files.createTempFile(work, "outbox", ".db");
        Files.delete(db);
        try (JdbcStore store = JdbcStore.open("jdbc:sqlite:" + db, null, null);
             SmtpTransport smtpTransport = new SmtpTransport(smtp)) {
            for (int i = 0; i < messages; i++) {
                ComposedMessage m = composer.compose(email(i));
                java.time.Instant now = java.time.Instant.now();
                store.outbox().enqueue(new OutboxMessage(m.messageId(), null, email(i).to(), "a".repeat(64), m.mime(),
                        OutboxStatus.QUEUED, 0, now.minusSeconds(1), null, now, now));
            }
            MailTransport transport = keys == null ? smtpTransport
                    : new DkimSigningTransport(new DkimMessageSigning(keys), smtpTransport);
            OutboxDispatcher dispatcher = new OutboxDispatcher(store.outbox(), transport, message -> { },
                    Clock.systemUTC(), DispatchSettings.defaults(), DomainPacing.off());
            long start = System.nanoTime();
            int sent = 0;
            for (int claimed = dispatcher.runOnce(); claimed > 0; claimed = dispatcher.runOnce()) {
                sent += claimed;
            }
            double rate = sent / seconds(start);
            if (sent != messages) {
                throw new IllegalStateException("drained " + sent + " of " + messages);
            }
            return rate;
        } finally {
            Files.deleteIfExists(db);
        }
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private static void report(String what, double[] rates, double[] baseline) {
        List<Double> sorted = new ArrayList<>();
        for (double r : rates) {
            sorted.add(r);
        }
        Collections.sort(sorted);
        double median = sorted.get(sorted.size() / 2);
        String ratio = "";
        if (baseline != null) {
            double[] b = baseline.clone();
            java.util.Arrays.sort(b);
            ratio = String.format(Locale.ROOT, "   ratio to accepted (medians) %.2f", median / b[b.length / 2]);
        }
        System.out.printf(Locale.ROOT, "%-60s min %8.1f  median %8.1f  max %8.1f msg/s%s%n", what, sorted.get(0), median,
                sorted.get(sorted.size() - 1), ratio);
    }

    private static int intArg(String[] args, String name, int fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return Integer.parseInt(args[i + 1]);
            }
        }
        return fallback;
    }

    /** A loopback SMTP server that accepts every message (RFC 5321 minimum), one thread per connection. */
    static final class SinkServer implements AutoCloseable {
        private final ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        private final AtomicLong accepted = new AtomicLong();

        SinkServer() throws IOException {
            Thread acceptor = new Thread(this::serve, "smtp-sink");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        int port() {
            return listener.getLocalPort();
        }

        private void serve() {
            while (!listener.isClosed()) {
                try {
                    Socket client = listener.accept();
                    Thread t = new Thread(() -> converse(client), "smtp-sink-conn");
                    t.setDaemon(true);
                    t.start();
                } catch (IOException closed) {
                    return;
                }
            }
        }

        private void converse(Socket client) {
            try (client) {
                BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(),
                        StandardCharsets.US_ASCII), 65536);
                OutputStream out = client.getOutputStream();
                reply(out, "220 sink ESMTP");
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    String verb = (line.length() >= 4 ? line.substring(0, 4) : line).toUpperCase(Locale.ROOT);
                    switch (verb) {
                        case "EHLO", "HELO" -> reply(out, "250 sink");
                        case "DATA" -> {
                            reply(out, "354 go ahead");
                            for (String d = in.readLine(); d != null && !d.equals("."); d = in.readLine()) {
                                // RFC 5321 §4.1.1.4: a line with a single dot ends the data.
                            }
                            accepted.incrementAndGet();
                            reply(out, "250 2.0.0 queued");
                        }
                        case "QUIT" -> {
                            reply(out, "221 bye");
                            return;
                        }
                        default -> reply(out, "250 2.0.0 OK");
                    }
                }
            } catch (IOException gone) {
                // The client closed the connection.
            }
        }

        private static void reply(OutputStream out, String line) throws IOException {
            out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }

        @Override
        public void close() throws IOException {
            listener.close();
        }
    }
}
