package dev.outreach.suppression;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A list of many chunks is loaded on every core with the same entries and rejections as line by line. */
class ParallelListLoadingTest {

    @TempDir
    Path root;

    @Test
    void aListOfManyChunksKeepsEveryEntryAndReportsTheFirstRejectedLinesInFileOrder() {
        int lines = ListEntryChunks.CHUNK * 7 + 123;
        String[] content = new String[lines];
        List<Long> brokenLines = new ArrayList<>();
        for (int i = 0; i < lines; i++) {
            boolean broken = i % 500 == 7;
            content[i] = broken ? "broken-" + i : "user" + i + "@example.org";
            if (broken) {
                brokenLines.add(i + 1L);
            }
        }
        new ListFiles(root).write("email/big.txt", content);
        SuppressionLists lists = new SuppressionLists();

        lists.load(root);

        LoadedList report = lists.lists().get(0);
        assertThat(report.status()).isEqualTo(ListStatus.LOADED);
        assertThat(report.entries()).isEqualTo(lines - brokenLines.size());
        assertThat(report.rejectedLines()).isEqualTo(brokenLines.size());
        assertThat(report.firstRejectedLines()).extracting(RejectedLine::lineNumber)
                .containsExactlyElementsOf(brokenLines.subList(0, SuppressionListLoader.MAX_REPORTED_REJECTIONS));
        assertThat(lists.emailHits("user0@example.org")).hasSize(1);
        assertThat(lists.emailHits("user" + (lines - 1) + "@example.org")).hasSize(1);
        assertThat(lists.emailHits("user" + ListEntryChunks.CHUNK * 3 + "@example.org")).hasSize(1);
        assertThat(lists.emailHits("user" + lines + "@example.org")).isEmpty();
    }

    @Test
    void aCsvListOfManyChunksReadsItsColumnInEveryChunk() {
        int lines = ListEntryChunks.CHUNK * 3 + 5;
        String[] content = new String[lines + 1];
        content[0] = "name,email";
        for (int i = 0; i < lines; i++) {
            content[i + 1] = "\"User, " + i + "\",user" + i + "@example.org";
        }
        new ListFiles(root).write("email/big.csv", content);
        SuppressionLists lists = new SuppressionLists();

        lists.load(root);

        assertThat(lists.lists().get(0).entries()).isEqualTo(lines);
        assertThat(lists.emailHits("user" + (lines - 1) + "@example.org")).hasSize(1);
    }
}
