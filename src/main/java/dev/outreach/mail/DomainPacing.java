package dev.outreach.mail;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How fast mail may go to each recipient domain, consulted by {@link OutboxDispatcher} before each
 * delivery. Mailbox providers throttle senders that exceed what they accept (Gmail answers 421
 * 4.7.28, Yahoo 421 4.7.0), and keep throttling them for a while; pacing stays under that.
 *
 * <ul>
 *   <li><b>rate</b>: at most N messages a minute per recipient domain, spaced evenly (defaults for
 *       the large providers; configurable per domain);</li>
 *   <li><b>deferral backoff</b>: a 421 or 451 reply (RFC 5321 §4.2.2: service not available /
 *       local error, try later) stops that domain only, for 1 minute, doubling to at most 1 hour
 *       while deferrals continue; one accepted message ends it;</li>
 *   <li><b>warm-up</b>: a sending domain listed with a start date may send {@code firstDayCap}
 *       messages on its first day, growing by {@code growth} each day after (Google's bulk sender
 *       guidance: increase volume slowly).</li>
 * </ul>
 * A message that must wait is not attempted; the dispatcher puts it back with the reason, which
 * {@code GET /api/v1/emails/{id}} shows. State lives in memory, per gateway instance. Not
 * thread-safe; the dispatcher calls it from its one thread.
 */
public final class DomainPacing {

    /** Why and until when a message waits. */
    public record Wait(Instant until, String reason) {
    }

    /**
     * @param enabled      false: nothing waits (benchmarks, a relay that paces for us)
     * @param perMinute    recipient domain → messages a minute; {@code "*"} is the default for others
     * @param warmupStarts sending domain → first day of its warm-up
     */
    public record Settings(boolean enabled, Map<String, Integer> perMinute, Map<String, LocalDate> warmupStarts,
                           int firstDayCap, double growth) {
        public Settings {
            perMinute = Map.copyOf(perMinute);
            warmupStarts = Map.copyOf(warmupStarts);
            if (!perMinute.containsKey("*")) {
                throw new IllegalArgumentException("pacing needs a default rate for '*'");
            }
            perMinute.forEach((d, n) -> {
                if (n < 1) {
                    throw new IllegalArgumentException("pacing rate for " + d + " must be at least 1 a minute");
                }
            });
        }

        /**
         * Gmail, Yahoo and Microsoft consumer domains at rates well under their published throttling,
         * others at 120 a minute.
         */
        public static Map<String, Integer> providerDefaults() {
            return Map.of("*", 120, "gmail.com", 600, "googlemail.com", 600, "yahoo.com", 300, "aol.com", 300,
                    "outlook.com", 300, "hotmail.com", 300, "live.com", 300, "icloud.com", 300);
        }

        public static Settings off() {
            return new Settings(false, Map.of("*", 1), Map.of(), 1, 1);
        }
    }

    static final Duration FIRST_BACKOFF = Duration.ofMinutes(1);
    static final Duration MAX_BACKOFF = Duration.ofHours(1);

    private final Settings settings;
    private final Map<String, Instant> nextSlot = new HashMap<>();
    private final Map<String, Instant> backoffUntil = new HashMap<>();
    private final Map<String, Duration> backoff = new HashMap<>();
    private final Map<String, Integer> sentToday = new HashMap<>();
    private LocalDate today;

    public DomainPacing(Settings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    private volatile java.util.function.Consumer<String> onDeferral = domain -> { };

    /**
     * Told the domain of every 421/451 deferral: a domain with its own limit by name, any other as
     * {@code other}, so a metric labelled with it stays bounded.
     */
    public void onDeferral(java.util.function.Consumer<String> listener) {
        this.onDeferral = Objects.requireNonNull(listener, "listener");
    }

    /**
     * Takes a slot for one message, or says why it must wait.
     *
     * @param recipient the envelope recipient
     * @param mime      the message, for its From domain (warm-up)
     */
    public Optional<Wait> admit(String recipient, byte[] mime, Instant now) {
        if (!settings.enabled()) {
            return Optional.empty();
        }
        String domain = domainOf(recipient);
        Instant deferred = backoffUntil.get(domain);
        if (deferred != null && now.isBefore(deferred)) {
            return Optional.of(new Wait(deferred, "waiting: " + domain + " deferred our mail (421/451); "
                    + "backing off that domain until " + deferred));
        }
        Optional<Wait> warmup = warmupWait(fromDomain(mime), now);
        if (warmup.isPresent()) {
            return warmup;
        }
        int rate = settings.perMinute().getOrDefault(domain, settings.perMinute().get("*"));
        Instant slot = nextSlot.getOrDefault(domain, now);
        if (now.isBefore(slot)) {
            return Optional.of(new Wait(slot, "waiting: pacing " + domain + " at " + rate + " messages a minute"));
        }
        nextSlot.put(domain, now.plus(Duration.ofMinutes(1).dividedBy(rate)));
        countSent(fromDomain(mime), now);
        return Optional.empty();
    }

    /** The domain answered 421 or 451: stop sending to it for a while, doubling while it goes on. */
    public void deferred(String recipient, Instant now) {
        String domain = domainOf(recipient);
        Duration next = backoff.containsKey(domain) ? min(backoff.get(domain).multipliedBy(2), MAX_BACKOFF) : FIRST_BACKOFF;
        backoff.put(domain, next);
        backoffUntil.put(domain, now.plus(next));
        onDeferral.accept(settings.perMinute().containsKey(domain) && !domain.equals("*") ? domain : "other");
    }

    /** A message was accepted: any backoff of that domain is over. */
    public void accepted(String recipient) {
        String domain = domainOf(recipient);
        backoff.remove(domain);
        backoffUntil.remove(domain);
    }

    private Optional<Wait> warmupWait(String sender, Instant now) {
        LocalDate start = sender == null ? null : settings.warmupStarts().get(sender);
        if (start == null) {
            return Optional.empty();
        }
        LocalDate day = LocalDate.ofInstant(now, ZoneOffset.UTC);
        rollDay(day);
        long days = Math.max(0, ChronoUnit.DAYS.between(start, day));
        long cap = (long) Math.floor(settings.firstDayCap() * Math.pow(settings.growth(), days));
        if (sentToday.getOrDefault(sender, 0) < cap) {
            return Optional.empty();
        }
        Instant tomorrow = day.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC);
        return Optional.of(new Wait(tomorrow, "waiting: warm-up of sending domain " + sender + " allows " + cap
                + " messages on day " + (days + 1)));
    }

    private void countSent(String sender, Instant now) {
        if (sender != null && settings.warmupStarts().containsKey(sender)) {
            rollDay(LocalDate.ofInstant(now, ZoneOffset.UTC));
            sentToday.merge(sender, 1, Integer::sum);
        }
    }

    private void rollDay(LocalDate day) {
        if (!day.equals(today)) {
            today = day;
            sentToday.clear();
        }
    }

    static String domainOf(String address) {
        return address.substring(address.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
    }

    /** The domain of the first From header line's address; null when there is none. */
    static String fromDomain(byte[] mime) {
        String head = new String(mime, 0, Math.min(mime.length, 16_384), StandardCharsets.ISO_8859_1);
        for (String line : head.split("\r\n")) {
            if (line.isEmpty()) {
                return null;
            }
            if (line.regionMatches(true, 0, "From:", 0, 5)) {
                int at = line.lastIndexOf('@');
                if (at < 0) {
                    return null;
                }
                String rest = line.substring(at + 1);
                int end = 0;
                while (end < rest.length() && (Character.isLetterOrDigit(rest.charAt(end)) || rest.charAt(end) == '.'
                        || rest.charAt(end) == '-')) {
                    end++;
                }
                return rest.substring(0, end).toLowerCase(Locale.ROOT);
            }
        }
        return null;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
