package dev.outreach.store;

import dev.outreach.store.AuditEntry;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The hash chain: each entry's hash is SHA-256 over the previous hash and a canonical encoding of
 * every other field, so editing, deleting or reordering any entry breaks every hash after it.
 */
public final class AuditChain {

    /** The "previous hash" of the first entry. */
    public static final String GENESIS = "0".repeat(64);

    /** One digest per thread, reset by each digest() call: hashing runs for every entry appended or verified. */
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(AuditChain::sha256);

    private AuditChain() {
    }

    public static String hash(long seq, String id, java.time.Instant at, String kind, String actor, String subjectKey,
                              String leadId, String channel, String decision, String rules, String payload,
                              String prevHash) {
        MessageDigest sha = SHA256.get();
        sha.reset();
        // Length-prefixing each field makes the encoding unambiguous ("ab"+"c" differs from "a"+"bc").
        for (String field : new String[] {Long.toString(seq), id, at.toString(), kind, actor, subjectKey, leadId,
                channel, decision, rules, payload, prevHash}) {
            byte[] bytes = field == null ? new byte[0] : field.getBytes(StandardCharsets.UTF_8);
            sha.update((field == null ? "-1" : Integer.toString(bytes.length)).getBytes(StandardCharsets.US_ASCII));
            sha.update((byte) ':');
            sha.update(bytes);
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    /** The hash this entry should carry given its own fields. */
    public static String expectedHash(AuditEntry e) {
        return hash(e.seq(), e.id(), e.at(), e.kind(), e.actor(), e.subjectKey(), e.leadId(), e.channel(),
                e.decision(), e.rules(), e.payload(), e.prevHash());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("JDK without SHA-256", e);
        }
    }
}
