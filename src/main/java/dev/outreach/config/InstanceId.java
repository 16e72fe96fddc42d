package dev.outreach.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/**
 * This instance's stable id: {@code instance.id} when set, else a random one kept in
 * {@code <data.dir>/instance-id}, so that a restarted instance recognises the outbox leases it held.
 */
public final class InstanceId {

    private static final String FILE = "instance-id";

    private InstanceId() {
    }

    public static String of(GatewayConfig config) {
        String configured = config.string(ConfigKey.INSTANCE_ID);
        if (configured != null && !configured.isBlank()) {
            return configured.strip();
        }
        Path file = config.path(ConfigKey.DATA_DIR).resolve(FILE);
        try {
            if (Files.exists(file)) {
                String kept = Files.readString(file, StandardCharsets.US_ASCII).strip();
                if (!kept.isEmpty()) {
                    return kept;
                }
            }
            Files.createDirectories(file.getParent());
            String fresh = UUID.randomUUID().toString();
            Files.writeString(file, fresh + "\n", StandardCharsets.US_ASCII);
            return fresh;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the instance id in " + file, e);
        }
    }
}
