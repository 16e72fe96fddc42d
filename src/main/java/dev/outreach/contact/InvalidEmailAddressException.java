package dev.outreach.contact;

/**
 * An input is not an email address the gateway accepts. The message names the problem only; it
 * never repeats the input, so it is safe to show to a user, write to a log or put in an HTTP
 * response (no personal data, and no CR/LF that could forge log lines or headers).
 */
public class InvalidEmailAddressException extends IllegalArgumentException {

    public InvalidEmailAddressException(String message) {
        super(message);
    }
}
