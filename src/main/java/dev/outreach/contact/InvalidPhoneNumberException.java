package dev.outreach.contact;

/**
 * An input is not a phone number the gateway accepts. The message names the problem only and never
 * repeats the number, so it can go to logs and responses without leaking personal data.
 */
public class InvalidPhoneNumberException extends IllegalArgumentException {

    public InvalidPhoneNumberException(String message) {
        super(message);
    }
}
