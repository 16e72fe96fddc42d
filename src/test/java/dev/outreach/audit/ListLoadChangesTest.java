package dev.outreach.audit;

import dev.outreach.store.AuditEntry;
import dev.outreach.store.AuditQuery;
import dev.outreach.web.RunningGateway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** LIST_LOADED is written when a list's content changes, not on every start of the gateway. */
class ListLoadChangesTest {

    @TempDir
    Path dir;

    @Test
    void aRestartWithTheSameListAddsNoEntryAndAnEditedListAddsOne() throws Exception {
        Files.createDirectories(dir.resolve("lists/domain"));
        Path list = dir.resolve("lists/domain/blocked.txt");
        Files.writeString(list, "blocked-domain.example\n");
        try (RunningGateway gw = RunningGateway.start(dir, Map.of())) {
            assertThat(loads(gw, "domain/blocked.txt")).hasSize(1);
        }
        try (RunningGateway gw = RunningGateway.start(dir, Map.of())) {
            assertThat(loads(gw, "domain/blocked.txt")).as("same content after a restart").hasSize(1);
        }
        Files.writeString(list, "blocked-domain.example\nother.example\n");
        try (RunningGateway gw = RunningGateway.start(dir, Map.of())) {
            List<AuditEntry> loads = loads(gw, "domain/blocked.txt");
            assertThat(loads).hasSize(2);
            assertThat(loads.get(1).payload()).contains("\"entries\":2");
        }
    }

    private static List<AuditEntry> loads(RunningGateway gw, String name) {
        List<AuditEntry> found = new ArrayList<>();
        gw.gateway.store().audit().stream(new AuditQuery(null, null, null, null, null, null, null,
                ListLoadChanges.KIND, 0, 0), e -> {
                    if (e.payload().contains("\"name\":\"" + name + "\"")) {
                        found.add(e);
                    }
                });
        return found;
    }
}
