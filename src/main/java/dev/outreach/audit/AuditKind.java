package dev.outreach.audit;

/**
 * What an audit entry records. Decisions are {@link #DECISION} (a real touch) or {@link #CHECK}
 * (a dry run); every other kind is a change the gateway made or was told of. Stored by name.
 */
public enum AuditKind {
    DECISION,
    CHECK,
    AUDIT_PRUNED,
    CALL_OUTCOME,
    CONSENT_RECORDED,
    CONSENT_REVOKED,
    DELIVERY_EVENT,
    EVENT_SUBSCRIPTION_CREATED,
    EVENT_SUBSCRIPTION_DELETED,
    INACTIVE_LEADS_PURGED,
    INBOUND_TEXT_REVOCATION,
    KEY_CREATED,
    KEY_REVOKED,
    LEADS_IMPORTED,
    LEAD_ANONYMISED,
    LIST_LOADED,
    REVOCATION_REVIEW_CLEARED,
    SESSION_ENDED,
    SIGNED_IN,
    SIGNED_OUT,
    SIGN_IN_REFUSED,
    SUBJECT_ERASED,
    SUBJECT_EXPORTED,
    SUBJECT_OBJECTED,
    SUPPRESSION_ADDED,
    SUPPRESSION_REMOVED,
    PREFERENCES_CHANGED,
    BATCH_CHECK;
}
