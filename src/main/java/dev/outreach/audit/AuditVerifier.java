package dev.outreach.audit;

import dev.outreach.store.AuditEntries;
import dev.outreach.store.AuditEntry;

/**
 * Walks the audit chain in seq order and reports the first entry that breaks it: a gap in the
 * sequence (deleted entries), an entry whose contents no longer match its hash (edited, or moved to
 * another position, since seq is hashed), or an entry whose prevHash is not its predecessor's hash
 * (an entry before it was deleted, inserted or replaced and the hashes recomputed).
 *
 * <p>Removing the newest entries leaves a shorter chain that is still valid; detecting that needs
 * external checkpoints of the head.
 */
public final class AuditVerifier {

    private AuditVerifier() {
    }

    /** Reads every entry once, streaming, and counts them all even after the first problem. */
    public static VerifyResult verify(AuditEntries audit) {
        Walk walk = new Walk();
        audit.scan(walk::visit);
        return walk.result();
    }

    private record Problem(long seq, String entryId, String detail) {
    }

    /** The state carried from one entry to the next. */
    private static final class Walk {
        private long entries;
        private long expectedSeq = 1;
        private String previousHash = AuditChain.GENESIS;
        private Problem problem;

        void visit(AuditEntry e) {
            entries++;
            if (problem == null) {
                problem = check(e);
                expectedSeq = e.seq() + 1;
                previousHash = e.hash();
            }
        }

        private Problem check(AuditEntry e) {
            String entry = "entry " + e.seq() + " (id " + e.id() + ")";
            if (e.seq() > expectedSeq) {
                String missing = e.seq() - expectedSeq == 1
                        ? "entry " + expectedSeq + " missing"
                        : "entries " + expectedSeq + " to " + (e.seq() - 1) + " missing";
                return new Problem(expectedSeq, null,
                        missing + ": sequence jumps from " + (expectedSeq - 1) + " to " + e.seq());
            }
            if (e.seq() < expectedSeq) {
                return new Problem(e.seq(), e.id(), entry + " is out of sequence: expected entry " + expectedSeq);
            }
            if (!AuditChain.expectedHash(e).equals(e.hash())) {
                return new Problem(e.seq(), e.id(), entry + " was edited: stored hash does not match its contents");
            }
            if (!previousHash.equals(e.prevHash())) {
                String predecessor = e.seq() == 1 ? "the start of the chain" : "entry " + (e.seq() - 1);
                return new Problem(e.seq(), e.id(), entry + " does not follow " + predecessor + ": prevHash mismatch");
            }
            return null;
        }

        VerifyResult result() {
            return problem == null
                    ? VerifyResult.ok(entries)
                    : VerifyResult.broken(entries, problem.seq(), problem.entryId(), problem.detail());
        }
    }
}
