package dev.outreach.mail;

import dev.outreach.store.Outbox;
import dev.outreach.store.OutboxMessage;
import dev.outreach.store.OutboxStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Drains the durable outbox through a {@link MailTransport}.
 *
 * <p>Each round claims the due messages (the claim is a lease, so several gateway instances can
 * share one outbox), delivers each and records the outcome:
 * <ul>
 *   <li>accepted → SENT;</li>
 *   <li>transient failure → RETRYING with the {@link RetrySchedule} backoff, FAILED once the
 *       attempts are used up;</li>
 *   <li>permanent failure blaming the recipient address → the {@link BounceListener} is told, then
 *       BOUNCED;</li>
 *   <li>any other permanent failure → FAILED.</li>
 * </ul>
 * Delivery is at least once: if the process dies after the relay accepted a message but before it
 * was marked SENT, the message is sent again. Each lease names its instance ({@link
 * DispatchSettings#owner()}), and an instance takes back its own leases when it starts, so mail
 * resumes at once after a crash; another instance's leases run out after {@link DispatchSettings#lease()}.
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
    private ScheduledExecutorService poller;
    private volatile boolean stopping;

    public OutboxDispatcher(Outbox outbox, MailTransport transport, BounceListener bounces, Clock clock,
                            DispatchSettings settings) {
        this.outbox = Objects.requireNonNull(outbox, "outbox");
        this.transport = Objects.requireNonNull(transport, "transport");
        this.bounces = Objects.requireNonNull(bounces, "bounces");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.pacing = new DomainPacing(DomainPacing.Settings.off());
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
    }

    /**
     * One round: claims up to a batch of due messages and tries each once.
     *
     * @return how many messages were claimed and tried, whatever the outcome
     */
    public int runOnce() {
        Instant now = clock.instant();
        List<OutboxMessage> due = outbox.claimDue(now, now.plus(settings.lease()), settings.batchSize(),
                settings.owner());
        due.forEach(this::dispatch);
        return due.size();
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

    /** Stops polling, letting a round in progress finish for up to 30 s. Does not close the transport. */
    @Override
    public synchronized void close() {
        if (poller == null) {
            return;
        }
        stopping = true;
        poller.shutdown();
        try {
            if (!poller.awaitTermination(SHUTDOWN_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                poller.shutdownNow();
            }
        } catch (InterruptedException e) {
            poller.shutdownNow();
            Thread.currentThread().interrupt();
        }
        poller = null;
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

    private void dispatch(OutboxMessage message) {
        Optional<DomainPacing.Wait> wait = pacing.admit(message.recipient(), message.mime(), clock.instant());
        if (wait.isPresent()) {
            // Not an attempt: the count stays, only the time and the reason change.
            outbox.markRetry(message.messageId(), message.attempts(), wait.get().until(), wait.get().reason(),
                    clock.instant());
            return;
        }
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
        outbox.markSent(message.messageId(), DomainPacing.fromDomain(message.mime()), clock.instant());
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
