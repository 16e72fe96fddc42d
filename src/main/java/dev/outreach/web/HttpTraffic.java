package dev.outreach.web;

import io.javalin.http.Context;
import io.javalin.router.Endpoint;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Every HTTP request, measured and counted while in flight: a latency histogram per route template
 * (never the raw path, which carries ids), method and status, and the number of requests in
 * progress, which a graceful shutdown waits to reach zero before the server stops.
 */
final class HttpTraffic {

    static final String TIMER = "http.server.requests";
    private static final String STARTED = "outreach.request-started-nanos";

    private final MeterRegistry registry;
    private final Object lock = new Object();
    private int inFlight;

    HttpTraffic(MeterRegistry registry) {
        this.registry = registry;
    }

    void started(Context ctx) {
        ctx.attribute(STARTED, System.nanoTime());
        synchronized (lock) {
            inFlight++;
        }
    }

    void finished(Context ctx) {
        Long started = ctx.attribute(STARTED);
        if (started == null) {
            return;
        }
        ctx.attribute(STARTED, null);
        Timer.builder(TIMER).description("HTTP requests by route template, method and status: latency histogram")
                .tag("route", route(ctx)).tag("method", ctx.method().name())
                .tag("status", Integer.toString(ctx.statusCode()))
                .publishPercentileHistogram()
                .register(registry)
                .record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        synchronized (lock) {
            inFlight--;
            lock.notifyAll();
        }
    }

    /** The template the request matched (e.g. /api/v1/leads/{id}); "unmatched" for 404s, so tags stay few. */
    private static String route(Context ctx) {
        Endpoint endpoint = ctx.endpoints().matchedHttpEndpoint();
        return endpoint == null ? "unmatched" : endpoint.path;
    }

    /**
     * Waits until no request is in flight, at most {@code limit}.
     *
     * @return the requests still in flight when it gave up (0 when drained)
     */
    int awaitIdle(Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        synchronized (lock) {
            while (inFlight > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                TimeUnit.NANOSECONDS.timedWait(lock, left);
            }
            return inFlight;
        }
    }

    int inFlight() {
        synchronized (lock) {
            return inFlight;
        }
    }
}
