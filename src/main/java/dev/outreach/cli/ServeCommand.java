package dev.outreach.cli;

import dev.outreach.Gateway;
import dev.outreach.config.ConfigKey;
import dev.outreach.config.GatewayConfig;
import dev.outreach.web.WebServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code serve}: the HTTP API, unsubscribe pages, console and outbox, until the process is stopped. */
@Command(name = "serve", description = "Start the gateway (HTTP API, unsubscribe pages, outbox).")
public final class ServeCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(ServeCommand.class);

    @CommandLine.Mixin
    ConfigOption config = new ConfigOption();

    @Override
    public Integer call() throws InterruptedException {
        GatewayConfig cfg = config.load();
        Gateway gateway = new Gateway(cfg, Clock.tickMillis(ZoneOffset.UTC));
        gateway.base().keys().bootstrap(System.getenv("OUTREACH_ADMIN_KEY")).ifPresent(issued -> {
            if (System.getenv("OUTREACH_ADMIN_KEY") == null) {
                System.out.println("ADMIN API key (shown once, store it now): " + issued.plaintext());
            } else {
                System.out.println("ADMIN API key taken from OUTREACH_ADMIN_KEY.");
            }
        });
        gateway.start();
        WebServer server = new WebServer(gateway).start();
        System.out.println("Outreach Gateway listening on port " + server.port() + " (store: "
                + gateway.store().dialect() + ", mail: " + (cfg.isSet(ConfigKey.SMTP_HOST) ? "SMTP "
                + cfg.string(ConfigKey.SMTP_HOST) : cfg.path(ConfigKey.DATA_DIR).resolve("outbox") + "/*.eml") + ")");
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            // The server first (it waits for the requests in flight and logs that), then the outbox
            // worker, which lets a delivery round in progress finish, then the store.
            server.close();
            long started = System.nanoTime();
            gateway.close();
            LOG.info("gateway stopped: outbox worker drained and stopped, store closed ({} ms)",
                    (System.nanoTime() - started) / 1_000_000);
            stopped.countDown();
        }));
        stopped.await();
        return 0;
    }
}
