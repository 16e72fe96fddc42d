package dev.outreach.store.jdbc;

import dev.outreach.store.KnownRecipients;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.LongStream;

/**
 * {@link KnownRecipients} on a SQLite file: a Bloom filter ({@link FingerprintFilter}) of the
 * fingerprints of every key a fact is stored under, filled from the fact tables once, then kept up
 * to date from {@link RecipientKeyLog} before every decision.
 *
 * <p>Catching up is one query for the rows logged since the last one. Callers that arrive while a
 * catch-up runs wait for the next one, which started after they arrived and so covers every commit
 * acknowledged before they asked; one query serves all of them.
 */
final class JdbcKnownRecipients implements KnownRecipients {

    /** A false "maybe" costs the reads a decision made before this class existed; 1 % of them is cheap. */
    private static final double FALSE_MAYBE_RATE = 0.01;
    private static final long MIN_CAPACITY = 1 << 20;

    /** Every lookup column a decision reads facts by. */
    private static final List<String> KEY_QUERIES = List.of(
            "SELECT email FROM leads WHERE email IS NOT NULL",
            "SELECT phone FROM leads WHERE phone IS NOT NULL",
            "SELECT DISTINCT recipient_key FROM touches WHERE recipient_key IS NOT NULL",
            "SELECT DISTINCT subject_key FROM consents",
            "SELECT DISTINCT value_key FROM suppressions",
            "SELECT DISTINCT subject_key FROM category_opt_outs");

    private final Database db;
    private final KeyFingerprints fingerprints;
    private final ReentrantLock catchingUp = new ReentrantLock();
    private final AtomicLong arrivals = new AtomicLong();
    /** The arrivals the last catch-up covered (it started after they arrived). Guarded by catchingUp. */
    private long covered;
    /** The last log row taken in. Guarded by catchingUp. */
    private long logPosition;
    private long capacity;
    private volatile FingerprintFilter filter;

    JdbcKnownRecipients(Database db, KeyFingerprints fingerprints) {
        this.db = db;
        this.fingerprints = fingerprints;
    }

    @Override
    public View now() {
        long ticket = arrivals.incrementAndGet();
        catchingUp.lock();
        try {
            if (covered < ticket) {
                long upTo = arrivals.get();
                catchUp();
                covered = upTo;
            }
        } finally {
            catchingUp.unlock();
        }
        FingerprintFilter seen = filter;
        return key -> seen.mightContain(fingerprints.of(key));
    }

    private void catchUp() {
        if (filter == null || !takeInLog() || filter.approximateCount() > capacity) {
            reload();
        }
    }

    /** Takes in the rows logged since the last look; false when some were pruned before they were read. */
    private boolean takeInLog() {
        return db.read("known recipients catch-up", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT -1, through FROM recipient_keys_pruned UNION ALL "
                    + "SELECT seq, fingerprint FROM recipient_keys_log WHERE seq > ? ORDER BY 1")) {
                ps.setLong(1, logPosition);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        long seq = rs.getLong(1);
                        if (seq < 0) {
                            if (rs.getLong(2) > logPosition) {
                                return false;
                            }
                        } else {
                            filter.put(rs.getLong(2));
                            logPosition = seq;
                        }
                    }
                }
            }
            return true;
        });
    }

    /**
     * Reads every key from the fact tables. The log position is read first: a fact logged up to it
     * committed before the tables are read, so the tables show it; a later one is taken in from the
     * log by the next catch-up.
     */
    private void reload() {
        db.read("known recipients load", c -> {
            long position = single(c, "SELECT MAX(COALESCE((SELECT MAX(seq) FROM recipient_keys_log), 0), "
                    + "(SELECT through FROM recipient_keys_pruned))");
            LongStream.Builder keys = LongStream.builder();
            for (String query : KEY_QUERIES) {
                try (PreparedStatement ps = c.prepareStatement(query); ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        keys.add(fingerprints.of(rs.getString(1)));
                    }
                }
            }
            long[] all = keys.build().toArray();
            long size = Math.max(MIN_CAPACITY, 2L * all.length);
            FingerprintFilter fresh = new FingerprintFilter(size, FALSE_MAYBE_RATE);
            for (long key : all) {
                fresh.put(key);
            }
            capacity = size;
            logPosition = position;
            filter = fresh;
            return null;
        });
    }

    private static long single(Connection c, String sql) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
