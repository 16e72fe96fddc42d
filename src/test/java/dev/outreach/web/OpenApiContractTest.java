package dev.outreach.web;

import com.fasterxml.jackson.databind.JsonNode;
import dev.outreach.config.StateRulePackReader;
import dev.outreach.policy.PolicySettings;
import dev.outreach.policy.Rule;
import dev.outreach.policy.RuleBook;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The OpenAPI document served at {@code GET /openapi.json} is checked against the routes the real
 * server registers, so the published contract cannot drift from the code.
 */
class OpenApiContractTest {

    private static final Set<String> HTTP_METHODS = Set.of("get", "put", "post", "delete", "options", "head", "patch",
            "trace");

    @TempDir
    static Path dir;

    private static RunningGateway gateway;
    private static RunningGateway.Reply served;

    @BeforeAll
    static void start() {
        gateway = RunningGateway.start(dir, Map.of());
        served = gateway.get("/openapi.json", null);
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
    }

    private static JsonNode doc() {
        assertThat(served.json()).as("GET /openapi.json must be JSON; body starts: %s",
                served.body().substring(0, Math.min(200, served.body().length()))).isNotNull();
        return served.json();
    }

    @Test
    void documentIsServedWithoutAKeyAsOpenApi31Json() {
        assertThat(served.status()).isEqualTo(200);
        assertThat(served.contentType()).startsWith("application/json");
        assertThat(doc().path("openapi").asText()).isEqualTo("3.1.0");
        assertThat(doc().path("info").path("title").asText()).isNotBlank();
        assertThat(doc().path("paths").isObject()).isTrue();
    }

    @Test
    void documentedOperationsAreExactlyTheRoutesTheServerRegisters() {
        Set<String> servedRoutes = gateway.server.routes().stream()
                .map(r -> r.method().toUpperCase(Locale.ROOT) + " " + r.path())
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> documented = new TreeSet<>(operations(doc()).keySet());

        Set<String> undocumented = new TreeSet<>(servedRoutes);
        undocumented.removeAll(documented);
        Set<String> notServed = new TreeSet<>(documented);
        notServed.removeAll(servedRoutes);

        assertThat(undocumented.isEmpty() && notServed.isEmpty())
                .as("openapi.json must describe exactly the served routes.%n"
                        + "  served but not documented: %s%n  documented but not served: %s", undocumented, notServed)
                .isTrue();
    }

    @Test
    void everyApiOperationRequiresBearerAuthForExactlyTheRolesOfItsRoute() {
        JsonNode scheme = doc().path("components").path("securitySchemes").path("bearerAuth");
        assertThat(scheme.path("type").asText()).isEqualTo("http");
        assertThat(scheme.path("scheme").asText()).isEqualTo("bearer");

        Map<String, JsonNode> operations = operations(doc());
        List<String> problems = new ArrayList<>();
        for (RouteTable.Route route : gateway.server.routes()) {
            String name = route.method().toUpperCase(Locale.ROOT) + " " + route.path();
            JsonNode op = operations.get(name);
            if (op == null) {
                continue; // reported by the route-set test
            }
            Set<String> roles = route.roles().stream().map(Enum::name).collect(Collectors.toCollection(TreeSet::new));
            // ESP webhooks are authenticated by the provider's signature, not an API key (API.md).
            if (route.path().startsWith("/api/") && !route.path().startsWith("/api/v1/webhooks/")) {
                if (!requiresBearer(op)) {
                    problems.add(name + " does not declare security bearerAuth");
                }
                Set<String> documentedRoles = new TreeSet<>();
                op.path("x-roles").forEach(n -> documentedRoles.add(n.asText()));
                if (!documentedRoles.equals(roles)) {
                    problems.add(name + " x-roles " + documentedRoles + " but the route is open to " + roles);
                }
            } else if (roles.isEmpty() && requiresBearer(op)) {
                problems.add(name + " needs no key but is documented with bearerAuth");
            }
        }
        assertThat(problems).as("security of documented operations").isEmpty();
    }

    @Test
    void postsThatSendOrRecordDeclareTheIdempotencyKeyHeader() {
        Map<String, JsonNode> operations = operations(doc());
        for (String op : List.of("POST /api/v1/emails", "POST /api/v1/checks", "POST /api/v1/suppressions",
                "POST /api/v1/leads", "POST /api/v1/leads/{id}/stage", "POST /api/v1/leads/import",
                "POST /api/v1/consents", "POST /api/v1/consents/revocations", "POST /api/v1/sms/inbound",
                "POST /api/v1/revocation-reviews/{id}/clear")) {
            assertThat(operations).as("documented operations").containsKey(op);
            List<String> headers = new ArrayList<>();
            operations.get(op).path("parameters").forEach(p -> {
                JsonNode param = resolve(doc(), p);
                if ("header".equals(param.path("in").asText())) {
                    headers.add(param.path("name").asText());
                }
            });
            assertThat(headers).as(op + " header parameters").contains("Idempotency-Key");
        }
    }

    @Test
    void everyOperationShowsAnExampleOfItsRequestBodyAndOfEverySuccessfulAnswer() {
        List<String> missing = new ArrayList<>();
        operations(doc()).forEach((name, op) -> {
            List<String> shown = new ArrayList<>();
            JsonNode body = resolve(doc(), op.path("requestBody"));
            body.path("content").fields().forEachRemaining(media -> {
                if (media.getValue().has("example")) {
                    shown.add("request " + media.getKey());
                } else {
                    missing.add(name + " request " + media.getKey());
                }
            });
            op.path("responses").fields().forEachRemaining(response -> {
                if (response.getKey().startsWith("2")) {
                    resolve(doc(), response.getValue()).path("content").fields().forEachRemaining(media -> {
                        if (media.getValue().has("example")) {
                            shown.add(response.getKey() + " " + media.getKey());
                        } else {
                            missing.add(name + " " + response.getKey() + " " + media.getKey());
                        }
                    });
                }
            });
            boolean answersWithoutBody = op.path("responses").has("204");
            if (shown.isEmpty() && !answersWithoutBody) {
                missing.add(name + " has no example at all");
            }
        });
        assertThat(missing).as("operations without examples").isEmpty();
    }

    @Test
    void theDocumentNamesTheServerItDescribes() {
        assertThat(doc().path("servers").isArray()).isTrue();
        assertThat(doc().path("servers").get(0).path("url").asText()).isEqualTo("http://localhost:8080");
    }

    @Test
    void ruleResultEnumeratesEveryRuleIdOfTheRuleBook() {
        JsonNode ruleResult = doc().path("components").path("schemas").path("RuleResult");
        Set<String> documented = new TreeSet<>();
        collectEnums(doc(), ruleResult.path("properties").path("rule"), documented);

        Set<String> inForce = RuleBook.rules(PolicySettings.defaults(Set.of("example.com")),
                        StateRulePackReader.fromClasspath()).stream()
                .map(Rule::id).collect(Collectors.toCollection(TreeSet::new));
        Set<String> missing = new TreeSet<>(inForce);
        missing.removeAll(documented);

        assertThat(missing).as("rule ids in force but not enumerated for RuleResult.rule in openapi.json").isEmpty();
    }

    @Test
    void everyInternalReferenceResolves() {
        List<String> unresolved = new ArrayList<>();
        collectUnresolvedRefs(doc(), doc(), unresolved);
        assertThat(unresolved).as("$ref targets missing from openapi.json").isEmpty();
    }

    /** "GET /api/v1/leads" → the operation object, for every HTTP method under every path. */
    private static Map<String, JsonNode> operations(JsonNode doc) {
        Map<String, JsonNode> out = new java.util.TreeMap<>();
        Iterator<Map.Entry<String, JsonNode>> paths = doc.path("paths").fields();
        while (paths.hasNext()) {
            Map.Entry<String, JsonNode> path = paths.next();
            Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields();
            while (ops.hasNext()) {
                Map.Entry<String, JsonNode> op = ops.next();
                if (HTTP_METHODS.contains(op.getKey())) {
                    out.put(op.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey(), op.getValue());
                }
            }
        }
        return out;
    }

    private static boolean requiresBearer(JsonNode op) {
        for (JsonNode requirement : op.path("security")) {
            if (requirement.has("bearerAuth")) {
                return true;
            }
        }
        return false;
    }

    /** Follows a local {@code $ref} ("#/components/...") to its target. */
    private static JsonNode resolve(JsonNode doc, JsonNode node) {
        JsonNode current = node;
        for (int hops = 0; hops < 20 && current.has("$ref"); hops++) {
            current = doc.at(current.path("$ref").asText().substring(1));
        }
        return current;
    }

    /** Enum values of a schema, through $ref, anyOf, oneOf and allOf. */
    private static void collectEnums(JsonNode doc, JsonNode schema, Set<String> into) {
        JsonNode s = resolve(doc, schema);
        s.path("enum").forEach(v -> into.add(v.asText()));
        if (s.has("const")) {
            into.add(s.path("const").asText());
        }
        for (String combinator : List.of("anyOf", "oneOf", "allOf")) {
            s.path(combinator).forEach(sub -> collectEnums(doc, sub, into));
        }
    }

    private static void collectUnresolvedRefs(JsonNode doc, JsonNode node, List<String> into) {
        if (node.isObject()) {
            JsonNode ref = node.get("$ref");
            if (ref != null && ref.isTextual()) {
                String target = ref.asText();
                if (!target.startsWith("#/") || doc.at(target.substring(1)).isMissingNode()) {
                    into.add(target);
                }
            }
            node.forEach(child -> collectUnresolvedRefs(doc, child, into));
        } else if (node.isArray()) {
            node.forEach(child -> collectUnresolvedRefs(doc, child, into));
        }
    }
}
