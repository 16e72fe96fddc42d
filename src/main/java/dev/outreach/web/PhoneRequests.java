package dev.outreach.web;

import dev.outreach.gateway.PhoneTouches;
import dev.outreach.policy.Channel;
import dev.outreach.policy.Dialer;
import dev.outreach.policy.Purpose;

import java.time.Instant;
import java.util.Set;

/** Reads and checks the body of a call clearance, a text, or a CALL/SMS check. */
final class PhoneRequests {

    private static final Set<Purpose> CALL_PURPOSES = Set.of(Purpose.TELEMARKETING, Purpose.INFORMATIONAL);
    private static final Set<Purpose> TEXT_PURPOSES = Set.of(Purpose.MARKETING, Purpose.INFORMATIONAL);
    /** Long enough for "renewal of policy 12345 for the home insurance"; a subject is a topic, not a message. */
    static final int SUBJECT_MAX_LENGTH = 120;

    private PhoneRequests() {
    }

    static PhoneTouches.Request read(JsonBody body, Channel channel, boolean dryRun, String idempotencyKey) {
        String leadId = body.text("leadId");
        String phone = body.text("phone");
        if (leadId == null && phone == null) {
            body.error("leadId", "leadId or phone is required");
        } else if (leadId != null && phone != null) {
            body.error("phone", "give leadId or phone, not both");
        }
        Purpose purpose = body.requiredEnum("purpose", Purpose.class);
        Set<Purpose> allowed = channel == Channel.CALL ? CALL_PURPOSES : TEXT_PURPOSES;
        if (purpose != null && !allowed.contains(purpose)) {
            body.error("purpose", "for " + channel + " must be one of " + allowed);
        }
        Dialer dialer = body.enumValue("dialer", Dialer.class, null);
        if (channel == Channel.SMS && dialer != null) {
            body.error("dialer", "applies to calls only");
        }
        Instant at = body.instant("at");
        boolean confirmation = Boolean.TRUE.equals(body.bool("confirmation"));
        if (confirmation && (channel != Channel.SMS || purpose != Purpose.INFORMATIONAL)) {
            body.error("confirmation", "only an INFORMATIONAL text may confirm a revocation");
        }
        String subject = subject(body);
        body.validate();
        return new PhoneTouches.Request(channel, leadId, phone, purpose, dialer, at, dryRun, idempotencyKey,
                confirmation, subject);
    }

    /**
     * What the call or text is about, trimmed; null when absent or blank. State caps "on the same
     * subject" compare it ignoring case and runs of spaces, so it must be a short topic: at most
     * {@value #SUBJECT_MAX_LENGTH} characters and no control characters.
     */
    private static String subject(JsonBody body) {
        String raw = body.text("subject");
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String subject = raw.strip();
        if (subject.length() > SUBJECT_MAX_LENGTH) {
            body.error("subject", "must be at most " + SUBJECT_MAX_LENGTH + " characters");
            return null;
        }
        if (subject.codePoints().anyMatch(Character::isISOControl)) {
            body.error("subject", "must not contain control characters (line breaks, tabs)");
            return null;
        }
        return subject;
    }
}
