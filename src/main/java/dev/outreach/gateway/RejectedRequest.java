package dev.outreach.gateway;

/**
 * A request the gateway will not carry out because of its content, not because of compliance
 * (a blocked touch is a decision, not an exception). Names the field at fault.
 */
public class RejectedRequest extends RuntimeException {

    public enum Kind { INVALID, NOT_FOUND, UNPROCESSABLE, CONFLICT, FORBIDDEN }

    private final Kind kind;
    private final String field;

    public RejectedRequest(Kind kind, String field, String message) {
        super(message);
        this.kind = kind;
        this.field = field;
    }

    public static RejectedRequest invalid(String field, String message) {
        return new RejectedRequest(Kind.INVALID, field, message);
    }

    public static RejectedRequest notFound(String field, String message) {
        return new RejectedRequest(Kind.NOT_FOUND, field, message);
    }

    public static RejectedRequest unprocessable(String field, String message) {
        return new RejectedRequest(Kind.UNPROCESSABLE, field, message);
    }

    public Kind kind() {
        return kind;
    }

    public String field() {
        return field;
    }
}
