package dev.outreach.web;

import dev.outreach.store.Outbox;
import dev.outreach.suppression.LoadedList;
import dev.outreach.suppression.SuppressionLists;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * The gauges {@code /metrics} serves beside what each part records itself, all registered when the
 * server starts, so the first scrape is complete: the JVM (memory, GC, threads, classes, CPU, open
 * files, uptime), the outbox backlog and the suppression lists. Every meter carries a description,
 * which becomes its Prometheus HELP line.
 */
final class OperationsMetrics {

    private OperationsMetrics() {
    }

    static void bind(MeterRegistry registry, Outbox outbox, SuppressionLists lists, Clock clock) {
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new FileDescriptorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        Supplier<Outbox.Backlog> backlog = outbox::backlog;
        Gauge.builder("outreach.outbox.waiting", backlog, b -> b.get().waiting())
                .description("Messages in the outbox waiting for delivery (QUEUED or RETRYING)")
                .baseUnit("messages").strongReference(true).register(registry);
        Gauge.builder("outreach.outbox.oldest.age", backlog, b -> age(b.get().oldestCreatedAt(), clock))
                .description("Age of the oldest message waiting in the outbox (0 when none waits)")
                .baseUnit("seconds").strongReference(true).register(registry);
        Gauge.builder("outreach.suppression.lists.entries", lists, l -> l.lists().stream()
                        .mapToLong(LoadedList::entries).sum())
                .description("Entries held in memory from all suppression list files").register(registry);
        Gauge.builder("outreach.suppression.lists.unreadable", lists, l -> l.lists().stream()
                        .filter(LoadedList::isUnreadable).count())
                .description("Suppression list files that could not be read (their kind fails closed)")
                .register(registry);
    }

    private static double age(Instant oldest, Clock clock) {
        return oldest == null ? 0 : Math.max(0, Duration.between(oldest, clock.instant()).toMillis() / 1000.0);
    }
}
