package dev.outreach.events;

import dev.outreach.Gateway;
import dev.outreach.store.AuditEntry;
import dev.outreach.store.SettledMessage;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class EventsFromRecordsTest {

    private static final Instant AT = Instant.parse("2026-03-11T15:00:00Z");
    private final EventsFromRecords events = new EventsFromRecords(Gateway.objectMapper());

    private static AuditEntry entry(String kind, String payload) {
        return new AuditEntry(42, "audit-id", AT, kind, "key:k1", "subject-pseudonym", "lead-1", "EMAIL", null, null,
                payload, "0", "1");
    }

    @ParameterizedTest(name = "{0} {1} → {2}")
    @CsvSource(delimiter = '|', nullValues = "none", value = {
            "SUPPRESSION_ADDED   | {\"reason\":\"BOUNCE\",\"id\":\"s1\",\"source\":\"smtp\"}      | bounce",
            "SUPPRESSION_ADDED   | {\"reason\":\"COMPLAINT\",\"id\":\"s1\",\"source\":\"ses\"}    | complaint",
            "SUPPRESSION_ADDED   | {\"reason\":\"UNSUBSCRIBE\",\"id\":\"s1\",\"source\":\"x\"}    | unsubscribe",
            "SUPPRESSION_ADDED   | {\"reason\":\"OBJECTION\",\"id\":\"s1\",\"source\":\"x\"}      | none",
            "PREFERENCES_CHANGED | {\"optedOut\":[\"resources\"],\"via\":\"preference-centre\"} | unsubscribe",
            "CONSENT_RECORDED    | {\"id\":\"c1\",\"kind\":\"GDPR\",\"channel\":\"EMAIL\"}       | consent",
            "CONSENT_REVOKED     | {\"via\":\"api\"}                                          | consent",
            "SUBJECT_ERASED      | {\"receiptId\":\"r1\"}                                     | erasure",
            "CHECK               | {}                                                       | none",
            "LIST_LOADED         | {\"name\":\"email/x.txt\"}                                 | none"})
    void auditKindsBecomeTheEventsSubscribersChoose(String kind, String payload, String expected) {
        Optional<GatewayEvent> event = events.fromAudit(entry(kind, payload));

        assertThat(event.map(e -> e.type().wireName()).orElse(null)).isEqualTo(expected);
        event.ifPresent(e -> {
            assertThat(e.id()).isEqualTo("audit-42");
            assertThat(events.body(e)).doesNotContain("subject-pseudonym");
        });
    }

    @Test
    void aDecisionCarriesTheOutcomeAndBlockingRulesButNoRuleDetail() {
        AuditEntry decision = new AuditEntry(7, "d1", AT, "DECISION", "key:k1", "pseudonym", "lead-1", "CALL", "BLOCK",
                "tcpa.calling-hours,state.calling-hours", "{\"purpose\":\"TELEMARKETING\",\"evaluated\":[{\"rule\":"
                + "\"tcpa.calling-hours\",\"detail\":\"recipient local time 21:14 America/Chicago\"}]}", "0", "1");

        String body = events.body(events.fromAudit(decision).orElseThrow());

        assertThat(body).contains("\"type\":\"decision\"", "\"decision\":\"BLOCK\"",
                "\"blockedBy\":[\"tcpa.calling-hours\",\"state.calling-hours\"]", "\"purpose\":\"TELEMARKETING\"");
        assertThat(body).doesNotContain("21:14").doesNotContain("America/Chicago");
    }

    @Test
    void aSettledMessageIsADeliveryEventWithoutTheAddress() {
        GatewayEvent e = events.fromSettled(new SettledMessage("m1@example.com", "lead-1", "BOUNCED", 2, AT));

        assertThat(e.type()).isEqualTo(EventType.DELIVERY);
        assertThat(e.id()).isEqualTo("message-m1@example.com-BOUNCED");
        assertThat(events.body(e)).contains("\"status\":\"BOUNCED\"", "\"attempts\":2", "\"leadId\":\"lead-1\"");
    }
}
