package dev.outreach.web;

import dev.outreach.store.Store;
import dev.outreach.suppression.SuppressionLists;
import io.javalin.http.Context;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/** Liveness, readiness, metrics and the OpenAPI document; none needs a key. */
final class OperationsRoutes {

    private final Store store;
    private final SuppressionLists lists;
    private final PrometheusMeterRegistry metrics;
    private final byte[] openApi;

    OperationsRoutes(Store store, SuppressionLists lists, PrometheusMeterRegistry metrics) {
        this.store = store;
        this.lists = lists;
        this.metrics = metrics;
        this.openApi = readOpenApi();
    }

    void register(RouteTable routes) {
        routes.get("/health", ctx -> ctx.json(Map.of("status", "UP")));
        routes.get("/ready", this::ready);
        routes.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.scrape()));
        routes.get("/openapi.json", ctx -> ctx.contentType("application/json").result(openApi));
    }

    /** Ready means the store answers and every suppression list was read; otherwise 503 says which is not. */
    private void ready(Context ctx) {
        boolean storeUp = store.ping();
        long unreadable = lists.lists().stream().filter(l -> l.isUnreadable()).count();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("store", storeUp ? "UP" : "DOWN");
        out.put("lists", lists.lists().size());
        out.put("unreadableLists", unreadable);
        boolean ready = storeUp && unreadable == 0;
        out.put("status", ready ? "READY" : "NOT_READY");
        ctx.status(ready ? 200 : 503).json(out);
    }

    static byte[] readOpenApi() {
        try (InputStream in = OperationsRoutes.class.getResourceAsStream("/openapi.json")) {
            if (in == null) {
                throw new IllegalStateException("openapi.json missing from the jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
