package dev.outreach.mail;

import dev.outreach.store.Outbox;
import dev.outreach.store.OutboxMessage;
import dev.outreach.store.OutboxStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Drains the durable outbox through a {@link MailTransport}.
 *
 * <p>Each round claims the due messages (the claim is a lease, so several gateway instances can
 * share one outbox), delivers them on a small pool of workers ({@link DispatchSettings#workers()},
 * each reusing its own SMTP connection) and records the outcome:
 * <ul>
 *   <li>accepted → SENT, all of the round's in one unit of work at the end of the round (one commit
 *       for many deliveries, so arriving sends cannot starve delivery of the store's writer);</li>
 *   <li>transient failure → RETRYING with the {@link RetrySchedule} backoff, FAILED once the
 *       attempts are used up;</li>
 *   <li>permanent failure blaming the recipient address → the {@link BounceListener} is told, then
 *       BOUNCED;</li>
 *   <li>any other permanent failure → FAILED;</li>
 *   <li>not attempted because {@link DomainPacing} says wait → put back with the reason and the
 *       time it is due again, without counting an attempt.</li>
 * </ul>
 * Messages are grouped by recipient domain into lanes; a domain gets at most
 * {@link DomainPacing#concurrencyFor} lanes, so no more deliveries than that run to it at once,
 * and each lane hands its worker back after every message, so one busy domain does not hold up
 * the others.
 *
 * <p>Delivery is at least once: if the process dies after the relay accepted a message but before
 * its round was marked SENT, the message is sent again (same Message-ID). Each lease names its
 * instance ({@link DispatchSettings#owner()}), and an instance takes back its own leases when it
 * starts, so mail resumes at once after a crash; another instance's leases run out after
 * {@link DispatchSettings#lease()}.
 *
 * <p>Time comes only from the injected clock. Logs carry the message id and a masked recipient,
 * never the address or the body.
 */
public final class OutboxDispatcher implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(OutboxDispatcher.class);
    private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(30);

    private final Outbox outbox;
    private final MailTransport transport;
    private final BounceListener bounces;
    private final Clock clock;
    private final DispatchSettings settings;
    private final DomainPacing pacing;
    private final ExecutorService workers;
    private ScheduledExecutorService poller;
    private volatile boolean stopping;

    public OutboxDispatcher(Outbox outbox, MailTransport transport, BounceListener bounces, Clock clock,
                            DispatchSettings settings) {
        this(outbox, transport, bounces, clock, settings, DomainPacing.off());
    }

    /** With per-recipient-domain pacing ({@link DomainPacing}): a message that must wait is put back with the reason. */
    public OutboxDispatcher(Outbox outbox, MailTransport transport, BounceListener bounces, Clock clock,
                            DispatchSettings settings, DomainPacing pacing) {
        this.outbox = Objects.requireNonNull(outbox, "outbox");
        this.transport = Objects.requireNonNull(transport, "transport");
        this.bounces = Objects.requireNonNull(bounces, "bounces");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.pacing = Objects.requireNonNull(pacing, "pacing");
        AtomicInteger number = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(settings.workers(), task -> {
            Thread thread = new Thread(task, "outbox-delivery-" + number.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * One round: claims up to a batch of due messages, tries each once on the workers and returns
     * when every outcome is recorded.
     *
     * @return how many messages were claimed and tried (or put back), whatever the outcome
     */
    public int runOnce() {
        Instant now = clock.instant();
        List<OutboxMessage> due = outbox.claimDue(now, now.plus(settings.lease()), settings.batchSize(),
                settings.owner());
        if (due.isEmpty()) {
            return 0;
        }
        Round round = new Round(due.size(), now.plus(settings.lease().dividedBy(2)));
        Map<String, Queue<OutboxMessage>> byDomain = new LinkedHashMap<>();
        due.forEach(m -> byDomain.computeIfAbsent(DomainPacing.domainOf(m.recipient()), d -> new ConcurrentLinkedQueue<>())
                .add(m));
        byDomain.forEach((domain, queue) -> {
            int lanes = Math.min(queue.size(), Math.min(pacing.concurrencyFor(domain), settings.workers()));
            for (int i = 0; i < lanes; i++) {
                workers.execute(new Lane(queue, round));
            }
        });
        try {
            round.finished.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            log.warn("outbox round interrupted; its unmarked messages are delivered again after their leases");
            return due.size();
        }
        record(round);
        return due.size();
    }

    /** The round's outcomes that were collected rather than written one by one, in one unit each. */
    private void record(Round round) {
        List<Outbox.Sent> sent = List.copyOf(round.sent);
        try {
            outbox.markRetry(List.copyOf(round.putBack));
            outbox.markSent(sent);
        } finally {
            round.admitted.forEach(pacing::settled);
        }
        log.debug("outbox round: {} sent, {} put back", sent.size(), round.putBack.size());
    }

    /** What one round's workers share: the countdown to its end and the outcomes to write at the end. */
    private static final class Round {
        final CountDownLatch finished;
        final Instant stopStartingAt;
        final Queue<Outbox.Sent> sent = new ConcurrentLinkedQueue<>();
        final Queue<Outbox.Retry> putBack = new ConcurrentLinkedQueue<>();
        final Queue<byte[]> admitted = new ConcurrentLinkedQueue<>();

        Round(int messages, Instant stopStartingAt) {
            this.finished = new CountDownLatch(messages);
            this.stopStartingAt = stopStartingAt;
        }
    }

    /**
     * One of at most {@link DomainPacing#concurrencyFor} slots of a recipient domain in a round: takes
     * one message, then queues itself behind the other lanes for the next, so workers rotate over
     * the domains.
     */
    private final class Lane implements Runnable {
        private final Queue<OutboxMessage> queue;
        private final Round round;

        Lane(Queue<OutboxMessage> queue, Round round) {
            this.queue = queue;
            this.round = round;
        }

        @Override
        public void run() {
            OutboxMessage message = queue.poll();
            if (message == null) {
                return;
            }
            try {
                dispatch(message, round);
            } catch (RuntimeException e) {
                // Only the type: the message could quote the address. The lease brings it back.
                log.error("dispatching {} failed ({}); it is tried again after its lease", message.messageId(),
                        e.getClass().getName());
            } finally {
                round.finished.countDown();
            }
            if (!queue.isEmpty()) {
                workers.execute(this);
            }
        }
    }

    /** Polls on a single daemon thread, draining full batches back to back. */
    public synchronized void start(Duration pollInterval) {
        if (poller != null) {
            throw new IllegalStateException("dispatcher already started");
        }
        if (pollInterval.isNegative() || pollInterval.isZero()) {
            throw new IllegalArgumentException("pollInterval must be positive, was " + pollInterval);
        }
        stopping = false;
        releaseOwnLeases();
        poller = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "outbox-dispatcher");
            thread.setDaemon(true);
            return thread;
        });
        poller.scheduleWithFixedDelay(this::drain, 0, pollInterval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The leases this instance held when it last stopped (or died) are due again now. */
    private void releaseOwnLeases() {
        if (settings.owner() == null) {
            return;
        }
        int released = outbox.releaseLeases(settings.owner(), clock.instant());
        if (released > 0) {
            log.info("took back {} outbox leases held before this instance restarted", released);
        }
    }

    /**
     * Stops polling; a round in progress puts back what it has not started and finishes within 30 s.
     * Stops the workers. Does not close the transport.
     */
    @Override
    public synchronized void close() {
        stopping = true;
        if (poller != null) {
            poller.shutdown();
            awaitOrInterrupt(poller);
            poller = null;
        }
        workers.shutdown();
        awaitOrInterrupt(workers);
    }

    private static void awaitOrInterrupt(ExecutorService executor) {
        try {
            if (!executor.awaitTermination(SHUTDOWN_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    /** A scheduled task that throws is never run again, so every failure stops here. */
    private void drain() {
        try {
            while (runOnce() == settings.batchSize() && !stopping) {
                log.debug("outbox batch was full, taking the next one");
            }
        } catch (RuntimeException e) {
            log.error("outbox round failed; retrying at the next poll", e);
        }
    }

    private void dispatch(OutboxMessage message, Round round) {
        Instant now = clock.instant();
        if (stopping || now.isAfter(round.stopStartingAt)) {
            // Not started, so not an attempt; due again at once, for this or another instance.
            round.putBack.add(new Outbox.Retry(message.messageId(), message.attempts(), now,
                    "waiting: not started before " + (stopping ? "the dispatcher stopped" : "half its lease had passed"),
                    now));
            return;
        }
        Optional<DomainPacing.Wait> wait = pacing.admit(message.recipient(), message.mime(), now);
        if (wait.isPresent()) {
            // Not an attempt: the count stays, only the time and the reason change.
            round.putBack.add(new Outbox.Retry(message.messageId(), message.attempts(), wait.get().until(),
                    wait.get().reason(), now));
            return;
        }
        round.admitted.add(message.mime());
        try {
            transport.deliver(message.recipient(), message.messageId(), message.mime());
        } catch (DeliveryException e) {
            onFailure(message, e);
            return;
        } catch (RuntimeException e) {
            // A defect in a transport must not stop the batch; bounded by the retry limit.
            onFailure(message, DeliveryException.transientFailure("transport error " + e.getClass().getName()));
            return;
        }
        pacing.accepted(message.recipient());
        round.sent.add(new Outbox.Sent(message.messageId(), DomainPacing.fromDomain(message.mime()), clock.instant()));
        log.info("sent {} to {}", message.messageId(), MaskedAddress.of(message.recipient()));
    }

    private void onFailure(OutboxMessage message, DeliveryException failure) {
        int attempts = message.attempts() + 1;
        int code = failure.replyCode().orElse(0);
        if (code == 421 || code == 451) {
            pacing.deferred(message.recipient(), clock.instant());
        }
        if (failure.isTransient()) {
            retryOrGiveUp(message, attempts, failure.getMessage());
        } else if (failure.recipientUnknown()) {
            bounce(message, attempts, failure.getMessage());
        } else {
            outbox.markFailed(message.messageId(), OutboxStatus.FAILED, attempts, failure.getMessage(), clock.instant());
            log.warn("failed {} to {} permanently: {}", message.messageId(), MaskedAddress.of(message.recipient()),
                    failure.getMessage());
        }
    }

    private void retryOrGiveUp(OutboxMessage message, int attempts, String error) {
        Instant now = clock.instant();
        Optional<Duration> delay = settings.retries().delayAfter(attempts);
        if (delay.isPresent()) {
            outbox.markRetry(message.messageId(), attempts, now.plus(delay.get()), error, now);
            log.warn("will retry {} to {} in {} (attempt {}): {}", message.messageId(),
                    MaskedAddress.of(message.recipient()), delay.get(), attempts, error);
        } else {
            outbox.markFailed(message.messageId(), OutboxStatus.FAILED, attempts,
                    "gave up after " + attempts + " attempts: " + error, now);
            log.warn("gave up on {} to {} after {} attempts: {}", message.messageId(),
                    MaskedAddress.of(message.recipient()), attempts, error);
        }
    }

    /** The suppression comes first: a BOUNCED message whose suppression was lost would never be revisited. */
    private void bounce(OutboxMessage message, int attempts, String error) {
        try {
            bounces.onHardBounce(message);
        } catch (RuntimeException e) {
            // Only the type: the listener's message may quote the address.
            log.error("could not record the hard bounce of {} ({}); treating it as transient",
                    message.messageId(), e.getClass().getName());
            retryOrGiveUp(message, attempts, "hard bounce not recorded (" + e.getClass().getSimpleName() + "): " + error);
            return;
        }
        outbox.markFailed(message.messageId(), OutboxStatus.BOUNCED, attempts, error, clock.instant());
        log.info("bounced {} to {}: {}", message.messageId(), MaskedAddress.of(message.recipient()), error);
    }
}
