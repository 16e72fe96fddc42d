package dev.outreach.mail.dkim;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Verifies DKIM signatures with dkimpy (Debian package {@code python3-dkim}), an implementation
 * that shares no code with the signer. DNS is replaced by a {@code dnsfunc} answering from the
 * given TXT records, so nothing is fetched.
 *
 * <p>Skipped on a developer machine without dkimpy; under CI ({@code CI} set, where {@code .ci/run}
 * installs it) a missing dkimpy fails the test instead.
 */
public final class IndependentDkimVerifier {

    private static final String SCRIPT = String.join("\n",
            "import sys, json, dkim",
            "records = json.loads(sys.argv[1])",
            "def dns(name, timeout=5):",
            "    return records.get(name.decode().rstrip('.'), '').encode() or None",
            "message = sys.stdin.buffer.read()",
            "d = dkim.DKIM(message)",
            "count = sum(1 for line in message.split(b'\\r\\n\\r\\n')[0].split(b'\\r\\n')",
            "            if line.lower().startswith(b'dkim-signature:'))",
            "results = [bool(d.verify(idx=i, dnsfunc=dns)) for i in range(count)]",
            "print(json.dumps(results))");

    private IndependentDkimVerifier() {
    }

    static String python() {
        for (String candidate : List.of("/usr/bin/python3", "python3")) {
            if (imports(candidate)) {
                return candidate;
            }
        }
        if (System.getenv("CI") != null) {
            throw new IllegalStateException("CI needs dkimpy (apt-get install python3-dkim; .ci/run installs it)");
        }
        Assumptions.assumeTrue(false, "DKIM verification tests need dkimpy (apt-get install python3-dkim python3-nacl)");
        return null;
    }

    private static boolean imports(String python) {
        try {
            Process p = new ProcessBuilder(python, "-c", "import dkim, nacl").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * @param txtRecords DNS name (e.g. {@code s1._domainkey.example.com}) → TXT value
     * @return one verdict per DKIM-Signature field, top first
     */
    public static List<Boolean> verify(byte[] message, Map<String, String> txtRecords) throws Exception {
        String records = new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(txtRecords);
        Path script = Files.createTempFile("dkim-verify", ".py");
        try {
            Files.writeString(script, SCRIPT, StandardCharsets.UTF_8);
            Process p = new ProcessBuilder(python(), script.toString(), records).start();
            p.getOutputStream().write(message);
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new AssertionError("dkimpy failed: " + err);
            }
            List<Boolean> verdicts = new ArrayList<>();
            for (String v : out.replaceAll("[\\[\\]\\s]", "").split(",")) {
                if (!v.isEmpty()) {
                    verdicts.add(Boolean.parseBoolean(v));
                }
            }
            return verdicts;
        } finally {
            Files.deleteIfExists(script);
        }
    }
}
