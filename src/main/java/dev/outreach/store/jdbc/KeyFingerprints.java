package dev.outreach.store.jdbc;

import com.google.common.hash.HashFunction;
import com.google.common.hash.Hashing;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * 64-bit keyed fingerprints (SipHash-2-4) of the keys facts are stored under. Keyed with a secret of
 * the database, so a logged fingerprint of a lead's address cannot be matched against a list of
 * guessed addresses by someone who only has the file.
 */
final class KeyFingerprints {

    static final String SECRET_NAME = "known-recipients-fingerprint";
    static final int SECRET_BYTES = 16;

    private final HashFunction sipHash;

    KeyFingerprints(byte[] secret) {
        ByteBuffer key = ByteBuffer.wrap(secret);
        this.sipHash = Hashing.sipHash24(key.getLong(0), key.getLong(8));
    }

    long of(String key) {
        return sipHash.hashString(key, StandardCharsets.UTF_8).asLong();
    }
}
