package dev.outreach.audit;

/**
 * The outcome of checking the audit chain.
 *
 * @param entries how many entries were read
 * @param firstBadSeq the sequence number of the first entry that fails (for a gap, the first missing one); null when ok
 * @param firstBadEntryId the id of that entry; null when ok or when the entry is missing
 * @param detail what is wrong, in words a compliance officer can act on; null when ok
 */
public record VerifyResult(boolean ok, long entries, Long firstBadSeq, String firstBadEntryId, String detail) {

    public static VerifyResult ok(long entries) {
        return new VerifyResult(true, entries, null, null, null);
    }

    public static VerifyResult broken(long entries, long firstBadSeq, String firstBadEntryId, String detail) {
        return new VerifyResult(false, entries, firstBadSeq, firstBadEntryId, detail);
    }
}
