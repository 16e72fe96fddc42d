package dev.outreach.cli;

import dev.outreach.Gateway;
import dev.outreach.config.GatewayConfig;
import dev.outreach.gateway.Actor;
import dev.outreach.gateway.Role;
import dev.outreach.policy.Channel;
import dev.outreach.policy.Dialer;
import dev.outreach.policy.Purpose;
import dev.outreach.scrub.BatchDefaults;
import dev.outreach.scrub.BatchFormat;
import dev.outreach.scrub.BatchInput;
import dev.outreach.scrub.BatchReceipt;
import dev.outreach.scrub.InvalidBatchException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.concurrent.Callable;

/**
 * {@code scrub FILE --channel EMAIL|CALL|SMS --purpose P [--at T] --out allowed.csv --rejects blocked.csv}:
 * the batch check of {@code POST /api/v1/checks/batch} on a file, against the same stores and lists
 * as the server, on every core, audited once (kind BATCH_CHECK, actor {@code key:cli}, as for {@code check}). A CSV needs a
 * header row with an {@code email}, {@code phone} or {@code leadId} column; {@code .ndjson} and
 * {@code .jsonl} files are NDJSON. Exit 0 when the files were written, 2 when the input or options
 * are unusable.
 */
@Command(name = "scrub", description = "Scrub a list file: allowed rows to --out, blocked rows and errors to --rejects.")
public final class ScrubCommand implements Callable<Integer> {

    @Parameters(index = "0", description = "the list: CSV with a header row, or NDJSON (.ndjson, .jsonl)")
    Path file;

    @Option(names = "--channel", required = true, description = "EMAIL, CALL or SMS (a row's own channel wins)")
    Channel channel;

    @Option(names = "--purpose", required = true,
            description = "COMMERCIAL or TRANSACTIONAL (email), TELEMARKETING or INFORMATIONAL (calls), MARKETING or INFORMATIONAL (texts)")
    Purpose purpose;

    @Option(names = "--dialer", description = "MANUAL, AUTODIALED or PRERECORDED: how the calls will be placed"
            + " (a row's own dialer wins; not stated, a call is judged as autodialed)")
    Dialer dialer;

    @Option(names = "--template", description = "email template whose content is judged too")
    String template;

    @Option(names = "--at", description = "judge as if at this instant, e.g. 2026-11-27T14:05:00Z (default now)")
    String at;

    @Option(names = "--out", required = true, description = "where the allowed rows go (the input's own columns)")
    Path out;

    @Option(names = "--rejects", required = true, description = "where blocked rows and errors go")
    Path rejects;

    @Option(names = "--config", description = "YAML configuration file (keys in docs/configuration.md)")
    Path config;

    @Override
    public Integer call() throws IOException {
        GatewayConfig cfg = GatewayConfig.load(config, System.getenv());
        Instant when;
        try {
            when = at == null ? null : OffsetDateTime.parse(at).toInstant();
        } catch (java.time.format.DateTimeParseException e) {
            System.err.println("error: --at: must be an ISO-8601 instant with offset, e.g. 2026-11-27T14:05:00Z");
            return 2;
        }
        if (!Files.isRegularFile(file)) {
            System.err.println("error: FILE: not a readable file");
            return 2;
        }
        try (Gateway gateway = new Gateway(cfg, Clock.tickMillis(ZoneOffset.UTC))) {
            gateway.loadLists();
            BatchDefaults defaults = new BatchDefaults(channel, purpose, template, when != null ? when
                    : gateway.clock().instant(), dialer);
            return scrub(gateway, defaults);
        }
    }

    private int scrub(Gateway gateway, BatchDefaults defaults) throws IOException {
        long size = Files.size(file);
        ProgressBar bar = System.console() != null ? new ProgressBar(System.err, size) : null;
        try (CountingInput in = new CountingInput(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
            BatchInput input;
            try {
                input = BatchInput.open(in, BatchFormat.ofFileName(file.getFileName().toString()), defaults,
                        gateway.base().json());
            } catch (InvalidBatchException e) {
                System.err.println("error: FILE: " + e.getMessage());
                return 2;
            }
            BatchReceipt receipt;
            try (ScrubFiles files = new ScrubFiles(out, rejects, input.csvHeader())) {
                receipt = gateway.batchChecking().run(input, defaults, new Actor.KeyHolder("cli", "cli", Role.ADMIN),
                        bar == null ? files : new ProgressOutput(files, () -> bar.update(in.count(), files.rowsWritten())));
            }
            if (bar != null) {
                bar.finish(receipt.summary().rows());
            }
            print(receipt);
            return 0;
        }
    }

    private void print(BatchReceipt receipt) {
        System.out.println(receipt.summary().rows() + " rows: " + receipt.summary().allowed() + " allowed, "
                + receipt.summary().blocked() + " blocked, " + receipt.summary().errors() + " errors");
        receipt.summary().rules().forEach((rule, n) -> System.out.println("  " + rule + ": " + n));
        System.out.println("judged at " + receipt.judgedAt() + "; audit entry " + receipt.auditId());
        System.out.println("input sha256 " + receipt.inputSha256());
        receipt.resultDigests().forEach((name, hex) -> System.out.println(name + " " + hex));
    }

    /** Counts the bytes read, for the progress bar. */
    private static final class CountingInput extends FilterInputStream {
        private volatile long count;

        CountingInput(InputStream in) {
            super(in);
        }

        long count() {
            return count;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }
    }
}
