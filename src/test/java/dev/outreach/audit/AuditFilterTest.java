package dev.outreach.audit;

import dev.outreach.config.TimeText;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class AuditFilterTest {

    private final RecipientPseudonyms pseudonyms = new RecipientPseudonyms(new byte[32]);
    private final AuditFilter api = new AuditFilter(pseudonyms, "US", TimeText.Form.WITH_OFFSET);
    private final AuditFilter form = new AuditFilter(pseudonyms, "US", TimeText.Form.OFFSET_OR_UTC);

    @Test
    void typedFiltersBecomeTheQueryWithTheRecipientAsItsPseudonym() {
        AuditFilter.Parsed p = api.parse(Map.of("from", "2026-11-27T14:05:00+01:00", "to", "2026-11-28T00:00:00Z",
                "recipient", "Ann@Example.com", "channel", "email", "decision", "block", "rule", "tcpa.consent",
                "kind", "DECISION", "actor", "key:k1", "leadId", " L-1 ")::get);

        assertThat(p.errors()).isEmpty();
        assertThat(p.query().from()).isEqualTo(Instant.parse("2026-11-27T13:05:00Z"));
        assertThat(p.query().to()).isEqualTo(Instant.parse("2026-11-28T00:00:00Z"));
        assertThat(p.query().subjectKey()).isEqualTo(pseudonyms.ofTyped("ann@example.com", "US"));
        assertThat(p.query().channel()).isEqualTo("EMAIL");
        assertThat(p.query().decision()).isEqualTo("BLOCK");
        assertThat(p.query().leadId()).isEqualTo("L-1");
        assertThat(p.query().actor()).isEqualTo("key:k1");
    }

    @Test
    void everyUnreadableFilterIsReportedUnderItsName() {
        AuditFilter.Parsed p = api.parse(Map.of("from", "2026-11-27", "recipient", "not a number",
                "channel", "FAX", "decision", "MAYBE")::get);

        assertThat(p.errors()).extracting(AuditFilter.FieldError::field)
                .containsExactly("from", "recipient", "channel", "decision");
        assertThat(p.errors().get(0).message()).isEqualTo("must be an ISO-8601 instant with offset, e.g. 2026-11-27T14:05:00Z");
        assertThat(p.errors().get(2).message()).isEqualTo("must be EMAIL, CALL or SMS");
        assertThat(p.errors().get(3).message()).isEqualTo("must be ALLOW or BLOCK");
    }

    @Test
    void toMustBeAfterFrom() {
        AuditFilter.Parsed p = api.parse(Map.of("from", "2026-02-01T00:00:00Z", "to", "2026-02-01T00:00:00Z")::get);

        assertThat(p.errors()).containsExactly(new AuditFilter.FieldError("to", "must be after from"));
    }

    @Test
    void aFormMayTypeTimesWithoutOffsetMeaningUtcButTheApiMayNot() {
        AuditFilter.Parsed p = form.parse(Map.of("from", "2026-11-27", "to", "2026-11-27T14:05")::get);

        assertThat(p.errors()).isEmpty();
        assertThat(p.query().from()).isEqualTo(Instant.parse("2026-11-27T00:00:00Z"));
        assertThat(p.query().to()).isEqualTo(Instant.parse("2026-11-27T14:05:00Z"));
        assertThat(api.parse(Map.of("to", "2026-11-27T14:05")::get).errors())
                .extracting(AuditFilter.FieldError::field).containsExactly("to");
    }

    @Test
    void blankFiltersFilterNothing() {
        AuditFilter.Parsed p = api.parse(Map.of("from", " ", "channel", "")::get);

        assertThat(p.errors()).isEmpty();
        assertThat(p.query().from()).isNull();
        assertThat(p.query().channel()).isNull();
    }
}
