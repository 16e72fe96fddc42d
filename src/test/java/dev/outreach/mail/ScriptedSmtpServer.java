package dev.outreach.mail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

/**
 * A real SMTP server on a loopback socket that speaks just enough RFC 5321 to answer RCPT TO with
 * a scripted reply, which GreenMail cannot do: 220 greeting, 250 to EHLO/HELO/MAIL/RSET/NOOP,
 * the scripted line to RCPT, 354 + 250 around DATA, 221 to QUIT. Each connection is served on its
 * own thread, like a real relay's. Optionally a slow relay: it holds every message for a while
 * before its final 250, and records how many messages to each recipient domain it held at once.
 */
final class ScriptedSmtpServer implements AutoCloseable {

    private final ServerSocket listener;
    private final UnaryOperator<String> rcptReply;
    private final Duration hold;
    private final List<String> acceptedRecipients = new CopyOnWriteArrayList<>();
    private final Thread acceptor;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger messages = new AtomicInteger();
    private final Map<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();
    private final Map<String, Integer> mostAtOnce = new ConcurrentHashMap<>();
    private final AtomicInteger inFlightAll = new AtomicInteger();
    private final AtomicInteger mostAtOnceAll = new AtomicInteger();

    private ScriptedSmtpServer(UnaryOperator<String> rcptReply, Duration hold) throws IOException {
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.rcptReply = rcptReply;
        this.hold = hold;
        this.acceptor = new Thread(this::serve, "scripted-smtp");
        this.acceptor.setDaemon(true);
        this.acceptor.start();
    }

    /** @param rcptReply the whole reply line to every RCPT TO, e.g. {@code 550 5.1.1 User unknown} */
    static ScriptedSmtpServer replyingToRcpt(String rcptReply) throws IOException {
        return new ScriptedSmtpServer(rcpt -> rcptReply, Duration.ZERO);
    }

    /** Answers RCPT TO for addresses at {@code domain} with {@code reply}, and accepts every other one. */
    static ScriptedSmtpServer deferringDomain(String domain, String reply) throws IOException {
        return new ScriptedSmtpServer(deferring(domain, reply), Duration.ZERO);
    }

    /** A slow relay: accepts every message after holding it for {@code hold}. */
    static ScriptedSmtpServer holdingEachMessage(Duration hold) throws IOException {
        return new ScriptedSmtpServer(rcpt -> "250 2.1.5 OK", hold);
    }

    /** A slow relay that answers RCPT TO for {@code domain} with {@code reply}. */
    static ScriptedSmtpServer holdingEachMessageDeferring(Duration hold, String domain, String reply) throws IOException {
        return new ScriptedSmtpServer(deferring(domain, reply), hold);
    }

    private static UnaryOperator<String> deferring(String domain, String reply) {
        return rcpt -> rcpt.toLowerCase(Locale.ROOT).contains("@" + domain + ">") ? reply : "250 2.1.5 OK";
    }

    static ScriptedSmtpServer acceptingEverything() throws IOException {
        return replyingToRcpt("250 2.1.5 OK");
    }

    /** RCPT TO lines of messages that completed DATA, in order. */
    List<String> acceptedRecipients() {
        return acceptedRecipients;
    }

    int port() {
        return listener.getLocalPort();
    }

    int connections() {
        return connections.get();
    }

    /** Messages that completed DATA. */
    int messagesAccepted() {
        return messages.get();
    }

    /** The most messages to {@code domain} that were between an accepted RCPT TO and their final reply at once. */
    int mostAtOnce(String domain) {
        return mostAtOnce.getOrDefault(domain, 0);
    }

    /** As {@link #mostAtOnce(String)}, over all domains. */
    int mostAtOnce() {
        return mostAtOnceAll.get();
    }

    @Override
    public void close() throws IOException, InterruptedException {
        listener.close();
        for (Socket socket : open) {
            socket.close();
        }
        acceptor.join(5_000);
    }

    private void serve() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                open.add(client);
                connections.incrementAndGet();
                Thread conversation = new Thread(() -> converseAndClose(client), "scripted-smtp-session");
                conversation.setDaemon(true);
                conversation.start();
            } catch (IOException closed) {
                // The listener was closed: no more connections.
            }
        }
    }

    private void converseAndClose(Socket client) {
        try (client) {
            converse(client);
        } catch (IOException | InterruptedException resetOrClosed) {
            // The client went away or the server is closing; either ends this conversation.
        } finally {
            open.remove(client);
        }
    }

    private void converse(Socket client) throws IOException, InterruptedException {
        BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.US_ASCII));
        OutputStream out = client.getOutputStream();
        reply(out, "220 scripted.test ESMTP");
        String[] domain = {null}; // the domain of a message between RCPT and its final reply
        try {
            talk(in, out, domain);
        } finally {
            held(domain[0], -1);
        }
    }

    private void talk(BufferedReader in, OutputStream out, String[] domain) throws IOException, InterruptedException {
        String rcpt = null;
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            String verb = (line.length() >= 4 ? line.substring(0, 4) : line).toUpperCase(Locale.ROOT);
            switch (verb) {
                case "EHLO", "HELO" -> reply(out, "250 scripted.test");
                case "MAIL", "RSET", "NOOP" -> {
                    if (!verb.equals("NOOP")) {
                        held(domain[0], -1);
                        domain[0] = null;
                    }
                    reply(out, "250 2.0.0 OK");
                }
                case "RCPT" -> {
                    String answer = rcptReply.apply(line);
                    if (answer.startsWith("250")) {
                        rcpt = line;
                        domain[0] = domainOf(line);
                        held(domain[0], +1);
                    }
                    reply(out, answer);
                }
                case "DATA" -> {
                    reply(out, "354 End data with <CR><LF>.<CR><LF>");
                    skipToEndOfData(in);
                    // A slow relay: the time a real one spends on filtering and queueing.
                    Thread.sleep(hold.toMillis());
                    messages.incrementAndGet();
                    acceptedRecipients.add(rcpt);
                    held(domain[0], -1);
                    domain[0] = null;
                    reply(out, "250 2.0.0 queued");
                }
                case "QUIT" -> {
                    reply(out, "221 2.0.0 Bye");
                    return;
                }
                default -> reply(out, "502 5.5.2 Command not recognized");
            }
        }
    }

    private void held(String domain, int change) {
        if (domain == null) {
            return;
        }
        int now = inFlight.computeIfAbsent(domain, d -> new AtomicInteger()).addAndGet(change);
        mostAtOnce.merge(domain, now, Math::max);
        mostAtOnceAll.accumulateAndGet(inFlightAll.addAndGet(change), Math::max);
    }

    private static String domainOf(String rcptLine) {
        String lower = rcptLine.toLowerCase(Locale.ROOT);
        int at = lower.lastIndexOf('@');
        int end = lower.indexOf('>', at);
        return lower.substring(at + 1, end < 0 ? lower.length() : end);
    }

    private static void skipToEndOfData(BufferedReader in) throws IOException {
        for (String line = in.readLine(); line != null && !line.equals("."); line = in.readLine()) {
            // RFC 5321 §4.1.1.4: the data ends with a line holding a single dot.
        }
    }

    private static void reply(OutputStream out, String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }
}
