package dev.outreach.bench;

import dev.outreach.Gateway;
import dev.outreach.Main;
import dev.outreach.config.GatewayConfig;
import dev.outreach.web.WebServer;
import picocli.CommandLine;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * {@code bench/run.sh scrub}: the {@code scrub} command end to end (gateway start, lists loaded,
 * every row judged, allowed and rejected rows written, one audit entry), in this JVM, against the
 * Unix way on the same files in the same run ({@code sort -u} both sides, {@code comm -23}).
 * <ol>
 *   <li>email: 1 M campaign rows (30% drawn from the list, spelled anew, so about 10% on it) against a 10 M address suppression list;</li>
 *   <li>phone: 1 M call rows (half registered) against the 25 M number synthetic registry.</li>
 * </ol>
 */
public final class ScrubBench {

    public static void main(String[] args) throws Exception {
        int rows = BenchSupport.intOption(args, "--rows", 1_000_000);
        int suppressions = BenchSupport.intOption(args, "--suppressions", 10_000_000);
        int repeats = BenchSupport.intOption(args, "--repeats", 3);
        boolean phones = !List.of(args).contains("--email-only");
        boolean emails = !List.of(args).contains("--phone-only");
        Path data = Path.of(BenchSupport.option(args, "--data",
                System.getProperty("java.io.tmpdir") + "/outreach-bench-scrub"));
        System.out.println("# scrub: " + BenchSupport.machine());
        Files.createDirectories(data);

        if (emails) {
            Path emailLists = data.resolve("email-lists");
            Path list = emailLists.resolve("email/suppressed.txt");
            ListsBench.writeList(list, suppressions);
            Path campaign = data.resolve("campaign-us-" + rows + ".csv");
            writeEmailCampaign(campaign, rows, suppressions);
            report("email", rows, suppressions + " suppressions", repeats, emailLists, campaign, "EMAIL", "COMMERCIAL", null, data,
                    "LC_ALL=C sort -u -S 1G '" + list + "' > '" + data + "/s.sorted'; tail -n +2 '" + campaign
                            + "' | tr 'A-Z' 'a-z' | LC_ALL=C sort -u -S 1G > '" + data + "/c.sorted'; LC_ALL=C comm -23 '"
                            + data + "/c.sorted' '" + data + "/s.sorted' > '" + data + "/allowed.baseline'");
        }

        if (phones) {
            Path registryRoot = data.resolve("registry");
            SyntheticRegistry.STANDARD.ensureFiles(registryRoot);
            Path phoneLists = data.resolve("phone-lists");
            Files.createDirectories(phoneLists);
            Path link = phoneLists.resolve("national-dnc");
            if (!Files.exists(link)) {
                Files.createSymbolicLink(link, registryRoot.resolve("sorted"));
            }
            Path calls = data.resolve("calls-" + rows + ".csv");
            writePhoneCampaign(calls, rows);
            report("phone", rows, SyntheticRegistry.STANDARD.numbers() + " registered numbers", repeats, phoneLists, calls,
                    "CALL", "TELEMARKETING", "MANUAL", data,
                    "cat '" + registryRoot + "/sorted/'full-*.txt | tr -d , | LC_ALL=C sort -u -S 1G > '" + data
                            + "/r.sorted'; tail -n +2 '" + calls + "' | LC_ALL=C sort -u -S 1G > '" + data
                            + "/p.sorted'; LC_ALL=C comm -23 '" + data + "/p.sorted' '" + data + "/r.sorted' > '" + data
                            + "/callable.baseline'");
        }
        System.out.println("# load average at the end " + BenchSupport.loadAverage());
    }

    private static void report(String name, int rows, String against, int repeats, Path lists, Path input,
                               String channel, String purpose, String dialer, Path data, String baselineScript)
            throws Exception {
        Path config = data.resolve(name + "-gateway.yaml");
        Files.writeString(config, "data:\n  dir: " + data.resolve(name + "-data") + "\nlists:\n  dir: " + lists
                + "\ntemplates:\n  dir: " + data.resolve("no-templates") + "\n");
        Files.createDirectories(data.resolve("no-templates"));
        List<Double> ours = new ArrayList<>();
        List<Double> baseline = new ArrayList<>();
        List<Double> cpu = new ArrayList<>();
        for (int run = 0; run < repeats; run++) {
            baseline.add(BenchSupport.shell(baselineScript));
            double cpuStart = BenchSupport.processCpuSeconds();
            long start = System.nanoTime();
            List<String> args = new ArrayList<>(List.of("scrub", input.toString(), "--channel", channel, "--purpose",
                    purpose, "--at", "2026-11-25T15:00:00Z", "--out", data.resolve(name + "-allowed.csv").toString(),
                    "--rejects", data.resolve(name + "-rejects.csv").toString(), "--config", config.toString()));
            if (dialer != null) {
                args.addAll(List.of("--dialer", dialer));
            }
            int code = new CommandLine(new Main()).execute(args.toArray(String[]::new));
            double seconds = (System.nanoTime() - start) / 1e9;
            if (code != 0) {
                throw new IllegalStateException("scrub failed with " + code);
            }
            ours.add(seconds);
            cpu.add(BenchSupport.processCpuSeconds() - cpuStart);
            System.out.printf("%s run %d: scrub %.2f s wall, %.2f s CPU (%,.0f rows/s), %,d allowed; "
                            + "sort -u | comm -23 %.2f s, %,d lines left%n",
                    name, run + 1, seconds, cpu.get(run), rows / seconds,
                    lines(data.resolve(name + "-allowed.csv")) - 1, baseline.get(run),
                    lines(data.resolve(name.equals("email") ? "allowed.baseline" : "callable.baseline")));
        }
        System.out.println();
        System.out.printf("%s: %,d rows against %s%n", name, rows, against);
        System.out.printf("  scrub (gateway start, lists, judge, write)  %s%n", BenchSupport.spread(ours));
        System.out.printf("  scrub CPU time (all threads)                %s%n",
                BenchSupport.spread(cpu).replace(" s", " s CPU"));
        System.out.printf("  baseline sort -u | comm -23                 %s%n", BenchSupport.spread(baseline));
        System.out.printf("  speed-up (baseline median / scrub median)   %.2fx%n",
                BenchSupport.median(baseline) / BenchSupport.median(ours));
        served(name, rows, repeats, lists, input, channel, purpose, dialer, data, BenchSupport.median(baseline));
    }

    /**
     * The same file through {@code POST /api/v1/checks/batch} of a gateway that is already running, as a
     * marketing tool scrubs a list: the lists are loaded before the clock starts (as they are in a serving
     * gateway), then each run streams the CSV in and reads every NDJSON decision out.
     */
    private static void served(String name, int rows, int repeats, Path lists, Path input, String channel,
                               String purpose, String dialer, Path data, double baselineMedian) throws Exception {
        int port;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path config = data.resolve(name + "-served.yaml");
        Files.writeString(config, "data:\n  dir: " + data.resolve(name + "-served-data") + "\nlists:\n  dir: " + lists
                + "\ntemplates:\n  dir: " + data.resolve("no-templates") + "\nhttp:\n  host: 127.0.0.1\n  port: " + port
                + "\npublic:\n  base-url: http://127.0.0.1:" + port + "\n  allow-plain-http: true\n");
        String admin = "bench-admin-key-0123456789";
        List<Double> times = new ArrayList<>();
        try (Gateway gateway = new Gateway(GatewayConfig.load(config, Map.of()), Clock.systemUTC())) {
            gateway.base().keys().bootstrap(admin);
            gateway.start();
            try (WebServer server = new WebServer(gateway).start()) {
                // curl sends and receives at once; a client that reads the answer only after sending the
                // whole body would stall the stream once both sides' buffers are full.
                String url = "http://127.0.0.1:" + port + "/api/v1/checks/batch?channel=" + channel + "&purpose="
                        + purpose + (dialer == null ? "" : "&dialer=" + dialer) + "&at=2026-11-25T15:00:00Z";
                Path answer = data.resolve(name + "-served.ndjson");
                for (int run = 0; run < repeats; run++) {
                    long start = System.nanoTime();
                    Process curl = new ProcessBuilder("curl", "-sS", "--fail", "-H", "Authorization: Bearer " + admin,
                            "-H", "Content-Type: text/csv", "-T", input.toString(), "-X", "POST", "-o",
                            answer.toString(), url).inheritIO().start();
                    int code = curl.waitFor();
                    double seconds = (System.nanoTime() - start) / 1e9;
                    long lines;
                    try (java.util.stream.Stream<String> out = Files.lines(answer)) {
                        lines = out.count();
                    }
                    if (code != 0 || lines < rows) {
                        throw new IllegalStateException("batch: curl exited " + code + " with " + lines
                                + " lines for " + rows + " rows");
                    }
                    times.add(seconds);
                    System.out.printf("%s served run %d: %.2f s (%,.0f rows/s), %,d NDJSON lines%n", name, run + 1,
                            seconds, rows / seconds, lines);
                }
            }
        }
        System.out.printf("  served batch (lists already loaded)         %s%n", BenchSupport.spread(times));
        System.out.printf("  speed-up (baseline median / served median)  %.2fx%n%n",
                baselineMedian / BenchSupport.median(times));
    }

    private static long lines(Path file) throws IOException {
        try (java.util.stream.Stream<String> all = Files.lines(file)) {
            return all.count();
        }
    }

    /**
     * Every third-or-so row is drawn from the list's numbered addresses and spelled anew by the list
     * file's rules (so about a third of those is an address the list holds), the rest are new
     * prospects at {@code .us} domains: a signal that they are outside the EEA and UK, so a row is
     * allowed unless a list blocks it (an address with no signal at all is treated as protected and
     * blocked for want of consent, which would make every row a block).
     */
    private static void writeEmailCampaign(Path file, int rows, int suppressions) throws IOException {
        if (Files.exists(file)) {
            return;
        }
        SplittableRandom listed = new SplittableRandom(20261204);
        SplittableRandom pick = new SplittableRandom(7);
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("email\n");
            for (int i = 0; i < rows; i++) {
                String address = pick.nextInt(10) < 3
                        ? ListsBench.address(pick.nextInt(suppressions), new SplittableRandom(listed.nextLong()))
                        : "prospect" + i + "@company" + (i % 7000) + ".us";
                out.write(address.endsWith("@") ? "prospect-" + i + "@company.us" : address);
                out.write('\n');
            }
        }
    }

    /** Half the rows registered numbers, half unregistered numbers of the same area codes. */
    private static void writePhoneCampaign(Path file, int rows) throws IOException {
        if (Files.exists(file)) {
            return;
        }
        SyntheticRegistry registry = SyntheticRegistry.STANDARD;
        int[] codes = registry.areaCodeList();
        int[] first = registry.subscribers(0);
        SplittableRandom random = new SplittableRandom(11);
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("phone\n");
            for (int i = 0; i < rows; i++) {
                long number = i % 2 == 0
                        ? codes[0] * 10_000_000L + 2_000_000L + first[random.nextInt(first.length)]
                        : codes[random.nextInt(codes.length)] * 10_000_000L + 2_000_000L + random.nextInt(SyntheticRegistry.SUBSCRIBERS);
                out.write(Long.toString(number));
                out.write('\n');
            }
        }
    }
}
