package dev.outreach.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.outreach.Gateway;
import dev.outreach.web.RunningGateway.Reply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile input against the real server: every route of the served /openapi.json, the console and
 * the unsubscribe page get malformed bodies (deep nesting, huge numbers, trailing data, bytes that
 * are not UTF-8, lone surrogates, wrong types), malformed queries and path parameters, and requests
 * Jetty refuses itself (huge headers, long URIs, bad %-encoding, NUL, control characters, ..;).
 * No answer is a 5xx; every 4xx is problem+json with a detail naming the problem (console pages may
 * answer HTML); nothing is sent or stored; the audit chain verifies afterwards.
 */
class HostileInputTest {

    @TempDir
    static Path dir;

    private static final ObjectMapper JSON = Gateway.objectMapper();
    private static RunningGateway gw;
    private static final List<String> failures = new ArrayList<>();
    private static int requests;

    /** Request bodies no route may accept or fail on. */
    private static final Map<String, byte[]> HOSTILE_BODIES = new LinkedHashMap<>();

    static {
        HOSTILE_BODIES.put("arrays nested 100000 deep", "[".repeat(100_000).getBytes(StandardCharsets.US_ASCII));
        HOSTILE_BODIES.put("objects nested 5000 deep", "{\"a\":".repeat(5_000).getBytes(StandardCharsets.US_ASCII));
        HOSTILE_BODIES.put("closed nesting 200 deep", ("{\"leadId\":" + "[".repeat(200) + "]".repeat(200) + "}")
                .getBytes(StandardCharsets.US_ASCII));
        HOSTILE_BODIES.put("number of 5000 digits", ("{\"leadId\":" + "9".repeat(5_000) + "}")
                .getBytes(StandardCharsets.US_ASCII));
        HOSTILE_BODIES.put("string of 2 MB", ("{\"leadId\":\"" + "x".repeat(2_000_000) + "\"}")
                .getBytes(StandardCharsets.US_ASCII));
        HOSTILE_BODIES.put("trailing data", "{\"leadId\":\"x\"}}}garbage".getBytes(StandardCharsets.US_ASCII));
        HOSTILE_BODIES.put("two documents", "{\"leadId\":\"x\"} {\"leadId\":\"y\"}".getBytes(StandardCharsets.US_ASCII));
        HOSTILE_BODIES.put("overlong UTF-8 slash", bytes("{\"email\":\"a", 0xc0, 0xaf, "b@example.com\"}"));
        HOSTILE_BODIES.put("invalid UTF-8 byte", bytes("{\"leadId\":\"a", 0xff, "\"}"));
        HOSTILE_BODIES.put("encoded surrogate", bytes("{\"phone\":\"", 0xed, 0xa0, 0x80, "\"}"));
        HOSTILE_BODIES.put("lone surrogate escape", "{\"email\":\"\\ud800@example.com\"}".getBytes(StandardCharsets.US_ASCII));
        HOSTILE_BODIES.put("truncated", "{\"leadId\":\"x\"".getBytes(StandardCharsets.US_ASCII));
        HOSTILE_BODIES.put("array root", "[]".getBytes(StandardCharsets.US_ASCII));
        HOSTILE_BODIES.put("string root", "\"x\"".getBytes(StandardCharsets.US_ASCII));
        HOSTILE_BODIES.put("null root", "null".getBytes(StandardCharsets.US_ASCII));
        HOSTILE_BODIES.put("NUL bytes", bytes("{\"leadId\":\"", 0, 0, "\"}"));
        HOSTILE_BODIES.put("xml", "<lead><id>1</id></lead>".getBytes(StandardCharsets.US_ASCII));
        HOSTILE_BODIES.put("wrong types", "{\"leadId\":{},\"email\":[],\"phone\":true,\"channel\":7,\"template\":null,\"data\":\"x\"}"
                .getBytes(StandardCharsets.US_ASCII));
        HOSTILE_BODIES.put("header injection", "{\"email\":\"a@example.com\\r\\nBcc: b@example.com\",\"leadId\":\"x\\u0000\"}"
                .getBytes(StandardCharsets.US_ASCII));
    }

    /** Values of path parameters and query strings no route may fail on. */
    private static final List<String> HOSTILE_SEGMENTS = List.of("no-such-id", "%C0%AF", "%ED%A0%80", "%FF%FE",
            "x".repeat(3_000), "%27%3B%20DROP%20TABLE%20leads%3B--", "%24%7B7*7%7D", "%3Cscript%3E", "%E2%80%AE");
    private static final List<String> HOSTILE_QUERIES = List.of("limit=-1", "limit=99999999999999999999",
            "limit=abc", "from=yesterday&to=%00", "cursor=%C0%AF", "stage=NOPE&owner=%FF", "recipient=%ED%A0%80",
            "format=xml", "status=sometimes", "channel=FAX&decision=MAYBE", "actor=%25%5F%5C");

    @BeforeAll
    static void start() {
        gw = RunningGateway.start(dir, Map.of());
        Reply lead = gw.post("/api/v1/leads", RunningGateway.ADMIN_KEY, "{\"id\":\"lead-1\",\"email\":\"kim@example.com\","
                + "\"firstName\":\"Kim\",\"company\":\"Initech\",\"country\":\"US\",\"stage\":\"PRESENTATION\",\"owner\":\"rep-1\"}");
        assertThat(lead.status()).as(lead.body()).isEqualTo(201);
    }

    @AfterAll
    static void stop() {
        gw.close();
    }

    @Test
    void fiveHundredMalformedRequestsGetNoServerErrorOnlyNamedProblemsAndChangeNothing() throws Exception {
        Map<String, Long> kindsBefore = kinds();
        for (String[] route : routes()) {
            String method = route[0];
            String path = route[1];
            String concrete = path.replaceAll("\\{[^}]+}", "no-such-id");
            boolean recipientPage = path.startsWith("/u/");
            for (String segment : HOSTILE_SEGMENTS) {
                if (path.contains("{")) {
                    expect(raw(method, path.replaceAll("\\{[^}]+}", segment), admin(), null), recipientPage);
                }
            }
            if (method.equals("GET")) {
                for (String query : HOSTILE_QUERIES) {
                    expect(raw(method, concrete + "?" + query, admin(), null), recipientPage);
                }
            } else if (!method.equals("DELETE")) {
                for (Map.Entry<String, byte[]> body : HOSTILE_BODIES.entrySet()) {
                    expect(raw(method, concrete, with(admin(), "Content-Type", contentType(path)), body.getValue()),
                            recipientPage);
                }
                expect(raw(method, concrete, with(admin(), "Content-Type", "application/json; charset=ISO-8859-1"),
                        HOSTILE_BODIES.get("overlong UTF-8 slash")), recipientPage);
            }
            expect(raw(method, concrete, Map.of("Authorization", "Bearer \u00ff\u00fe"), null), recipientPage);
        }
        jettyRefusals();
        consoleAndUnsubscribe();

        assertThat(failures).as("answers that were 5xx or not a named problem").isEmpty();
        assertThat(requests).as("malformed requests tried").isGreaterThanOrEqualTo(500);
        assertThat(count("leads")).as("no lead created or changed into existence").isEqualTo(1);
        assertThat(count("outbox")).as("nothing queued").isZero();
        assertThat(count("suppressions")).as("nothing suppressed").isZero();
        try (Stream<Path> eml = Files.exists(dir.resolve("data/outbox")) ? Files.list(dir.resolve("data/outbox"))
                : Stream.empty()) {
            assertThat(eml).as("nothing written to the .eml outbox").isEmpty();
        }
        Map<String, Long> added = new LinkedHashMap<>();
        kinds().forEach((kind, n) -> {
            if (n > kindsBefore.getOrDefault(kind, 0L)) {
                added.put(kind, n - kindsBefore.getOrDefault(kind, 0L));
            }
        });
        assertThat(added.keySet()).as("audited: only the console session this test opened and refused sign-ins")
                .isSubsetOf("KEY_CREATED", "SIGNED_IN", "SIGNED_OUT", "SIGN_IN_REFUSED");
        Reply verify = gw.get("/api/v1/audit/verify", RunningGateway.ADMIN_KEY);
        assertThat(verify.json().path("ok").asBoolean()).as(verify.body()).isTrue();
    }

    @Test
    void bytesThatAreNotUtf8AreRefusedNamingTheFieldTheyAreIn() throws Exception {
        Raw overlong = raw("POST", "/api/v1/leads", with(admin(), "Content-Type", "application/json"),
                bytes("{\"id\":\"u-1\",\"email\":\"a", 0xc0, 0xaf, "b@example.com\"}"));
        assertThat(overlong.status).isEqualTo(400);
        assertThat(overlong.json().path("errors").get(0).path("field").asText()).isEqualTo("email");
        assertThat(overlong.json().path("detail").asText()).contains("not valid UTF-8");

        Raw nested = raw("POST", "/api/v1/templates/presentation-summary/preview", with(admin(), "Content-Type",
                "application/json"), bytes("{\"data\":{\"company\":\"Acme", 0xed, 0xa0, 0x80, "\"}}"));
        assertThat(nested.status).isEqualTo(400);
        assertThat(nested.json().path("errors").get(0).path("field").asText()).isEqualTo("data.company");

        Raw surrogate = raw("POST", "/api/v1/leads", with(admin(), "Content-Type", "application/json"),
                "{\"id\":\"u-2\",\"firstName\":\"\\udc00\"}".getBytes(StandardCharsets.US_ASCII));
        assertThat(surrogate.status).isEqualTo(400);
        assertThat(surrogate.json().path("errors").get(0).path("field").asText()).isEqualTo("firstName");
        assertThat(surrogate.json().path("detail").asText()).contains("lone UTF-16 surrogate");
        assertThat(gw.gateway.store().leads().find("u-1")).isEmpty();
        assertThat(gw.gateway.store().leads().find("u-2")).isEmpty();
    }

    @Test
    void jsonLimitsAndTrailingDataAreNamedInTheProblem() throws Exception {
        Raw deep = raw("POST", "/api/v1/checks", with(admin(), "Content-Type", "application/json"),
                "[".repeat(100_000).getBytes(StandardCharsets.US_ASCII));
        assertThat(deep.status).isEqualTo(400);
        assertThat(deep.json().path("detail").asText()).isEqualTo("body: JSON nesting exceeds the limit of "
                + JsonLimits.MAX_NESTING_DEPTH + " levels (max nesting depth)");
        Raw number = raw("POST", "/api/v1/leads", with(admin(), "Content-Type", "application/json"),
                ("{\"id\":" + "1".repeat(500) + "}").getBytes(StandardCharsets.US_ASCII));
        assertThat(number.json().path("detail").asText()).contains("max number length");
        Raw trailing = raw("POST", "/api/v1/leads", with(admin(), "Content-Type", "application/json"),
                "{\"id\":\"t-1\",\"email\":\"t@example.com\"} {\"id\":\"t-2\"}".getBytes(StandardCharsets.US_ASCII));
        assertThat(trailing.status).isEqualTo(400);
        assertThat(trailing.json().path("detail").asText()).startsWith("body: has data after the JSON object");
        assertThat(gw.gateway.store().leads().find("t-1")).isEmpty();
    }

    @Test
    void aLineBreakInASubjectVariableIsRefusedNamingThatVariable() {
        Reply preview = gw.post("/api/v1/templates/presentation-summary/preview", RunningGateway.ADMIN_KEY,
                "{\"data\":{\"firstName\":\"Kim\",\"company\":\"Acme\\r\\nBcc: all@example.com\",\"repName\":\"Bob\"}}");
        assertThat(preview.status()).as(preview.body()).isEqualTo(422);
        assertThat(preview.json().path("errors")).singleElement()
                .satisfies(e -> assertThat(e.path("field").asText()).isEqualTo("data.company"));
    }

    @Test
    void aLeadImportThatIsNotTextCsvIsUnsupportedMediaType() {
        for (String type : new String[] {"text/plain", "application/json", "application/csv"}) {
            Reply r = gw.call("POST", "/api/v1/leads/import", RunningGateway.ADMIN_KEY, "id,email\ni-1,i@example.com\n",
                    "Content-Type", type);
            assertThat(r.status()).as(type).isEqualTo(415);
            assertThat(r.contentType()).startsWith(Problem.CONTENT_TYPE);
            assertThat(r.json().path("errors").get(0).path("field").asText()).isEqualTo("Content-Type");
        }
        assertThat(gw.gateway.store().leads().find("i-1")).isEmpty();
    }

    @Test
    void requestsJettyRefusesAreProblemJsonToo() throws Exception {
        Raw headers = raw("GET", "/health", Map.of("X-Big", "a".repeat(64_000)), null);
        assertThat(headers.status).isEqualTo(431);
        assertThat(headers.contentType()).startsWith(Problem.CONTENT_TYPE);
        assertThat(headers.json().path("detail").asText()).contains("headers are too large");
        Raw uri = raw("GET", "/api/v1/leads?q=" + "a".repeat(64_000), admin(), null);
        assertThat(uri.status).isIn(414, 431);
        assertThat(uri.contentType()).startsWith(Problem.CONTENT_TYPE);
        for (String target : List.of("/api/v1/leads/%zz", "/api/v1/leads/a%00b", "/api/v1/..;/keys",
                "/api/v1/leads/..;/keys")) {
            Raw r = raw("GET", target, admin(), null);
            assertThat(r.status).as(target).isBetween(400, 499);
            assertThat(r.contentType()).as(target).startsWith(Problem.CONTENT_TYPE);
            assertThat(r.json().path("detail").asText()).as(target).isNotBlank();
        }
        Raw control = rawBytes(("GET /health HTTP/1.1\r\nHost: x\r\nX-Evil: a\u0001b\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1));
        assertThat(control.status).isEqualTo(400);
        assertThat(control.contentType()).startsWith(Problem.CONTENT_TYPE);
    }

    private static void jettyRefusals() throws IOException {
        expect(raw("GET", "/health", Map.of("X-Big", "a".repeat(64_000)), null), false);
        expect(raw("GET", "/api/v1/leads?q=" + "a".repeat(64_000), admin(), null), false);
        for (String target : List.of("/api/v1/leads/%zz", "/api/v1/leads/a%00b", "/api/v1/..;/keys", "/u/..;/x",
                "/ui/..;/audit", "/api/v1/leads/%2e%2e/keys", "/api/v1/leads/%", "/%ff", "/api/v1/leads/a%2fb",
                "/api//v1/leads", "/api/v1/leads/./lead-1", "/api/v1/leads/..%2f..%2fkeys")) {
            expect(raw("GET", target, admin(), null), target.startsWith("/ui"));
        }
        for (String header : List.of("X-Evil: a\u0001b", "X-Evil: a\u0000b", "X-Evil: a\u007fb", "Bad Header: x",
                "Content-Length: -1", "Content-Length: 99999999999999999999", "Transfer-Encoding: gzip")) {
            expect(rawBytes(("POST /api/v1/checks HTTP/1.1\r\nHost: x\r\n" + header + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1)), false);
        }
        expect(rawBytes("NOT-HTTP\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1)), false);
        expect(rawBytes("GET /health HTTP/9.9\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1)), false);
    }

    private static void consoleAndUnsubscribe() throws IOException {
        String sessionKey = gw.key("hostile-rep", "REP");
        Raw signIn = raw("POST", "/ui/sign-in", Map.of("Content-Type", "application/x-www-form-urlencoded"),
                ("apiKey=" + sessionKey).getBytes(StandardCharsets.US_ASCII));
        assertThat(signIn.status).isEqualTo(303);
        String cookie = signIn.header("set-cookie").split(";", 2)[0];
        Raw page = raw("GET", "/ui/follow-ups/lead-1", Map.of("Cookie", cookie), null);
        Matcher csrf = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"").matcher(page.body());
        String token = csrf.find() ? csrf.group(1) : "none";
        List<String> consoleGets = List.of("/ui", "/ui/audit", "/ui/audit/chain", "/ui/audit/export.csv",
                "/ui/audit/no-such-entry", "/ui/follow-ups", "/ui/follow-ups/no-such-lead", "/ui/funnel", "/ui/lists",
                "/ui/sign-in");
        for (String path : consoleGets) {
            for (String query : HOSTILE_QUERIES) {
                expect(raw("GET", path + "?" + query, Map.of("Cookie", cookie), null), true);
            }
        }
        List<String> forms = List.of("csrf=" + token + "&template=%C0%AF", "csrf=" + token + "&template=%zz",
                "csrf=" + token + "&template=presentation-summary&field.company=Acme%0D%0ABcc%3A+x&sendToken=%ED%A0%80",
                "csrf=" + token + "&" + "a=b&".repeat(5_000), "csrf=" + token + "&sendToken=" + "x".repeat(10_000),
                "csrf=" + token + "&%FF=%FE", "csrf=wrong", "");
        for (String path : List.of("/ui/follow-ups/no-such-lead", "/ui/follow-ups/no-such-lead/send",
                "/ui/follow-ups/lead-1", "/ui/follow-ups/lead-1/send", "/ui/audit", "/ui/sign-out")) {
            for (String form : forms) {
                expect(raw("POST", path, Map.of("Cookie", cookie, "Content-Type", "application/x-www-form-urlencoded"),
                        form.getBytes(StandardCharsets.US_ASCII)), true);
            }
            expect(raw("POST", path, Map.of("Cookie", cookie, "Content-Type", "application/json"),
                    HOSTILE_BODIES.get("arrays nested 100000 deep")), true);
        }
        for (String segment : HOSTILE_SEGMENTS) {
            expect(raw("GET", "/u/" + segment, Map.of(), null), true);
            expect(raw("POST", "/u/" + segment, Map.of("Content-Type", "application/x-www-form-urlencoded"),
                    "List-Unsubscribe=One-Click".getBytes(StandardCharsets.US_ASCII)), true);
            expect(raw("POST", "/u/" + segment, Map.of("Content-Type", "application/x-www-form-urlencoded"),
                    bytes("List-Unsubscribe=", 0xff, 0xfe)), true);
        }
        for (int i = 0; i < 8; i++) {
            expect(raw("POST", "/ui/sign-in", Map.of("Content-Type", "application/x-www-form-urlencoded"),
                    ("apiKey=wrong-" + i + "%C0%AF").getBytes(StandardCharsets.US_ASCII)), true);
        }
    }

    /** Every operation of the served OpenAPI document, as {method, path}. */
    private static List<String[]> routes() throws IOException {
        JsonNode doc = JSON.readTree(raw("GET", "/openapi.json", Map.of(), null).body());
        List<String[]> out = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> paths = doc.path("paths").fields();
        while (paths.hasNext()) {
            Map.Entry<String, JsonNode> p = paths.next();
            p.getValue().fieldNames().forEachRemaining(m -> {
                if (List.of("get", "post", "patch", "put", "delete").contains(m)) {
                    out.add(new String[] {m.toUpperCase(Locale.ROOT), p.getKey()});
                }
            });
        }
        assertThat(out).hasSizeGreaterThan(40);
        return out;
    }

    private static String contentType(String path) {
        return path.equals("/api/v1/leads/import") ? "text/csv" : path.startsWith("/u/")
                ? "application/x-www-form-urlencoded" : "application/json";
    }

    private static Map<String, String> admin() {
        return Map.of("Authorization", "Bearer " + RunningGateway.ADMIN_KEY);
    }

    private static Map<String, String> with(Map<String, String> headers, String name, String value) {
        Map<String, String> out = new LinkedHashMap<>(headers);
        out.put(name, value);
        return out;
    }

    /** Records a failure unless the answer is below 500 and, when 4xx, a problem naming the problem. */
    private static void expect(Raw r, boolean htmlAllowed) {
        requests++;
        String label = r.request;
        if (r.status >= 500 || r.status < 100) {
            failures.add(r.status + " for " + label + ": " + abbreviate(r.body()));
            return;
        }
        if (r.status < 400) {
            return;
        }
        if (r.contentType().startsWith(Problem.CONTENT_TYPE)) {
            JsonNode problem;
            try {
                problem = r.json();
            } catch (RuntimeException e) {
                failures.add("unreadable problem for " + label);
                return;
            }
            if (problem.path("status").asInt() != r.status || problem.path("detail").asText("").isBlank()
                    || problem.path("title").asText("").isBlank()) {
                failures.add("problem without status/title/detail for " + label + ": " + abbreviate(r.body()));
            }
        } else if (!(htmlAllowed && r.contentType().startsWith("text/html") && !r.body().isBlank())) {
            failures.add(r.status + " not problem+json (" + r.contentType() + ") for " + label + ": "
                    + abbreviate(r.body()));
        }
    }

    private static String abbreviate(String s) {
        return s.length() > 200 ? s.substring(0, 200) + "…" : s;
    }

    private static byte[] bytes(Object... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object p : parts) {
            if (p instanceof String s) {
                out.writeBytes(s.getBytes(StandardCharsets.US_ASCII));
            } else {
                out.write((Integer) p);
            }
        }
        return out.toByteArray();
    }

    /** A response read from a raw socket. */
    record Raw(String request, int status, Map<String, String> headers, byte[] bodyBytes) {
        String body() {
            return new String(bodyBytes, StandardCharsets.UTF_8);
        }

        String header(String name) {
            return headers.getOrDefault(name.toLowerCase(Locale.ROOT), "");
        }

        String contentType() {
            return header("content-type");
        }

        JsonNode json() {
            try {
                return JSON.readTree(bodyBytes);
            } catch (IOException e) {
                throw new IllegalStateException("not JSON: " + abbreviate(body()), e);
            }
        }
    }

    private static Raw raw(String method, String target, Map<String, String> headers, byte[] body) throws IOException {
        StringBuilder head = new StringBuilder(method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n");
        headers.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
        head.append("Content-Length: ").append(body == null ? 0 : body.length).append("\r\nConnection: close\r\n\r\n");
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        request.writeBytes(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        if (body != null) {
            request.writeBytes(body);
        }
        Raw r = rawBytes(request.toByteArray());
        return new Raw(method + " " + abbreviate(target) + (body == null ? "" : " [" + body.length + " bytes]"),
                r.status, r.headers, r.bodyBytes);
    }

    /** Sends bytes as they are and reads the whole answer (the server closes the connection). */
    private static Raw rawBytes(byte[] request) throws IOException {
        try (Socket s = new Socket("127.0.0.1", gw.server.port())) {
            s.setSoTimeout(20_000);
            OutputStream out = s.getOutputStream();
            try {
                out.write(request);
                out.flush();
            } catch (IOException e) {
                // The server may answer and close before it read everything (431, 413); read what it said.
            }
            InputStream in = s.getInputStream();
            byte[] all = in.readAllBytes();
            String text = new String(all, StandardCharsets.ISO_8859_1);
            int end = text.indexOf("\r\n\r\n");
            String label = new String(request, 0, Math.min(request.length, 80), StandardCharsets.ISO_8859_1)
                    .split("\r\n", 2)[0];
            if (end < 0) {
                return new Raw(label, -1, Map.of(), all);
            }
            String[] lines = text.substring(0, end).split("\r\n");
            int status = Integer.parseInt(lines[0].split(" ")[1]);
            Map<String, String> headers = new LinkedHashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
            }
            byte[] body = java.util.Arrays.copyOfRange(all, end + 4, all.length);
            if (headers.getOrDefault("transfer-encoding", "").equalsIgnoreCase("chunked")) {
                body = dechunk(body);
            }
            return new Raw(label, status, headers, body);
        }
    }

    private static byte[] dechunk(byte[] chunked) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int i = 0;
        while (i < chunked.length) {
            int lineEnd = i;
            while (lineEnd + 1 < chunked.length && !(chunked[lineEnd] == '\r' && chunked[lineEnd + 1] == '\n')) {
                lineEnd++;
            }
            String size = new String(chunked, i, lineEnd - i, StandardCharsets.US_ASCII).split(";")[0].trim();
            int n = size.isEmpty() ? 0 : Integer.parseInt(size, 16);
            if (n == 0) {
                break;
            }
            out.write(chunked, lineEnd + 2, Math.min(n, chunked.length - lineEnd - 2));
            i = lineEnd + 2 + n + 2;
        }
        return out.toByteArray();
    }

    private static long count(String table) throws Exception {
        try (Connection c = DriverManager.getConnection(gw.gateway.config().storeUrl());
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static Map<String, Long> kinds() throws Exception {
        Map<String, Long> out = new LinkedHashMap<>();
        try (Connection c = DriverManager.getConnection(gw.gateway.config().storeUrl());
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT kind, COUNT(*) FROM audit_entries GROUP BY kind")) {
            while (rs.next()) {
                out.put(rs.getString(1), rs.getLong(2));
            }
        }
        return out;
    }
}
