package dev.outreach.webhook;

/**
 * A webhook call that changes nothing. {@link Reason#UNAUTHENTIC} and {@link Reason#REPLAY} are
 * answered 401, {@link Reason#MALFORMED} 400 naming the field. The message never quotes the body.
 */
public final class WebhookRejected extends Exception {

    public enum Reason { UNAUTHENTIC, REPLAY, MALFORMED }

    private final Reason reason;
    private final String field;

    private WebhookRejected(Reason reason, String field, String message) {
        super(message);
        this.reason = reason;
        this.field = field;
    }

    public static WebhookRejected unauthentic(String message) {
        return new WebhookRejected(Reason.UNAUTHENTIC, null, message);
    }

    public static WebhookRejected replay(String message) {
        return new WebhookRejected(Reason.REPLAY, null, message);
    }

    public static WebhookRejected malformed(String field, String message) {
        return new WebhookRejected(Reason.MALFORMED, field, message);
    }

    public Reason reason() {
        return reason;
    }

    /** The body field that is wrong, for MALFORMED. */
    public String field() {
        return field;
    }
}
