package dev.outreach.mail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real SMTP server on a loopback socket that speaks just enough RFC 5321 to answer RCPT TO with
 * a scripted reply, which GreenMail cannot do: 220 greeting, 250 to EHLO/HELO/MAIL/RSET/NOOP,
 * the scripted line to RCPT, 354 + 250 around DATA, 221 to QUIT. One connection at a time.
 */
final class ScriptedSmtpServer implements AutoCloseable {

    private final ServerSocket listener;
    private final java.util.function.UnaryOperator<String> rcptReply;
    private final java.util.List<String> acceptedRecipients = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final Thread acceptor;
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger messages = new AtomicInteger();
    private volatile Socket current;

    private ScriptedSmtpServer(String rcptReply) throws IOException {
        this(rcpt -> rcptReply);
    }

    private ScriptedSmtpServer(java.util.function.UnaryOperator<String> rcptReply) throws IOException {
        this.listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        this.rcptReply = rcptReply;
        this.acceptor = new Thread(this::serve, "scripted-smtp");
        this.acceptor.setDaemon(true);
        this.acceptor.start();
    }

    /** @param rcptReply the whole reply line to every RCPT TO, e.g. {@code 550 5.1.1 User unknown} */
    static ScriptedSmtpServer replyingToRcpt(String rcptReply) throws IOException {
        return new ScriptedSmtpServer(rcptReply);
    }

    /** Answers RCPT TO for addresses at {@code domain} with {@code reply}, and accepts every other one. */
    static ScriptedSmtpServer deferringDomain(String domain, String reply) throws IOException {
        return new ScriptedSmtpServer(rcpt -> rcpt.toLowerCase(Locale.ROOT).contains("@" + domain + ">")
                ? reply : "250 2.1.5 OK");
    }

    /** RCPT TO lines of messages that completed DATA, in order. */
    java.util.List<String> acceptedRecipients() {
        return acceptedRecipients;
    }

    static ScriptedSmtpServer acceptingEverything() throws IOException {
        return new ScriptedSmtpServer("250 2.1.5 OK");
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

    @Override
    public void close() throws IOException, InterruptedException {
        listener.close();
        Socket open = current;
        if (open != null) {
            open.close();
        }
        acceptor.join(5_000);
    }

    private void serve() {
        while (!listener.isClosed()) {
            try (Socket client = listener.accept()) {
                current = client;
                connections.incrementAndGet();
                converse(client);
            } catch (IOException closedOrReset) {
                // The listener was closed, or the client went away; either ends this conversation.
            }
        }
    }

    private void converse(Socket client) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.US_ASCII));
        OutputStream out = client.getOutputStream();
        reply(out, "220 scripted.test ESMTP");
        String rcpt = null;
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            String verb = (line.length() >= 4 ? line.substring(0, 4) : line).toUpperCase(Locale.ROOT);
            switch (verb) {
                case "EHLO", "HELO" -> reply(out, "250 scripted.test");
                case "MAIL", "RSET", "NOOP" -> reply(out, "250 2.0.0 OK");
                case "RCPT" -> {
                    rcpt = line;
                    reply(out, rcptReply.apply(line));
                }
                case "DATA" -> {
                    reply(out, "354 End data with <CR><LF>.<CR><LF>");
                    skipToEndOfData(in);
                    messages.incrementAndGet();
                    acceptedRecipients.add(rcpt);
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
