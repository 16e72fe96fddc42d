package dev.outreach.audit;

import dev.outreach.store.AuditChain;
import dev.outreach.store.AuditEntries;
import dev.outreach.store.AuditEntry;
import dev.outreach.store.AuditQuery;
import dev.outreach.store.NewAuditEntry;
import dev.outreach.store.PruneBoundary;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

class AuditVerifierTest {

    private static final Instant T0 = Instant.parse("2026-11-27T14:05:00Z");

    @Test
    void anEmptyLogVerifies() {
        assertThat(AuditVerifier.verify(new ListedEntries(List.of()))).isEqualTo(VerifyResult.ok(0));
    }

    @Test
    void anIntactChainVerifiesAndCountsItsEntries() {
        assertThat(AuditVerifier.verify(new ListedEntries(chain(5)))).isEqualTo(VerifyResult.ok(5));
    }

    @Test
    void verifyNamesTheEditedEntry() {
        List<AuditEntry> entries = chain(5);
        AuditEntry e = entries.get(2);
        entries.set(2, new AuditEntry(e.seq(), e.id(), e.at(), e.kind(), e.actor(), e.subjectKey(), e.leadId(),
                e.channel(), "ALLOW", e.rules(), e.payload(), e.prevHash(), e.hash()));

        assertThat(AuditVerifier.verify(new ListedEntries(entries))).isEqualTo(VerifyResult.broken(5, 3, "id-3",
                "entry 3 (id id-3) was edited: stored hash does not match its contents"));
    }

    @Test
    void verifyNamesTheGapLeftByADeletedEntry() {
        List<AuditEntry> entries = chain(5);
        entries.remove(3);

        assertThat(AuditVerifier.verify(new ListedEntries(entries))).isEqualTo(VerifyResult.broken(4, 4, null,
                "entry 4 missing: sequence jumps from 3 to 5"));
    }

    @Test
    void verifyNamesTheWholeRangeWhenSeveralEntriesAreMissing() {
        List<AuditEntry> entries = chain(6);
        entries.subList(0, 3).clear();

        assertThat(AuditVerifier.verify(new ListedEntries(entries)).detail())
                .isEqualTo("entries 1 to 3 missing: sequence jumps from 0 to 4");
    }

    @Test
    void verifyNamesAnEntryThatWasRehashedButNoLongerFollowsItsPredecessor() {
        List<AuditEntry> entries = chain(5);
        // The attacker deletes entry 3, renumbers entry 4 as 3 and recomputes its hash, but cannot
        // make its prevHash match entry 2 without rewriting everything after it.
        entries.remove(2);
        AuditEntry fourth = entries.get(2);
        entries.set(2, rehashed(3, fourth.id(), fourth.prevHash()));

        assertThat(AuditVerifier.verify(new ListedEntries(entries))).isEqualTo(VerifyResult.broken(4, 3, "id-4",
                "entry 3 (id id-4) does not follow entry 2: prevHash mismatch"));
    }

    @Test
    void verifyNamesAnEntryMovedToAnotherPosition() {
        List<AuditEntry> entries = chain(5);
        AuditEntry second = entries.get(1);
        AuditEntry fourth = entries.get(3);
        entries.set(1, withSeq(fourth, 2));
        entries.set(3, withSeq(second, 4));

        VerifyResult result = AuditVerifier.verify(new ListedEntries(entries));

        assertThat(result.firstBadSeq()).isEqualTo(2);
        assertThat(result.firstBadEntryId()).isEqualTo("id-4");
        assertThat(result.detail()).isEqualTo("entry 2 (id id-4) was edited: stored hash does not match its contents");
    }

    @Test
    void aFirstEntryThatDoesNotStartFromGenesisIsReported() {
        List<AuditEntry> entries = new ArrayList<>(List.of(rehashed(1, "id-1", "f".repeat(64))));

        assertThat(AuditVerifier.verify(new ListedEntries(entries)).detail())
                .isEqualTo("entry 1 (id id-1) does not follow the start of the chain: prevHash mismatch");
    }

    @Test
    void removingTheNewestEntryCannotBeDetectedWithoutCheckpoints() {
        List<AuditEntry> entries = chain(5);
        entries.remove(4);

        assertThat(AuditVerifier.verify(new ListedEntries(entries))).isEqualTo(VerifyResult.ok(4));
    }

    private static List<AuditEntry> chain(int length) {
        List<AuditEntry> entries = new ArrayList<>();
        String prev = AuditChain.GENESIS;
        for (int seq = 1; seq <= length; seq++) {
            AuditEntry e = rehashed(seq, "id-" + seq, prev);
            entries.add(e);
            prev = e.hash();
        }
        return entries;
    }

    /** An entry whose own hash is consistent with its contents. */
    private static AuditEntry rehashed(long seq, String id, String prevHash) {
        Instant at = T0.plusSeconds(seq);
        String hash = AuditChain.hash(seq, id, at, "DECISION", "api", "sk", null, "EMAIL", "BLOCK",
                "canspam.suppression", "{}", prevHash);
        return new AuditEntry(seq, id, at, "DECISION", "api", "sk", null, "EMAIL", "BLOCK", "canspam.suppression",
                "{}", prevHash, hash);
    }

    private static AuditEntry withSeq(AuditEntry e, long seq) {
        return new AuditEntry(seq, e.id(), e.at(), e.kind(), e.actor(), e.subjectKey(), e.leadId(), e.channel(),
                e.decision(), e.rules(), e.payload(), e.prevHash(), e.hash());
    }

    /** The log as a list, in scan order; the verifier only scans. */
    private record ListedEntries(List<AuditEntry> entries) implements AuditEntries {

        @Override
        public void scan(Consumer<AuditEntry> consumer) {
            entries.forEach(consumer);
        }

        @Override
        public AuditEntry append(NewAuditEntry entry) {
            throw new UnsupportedOperationException("the verifier only reads");
        }

        @Override
        public List<AuditEntry> page(AuditQuery query) {
            throw new UnsupportedOperationException("the verifier only reads by scan");
        }

        @Override
        public List<AuditEntry> pageNewestFirst(AuditQuery query, long beforeSeq) {
            throw new UnsupportedOperationException("the verifier only reads by scan");
        }

        @Override
        public Optional<AuditEntry> find(String id) {
            throw new UnsupportedOperationException("the verifier only reads by scan");
        }

        @Override
        public void rememberSubject(String subjectKey, String readable) {
            throw new UnsupportedOperationException("the verifier only reads");
        }

        @Override
        public Optional<String> readableSubject(String subjectKey) {
            throw new UnsupportedOperationException("the verifier only reads by scan");
        }

        @Override
        public void forgetSubject(String subjectKey) {
            throw new UnsupportedOperationException("the verifier only reads");
        }

        @Override
        public void stream(AuditQuery query, Consumer<AuditEntry> consumer) {
            throw new UnsupportedOperationException("the verifier only reads by scan");
        }

        @Override
        public Optional<AuditEntry> findBySeq(long seq) {
            throw new UnsupportedOperationException("the verifier only reads by scan");
        }

        @Override
        public Optional<AuditEntry> head() {
            throw new UnsupportedOperationException("the verifier only reads by scan");
        }

        @Override
        public Map<String, String> readableSubjects(Collection<String> subjectKeys) {
            throw new UnsupportedOperationException("the verifier only reads by scan");
        }

        @Override
        public Optional<PruneBoundary> pruneBoundary() {
            return Optional.empty();
        }

        @Override
        public long prune(PruneBoundary boundary) {
            throw new UnsupportedOperationException("the verifier only reads");
        }
    }
}
