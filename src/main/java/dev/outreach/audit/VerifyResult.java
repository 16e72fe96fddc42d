package dev.outreach.audit;

/**
 * The outcome of checking the audit chain.
 *
 * @param entries how many entries were read
 * @param firstBadSeq the sequence number of the first entry that fails (for a gap or a truncated
 *                    tail, the first missing one); null when ok, or when the problem is in the
 *                    checkpoint file rather than at an entry
 * @param firstBadEntryId the id of that entry; null when ok or when the entry is missing
 * @param detail what is wrong, in words a compliance officer can act on; null when ok
 * @param lastCheckpoint the newest checkpoint whose signature verified and whose entry (or prune
 *                       boundary) in the database matches it; null when there is none
 * @param checkpoints how many checkpoints verified that way
 * @param prunedThroughSeq the retention boundary verification started after (entries up to it were
 *                         pruned on purpose); null when nothing was pruned
 */
public record VerifyResult(boolean ok, long entries, Long firstBadSeq, String firstBadEntryId, String detail,
                           Checkpoint lastCheckpoint, long checkpoints, Long prunedThroughSeq) {

    public static VerifyResult ok(long entries) {
        return new VerifyResult(true, entries, null, null, null, null, 0, null);
    }

    public static VerifyResult broken(long entries, long firstBadSeq, String firstBadEntryId, String detail) {
        return new VerifyResult(false, entries, firstBadSeq, firstBadEntryId, detail, null, 0, null);
    }

    /** One paragraph for the command line: the verdict, the last verified checkpoint, the prune boundary. */
    public String summary() {
        StringBuilder text = new StringBuilder(ok
                ? "OK: " + entries + " entries verify"
                : "BROKEN" + (firstBadSeq == null ? "" : " at entry " + firstBadSeq
                + (firstBadEntryId == null ? "" : " (id " + firstBadEntryId + ")")) + ": " + detail);
        text.append(lastCheckpoint == null ? "\nlast verified checkpoint: none"
                : "\nlast verified checkpoint: entry " + lastCheckpoint.seq() + " at " + lastCheckpoint.at()
                + " (" + checkpoints + " checkpoints verified)");
        if (prunedThroughSeq != null) {
            text.append("\nentries up to ").append(prunedThroughSeq).append(" were pruned by retention");
        }
        return text.toString();
    }

    VerifyResult withCheckpoints(Checkpoint last, long verified, Long prunedThrough) {
        return new VerifyResult(ok, entries, firstBadSeq, firstBadEntryId, detail, last, verified, prunedThrough);
    }
}
