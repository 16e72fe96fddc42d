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
        body.validate();
        return new PhoneTouches.Request(channel, leadId, phone, purpose, dialer, at, dryRun, idempotencyKey,
                confirmation);
    }
}
