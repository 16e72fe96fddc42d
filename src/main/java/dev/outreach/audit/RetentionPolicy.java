package dev.outreach.audit;

import dev.outreach.store.AuditEntry;

import java.time.Duration;
import java.util.Set;

/**
 * How long each kind of audit record is kept. Company do-not-call records are kept at least five
 * years: a do-not-call request must be honoured for five years from when it was made
 * (47 CFR 64.1200(d)(6)), and the entry recording it is the evidence that it was.
 *
 * @param audit every entry that is not a company do-not-call record
 * @param companyDnc entries that record the company do-not-call list: phone suppressions added
 *                   or removed, loads of phone list files, decisions blocked by
 *                   {@code tcpa.company-dnc}, and any entry kind naming DNC
 */
public record RetentionPolicy(Duration audit, Duration companyDnc) {

    /** The TCPA company do-not-call retention; {@code retention.company-dnc} may not be shorter. */
    public static final Duration COMPANY_DNC_MINIMUM = Duration.ofDays(1825);

    private static final Set<String> SUPPRESSION_KINDS = Set.of("SUPPRESSION_ADDED", "SUPPRESSION_REMOVED");
    private static final Set<String> PHONE_CHANNELS = Set.of("CALL", "SMS");

    /** @throws IllegalArgumentException naming the key when a retention is not allowed */
    public RetentionPolicy {
        if (audit == null || audit.isNegative() || audit.isZero()) {
            throw new IllegalArgumentException("retention.audit must be a positive duration, was " + describe(audit));
        }
        if (companyDnc == null || companyDnc.compareTo(COMPANY_DNC_MINIMUM) < 0) {
            throw new IllegalArgumentException("retention.company-dnc must be at least P1825D (five years, "
                    + "47 CFR 64.1200(d)(6)), was " + describe(companyDnc));
        }
    }

    /** "P1825D" for whole days (as configured), the ISO-8601 form otherwise. */
    public static String describe(Duration d) {
        return d == null ? "none" : d.toSeconds() % 86_400 == 0 && d.getNano() == 0 ? "P" + d.toDays() + "D"
                : d.toString();
    }

    @Override
    public String toString() {
        return "audit " + describe(audit) + ", company do-not-call " + describe(companyDnc);
    }

    public static RetentionPolicy defaults() {
        return new RetentionPolicy(Duration.ofDays(1825), COMPANY_DNC_MINIMUM);
    }

    /** How long this entry must be kept after its time. */
    public Duration retentionOf(AuditEntry e) {
        return isCompanyDnc(e) ? companyDnc : audit;
    }

    static boolean isCompanyDnc(AuditEntry e) {
        if (e.kind().contains("DNC")) {
            return true;
        }
        if (SUPPRESSION_KINDS.contains(e.kind()) && PHONE_CHANNELS.contains(e.channel())) {
            return true;
        }
        if (blockedBy(e.rules(), "tcpa.company-dnc")) {
            return true;
        }
        return AuditKind.LIST_LOADED.name().equals(e.kind()) && AuditPayload.of(e) instanceof AuditPayload.Change c
                && c.text("kind").filter("PHONE"::equals).isPresent();
    }

    /** Whole-id matching within a comma-joined rules column. */
    private static boolean blockedBy(String rules, String id) {
        if (rules == null) {
            return false;
        }
        for (String rule : rules.split(",")) {
            if (rule.equals(id)) {
                return true;
            }
        }
        return false;
    }
}
