package dev.outreach;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's commands, taken from README.md as written and run in order in a fresh copy of the
 * repository's files against the built jar (this runs after {@code package}): the start command of
 * "Set up", then the block of "A first touch". The first touch must end in ALLOW with the message
 * in {@code data/outbox/}. Only two things are substituted: the printed ADMIN key for {@code og_...}
 * and a free port for 8080 (other builds may hold 8080 on a shared machine).
 */
class ReadmeFirstTouchIT {

    private static final Duration STARTUP = Duration.ofSeconds(120);
    private static final Pattern ADMIN_KEY = Pattern.compile("ADMIN API key \\(shown once, store it now\\): (og_\\S+)");

    @TempDir
    Path clone;

    private Process server;

    @AfterEach
    void stopServer() throws InterruptedException {
        if (server != null) {
            server.descendants().forEach(ProcessHandle::destroy);
            server.destroy();
            if (!server.waitFor(30, TimeUnit.SECONDS)) {
                server.descendants().forEach(ProcessHandle::destroyForcibly);
                server.destroyForcibly();
            }
        }
    }

    @Test
    void theReadmesCommandsRunInOrderOnAFreshCloneEndInAnAllowWithTheMessageInTheOutbox() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        String setUp = firstShellBlock(section(readme, "## Set up"));
        String firstTouch = firstShellBlock(section(readme, "## A first touch"));
        String[] buildAndStart = setUp.split("&&", 2);
        assertThat(buildAndStart).as("Set up's first command builds, then starts").hasSize(2);
        assertThat(buildAndStart[0].strip()).startsWith("mvn ").contains("package");
        assertThat(Path.of("target/outreach-gateway.jar")).as("the jar `package` built").isRegularFile();
        freshClone();
        int port = freePort();

        BlockingQueue<String> output = start(buildAndStart[1].strip(), port);
        String key = awaitAdminKeyAndListening(output);
        ProcessResult touch = bash(firstTouch.replace("og_...", key).replace("localhost:8080", "localhost:" + port));

        assertThat(touch.exitCode()).as("first touch commands: %s", touch.output()).isZero();
        assertThat(touch.output()).contains("\"id\":\"lead-1\"").contains("\"decision\":\"ALLOW\"")
                .contains("\"status\":\"QUEUED\"");
        Path eml = awaitOneFile(clone.resolve("data/outbox"));
        String message = Files.readString(eml, StandardCharsets.UTF_8);
        assertThat(message).contains("To: ann@example.org").contains("Acme Corp, 100 Main St, Springfield, IL 62701");
    }

    /** What a clone holds that the start command reads: templates, lists and the built jar; no data/. */
    private void freshClone() throws IOException {
        copyTree(Path.of("templates"), clone.resolve("templates"));
        copyTree(Path.of("suppression-lists"), clone.resolve("suppression-lists"));
        Files.createDirectories(clone.resolve("target"));
        Files.copy(Path.of("target/outreach-gateway.jar"), clone.resolve("target/outreach-gateway.jar"));
    }

    private BlockingQueue<String> start(String command, int port) throws IOException {
        ProcessBuilder builder = new ProcessBuilder("bash", "-c", command).directory(clone.toFile())
                .redirectErrorStream(true);
        builder.environment().keySet().removeIf(name -> name.startsWith("OUTREACH_"));
        builder.environment().put("OUTREACH_HTTP_PORT", Integer.toString(port));
        server = builder.start();
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(server.getInputStream(),
                    StandardCharsets.UTF_8))) {
                in.lines().forEach(lines::add);
            } catch (IOException ended) {
                // the process was stopped
            }
        }, "readme-serve-output");
        reader.setDaemon(true);
        reader.start();
        return lines;
    }

    private static String awaitAdminKeyAndListening(BlockingQueue<String> output) throws InterruptedException {
        Instant deadline = Instant.now().plus(STARTUP);
        String key = null;
        List<String> seen = new ArrayList<>();
        while (Instant.now().isBefore(deadline)) {
            String line = output.poll(1, TimeUnit.SECONDS);
            if (line == null) {
                continue;
            }
            seen.add(line);
            Matcher m = ADMIN_KEY.matcher(line);
            if (m.find()) {
                key = m.group(1);
            }
            if (line.contains("Outreach Gateway listening on port")) {
                assertThat(key).as("the ADMIN key printed before listening; output: %s", seen).isNotNull();
                return key;
            }
        }
        throw new AssertionError("the gateway did not start within " + STARTUP + "; output: " + seen);
    }

    private ProcessResult bash(String script) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("bash", "-e", "-c", script).directory(clone.toFile())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new ProcessResult(p.exitValue(), out);
    }

    /**
     * The outbox worker writes the message shortly after the 202; this waits for another process's
     * file, so there is no latch to await: it looks again every 100 ms until a deadline.
     */
    private static Path awaitOneFile(Path dir) throws IOException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline)) {
            if (Files.isDirectory(dir)) {
                try (Stream<Path> files = Files.list(dir)) {
                    List<Path> eml = files.filter(f -> f.toString().endsWith(".eml")).toList();
                    if (!eml.isEmpty()) {
                        assertThat(eml).hasSize(1);
                        return eml.get(0);
                    }
                }
            }
            LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
        }
        throw new AssertionError("no message in " + dir + " within 60 s");
    }

    /** The text from a heading to the next heading of the same level. */
    static String section(String markdown, String heading) {
        int start = markdown.indexOf("\n" + heading + "\n");
        assertThat(start).as("README has a section %s", heading).isNotNegative();
        int end = markdown.indexOf("\n## ", start + heading.length() + 1);
        return markdown.substring(start, end < 0 ? markdown.length() : end);
    }

    /** The first ```sh block of a section, continuation lines joined. */
    static String firstShellBlock(String section) {
        int open = section.indexOf("```sh\n");
        assertThat(open).as("a ```sh block in %s", section).isNotNegative();
        int close = section.indexOf("\n```", open + 6);
        return section.substring(open + 6, close).replaceAll("\\\\\n\\s*", "");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            paths.forEach(p -> {
                try {
                    Path target = to.resolve(from.relativize(p).toString());
                    if (Files.isDirectory(p)) {
                        Files.createDirectories(target);
                    } else {
                        Files.copy(p, target);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    private record ProcessResult(int exitCode, String output) {
    }
}
