package dev.outreach.suppression;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SuppressionListReloadTest {

    @TempDir
    Path root;
    ListFiles files;
    SuppressionLists lists = new SuppressionLists();
    List<LoadedList> events = new CopyOnWriteArrayList<>();

    @BeforeEach
    void setUp() {
        files = new ListFiles(root);
        lists.onLoad(events::add);
    }

    @AfterEach
    void tearDown() {
        lists.close();
    }

    /** A new or changed file is read once it is the same at two polls (it has stopped changing). */
    private void pollTwice() {
        lists.reloadIfChanged();
        lists.reloadIfChanged();
    }

    private LoadedList report(String name) {
        return lists.lists().stream().filter(l -> l.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void theListenerSeesTheInitialLoadOfEveryList() {
        files.write("email/a.txt", "ann@example.com");
        files.write("phone/p.txt", "(305) 555-0123");
        lists.load(root);

        assertThat(events).extracting(LoadedList::name).containsExactly("email/a.txt", "phone/p.txt");
        assertThat(events).extracting(LoadedList::status).containsOnly(ListStatus.LOADED);
    }

    @Test
    void aReloadPicksUpAnAddedAndARemovedAddress() {
        files.write("email/a.txt", "ann@example.com", "bob@example.org");
        lists.load(root);
        events.clear();

        files.write("email/a.txt", "bob@example.org", "carol@example.net");
        pollTwice();

        assertThat(lists.emailHits("ann@example.com")).isEmpty();
        assertThat(lists.emailHits("bob@example.org")).hasSize(1);
        assertThat(lists.emailHits("carol@example.net")).hasSize(1);
        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.name()).isEqualTo("email/a.txt");
            assertThat(e.entries()).isEqualTo(2);
        });
    }

    @Test
    void aSameSizeRewriteWithinTheSameTimestampTickIsStillPickedUp() {
        Instant tick = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        files.write("email/a.txt", "ann@example.com");
        files.setModified("email/a.txt", tick);
        lists.load(root);

        files.write("email/a.txt", "bob@example.com");
        files.setModified("email/a.txt", tick);
        pollTwice();

        assertThat(lists.emailHits("ann@example.com")).isEmpty();
        assertThat(lists.emailHits("bob@example.com")).hasSize(1);
    }

    @Test
    void aNewTimestampOnUnchangedContentReloadsNothing() {
        files.write("email/a.txt", "ann@example.com");
        files.setModified("email/a.txt", Instant.now().minus(Duration.ofHours(2)));
        lists.load(root);
        LoadedList before = report("email/a.txt");
        events.clear();

        files.setModified("email/a.txt", Instant.now().minus(Duration.ofHours(1)));
        pollTwice();

        assertThat(events).isEmpty();
        assertThat(report("email/a.txt")).isEqualTo(before);
    }

    @Test
    void anUnchangedFileIsNotReadAgain() {
        files.write("email/a.txt", "ann@example.com");
        files.setModified("email/a.txt", Instant.now().minus(Duration.ofHours(1)));
        lists.load(root);
        events.clear();

        lists.reloadIfChanged();
        lists.reloadIfChanged();

        assertThat(events).isEmpty();
    }

    @Test
    void aNewFileIsPickedUp() {
        lists.load(root);

        files.write("domain/d.txt", "example.com");
        pollTwice();

        assertThat(lists.emailHits("ann@mail.example.com")).hasSize(1);
        assertThat(events).extracting(LoadedList::name).containsExactly("domain/d.txt");
    }

    @Test
    void aDeletedFileStopsBlockingAndIsReportedRemoved() {
        files.write("email/a.txt", "ann@example.com");
        files.write("email/b.txt", "bob@example.com");
        lists.load(root);
        events.clear();

        files.delete("email/a.txt");
        pollTwice();

        assertThat(lists.emailHits("ann@example.com")).isEmpty();
        assertThat(lists.emailHits("bob@example.com")).hasSize(1);
        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.name()).isEqualTo("email/a.txt");
            assertThat(e.status()).isEqualTo(ListStatus.REMOVED);
        });
        assertThat(lists.lists()).extracting(LoadedList::name).containsExactly("email/b.txt");
    }

    @Test
    void aListThatBecomesUnreadableIsReportedAndItsLastGoodVersionKeepsBlocking() {
        files.write("email/crm.csv", "email,name", "ann@example.com,Ann");
        lists.load(root);
        String goodSha = report("email/crm.csv").sha256();
        events.clear();

        files.write("email/crm.csv", "mail,name", "bob@example.com,Bob");
        pollTwice();

        assertThat(lists.unreadable("EMAIL")).containsExactly("email/crm.csv");
        assertThat(lists.emailHits("ann@example.com")).hasSize(1);
        assertThat(lists.emailHits("bob@example.com")).isEmpty();
        LoadedList report = report("email/crm.csv");
        assertThat(report.status()).isEqualTo(ListStatus.UNREADABLE);
        assertThat(report.entries()).isEqualTo(1);
        assertThat(report.detail()).contains("'email' column", goodSha, "keeps blocking");
        assertThat(events).containsExactly(report);
    }

    @Test
    void anUnreadableListIsReportedOnceNotOnEveryPoll() {
        files.writeBytes("email/a.txt", "ann@example.com\n".getBytes(StandardCharsets.UTF_16));
        lists.load(root);

        lists.reloadIfChanged();
        lists.reloadIfChanged();

        assertThat(events).hasSize(1);
    }

    @Test
    void aListThatIsFixedLoadsAgainAndLeavesTheUnreadableSet() {
        files.write("email/crm.csv", "name", "Ann");
        lists.load(root);
        assertThat(lists.unreadable("EMAIL")).containsExactly("email/crm.csv");

        files.write("email/crm.csv", "email,name", "ann@example.com,Ann");
        pollTwice();

        assertThat(lists.unreadable("EMAIL")).isEmpty();
        assertThat(lists.emailHits("ann@example.com")).hasSize(1);
    }

    @Test
    void aVanishedKindFolderIsAnOutageNotADeletion() throws Exception {
        files.write("phone/dnc.txt", "(305) 555-0123");
        lists.load(root);

        Files.delete(root.resolve("phone/dnc.txt"));
        Files.delete(root.resolve("phone"));
        pollTwice();

        assertThat(lists.phoneHits("+13055550123")).hasSize(1);
        assertThat(lists.unreadable("PHONE")).containsExactly("phone/dnc.txt");
        assertThat(report("phone/dnc.txt").detail()).contains("phone/ is missing", "keeps blocking");
    }

    @Test
    void aFailingListenerDoesNotStopTheOthersOrTheLoad() {
        SuppressionLists withBadListener = new SuppressionLists();
        AtomicInteger seen = new AtomicInteger();
        withBadListener.onLoad(l -> {
            throw new IllegalStateException("audit down");
        });
        withBadListener.onLoad(l -> seen.incrementAndGet());
        files.write("email/a.txt", "ann@example.com");

        withBadListener.load(root);

        assertThat(seen).hasValue(1);
        assertThat(withBadListener.emailHits("ann@example.com")).hasSize(1);
    }

    @Test
    void thePollingThreadPicksUpAChange() throws Exception {
        files.write("email/a.txt", "ann@example.com");
        lists.load(root);
        lists.start(Duration.ofMillis(20));

        files.write("email/a.txt", "ann@example.com", "bob@example.com");

        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (lists.emailHits("bob@example.com").isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(lists.emailHits("bob@example.com")).hasSize(1);
        lists.close();
        assertThat(lists.emailHits("ann@example.com")).hasSize(1);
    }

    @Test
    void lookupsDuringReloadsAlwaysSeeAWholeList() throws Exception {
        files.write("email/a.txt", "ann@example.com");
        lists.load(root);
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger misses = new AtomicInteger();
        Thread reader = new Thread(() -> {
            while (!stop.get()) {
                if (lists.emailHits("ann@example.com").isEmpty()) {
                    misses.incrementAndGet();
                }
            }
        });
        reader.start();

        for (int i = 0; i < 50; i++) {
            StringBuilder extra = new StringBuilder("ann@example.com\n");
            for (int j = 0; j < 200 * (i % 5); j++) {
                extra.append("user").append(i).append('-').append(j).append("@example.org\n");
            }
            files.writeBytes("email/a.txt", extra.toString().getBytes(StandardCharsets.UTF_8));
            lists.reloadIfChanged();
        }
        stop.set(true);
        reader.join();

        assertThat(misses).hasValue(0);
    }

    @Test
    void startAndLoadAreGuardedAgainstMisuse() {
        assertThatThrownBy(() -> lists.reloadIfChanged()).isInstanceOf(IllegalStateException.class);
        lists.load(root);
        assertThatThrownBy(() -> lists.load(root)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> lists.start(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        lists.start(Duration.ofSeconds(1));
        assertThatThrownBy(() -> lists.start(Duration.ofSeconds(1))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void unreadableRejectsAnUnknownKind() {
        lists.load(root);
        assertThatThrownBy(() -> lists.unreadable("fax")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aFileStillBeingWrittenIsNotReadUntilItHasStoppedChanging() {
        files.write("email/a.txt", "ann@example.com");
        lists.load(root);
        events.clear();

        files.write("email/a.txt", "ann@example.com", "bob@exa"); // the writer is half way
        lists.reloadIfChanged();
        assertThat(events).isEmpty();
        assertThat(lists.emailHits("ann@example.com")).hasSize(1); // the version in force stays

        files.write("email/a.txt", "ann@example.com", "bob@example.org", "cy@example.org");
        files.setModified("email/a.txt", Instant.now().plusSeconds(1));
        lists.reloadIfChanged(); // changed again since the last poll: still not read
        assertThat(events).isEmpty();
        assertThat(lists.emailHits("cy@example.org")).isEmpty();

        lists.reloadIfChanged(); // the same as at the last poll: complete
        assertThat(events).extracting(LoadedList::entries).containsExactly(3L);
        assertThat(lists.emailHits("cy@example.org")).hasSize(1);
    }

    @Test
    void aReadyMarkerLetsAFinishedFileBeReadAtTheNextPoll() {
        lists.load(root);

        files.write("email/new.txt", "ann@example.com");
        files.write("email/new.txt.ready", "");
        lists.reloadIfChanged();

        assertThat(lists.emailHits("ann@example.com")).hasSize(1);
        assertThat(lists.lists()).extracting(LoadedList::name).containsExactly("email/new.txt");
    }

    @Test
    void aNewFileIsNotReadHalfWrittenButTheListsInForceStayInForce() {
        files.write("email/a.txt", "ann@example.com");
        lists.load(root);

        files.write("email/b.txt", "bob@example.org");
        lists.reloadIfChanged();
        assertThat(lists.lists()).extracting(LoadedList::name).containsExactly("email/a.txt");
        assertThat(lists.emailHits("ann@example.com")).hasSize(1);

        lists.reloadIfChanged();
        assertThat(lists.lists()).extracting(LoadedList::name).containsExactly("email/a.txt", "email/b.txt");
    }
}
