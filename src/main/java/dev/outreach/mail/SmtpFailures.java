package dev.outreach.mail;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Turns what angus-mail throws into a {@link DeliveryException}.
 *
 * <p>A refused recipient arrives as a {@code SendFailedException} whose chain holds an
 * {@link SMTPAddressFailedException} with the RCPT reply (RFC 5321 §3.3); a refused MAIL or DATA
 * as an {@link SMTPSendFailedException}. Their reply codes decide (RFC 5321 §4.2.1: 4yz transient,
 * 5yz permanent). Anything without a reply (refused connection, timeouts, broken connection,
 * failed AUTH, which is our configuration and not the recipient's fault) is transient; the retry
 * limit of the dispatcher ends it if it never clears.
 */
final class SmtpFailures {

    private SmtpFailures() {
    }

    static DeliveryException classify(MessagingException failure) {
        List<Throwable> chain = chainOf(failure);
        Optional<SMTPAddressFailedException> rcpt = first(chain, SMTPAddressFailedException.class);
        if (rcpt.isPresent()) {
            return DeliveryException.smtpReply(rcpt.get().getReturnCode(), rcpt.get().getMessage());
        }
        Optional<SMTPSendFailedException> send = first(chain, SMTPSendFailedException.class);
        if (send.isPresent()) {
            return DeliveryException.smtpReply(send.get().getReturnCode(), send.get().getMessage());
        }
        if (first(chain, AuthenticationFailedException.class).isPresent()) {
            return DeliveryException.transientFailure("SMTP authentication failed; check the relay credentials");
        }
        return DeliveryException.transientFailure("SMTP relay unavailable: " + describe(chain));
    }

    /** The exception and its causes; MessagingException reports its next exception as its cause. */
    private static List<Throwable> chainOf(Throwable failure) {
        List<Throwable> chain = new ArrayList<>();
        for (Throwable t = failure; t != null && !chain.contains(t); t = t.getCause()) {
            chain.add(t);
        }
        return chain;
    }

    private static <T extends Throwable> Optional<T> first(List<Throwable> chain, Class<T> type) {
        return chain.stream().filter(type::isInstance).map(type::cast).findFirst();
    }

    /** The innermost cause is the telling one, e.g. ConnectException or SocketTimeoutException. */
    private static String describe(List<Throwable> chain) {
        Throwable root = chain.get(chain.size() - 1);
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : " " + root.getMessage());
    }
}
