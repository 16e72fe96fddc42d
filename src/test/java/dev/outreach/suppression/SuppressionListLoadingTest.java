package dev.outreach.suppression;

import dev.outreach.policy.SuppressionReason;
import dev.outreach.contact.EmailAddresses;
import dev.outreach.policy.SuppressionHit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SuppressionListLoadingTest {

    @TempDir
    Path root;
    ListFiles files;
    SuppressionLists lists = new SuppressionLists();

    @BeforeEach
    void setUp() {
        files = new ListFiles(root);
    }

    private LoadedList report(String name) {
        return lists.lists().stream().filter(l -> l.name().equals(name)).findFirst().orElseThrow();
    }

    private static String hex(String algorithm, String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void anAddressListMatchesCaseInsensitivelyAndNamesTheList() {
        files.write("email/unsubscribes.txt", "  Ann@Example.COM  ", "bob@example.org");
        lists.load(root);

        assertThat(lists.emailHits("ann@example.com"))
                .containsExactly(new SuppressionHit(SuppressionReason.LIST, "email/unsubscribes.txt", "ADDRESS"));
        assertThat(lists.emailHits(EmailAddresses.normalise("BOB@example.org"))).hasSize(1);
        assertThat(lists.emailHits("carol@example.com")).isEmpty();
    }

    @Test
    void aQueryThatWasNotNormalisedStillMatches() {
        files.write("email/unsubscribes.txt", "ann@example.com");
        lists.load(root);

        assertThat(lists.emailHits(" ANN@Example.com ")).hasSize(1);
    }

    @Test
    void brokenLinesAreReportedWithTheirLineNumbersAndGoodLinesKept() {
        files.write("email/mixed.txt",
                "ann@example.com",            // 1
                "Ann Smith <ann2@example.com>", // 2 display name
                "",                            // 3 blank
                "# a comment",                 // 4 comment
                "not-an-address",              // 5
                "bob@localhost",               // 6 no dot
                "bob@example.org",             // 7
                "ann@example.com");            // 8 duplicate
        lists.load(root);

        LoadedList report = report("email/mixed.txt");
        assertThat(report.status()).isEqualTo(ListStatus.LOADED);
        assertThat(report.entries()).isEqualTo(2);
        assertThat(report.rejectedLines()).isEqualTo(3);
        assertThat(report.firstRejectedLines()).extracting(RejectedLine::lineNumber).containsExactly(2L, 5L, 6L);
        assertThat(lists.emailHits("ann@example.com")).hasSize(1);
        assertThat(lists.emailHits("bob@example.org")).hasSize(1);
    }

    @Test
    void rejectionReasonsNeverContainTheLine() {
        files.write("email/mixed.txt", "Ann Smith <ann@example.com>", "secret-person@localhost", "x\u0001y@example.com");
        lists.load(root);

        assertThat(report("email/mixed.txt").firstRejectedLines())
                .hasSize(3)
                .allSatisfy(r -> assertThat(r.reason()).doesNotContain("ann", "Ann", "secret", "example"));
    }

    @Test
    void allBrokenLinesAreCountedButOnlyTheFirstHundredListed() {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
            lines.add("broken line " + i);
        }
        lines.add("ann@example.com");
        files.write("email/bad.txt", lines.toArray(String[]::new));
        lists.load(root);

        LoadedList report = report("email/bad.txt");
        assertThat(report.rejectedLines()).isEqualTo(250);
        assertThat(report.firstRejectedLines()).hasSize(100);
        assertThat(report.firstRejectedLines().get(99).lineNumber()).isEqualTo(100);
        assertThat(report.entries()).isEqualTo(1);
    }

    @Test
    void crlfLineEndingsAByteOrderMarkAndNoFinalNewlineAreAccepted() {
        byte[] body = "\uFEFFann@example.com\r\nbob@example.org\r\ncarol@example.net".getBytes(StandardCharsets.UTF_8);
        files.writeBytes("email/windows.txt", body);
        lists.load(root);

        assertThat(report("email/windows.txt").entries()).isEqualTo(3);
        assertThat(report("email/windows.txt").rejectedLines()).isZero();
        assertThat(lists.emailHits("carol@example.net")).hasSize(1);
    }

    @Test
    void aCsvIsReadFromItsEmailColumn() {
        files.write("email/crm-export.csv",
                "# exported from the CRM",
                "Name,EMAIL,unsubscribed_at",
                "Ann,ann@example.com,2024-05-01",
                "\"Smith, Bob\",\" Bob@Example.org \",2024-06-12",
                "Carol,,2024-07-01",
                "Dave,dave-at-example,2024-07-02",
                "Eve");
        lists.load(root);

        LoadedList report = report("email/crm-export.csv");
        assertThat(report.status()).isEqualTo(ListStatus.LOADED);
        assertThat(report.entries()).isEqualTo(2);
        assertThat(report.firstRejectedLines()).extracting(RejectedLine::lineNumber).containsExactly(5L, 6L, 7L);
        assertThat(lists.emailHits("bob@example.org")).hasSize(1);
    }

    @Test
    void aCsvWithoutTheEmailColumnIsUnreadable() {
        files.write("email/crm-export.csv", "name;email", "Ann;ann@example.com");
        lists.load(root);

        LoadedList report = report("email/crm-export.csv");
        assertThat(report.status()).isEqualTo(ListStatus.UNREADABLE);
        assertThat(report.detail()).contains("'email' column");
        assertThat(lists.unreadable("EMAIL")).containsExactly("email/crm-export.csv");
    }

    @Test
    void anMd5ListMatchesTheDigestOfTheNormalisedAddress() throws Exception {
        String digest = hex("MD5", EmailAddresses.normalise("  Ann@Example.COM "));
        files.write("hashed/partner.md5", "# partner A", digest.toUpperCase(), "not-a-digest");
        lists.load(root);

        assertThat(lists.emailHits("ann@example.com"))
                .containsExactly(new SuppressionHit(SuppressionReason.LIST, "hashed/partner.md5", "HASH"));
        assertThat(lists.emailHits("bob@example.com")).isEmpty();
        assertThat(report("hashed/partner.md5").rejectedLines()).isEqualTo(1);
    }

    @Test
    void aSha256ListMatchesTheDigestOfTheNormalisedAddress() throws Exception {
        String digest = hex("SHA-256", EmailAddresses.normalise("  Ann@Example.COM "));
        files.write("hashed/partner.sha256", digest, hex("MD5", "bob@example.com"));
        lists.load(root);

        assertThat(lists.emailHits("ann@example.com"))
                .containsExactly(new SuppressionHit(SuppressionReason.LIST, "hashed/partner.sha256", "HASH"));
        assertThat(report("hashed/partner.sha256").firstRejectedLines())
                .containsExactly(new RejectedLine(2, "not a SHA-256 digest (expected 64 hex digits)"));
    }

    @Test
    void aHashedListAlsoMatchesAPartnerWhoHashedTheUnicodeDomain() throws Exception {
        files.write("hashed/partner.sha256", hex("SHA-256", "ann@bücher.de"));
        lists.load(root);

        assertThat(lists.emailHits("Ann@xn--bcher-kva.de")).hasSize(1);
    }

    @Test
    void aDomainCoversItsSubdomainsButNotALookalike() {
        files.write("domain/blocked.txt", "Example.COM.", "bücher.de", "com", "*.wild.example");
        lists.load(root);

        assertThat(lists.emailHits("ann@example.com"))
                .containsExactly(new SuppressionHit(SuppressionReason.LIST, "domain/blocked.txt", "DOMAIN"));
        assertThat(lists.emailHits("ann@mail.example.com")).hasSize(1);
        assertThat(lists.emailHits("ann@a.b.example.com")).hasSize(1);
        assertThat(lists.emailHits("ann@notexample.com")).isEmpty();
        assertThat(lists.emailHits("ann@example.com.au")).isEmpty();
        assertThat(lists.emailHits("ann@mail.bücher.de")).hasSize(1);
        assertThat(report("domain/blocked.txt").firstRejectedLines()).extracting(RejectedLine::lineNumber)
                .containsExactly(3L, 4L);
    }

    @Test
    void oneAddressCanHitSeveralListsEachNamed() throws Exception {
        files.write("email/a.txt", "ann@example.com");
        files.write("domain/d.txt", "example.com");
        files.write("hashed/h.sha256", hex("SHA-256", "ann@example.com"));
        lists.load(root);

        assertThat(lists.emailHits("ann@example.com")).containsExactly(
                new SuppressionHit(SuppressionReason.LIST, "domain/d.txt", "DOMAIN"),
                new SuppressionHit(SuppressionReason.LIST, "email/a.txt", "ADDRESS"),
                new SuppressionHit(SuppressionReason.LIST, "hashed/h.sha256", "HASH"));
    }

    @Test
    void aPhoneListMatchesNumbersWrittenInAnyNotation() {
        files.write("phone/dnc.txt", "(305) 555-0123", "+49 30 1234567", "555-0123", "call me");
        files.write("phone/requests.csv", "phone,name", "305.555.0199,Ann");
        lists.load(root);

        assertThat(lists.phoneHits("+13055550123"))
                .containsExactly(new SuppressionHit(SuppressionReason.LIST, "phone/dnc.txt", "NUMBER"));
        assertThat(lists.phoneHits("+49301234567")).hasSize(1);
        assertThat(lists.phoneHits("+13055550199"))
                .containsExactly(new SuppressionHit(SuppressionReason.LIST, "phone/requests.csv", "NUMBER"));
        assertThat(lists.phoneHits("+13055550124")).isEmpty();
        assertThat(report("phone/dnc.txt").firstRejectedLines()).extracting(RejectedLine::lineNumber)
                .containsExactly(3L, 4L);
    }

    @Test
    void phoneListsDoNotAnswerEmailQueriesAndViceVersa() {
        files.write("phone/dnc.txt", "(305) 555-0123");
        files.write("email/a.txt", "ann@example.com");
        lists.load(root);

        assertThat(lists.emailHits("ann@example.com")).extracting(SuppressionHit::source).containsExactly("email/a.txt");
        assertThat(lists.phoneHits("+13055550123")).extracting(SuppressionHit::source).containsExactly("phone/dnc.txt");
    }

    @Test
    void aUtf16FileIsUnreadable() {
        files.writeBytes("email/utf16.txt", "\uFEFFann@example.com\n".getBytes(StandardCharsets.UTF_16LE));
        lists.load(root);

        assertThat(report("email/utf16.txt").status()).isEqualTo(ListStatus.UNREADABLE);
        assertThat(report("email/utf16.txt").sha256()).hasSize(64);
        assertThat(lists.unreadable("email")).containsExactly("email/utf16.txt");
    }

    @Test
    void aBinaryFileIsUnreadable() {
        files.writeBytes("phone/export.txt", new byte[]{'P', 'K', 3, 4, 0, 0, 1, 2});
        lists.load(root);

        assertThat(report("phone/export.txt").detail()).contains("NUL");
        assertThat(lists.unreadable("PHONE")).containsExactly("phone/export.txt");
    }

    @Test
    void aLineOfInvalidUtf8IsRejectedAndTheOtherLinesKept() {
        byte[] latin1 = "ann@example.com\nj\u00f6rg@example.de\nbob@example.org\n".getBytes(StandardCharsets.ISO_8859_1);
        files.writeBytes("email/latin1.txt", latin1);
        lists.load(root);

        LoadedList report = report("email/latin1.txt");
        assertThat(report.status()).isEqualTo(ListStatus.LOADED);
        assertThat(report.entries()).isEqualTo(2);
        assertThat(report.firstRejectedLines()).containsExactly(new RejectedLine(2, "line is not valid UTF-8"));
    }

    @Test
    void anOverlongLineIsRejectedAndTheOtherLinesKept() {
        files.write("email/long.txt", "x".repeat(20_000), "ann@example.com");
        lists.load(root);

        assertThat(report("email/long.txt").firstRejectedLines())
                .containsExactly(new RejectedLine(1, "line is longer than 8192 bytes"));
        assertThat(lists.emailHits("ann@example.com")).hasSize(1);
    }

    @Test
    void aFolderNamedLikeAListIsUnreadable() throws Exception {
        Files.createDirectories(root.resolve("email/unsubscribes.txt"));
        lists.load(root);

        assertThat(lists.unreadable("EMAIL")).containsExactly("email/unsubscribes.txt");
    }

    @Test
    void aFileTypeTheFolderDoesNotReadIsUnreadable() {
        files.write("email/unsubscribes.xlsx", "ann@example.com");
        files.write("domain/blocked.csv", "domain", "example.com");
        lists.load(root);

        assertThat(lists.unreadable("EMAIL")).containsExactly("email/unsubscribes.xlsx");
        assertThat(lists.unreadable("DOMAIN")).containsExactly("domain/blocked.csv");
        assertThat(report("email/unsubscribes.xlsx").detail()).contains("*.txt or *.csv");
    }

    @Test
    void readmeFilesHiddenFilesSubfoldersAndTheNationalDncFolderAreIgnored() throws Exception {
        files.write("email/README.md", "# about", "ann@example.com");
        files.write("email/.unsubscribes.txt.tmp", "ann@example.com");
        files.write("email/archive/2019.txt", "ann@example.com");
        files.write("national-dnc/305.txt", "3055550123");
        Files.createDirectories(root.resolve("hashed"));
        files.write("hashed/.gitkeep");
        lists.load(root);

        assertThat(lists.lists()).isEmpty();
        assertThat(lists.emailHits("ann@example.com")).isEmpty();
    }

    @Test
    void theReportCarriesTheFileHashAndItsModificationTimeAsTheAsOfDate() throws Exception {
        Path file = files.write("email/a.txt", "ann@example.com");
        Instant modified = Instant.parse("2024-05-01T12:00:00Z");
        Files.setLastModifiedTime(file, FileTime.from(modified));
        lists.load(root);

        LoadedList report = report("email/a.txt");
        assertThat(report.sha256()).isEqualTo(hex("SHA-256", "ann@example.com\n"));
        assertThat(report.asOf()).isEqualTo(modified);
        assertThat(report.kind()).isEqualTo(ListKind.EMAIL);
        assertThat(report.loadedAt()).isNotNull();
    }

    @Test
    void aMissingRootMeansNoLists() {
        lists.load(root.resolve("does-not-exist"));

        assertThat(lists.lists()).isEmpty();
        assertThat(lists.unreadable("EMAIL")).isEmpty();
    }

    @Test
    void aRootThatIsAFileMakesEveryKindUnreadable() throws Exception {
        Path notAFolder = Files.writeString(root.resolve("lists"), "oops");
        lists.load(notAFolder);

        assertThat(lists.unreadable("EMAIL")).containsExactly("email/");
        assertThat(lists.unreadable("PHONE")).containsExactly("phone/");
    }

    @Test
    void theExampleListsShippedWithTheRepositoryLoadWithoutEntriesOrErrors() {
        lists.load(Path.of("suppression-lists"));

        assertThat(lists.lists()).isNotEmpty().allSatisfy(l -> {
            assertThat(l.status()).isEqualTo(ListStatus.LOADED);
            assertThat(l.entries()).isZero();
            assertThat(l.rejectedLines()).isZero();
        });
        assertThat(lists.lists()).extracting(LoadedList::name).contains(
                "email/example-unsubscribes.txt", "domain/example.txt", "hashed/example.sha256", "phone/example.txt");
    }
}
