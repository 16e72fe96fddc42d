package dev.outreach.suppression;

import dev.outreach.policy.SuppressionReason;
import dev.outreach.contact.EmailAddresses;
import dev.outreach.contact.PhoneNumbers;
import dev.outreach.policy.SuppressionHit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The suppression lists read from files under a root folder (default {@code suppression-lists/}),
 * kept in memory as compact indexes and answered without I/O.
 *
 * <p>Consistency: each (re)load builds new immutable indexes off to the side and then replaces the
 * whole set with one volatile write, so a lookup sees either the old lists or the new ones, never a
 * half-built index. Only changed files are re-read.
 *
 * <p>Failing closed: a file that cannot be read is reported UNREADABLE and listed by
 * {@link #unreadable(String)}, which the policy turns into a block on that channel's marketing. If
 * the file had loaded before, its last good entries also keep blocking. Only a file deleted from a
 * folder that can still be listed stops blocking (reported REMOVED); if its folder or the whole
 * root vanishes, that is treated as an outage, not as a deletion.
 *
 * <p>Typical use: {@code new SuppressionLists()}, {@link #onLoad} with the audit writer,
 * {@link #load(Path)}, {@link #start(Duration)}; {@link #close()} at shutdown.
 */
public final class SuppressionLists implements AutoCloseable {

    public static final Path DEFAULT_ROOT = Path.of("suppression-lists");

    private static final Logger LOG = LoggerFactory.getLogger(SuppressionLists.class);
    private static final SuppressionReason LIST_REASON = SuppressionReason.LIST;
    private static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(10);
    private static final Duration START_SETTLE_PAUSE = Duration.ofMillis(250);
    private static final int START_SETTLE_ROUNDS = 20;

    private final Clock clock;
    private final SuppressionListLoader loader;
    private final List<Consumer<LoadedList>> listeners = new CopyOnWriteArrayList<>();
    private final Object reloadLock = new Object();
    /** Never mutated after publication; replaced whole on every reload. Sorted by list name. */
    private volatile Map<String, ActiveList> active = Map.of();
    private Path root; // guarded by reloadLock
    private final FolderPoller poller = new FolderPoller("suppression-list-poller", SHUTDOWN_WAIT);
    private final FileSettling settling = new FileSettling(); // guarded by reloadLock
    /** Files seen changing at the last refresh and not read yet. */
    private Set<String> unsettled = Set.of(); // guarded by reloadLock

    public SuppressionLists() {
        this(Clock.systemUTC());
    }

    /** @param clock stamps {@link LoadedList#loadedAt()} */
    public SuppressionLists(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.loader = new SuppressionListLoader(clock);
    }

    /**
     * Calls {@code listener} with the report of every load, reload, failure and removal, after the
     * change is in force. Register before {@link #load(Path)} to see the initial load. A listener
     * that throws is logged and does not stop the others.
     */
    public void onLoad(Consumer<LoadedList> listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /**
     * Reads every list under {@code root}. A root that does not exist means no lists (the gateway
     * runs with nothing configured); a root or kind folder that exists but cannot be read is
     * reported UNREADABLE under the folder's name, e.g. {@code email/}.
     *
     * @throws IllegalStateException if already loaded
     */
    public void load(Path root) {
        Objects.requireNonNull(root, "root");
        synchronized (reloadLock) {
            if (this.root != null) {
                throw new IllegalStateException("suppression lists are already loaded; use reloadIfChanged()");
            }
            this.root = root;
            refresh();
            awaitSettledAtStart();
        }
    }

    /**
     * At start-up a file just written (or still being written) is looked at again a few times, a
     * short pause apart, so the gateway starts with every finished list in force; one still changing
     * after that is read by a later poll, once it has stopped changing.
     */
    private void awaitSettledAtStart() {
        for (int round = 0; round < START_SETTLE_ROUNDS && !unsettled.isEmpty(); round++) {
            try {
                Thread.sleep(START_SETTLE_PAUSE.toMillis()); // production wait for files on disk, not a test
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            refresh();
        }
        unsettled.forEach(name -> LOG.warn("suppression list {} is still changing; it is read once it has stopped "
                + "changing (or gets a .ready marker)", name));
    }

    /**
     * Re-reads the files that were added or whose size or modification time changed (a changed
     * time with unchanged SHA-256 re-reads but changes nothing), drops deleted ones, and swaps the
     * result in atomically.
     */
    public void reloadIfChanged() {
        synchronized (reloadLock) {
            if (root == null) {
                throw new IllegalStateException("load(root) first");
            }
            refresh();
        }
    }

    /**
     * Polls for changes every {@code pollInterval} on one daemon thread. Polling rather than a
     * WatchService: WatchService misses changes on network and container-mounted filesystems
     * (NFS, SMB, bind mounts from another host) and can overflow and drop events; a poll that
     * compares size and modification time is cheap, works everywhere, and needs no recovery logic.
     */
    public void start(Duration pollInterval) {
        poller.start(pollInterval, this::poll);
    }

    /** Stops polling, letting a reload in progress finish. The loaded lists stay usable. */
    @Override
    public void close() {
        poller.stop();
    }

    /**
     * Every list entry matching an email address: address lists (matchedBy ADDRESS), domain lists
     * covering its domain or a parent domain (DOMAIN), partner hash lists (HASH).
     *
     * @param normalisedAddress an address from {@link EmailAddresses#normalise(String)}; it is
     *                          normalised again, so a caller that forgot cannot cause a miss
     * @throws dev.outreach.contact.InvalidEmailAddressException if it is not an address at all
     */
    public List<SuppressionHit> emailHits(String normalisedAddress) {
        EmailProbe probe = EmailProbe.of(EmailAddresses.normalise(normalisedAddress));
        List<SuppressionHit> hits = new ArrayList<>();
        for (ActiveList list : active.values()) {
            if (list.index() != null && list.kind() != ListKind.PHONE && probe.isIn(list.scheme(), list.index())) {
                hits.add(hitFrom(list));
            }
        }
        return List.copyOf(hits);
    }

    /**
     * Every phone list entry for a number (matchedBy NUMBER).
     *
     * @param e164 a number from {@link PhoneNumbers#toE164(String, String)}
     * @throws dev.outreach.contact.InvalidPhoneNumberException if it is not in E.164 form
     */
    public List<SuppressionHit> phoneHits(String e164) {
        long digits = PhoneNumbers.e164Digits(e164);
        List<SuppressionHit> hits = new ArrayList<>();
        for (ActiveList list : active.values()) {
            if (list.index() != null && list.kind() == ListKind.PHONE && list.index().contains(digits)) {
                hits.add(hitFrom(list));
            }
        }
        return List.copyOf(hits);
    }

    /**
     * Names of the lists of one kind that are UNREADABLE now.
     *
     * @param kind EMAIL, DOMAIN, HASHED or PHONE (any case)
     */
    public List<String> unreadable(String kind) {
        ListKind wanted = ListKind.parse(kind);
        List<String> names = new ArrayList<>();
        for (ActiveList list : active.values()) {
            if (list.kind() == wanted && list.published().isUnreadable()) {
                names.add(list.name());
            }
        }
        return List.copyOf(names);
    }

    /** The current report of every list, sorted by name. */
    public List<LoadedList> lists() {
        return active.values().stream().map(ActiveList::published).toList();
    }

    private void poll() {
        // anything escaping a scheduled task silently cancels all later runs
        try {
            reloadIfChanged();
        } catch (RuntimeException e) {
            LOG.error("reloading suppression lists failed; the lists in force stay in force", e);
        }
    }

    private void refresh() {
        ListFolderScan scan = ListFolderScan.of(root);
        Map<String, ActiveList> before = active;
        Map<String, ActiveList> after = new TreeMap<>();
        List<LoadedList> changes = new ArrayList<>();
        Set<String> changing = new TreeSet<>();
        for (ListFile file : scan.files()) {
            ActiveList previous = before.get(file.name());
            if (!settledOrUnreadable(file, previous)) {
                changing.add(file.name());
                if (previous != null) {
                    after.put(file.name(), previous); // the version in force stays until the new one is complete
                }
                continue;
            }
            ActiveList current = refreshed(file, previous);
            after.put(file.name(), current);
            noteChange(previous, current, changes);
        }
        settling.retainOnly(scan.files().stream().map(ListFile::path).collect(Collectors.toSet()));
        unsettled = Set.copyOf(changing);
        for (ActiveList gone : before.values()) {
            if (!after.containsKey(gone.name()) && !changing.contains(gone.name())) {
                vanished(gone, scan, after, changes);
            }
        }
        active = Collections.unmodifiableMap(after);
        changes.forEach(this::announce);
    }

    /**
     * Whether a file may be (re)read now: unchanged files are skipped anyway, problems are reported
     * at once, and a new or changed file only once it has stopped changing ({@link FileSettling}).
     */
    private boolean settledOrUnreadable(ListFile file, ActiveList previous) {
        if (file.problem() != null) {
            return true;
        }
        Optional<BasicFileAttributes> attributes = FileAttributes.of(file.path());
        if (attributes.isEmpty() || attributes.get().isDirectory()) {
            return true; // the loader reports it
        }
        if (previous != null && previous.stamp() != null && previous.stamp().provesUnchanged(attributes.get())) {
            return true;
        }
        return settling.settled(file.path(), attributes.get());
    }

    private ActiveList refreshed(ListFile file, ActiveList previous) {
        if (previous != null && previous.stamp() != null && file.problem() == null
                && FileAttributes.of(file.path()).map(previous.stamp()::provesUnchanged).orElse(false)) {
            return previous;
        }
        FingerprintScheme scheme = file.format() == null ? null : file.format().scheme();
        return merged(previous, loader.load(file), scheme);
    }

    /**
     * A deleted file stops blocking. A file that is missing because its whole folder (or the root)
     * cannot be listed keeps blocking and is reported UNREADABLE.
     */
    private void vanished(ActiveList gone, ListFolderScan scan, Map<String, ActiveList> after,
                          List<LoadedList> changes) {
        if (scan.listedFolders().contains(gone.kind())) {
            changes.add(removed(gone));
            return;
        }
        LoadedList outage = new LoadedList(gone.name(), gone.kind(), 0, 0, List.of(), null, clock.instant(), null,
                ListStatus.UNREADABLE, gone.kind().folder() + "/ is missing or cannot be listed");
        ActiveList kept = merged(gone, new ListLoad(outage, null, null), gone.scheme());
        after.put(gone.name(), kept);
        noteChange(gone, kept, changes);
    }

    private static ActiveList merged(ActiveList previous, ListLoad load, FingerprintScheme scheme) {
        LoadedList outcome = load.report();
        if (previous != null && outcome.sameOutcomeAs(previous.lastOutcome())) {
            return previous.withStamp(load.stamp()); // same bytes, same result: keep the index in force
        }
        if (outcome.status() == ListStatus.LOADED) {
            return new ActiveList(outcome, outcome, outcome, load.index(), scheme, load.stamp());
        }
        if (previous == null || previous.index() == null) {
            return new ActiveList(outcome, outcome, null, null, null, load.stamp());
        }
        return new ActiveList(stillBlocking(outcome, previous.lastGood()), outcome, previous.lastGood(),
                previous.index(), previous.scheme(), load.stamp());
    }

    /**
     * The report of an unreadable file whose last good version keeps blocking: {@code entries} and
     * {@code asOf} describe the version in force, {@code sha256} the unreadable bytes (if any).
     */
    private static LoadedList stillBlocking(LoadedList outcome, LoadedList lastGood) {
        String detail = outcome.detail() + "; the version loaded at " + lastGood.loadedAt() + " (sha256 "
                + lastGood.sha256() + ", " + lastGood.entries() + " entries) keeps blocking";
        return new LoadedList(outcome.name(), outcome.kind(), lastGood.entries(), 0, List.of(), outcome.sha256(),
                outcome.loadedAt(), lastGood.asOf(), ListStatus.UNREADABLE, detail);
    }

    private LoadedList removed(ActiveList gone) {
        String detail = gone.name().endsWith("/")
                ? "the folder can be listed again"
                : "the file was deleted; its entries no longer block";
        return new LoadedList(gone.name(), gone.kind(), 0, 0, List.of(), null, clock.instant(), null,
                ListStatus.REMOVED, detail);
    }

    private static void noteChange(ActiveList previous, ActiveList current, List<LoadedList> changes) {
        if (previous == null || !current.published().equals(previous.published())) {
            changes.add(current.published());
        }
    }

    private void announce(LoadedList report) {
        if (report.isUnreadable()) {
            LOG.warn("suppression list {} is unreadable: {}", report.name(), report.detail());
        } else {
            LOG.info("suppression list {} {}: {} entries, {} rejected lines", report.name(), report.status(),
                    report.entries(), report.rejectedLines());
        }
        for (Consumer<LoadedList> listener : listeners) {
            try {
                listener.accept(report);
            } catch (RuntimeException e) {
                LOG.error("a suppression list listener failed for {}", report.name(), e);
            }
        }
    }

    private static SuppressionHit hitFrom(ActiveList list) {
        return new SuppressionHit(LIST_REASON, list.name(), list.kind().matchedBy());
    }
}
