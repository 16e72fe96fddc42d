package dev.outreach.store;

/** Every repository of one database. */
public interface Store extends AutoCloseable {

    /** Units of work that commit together, and locks per recipient (ARCHITECTURE.md, "Write path"). */
    Transactions transactions();

    /** Which recipients the store may hold facts about, so a decision about anyone else reads nothing. */
    KnownRecipients knownRecipients();

    Leads leads();

    Touches touches();

    Suppressions suppressions();

    AuditEntries audit();

    ApiKeys apiKeys();

    Outbox outbox();

    IdempotencyRecords idempotency();

    Secrets secrets();

    /** The consent ledger: consents by number or address pseudonym, with evidence and revocations. */
    Consents consents();

    /** Inbound texts flagged as possible revocations, awaiting a person. */
    RevocationReviews revocationReviews();

    /** Return paths, provider event ids seen (replays) and soft-bounce counts. */
    DeliveryRecords deliveryRecords();

    /** Preference-centre choices: the categories each recipient opted down from. */
    CategoryOptOuts categoryOptOuts();

    /** Outgoing event webhooks: subscriptions, their cursors and deliveries. */
    EventSubscriptions eventSubscriptions();

    /** True when the database answers. */
    boolean ping();

    /** "sqlite" or "postgresql". */
    String dialect();

    @Override
    void close();
}
