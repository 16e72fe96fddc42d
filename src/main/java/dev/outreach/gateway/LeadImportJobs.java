package dev.outreach.gateway;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Lead imports run in the background: the file, already spooled to disk, is imported by one worker
 * thread (imports run one after the other, so two files cannot race for the same ids), and its
 * progress and result are kept for {@link #RETENTION} after the job was started, in this process's
 * memory (a restart forgets them; the imported leads and the audit entry stay).
 */
public final class LeadImportJobs implements AutoCloseable {

    /** How long a job's progress and result can be fetched. */
    public static final Duration RETENTION = Duration.ofHours(24);

    private static final Logger LOG = LoggerFactory.getLogger(LeadImportJobs.class);

    public enum Status { QUEUED, RUNNING, DONE, FAILED }

    /**
     * One job as seen at one moment.
     *
     * @param ownerKeyId the API key that started it: only that key (or an ADMIN) may read it
     * @param result     null until DONE
     * @param failure    why it FAILED (the file's header was refused, or it could not be read); else null
     */
    public record Snapshot(String id, String ownerKeyId, LeadImport.Mode mode, Status status, long rowsRead,
                           long bytesRead, long bytesTotal, Instant startedAt, Instant finishedAt,
                           LeadImport.Result result, String failure) {

        /** Bytes read as a whole percentage of the file (100 when done). */
        public int percent() {
            if (status == Status.DONE || status == Status.FAILED || bytesTotal == 0) {
                return status == Status.DONE || status == Status.FAILED ? 100 : 0;
            }
            return (int) Math.min(99, bytesRead * 100 / bytesTotal);
        }
    }

    private final LeadImport leadImport;
    private final Clock clock;
    private final Cache<String, Job> jobs = Caffeine.newBuilder().expireAfterWrite(RETENTION).build();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "lead-import-jobs");
        t.setDaemon(true);
        return t;
    });

    public LeadImportJobs(LeadImport leadImport, Clock clock) {
        this.leadImport = leadImport;
        this.clock = clock;
    }

    /**
     * Queues the import of a spooled CSV file, which is deleted once read.
     *
     * @return the job as queued; its id is what {@link #find} takes
     */
    public Snapshot start(Path spooled, LeadImport.RowValidator validator, Actor.KeyHolder actor, LeadImport.Mode mode)
            throws IOException {
        Job job = new Job(UUID.randomUUID().toString(), actor.keyId(), mode, Files.size(spooled), clock.instant());
        jobs.put(job.id, job);
        worker.execute(() -> run(job, spooled, validator, actor));
        return job.snapshot();
    }

    public Optional<Snapshot> find(String id) {
        return Optional.ofNullable(jobs.getIfPresent(id)).map(Job::snapshot);
    }

    private void run(Job job, Path spooled, LeadImport.RowValidator validator, Actor actor) {
        job.status = Status.RUNNING;
        try (CountingInputStream in = new CountingInputStream(Files.newInputStream(spooled))) {
            job.bytes = in;
            job.result = leadImport.run(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)),
                    validator, actor, job.mode, job.rowsRead::set);
            job.status = Status.DONE;
        } catch (RejectedRequest e) {
            job.failure = e.field() + ": " + e.getMessage();
            job.status = Status.FAILED;
        } catch (IOException | RuntimeException e) {
            LOG.warn("lead import job {} failed: {}", job.id, e.toString());
            job.failure = "the import failed: " + e.getClass().getSimpleName();
            job.status = Status.FAILED;
        } finally {
            job.finishedAt = clock.instant();
            try {
                Files.deleteIfExists(spooled);
            } catch (IOException e) {
                LOG.warn("could not delete the spooled import file of job {}: {}", job.id, e.toString());
            }
        }
    }

    /** Lets a running import finish (it writes in batches, each in one transaction), then stops. */
    @Override
    public void close() {
        worker.shutdown();
        try {
            if (!worker.awaitTermination(30, TimeUnit.SECONDS)) {
                LOG.warn("a lead import was still running after 30 s; it stops at its next batch");
                worker.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            worker.shutdownNow();
        }
    }

    /** A job's mutable state, written by the worker and read by requests. */
    private static final class Job {
        final String id;
        final String ownerKeyId;
        final LeadImport.Mode mode;
        final long bytesTotal;
        final Instant startedAt;
        final AtomicLong rowsRead = new AtomicLong();
        volatile CountingInputStream bytes;
        volatile Status status = Status.QUEUED;
        volatile LeadImport.Result result;
        volatile String failure;
        volatile Instant finishedAt;

        Job(String id, String ownerKeyId, LeadImport.Mode mode, long bytesTotal, Instant startedAt) {
            this.id = id;
            this.ownerKeyId = ownerKeyId;
            this.mode = mode;
            this.bytesTotal = bytesTotal;
            this.startedAt = startedAt;
        }

        Snapshot snapshot() {
            CountingInputStream in = bytes;
            long read = status == Status.DONE ? bytesTotal : in == null ? 0 : Math.min(in.count(), bytesTotal);
            return new Snapshot(id, ownerKeyId, mode, status, rowsRead.get(), read, bytesTotal, startedAt, finishedAt,
                    result, failure);
        }
    }
}
