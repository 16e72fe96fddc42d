package dev.outreach.audit;

import dev.outreach.store.AuditChain;
import dev.outreach.store.AuditEntries;
import dev.outreach.store.AuditEntry;
import dev.outreach.store.PruneBoundary;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Walks the audit chain in seq order and reports the first entry that breaks it: a gap in the
 * sequence (deleted entries), an entry whose contents no longer match its hash (edited, or moved to
 * another position, since seq is hashed), or an entry whose prevHash is not its predecessor's hash
 * (an entry before it was deleted, inserted or replaced and the hashes recomputed).
 *
 * <p>With a {@link CheckpointFile} it also checks what the chain alone cannot show. Every line's
 * signature must verify. Every checkpoint must match the entry at its seq: a mismatch means the
 * chain was rewritten and rehashed. The newest entry must reach the newest checkpoint: a shorter
 * chain means its tail was cut off. After a retention prune, verification starts at the prune
 * boundary signed in the file: the earliest remaining entry must be the one right after it and
 * chain to its hash, so deleting more than the prune did is still caught, and a boundary the
 * database claims but the file does not confirm is reported.
 */
public final class AuditVerifier {

    private AuditVerifier() {
    }

    /**
     * Checks the chain alone, from its start or from the prune boundary recorded in the database.
     * Reads every entry once, streaming, and counts them all even after the first problem.
     */
    public static VerifyResult verify(AuditEntries audit) {
        Walk walk = new Walk(audit.pruneBoundary().orElse(null), List.of());
        audit.scan(walk::visit);
        return walk.result(List.of());
    }

    /** Checks the chain and the checkpoint file against each other. */
    public static VerifyResult verify(AuditEntries audit, CheckpointFile file) {
        List<Problem> problems = new ArrayList<>();
        List<CheckpointFile.Line> lines;
        try {
            lines = file.read();
        } catch (UncheckedIOException e) {
            problems.add(new Problem(null, null, "the checkpoint file " + file.path() + " cannot be read ("
                    + e.getCause().getMessage() + "), so truncation and rewriting cannot be ruled out", 0));
            lines = List.of();
        }
        List<CheckpointFile.Line> checkpoints = new ArrayList<>();
        PruneBoundary signedBoundary = null;
        for (CheckpointFile.Line line : lines) {
            if (!line.valid()) {
                problems.add(new Problem(line.seq() > 0 ? line.seq() : null, null, "line " + line.number()
                        + " of the checkpoint file " + file.path() + describe(line) + " " + line.problem(), 0));
            } else if (CheckpointFile.PRUNE.equals(line.type())) {
                if (signedBoundary == null || line.seq() > signedBoundary.seq()) {
                    signedBoundary = line.boundary();
                }
            } else {
                checkpoints.add(line);
            }
        }
        Optional<PruneBoundary> recorded = audit.pruneBoundary();
        if (recorded.isPresent()) {
            PruneBoundary db = recorded.get();
            long signedSeq = signedBoundary == null ? 0 : signedBoundary.seq();
            if (db.seq() > signedSeq) {
                problems.add(new Problem(signedSeq + 1, null, "the database records entries up to " + db.seq()
                        + " as pruned, but the checkpoint file signs no such prune (" + (signedBoundary == null
                        ? "it records no prune at all" : "its last prune ends at entry " + signedSeq)
                        + "): entries were deleted outside retention", 0));
            } else if (db.seq() == signedSeq && !db.hash().equals(signedBoundary.hash())) {
                problems.add(new Problem(signedSeq + 1, null, "the prune boundary at entry " + signedSeq
                        + " in the database does not match the signed prune record of " + signedBoundary.prunedAt(),
                        0));
            }
        }
        Walk walk = new Walk(signedBoundary, checkpoints);
        audit.scan(walk::visit);
        return walk.result(problems);
    }

    private static String describe(CheckpointFile.Line line) {
        if (line.type() == null || line.seq() <= 0) {
            return "";
        }
        return " (" + line.type() + " at entry " + line.seq() + (line.at() == null ? "" : ", written " + line.at())
                + ")";
    }

    /**
     * A reason verification fails. Problems are ordered by the entry they concern (file-level ones
     * first); {@code rank} breaks ties so the more telling explanation wins.
     */
    private record Problem(Long seq, String entryId, String detail, int rank) {
        static final Comparator<Problem> ORDER = Comparator
                .comparingLong((Problem p) -> p.seq == null ? -1 : p.seq)
                .thenComparingInt(Problem::rank);
    }

    /** The state carried from one entry to the next. */
    private static final class Walk {
        private final PruneBoundary boundary;
        private final long boundarySeq;
        private final Map<Long, List<CheckpointFile.Line>> checkpointsBySeq = new HashMap<>();
        private final List<CheckpointFile.Line> checkpoints;
        private long entries;
        private long expectedSeq;
        private String previousHash;
        private long headSeq;
        private Problem chainProblem;
        private Problem checkpointProblem;
        private Checkpoint lastVerified;
        private long verified;
        private long lastMatchedSeq;

        Walk(PruneBoundary boundary, List<CheckpointFile.Line> checkpoints) {
            this.boundary = boundary;
            this.boundarySeq = boundary == null ? 0 : boundary.seq();
            this.expectedSeq = boundarySeq + 1;
            this.previousHash = boundary == null ? AuditChain.GENESIS : boundary.hash();
            this.headSeq = boundarySeq;
            this.lastMatchedSeq = boundarySeq;
            this.checkpoints = checkpoints;
            for (CheckpointFile.Line c : checkpoints) {
                checkpointsBySeq.computeIfAbsent(c.seq(), s -> new ArrayList<>()).add(c);
            }
        }

        void visit(AuditEntry e) {
            entries++;
            if (e.seq() <= boundarySeq) {
                return; // pruned on purpose; an interrupted prune deletes it next time
            }
            headSeq = Math.max(headSeq, e.seq());
            if (chainProblem == null) {
                chainProblem = check(e);
                expectedSeq = e.seq() + 1;
                previousHash = e.hash();
            }
            for (CheckpointFile.Line c : checkpointsBySeq.getOrDefault(e.seq(), List.of())) {
                if (c.hash().equals(e.hash())) {
                    matched(c);
                } else if (checkpointProblem == null) {
                    checkpointProblem = new Problem(e.seq(), e.id(), "entry " + e.seq() + " (id " + e.id()
                            + ") does not match the signed checkpoint written " + c.at() + ": the chain "
                            + (lastMatchedSeq == 0 ? "from its start" : "after entry " + lastMatchedSeq)
                            + " up to entry " + e.seq() + " was rewritten and rehashed", 2);
                }
            }
        }

        private void matched(CheckpointFile.Line c) {
            verified++;
            lastMatchedSeq = Math.max(lastMatchedSeq, c.seq());
            if (lastVerified == null || c.seq() > lastVerified.seq()
                    || (c.seq() == lastVerified.seq() && c.at().isAfter(lastVerified.at()))) {
                lastVerified = c.checkpoint();
            }
        }

        private Problem check(AuditEntry e) {
            String entry = "entry " + e.seq() + " (id " + e.id() + ")";
            if (e.seq() > expectedSeq) {
                String missing = e.seq() - expectedSeq == 1
                        ? "entry " + expectedSeq + " missing"
                        : "entries " + expectedSeq + " to " + (e.seq() - 1) + " missing";
                String from = expectedSeq - 1 == boundarySeq && boundary != null
                        ? "from the prune boundary at " + boundarySeq : "from " + (expectedSeq - 1);
                return new Problem(expectedSeq, null, missing + ": sequence jumps " + from + " to " + e.seq(), 1);
            }
            if (e.seq() < expectedSeq) {
                return new Problem(e.seq(), e.id(), entry + " is out of sequence: expected entry " + expectedSeq, 1);
            }
            if (!AuditChain.expectedHash(e).equals(e.hash())) {
                return new Problem(e.seq(), e.id(), entry + " was edited: stored hash does not match its contents", 1);
            }
            if (!previousHash.equals(e.prevHash())) {
                String predecessor = e.seq() == boundarySeq + 1
                        ? (boundary == null ? "the start of the chain" : "the prune boundary at entry " + boundarySeq)
                        : "entry " + (e.seq() - 1);
                return new Problem(e.seq(), e.id(), entry + " does not follow " + predecessor + ": prevHash mismatch",
                        1);
            }
            return null;
        }

        VerifyResult result(List<Problem> fileProblems) {
            List<Problem> problems = new ArrayList<>(fileProblems);
            Problem sealed = checkSealedCheckpoints();
            if (sealed != null) {
                problems.add(sealed);
            }
            Problem truncated = checkTail();
            if (truncated != null) {
                problems.add(truncated);
            }
            if (chainProblem != null) {
                problems.add(chainProblem);
            }
            if (checkpointProblem != null) {
                problems.add(checkpointProblem);
            }
            Long pruned = boundary == null ? null : boundarySeq;
            if (problems.isEmpty()) {
                return VerifyResult.ok(entries).withCheckpoints(lastVerified, verified, pruned);
            }
            Problem first = problems.stream().min(Problem.ORDER).orElseThrow();
            return new VerifyResult(false, entries, first.seq(), first.entryId(), first.detail(), lastVerified,
                    verified, pruned);
        }

        /** Checkpoints at or before the prune boundary: the one at the boundary must match its hash. */
        private Problem checkSealedCheckpoints() {
            Problem problem = null;
            for (CheckpointFile.Line c : checkpoints) {
                if (boundary != null && c.seq() == boundarySeq) {
                    if (c.hash().equals(boundary.hash())) {
                        matched(c);
                    } else if (problem == null) {
                        problem = new Problem(boundarySeq + 1, null, "the prune boundary at entry " + boundarySeq
                                + " does not match the signed checkpoint written " + c.at() + " for that entry", 0);
                    }
                }
            }
            return problem;
        }

        /** The newest checkpoint must not lie beyond the newest entry. */
        private Problem checkTail() {
            CheckpointFile.Line newest = null;
            for (CheckpointFile.Line c : checkpoints) {
                if (c.seq() > headSeq && (newest == null || c.seq() > newest.seq())) {
                    newest = c;
                }
            }
            if (newest == null) {
                return null;
            }
            String missing = headSeq == 0 ? "all entries are missing" : "entries after " + headSeq + " are missing";
            return new Problem(headSeq + 1, null, missing + ": the last checkpoint (at " + newest.at() + ") covers entry "
                    + newest.seq(), 3);
        }
    }
}
