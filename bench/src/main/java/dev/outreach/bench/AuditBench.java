package dev.outreach.bench;

import dev.outreach.store.AuditChain;
import dev.outreach.audit.AuditExport;
import dev.outreach.store.AuditEntries;
import dev.outreach.store.AuditEntry;
import dev.outreach.store.AuditQuery;
import dev.outreach.store.jdbc.AuditBenchAccess;
import dev.outreach.store.jdbc.JdbcStore;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * {@code bench/run.sh audit}: the audit log at 10 million entries, on SQLite (the default store).
 *
 * <ol>
 *   <li>Fill: creates the schema with the gateway's own migrations, then inserts the entries with
 *       batched JDBC, each hash-chained with {@link AuditChain#hash} exactly as an append would,
 *       plus their {@code audit_rules} rows, and builds the secondary indexes after the rows (the
 *       migrations' own statements). Reports entries/s. The file is kept and reused by later runs
 *       (pass {@code --refill} to measure the fill again).</li>
 *   <li>Queries through the store's own {@code AuditEntries.page}: each filter of the search API
 *       alone and combined, first pages and pages deep into the log; median and slowest of 20 runs
 *       after one warm-up, with SQLite's plan for each.</li>
 *   <li>Export: the newest year of the log (a fifth of the entries) through {@link AuditExport}
 *       (the code behind {@code GET /api/v1/audit/export} and {@code audit export}) as CSV and as
 *       JSON lines into a byte-counting sink, in rows/s, against a plain
 *       {@code SELECT seq FROM audit_entries} full scan as the baseline; with the peak heap seen
 *       while exporting (the JVM runs with 512 MiB).</li>
 * </ol>
 *
 * <p>Arguments: {@code [audit] [--entries N] [--data DIR] [--refill]}.
 */
public final class AuditBench {

    private static final long SEED = 20261127L;
    private static final Instant START = Instant.parse("2021-12-01T00:00:00Z");
    private static final Duration SPAN = Duration.ofDays(1825);
    private static final int RECIPIENTS = 1_000_000;
    private static final int ACTORS = 200;
    private static final int BATCH = 5_000;
    private static final int ROWS_PER_INSERT = 100;
    private static final int COMMIT_EVERY = 100_000;
    private static final int RUNS = 20;

    /** Blocking rules with their share of blocks, in per mille; the rest of the weight is canspam.suppression. */
    private static final String[] RULES = {"tcpa.calling-hours", "tcpa.national-dnc", "tcpa.company-dnc",
            "policy.frequency-cap", "gdpr.lawful-basis", "gdpr.erased"};
    private static final int[] RULE_PER_MILLE = {200, 120, 60, 100, 40, 2};

    private AuditBench() {
    }

    public static void main(String[] args) throws Exception {
        long entries = 10_000_000;
        Path data = Path.of(System.getProperty("java.io.tmpdir"), "outreach-bench-audit");
        boolean refill = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "audit" -> { }
                case "--entries" -> entries = Long.parseLong(args[++i].replace("_", ""));
                case "--data" -> data = Path.of(args[++i]);
                case "--refill" -> refill = true;
                default -> throw new IllegalArgumentException("usage: audit [--entries N] [--data DIR] [--refill]");
            }
        }
        List<String> summary = new ArrayList<>();
        int cores = Runtime.getRuntime().availableProcessors();
        summary.add("Run at " + Instant.now() + " on " + cores + " cores (Runtime.availableProcessors), Java "
                + System.getProperty("java.runtime.version") + ", " + System.getProperty("os.arch") + ", max heap "
                + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MiB, load average at start " + loadAverage());

        Files.createDirectories(data);
        Path db = data.resolve("audit-" + entries + ".db");
        String url = "jdbc:sqlite:" + db;
        if (refill || !Files.exists(db) || count(url) != entries) {
            deleteDatabase(db);
            fill(url, entries, summary);
        } else {
            summary.add(String.format(Locale.ROOT, "Fill: reused %s (%,d entries); run with --refill to measure "
                    + "the fill", db, entries));
        }
        summary.add(String.format(Locale.ROOT, "Database file: %,.0f MiB", Files.size(db) / (1024.0 * 1024.0)));

        try (JdbcStore store = JdbcStore.open(url, null, null)) {
            queries(store.audit(), entries, summary);
            export(store.audit(), url, entries, summary);
        }
        summary.add("Load average at end " + loadAverage());
        System.out.println();
        System.out.println("# summary");
        summary.forEach(System.out::println);
    }

    // ---- fill ----

    private static void fill(String url, long entries, List<String> summary) throws SQLException {
        JdbcStore.open(url, null, null).close(); // the gateway's own schema
        long start = System.nanoTime();
        SplittableRandom random = new SplittableRandom(SEED);
        long step = SPAN.toMillis() / entries;
        try (Connection c = DriverManager.getConnection(url)) {
            // A bulk load builds the secondary indexes after the rows (a sort each, far faster than
            // 10 million random inserts); the same CREATE INDEX statements the migrations ran.
            Map<String, String> indexes = new LinkedHashMap<>();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT name, sql FROM sqlite_master "
                    + "WHERE type = 'index' AND tbl_name IN ('audit_entries', 'audit_rules') AND sql IS NOT NULL")) {
                while (rs.next()) {
                    indexes.put(rs.getString(1), rs.getString(2));
                }
            }
            try (Statement s = c.createStatement()) {
                for (String name : indexes.keySet()) {
                    s.execute("DROP INDEX " + name);
                }
            }
            try (Statement s = c.createStatement()) {
                // A bulk load, not the gateway's append path: no fsync per commit and a 4 GiB page cache.
                // The database the queries then run on is the same either way.
                s.execute("PRAGMA journal_mode=WAL");
                s.execute("PRAGMA synchronous=OFF");
                s.execute("PRAGMA cache_size=-4194304");
            }
            c.setAutoCommit(false);
            String values = ", (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)".repeat(ROWS_PER_INSERT).substring(2);
            try (PreparedStatement entry = c.prepareStatement("INSERT INTO audit_entries (seq, id, at, kind, actor, "
                    + "subject_key, lead_id, channel, decision, rules, payload, prev_hash, hash, ordered_at) "
                    + "VALUES " + values);
                 PreparedStatement rule = c.prepareStatement("INSERT INTO audit_rules (rule, seq) VALUES (?, ?)")) {
                // One thread makes and chains the rows while this one binds and inserts them: both cores busy.
                BlockingQueue<Row> queue = new ArrayBlockingQueue<>(20_000);
                Thread producer = new Thread(() -> produce(entries, step, random, queue), "audit-bench-rows");
                producer.setDaemon(true);
                producer.start();
                List<Row> pending = new ArrayList<>(ROWS_PER_INSERT);
                for (long seq = 1; seq <= entries; seq++) {
                    Row r = take(queue);
                    pending.add(r);
                    if (pending.size() == ROWS_PER_INSERT) {
                        insertRows(entry, pending, seq - ROWS_PER_INSERT + 1);
                        pending.clear();
                    }
                    if (r.rules != null) {
                        for (String id : r.rules.split(",")) {
                            rule.setString(1, id);
                            rule.setLong(2, seq);
                            rule.addBatch();
                        }
                    }
                    if (seq % BATCH == 0) {
                        rule.executeBatch();
                    }
                    if (seq % COMMIT_EVERY == 0) {
                        c.commit();
                    }
                    if (seq % 1_000_000 == 0) {
                        System.out.printf(Locale.ROOT, "# filled %,d entries in %.0f s%n", seq,
                                (System.nanoTime() - start) / 1e9);
                    }
                }
                try (PreparedStatement rest = c.prepareStatement("INSERT INTO audit_entries (seq, id, at, kind, "
                        + "actor, subject_key, lead_id, channel, decision, rules, payload, prev_hash, hash, ordered_at) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                    long first = entries - pending.size() + 1;
                    for (int i = 0; i < pending.size(); i++) {
                        insertRows(rest, List.of(pending.get(i)), first + i);
                    }
                }
                rule.executeBatch();
                c.commit();
            }
            try (PreparedStatement subject = c.prepareStatement(
                    "INSERT INTO audit_subjects (subject_key, readable) VALUES (?, ?)")) {
                for (int r = 0; r < RECIPIENTS; r++) {
                    if (r % 10 == 9) {
                        continue; // erased: the pseudonym stays in the chain, the address is gone
                    }
                    subject.setString(1, subjectKey(r));
                    subject.setString(2, "person" + r + "@example.com");
                    subject.addBatch();
                    if (r % BATCH == 0) {
                        subject.executeBatch();
                    }
                }
                subject.executeBatch();
                c.commit();
            }
            long inserted = System.nanoTime();
            try (Statement s = c.createStatement()) {
                for (String sql : indexes.values()) {
                    s.execute(sql);
                }
            }
            c.commit();
            c.setAutoCommit(true);
            long filled = System.nanoTime();
            try (Statement s = c.createStatement()) {
                s.execute("ANALYZE");
            }
            double fillSeconds = (filled - start) / 1e9;
            summary.add(String.format(Locale.ROOT, "Fill: %,d entries in %.1f s = %,.0f entries/s, of which "
                    + "inserting %.1f s (batched JDBC, %d rows per INSERT, a commit every %,d, WAL with synchronous=OFF, "
                    + "4 GiB page cache, each entry chained with AuditChain.hash, its audit_rules rows, 900,000 "
                    + "readable recipients) and building the %d secondary indexes %.1f s; ANALYZE %.1f s", entries,
                    fillSeconds, entries / fillSeconds, (inserted - start) / 1e9, ROWS_PER_INSERT, COMMIT_EVERY, indexes.size(),
                    (filled - inserted) / 1e9, (System.nanoTime() - filled) / 1e9));
        }
    }

    private record Row(String id, Instant at, String kind, String actor, String subjectKey, String leadId,
                       String channel, String decision, String rules, String payload, String prevHash,
                       String hash) {
    }

    /** Binds rows (seq {@code firstSeq} onwards) to a multi-row INSERT and runs it: one native step per statement. */
    private static void insertRows(PreparedStatement entry, List<Row> rows, long firstSeq) throws SQLException {
        int p = 1;
        long seq = firstSeq;
        for (Row r : rows) {
            entry.setLong(p++, seq++);
            entry.setString(p++, r.id);
            entry.setLong(p++, r.at.toEpochMilli());
            entry.setString(p++, r.kind);
            entry.setString(p++, r.actor);
            entry.setString(p++, r.subjectKey);
            entry.setString(p++, r.leadId);
            entry.setString(p++, r.channel);
            entry.setString(p++, r.decision);
            entry.setString(p++, r.rules);
            entry.setString(p++, r.payload);
            entry.setString(p++, r.prevHash);
            entry.setString(p++, r.hash);
            entry.setLong(p++, r.at.toEpochMilli()); // times only grow here, so ordered_at = at
        }
        entry.executeUpdate();
    }

    /** Makes every row in seq order, chaining each to the one before. */
    private static void produce(long entries, long step, SplittableRandom random, BlockingQueue<Row> queue) {
        String[] subjectKeys = new String[RECIPIENTS];
        String prev = AuditChain.GENESIS;
        try {
            for (long seq = 1; seq <= entries; seq++) {
                Row r = row(seq, START.plusMillis(seq * step), random, subjectKeys);
                String hash = AuditChain.hash(seq, r.id, r.at, r.kind, r.actor, r.subjectKey, r.leadId, r.channel,
                        r.decision, r.rules, r.payload, prev);
                queue.put(new Row(r.id, r.at, r.kind, r.actor, r.subjectKey, r.leadId, r.channel, r.decision,
                        r.rules, r.payload, prev, hash));
                prev = hash;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Row take(BlockingQueue<Row> queue) {
        try {
            return queue.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while filling", e);
        }
    }

    /**
     * One synthetic entry: 1 million recipients (about 10 entries each), 200 API keys, 70% email,
     * 20% calls, 10% texts, 15% blocked, a payload shaped like a real decision's (about 1 KB).
     */
    private static Row row(long seq, Instant at, SplittableRandom random, String[] subjectKeys) {
        String id = new UUID(random.nextLong(), random.nextLong()).toString();
        int recipient = random.nextInt(RECIPIENTS);
        int roll = random.nextInt(1000);
        String kind = seq % 50_000 == 0 ? "LIST_LOADED" : roll < 10 ? "SUPPRESSION_ADDED" : roll < 30 ? "CHECK"
                : "DECISION";
        boolean decision = kind.equals("DECISION") || kind.equals("CHECK");
        int actorRoll = random.nextInt(100);
        String actor = kind.equals("LIST_LOADED") ? "system" : actorRoll < 3 ? "recipient"
                : "key:k" + String.format(Locale.ROOT, "%03d", random.nextInt(ACTORS));
        int channelRoll = random.nextInt(10);
        String channel = kind.equals("LIST_LOADED") ? null : channelRoll < 7 ? "EMAIL" : channelRoll < 9 ? "CALL"
                : "SMS";
        String verdict = decision ? (random.nextInt(100) < 15 ? "BLOCK" : "ALLOW") : null;
        String rules = "BLOCK".equals(verdict) ? blockingRule(random) : null;
        if (subjectKeys[recipient] == null) {
            subjectKeys[recipient] = subjectKey(recipient);
        }
        String subjectKey = kind.equals("LIST_LOADED") ? null : subjectKeys[recipient];
        String leadId = subjectKey != null && recipient % 5 != 0 ? "lead-" + recipient : null;
        return new Row(id, at, kind, actor, subjectKey, leadId, channel, verdict, rules,
                payload(seq, at, verdict, rules, random), null, null);
    }

    private static String blockingRule(SplittableRandom random) {
        int roll = random.nextInt(1000);
        int cumulative = 0;
        for (int i = 0; i < RULES.length; i++) {
            cumulative += RULE_PER_MILLE[i];
            if (roll < cumulative) {
                return RULES[i];
            }
        }
        return "canspam.suppression";
    }

    /** A stand-in for the keyed pseudonym: 64 hex characters per recipient, stable across runs. */
    static String subjectKey(int recipient) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(("recipient-" + recipient)
                    .getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String payload(long seq, Instant at, String verdict, String rules, SplittableRandom random) {
        StringBuilder p = new StringBuilder(1100);
        p.append("{\"purpose\":\"COMMERCIAL\",\"template\":\"presentation-summary\",\"dialer\":null,\"dryRun\":false,")
                .append("\"policyVersion\":\"r1-3fa4c2d1b0e9\",\"decidedAt\":\"").append(at)
                .append("\",\"nextAllowedAt\":null,\"idempotencyKey\":\"req-").append(seq)
                .append("\",\"evaluated\":[");
        String[] evaluated = {"email.sender-domain", "gdpr.erased", "canspam.suppression", "policy.duplicate"};
        for (int i = 0; i < evaluated.length; i++) {
            boolean blocked = rules != null && rules.equals(evaluated[i]);
            p.append(i == 0 ? "" : ",").append("{\"rule\":\"").append(evaluated[i]).append("\",\"outcome\":\"")
                    .append(blocked ? "BLOCK" : "PASS").append("\",\"detail\":\"")
                    .append(blocked ? "recipient is on a suppression list" : "no match").append("\",\"citation\":")
                    .append(blocked ? "\"15 USC 7704(a)(4)\"" : "null").append(",\"nextAllowedAt\":null}");
        }
        p.append("],\"evidence\":{\"consentIds\":[],\"lists\":[{\"name\":\"email/unsubscribes.txt\",\"kind\":\"EMAIL\",")
                .append("\"status\":\"LOADED\",\"sha256\":\"").append(Long.toHexString(random.nextLong()))
                .append("9c1f0e6b2d4a8c3e5f7a9b1d3c5e7f9a1b3c5d7e9f1a3b5c7d9e1f3a5b7c9d1e")
                .append("\",\"entries\":1204,\"asOf\":\"2026-11-01T00:00:00Z\",\"loadedAt\":\"2026-11-27T08:00:00Z\"}]}}");
        return p.toString();
    }

    // ---- queries ----

    private static void queries(AuditEntries audit, long entries, List<String> summary) {
        System.out.println("# queries");
        SplittableRandom random = new SplittableRandom(SEED + 1);
        long deep = entries - entries / 20;
        Instant middle = START.plus(SPAN.dividedBy(2));
        Map<String, Supplier<AuditQuery>> named = new LinkedHashMap<>();
        named.put("recipient (a random one of 1M, ~10 entries)", () -> q(subjectKey(random.nextInt(RECIPIENTS)), null,
                null, null, null, null, null, null, null, 0));
        named.put("lead (a random one)", () -> q(null, "lead-" + (random.nextInt(RECIPIENTS / 5) * 5 + 1),
                null, null, null, null, null, null, null, 0));
        named.put("actor (1 of 200 keys, ~48k entries)", () -> q(null, null, null, null, null, null,
                "key:k" + String.format(Locale.ROOT, "%03d", random.nextInt(ACTORS)), null, null, 0));
        named.put("actor, page deep in the log", () -> q(null, null, null, null, null, null,
                "key:k" + String.format(Locale.ROOT, "%03d", random.nextInt(ACTORS)), null, null, deep));
        named.put("decision=BLOCK", () -> q(null, null, null, "BLOCK", null, null, null, null, null, 0));
        named.put("channel=SMS decision=BLOCK", () -> q(null, null, "SMS", "BLOCK", null, null, null, null, null, 0));
        named.put("rule canspam.suppression (common)", () -> q(null, null, null, null, "canspam.suppression", null,
                null, null, null, 0));
        named.put("rule gdpr.erased (rare, ~300 entries)", () -> q(null, null, null, null, "gdpr.erased", null, null,
                null, null, 0));
        named.put("rule tcpa.company-dnc, page deep in the log", () -> q(null, null, null, null, "tcpa.company-dnc",
                null, null, null, null, deep));
        named.put("rule + actor", () -> q(null, null, null, null, "tcpa.calling-hours", null,
                "key:k" + String.format(Locale.ROOT, "%03d", random.nextInt(ACTORS)), null, null, 0));
        named.put("kind=LIST_LOADED (rare)", () -> q(null, null, null, null, null, "LIST_LOADED", null, null, null,
                0));
        named.put("time range: one day mid-log", () -> q(null, null, null, null, null, null, null, middle,
                middle.plus(Duration.ofDays(1)), 0));
        named.put("time range: one year mid-log", () -> q(null, null, null, null, null, null, null, middle,
                middle.plus(Duration.ofDays(365)), 0));
        named.put("time range (one year) + decision=BLOCK", () -> q(null, null, null, "BLOCK", null, null, null,
                middle, middle.plus(Duration.ofDays(365)), 0));
        named.put("recipient + time range (one year)", () -> q(subjectKey(random.nextInt(RECIPIENTS)), null, null,
                null, null, null, null, middle, middle.plus(Duration.ofDays(365)), 0));
        named.put("no filter, cursor 95% into the log", () -> q(null, null, null, null, null, null, null, null, null,
                deep));

        for (Map.Entry<String, Supplier<AuditQuery>> n : named.entrySet()) {
            AuditQuery sample = n.getValue().get();
            audit.page(sample); // warm-up
            long[] nanos = new long[RUNS];
            int rows = 0;
            for (int i = 0; i < RUNS; i++) {
                AuditQuery query = n.getValue().get();
                long t = System.nanoTime();
                rows = audit.page(query).size();
                nanos[i] = System.nanoTime() - t;
            }
            Arrays.sort(nanos);
            String plan = AuditBenchAccess.plan(audit, sample).strip().replace("\n", " | ");
            String line = String.format(Locale.ROOT, "Query %-45s page of 100: median %7.2f ms, slowest %7.2f ms"
                    + " (%d rows in the last run)  plan: %s", n.getKey(), nanos[RUNS / 2] / 1e6,
                    nanos[RUNS - 1] / 1e6, rows, plan);
            System.out.println(line);
            summary.add(line);
        }
        // Walking 10 consecutive pages from deep in the log, as a console scrolling would.
        long cursor = deep;
        long t = System.nanoTime();
        for (int i = 0; i < 10; i++) {
            List<AuditEntry> page = audit.page(AuditQuery.all(100).after(cursor));
            cursor = page.get(page.size() - 1).seq();
        }
        summary.add(String.format(Locale.ROOT, "Cursor walk: 10 consecutive pages of 100 from seq %,d: %.2f ms in "
                + "all", deep, (System.nanoTime() - t) / 1e6));
    }

    private static AuditQuery q(String subject, String lead, String channel, String decision, String rule,
                                String kind, String actor, Instant from, Instant to, long after) {
        return new AuditQuery(from, to, subject, lead, channel, decision, rule, kind, actor, after, 100);
    }

    // ---- export ----

    private static void export(AuditEntries audit, String url, long entries, List<String> summary)
            throws SQLException {
        System.out.println("# export");
        long t = System.nanoTime();
        long scanned = 0;
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.setFetchSize(1000);
            try (ResultSet rs = s.executeQuery("SELECT seq FROM audit_entries")) {
                while (rs.next()) {
                    scanned += rs.getLong(1) > 0 ? 1 : 0;
                }
            }
        }
        double baseline = scanned / ((System.nanoTime() - t) / 1e9);
        summary.add(String.format(Locale.ROOT, "Baseline: SELECT seq FROM audit_entries, %,d rows at %,.0f rows/s",
                scanned, baseline));

        t = System.nanoTime();
        AtomicLong fullRows = new AtomicLong();
        audit.scan(e -> fullRows.incrementAndGet());
        double fullScan = fullRows.get() / ((System.nanoTime() - t) / 1e9);
        summary.add(String.format(Locale.ROOT, "Reference: every column through AuditEntries.scan, %,d rows at "
                + "%,.0f rows/s (%.2f x baseline)", fullRows.get(), fullScan, fullScan / baseline));

        AuditExport export = new AuditExport(audit);
        // The newest year of the log (a fifth of it) in each format: enough rows for a steady rate,
        // and the whole run stays within minutes.
        Instant yearAgo = START.plus(SPAN).minus(Duration.ofDays(365));
        AuditQuery lastYear = new AuditQuery(yearAgo, null, null, null, null, null, null, null, null, 0, 0);
        for (AuditExport.Format format : AuditExport.Format.values()) {
            System.gc();
            HeapWatch heap = new HeapWatch();
            heap.start();
            CountingSink sink = new CountingSink();
            t = System.nanoTime();
            long rows = export.write(lastYear, format, sink);
            double seconds = (System.nanoTime() - t) / 1e9;
            heap.halt();
            System.gc();
            long afterGc = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            String line = String.format(Locale.ROOT, "Export %-5s of the last year, %,d entries: %.1f s = %,.0f rows/s "
                    + "(%.3f x baseline), %,.0f MiB written (%.0f MiB/s); heap: %,d MiB max, peak used %,d MiB "
                    + "(garbage included), %,d MiB live after", format, rows, seconds, rows / seconds,
                    rows / seconds / baseline, sink.bytes / (1024.0 * 1024.0),
                    sink.bytes / (1024.0 * 1024.0) / seconds, Runtime.getRuntime().maxMemory() / (1024 * 1024),
                    heap.peak / (1024 * 1024), afterGc / (1024 * 1024));
            System.out.println(line);
            summary.add(line);
        }
        t = System.nanoTime();
        long filtered = export.write(new AuditQuery(yearAgo, null, null, null, "SMS", "BLOCK", null, null, null, 0,
                0), AuditExport.Format.JSONL, new CountingSink());
        double seconds = (System.nanoTime() - t) / 1e9;
        summary.add(String.format(Locale.ROOT, "Export JSONL of the last year's SMS blocks (a filtered export): %,d "
                + "rows in %.2f s = %,.0f rows/s", filtered, seconds, filtered / seconds));
    }

    /** Counts what an HTTP client or a file would receive. */
    private static final class CountingSink extends OutputStream {
        long bytes;

        @Override
        public void write(int b) {
            bytes++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            bytes += len;
        }
    }

    /** Samples the used heap every 100 ms; constant memory shows as a flat peak whatever the row count. */
    private static final class HeapWatch extends Thread {
        private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        private volatile boolean running = true;
        volatile long peak;

        HeapWatch() {
            setDaemon(true);
        }

        @Override
        public void run() {
            while (running) {
                peak = Math.max(peak, memory.getHeapMemoryUsage().getUsed());
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        void halt() {
            running = false;
            interrupt();
        }
    }

    // ---- helpers ----

    private static long count(String url) {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COALESCE(MAX(seq), 0) FROM audit_entries")) {
            return rs.next() ? rs.getLong(1) : 0;
        } catch (SQLException e) {
            return -1;
        }
    }

    private static void deleteDatabase(Path db) throws IOException {
        for (String suffix : new String[] {"", "-wal", "-shm"}) {
            Files.deleteIfExists(Path.of(db + suffix));
        }
    }

    private static String loadAverage() {
        double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        return load < 0 ? "n/a" : String.format(Locale.ROOT, "%.2f", load);
    }
}
