package dev.outreach.suppression;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The national Do Not Call registry download ({@code suppression-lists/national-dnc/}), held in
 * memory as a compressed index of about one byte per number and answered without I/O.
 *
 * <p>Files (full lists, change lists applied in name order, {@code as-of.txt}) are described in
 * {@code suppression-lists/national-dnc/README.md}. The index is one compressed sorted set per area
 * code ({@link AreaCodeNumbers}): at the real registry's density about 0.83 bytes a number, so the
 * whole registry of about 260 million numbers takes about 220 MB of heap; a reload needs that much
 * again, plus about 100 MB of buffers, while it builds the new version next to the old one.
 *
 * <p>Consistency: every (re)load builds a new index off to the side and publishes it, with its
 * date and report, in one volatile write, so a lookup sees one whole version, never a half-built
 * one.
 *
 * <p>Failing closed: {@link #asOf()} is the date of the download in force and is null whenever
 * there is none (no folder, no files, no or a bad {@code as-of.txt}, a file that cannot be read);
 * the {@code tcpa.dnc-data-fresh} rule blocks telemarketing to NANP numbers when it is null or
 * more than 31 days old. A download that cannot be used never replaces the numbers of an earlier
 * one that loaded: those keep answering {@link #contains}.
 *
 * <p>Typical use: {@code new NationalDncRegistry(clock)}, {@link #onLoad} with the audit writer,
 * {@link #load(Path)}, {@link #start(Duration)}; {@link #close()} at shutdown.
 */
public final class NationalDncRegistry implements AutoCloseable {

    public static final Path DEFAULT_FOLDER = Path.of("suppression-lists", "national-dnc");

    private static final Logger LOG = LoggerFactory.getLogger(NationalDncRegistry.class);
    private static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(30);
    private static final int TEN_DIGITS = 10;

    private final Clock clock;
    private final NationalDncLoader loader;
    private final List<Consumer<NationalDncLoad>> listeners = new CopyOnWriteArrayList<>();
    private final Object reloadLock = new Object();
    /** Never mutated after publication; replaced whole on every load. */
    private volatile NationalDncState state;
    private Path folder; // guarded by reloadLock
    private NationalDncFiles lastScan; // guarded by reloadLock
    private final FolderPoller poller = new FolderPoller("national-dnc-poller", SHUTDOWN_WAIT);

    /** @param clock stamps {@link NationalDncLoad#loadedAt()} and rejects an as-of date in the future */
    public NationalDncRegistry(Clock clock) {
        this(clock, NationalDncIndexBuilder.DEFAULT_FULL_BUDGET, NationalDncIndexBuilder.DEFAULT_CHANGE_BUDGET);
    }

    /** Small buffer budgets let tests exercise the batched merges. */
    NationalDncRegistry(Clock clock, int fullBudget, int changeBudget) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.loader = new NationalDncLoader(clock, fullBudget, changeBudget);
        this.state = new NationalDncState(NationalDncIndex.EMPTY, null, new NationalDncLoad(0, 0, List.of(), List.of(),
                null, clock.instant(), null, NationalDncLoad.EMPTY,
                "not loaded yet; tcpa.dnc-data-fresh blocks telemarketing to NANP numbers"));
    }

    /**
     * Calls {@code listener} with the report of every load, and of every reload whose outcome
     * differs from the one before, after the change is in force. Register before
     * {@link #load(Path)} to see the initial load. A listener that throws is logged and does not
     * stop the others.
     */
    public void onLoad(Consumer<NationalDncLoad> listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /**
     * Reads the download in {@code nationalDncDir} now (also when called again, e.g. with another
     * folder) and remembers the folder for {@link #reloadIfChanged()}. A missing folder or one
     * without number files gives an empty registry with {@code asOf} null (status EMPTY); a
     * download that cannot be used gives UNREADABLE with {@code asOf} null. Never throws for the
     * folder's content: every problem is in the report.
     */
    public void load(Path nationalDncDir) {
        Objects.requireNonNull(nationalDncDir, "nationalDncDir");
        synchronized (reloadLock) {
            folder = nationalDncDir;
            refresh(NationalDncFiles.scan(folder), true);
        }
    }

    /**
     * Re-reads the download if a file was added, removed, or changed size or modification time
     * (a file written within one timestamp tick of the last read counts as changed), and swaps the
     * result in atomically. A reload with the same outcome as before is not reported again.
     *
     * @throws IllegalStateException before {@link #load(Path)}
     */
    public void reloadIfChanged() {
        synchronized (reloadLock) {
            if (folder == null) {
                throw new IllegalStateException("load(nationalDncDir) first");
            }
            NationalDncFiles now = NationalDncFiles.scan(folder);
            if (lastScan != null && lastScan.unchangedIn(now)) {
                return;
            }
            refresh(now, false);
        }
    }

    /**
     * Polls for changes every {@code pollInterval} on one daemon thread (polling rather than a
     * WatchService, which misses changes on network and bind-mounted filesystems).
     */
    public void start(Duration pollInterval) {
        poller.start(pollInterval, this::poll);
    }

    /** Stops polling, letting a reload in progress finish. The registry in force stays usable. */
    @Override
    public void close() {
        poller.stop();
    }

    /**
     * Whether a number is on the registry download in force.
     *
     * @param e164 {@code +1} and 10 digits; anything else (another country, not E.164, an area
     *             code or exchange starting with 0 or 1) is not on the registry: false
     */
    public boolean contains(String e164) {
        if (e164 == null || e164.length() != 2 + TEN_DIGITS || e164.charAt(0) != '+' || e164.charAt(1) != '1') {
            return false;
        }
        int areaCode = 0;
        int subscriber = 0;
        for (int i = 2; i < 2 + TEN_DIGITS; i++) {
            int digit = e164.charAt(i) - '0';
            if (digit < 0 || digit > 9) {
                return false;
            }
            if (i < 5) {
                areaCode = areaCode * 10 + digit;
            } else {
                subscriber = subscriber * 10 + digit;
            }
        }
        if (areaCode < NationalDncIndex.FIRST_AREA_CODE || subscriber < 2_000_000) {
            return false;
        }
        return state.index().contains(areaCode - NationalDncIndex.FIRST_AREA_CODE, subscriber - 2_000_000);
    }

    /**
     * The date in {@code as-of.txt} of the download in force; null if nothing is in force, the file
     * is missing or unparseable, or the last load was UNREADABLE.
     */
    public LocalDate asOf() {
        return state.asOf();
    }

    /** The last load report (before the first load: EMPTY, "not loaded yet"). */
    public NationalDncLoad status() {
        return state.report();
    }

    /** Heap taken by the index in force, from its own size accounting. */
    long indexBytes() {
        return state.index().bytes();
    }

    /** Bytes per number of the index in force (0 when empty). */
    double bytesPerNumber() {
        return state.index().bytesPerNumber();
    }

    private void poll() {
        // anything escaping a scheduled task silently cancels all later runs
        try {
            reloadIfChanged();
        } catch (RuntimeException | OutOfMemoryError e) {
            LOG.error("reloading the national DNC registry failed; the registry in force stays in force", e);
        }
    }

    private void refresh(NationalDncFiles files, boolean always) {
        NationalDncState before = state;
        NationalDncState after = loader.load(files, before);
        lastScan = files;
        if (!always && after.report().sameOutcomeAs(before.report())) {
            return; // same bytes, same result: keep the version in force and say nothing
        }
        state = after;
        announce(after.report());
    }

    private void announce(NationalDncLoad report) {
        if (NationalDncLoad.LOADED.equals(report.status())) {
            LOG.info("national DNC registry loaded: {}", report.detail());
        } else {
            LOG.warn("national DNC registry {}: {}", report.status(), report.detail());
        }
        for (Consumer<NationalDncLoad> listener : listeners) {
            try {
                listener.accept(report);
            } catch (RuntimeException e) {
                LOG.error("a national DNC registry listener failed", e);
            }
        }
    }
}
