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
 * How fast and how wide mail may go to each recipient domain, consulted by {@link OutboxDispatcher}
 * before each delivery. Mailbox providers throttle senders that exceed what they accept (Gmail answers
 * 421 4.7.28, Yahoo 421 4.7.0), and keep throttling them for a while; pacing stays under that.
 *
 * <ul>
 *   <li><b>rate</b>: at most N messages a minute per recipient domain, spaced evenly (defaults for
 *       the large providers; configurable per domain);</li>
 *   <li><b>concurrency</b>: at most N deliveries to one recipient domain at the same time, per
 *       instance ({@link #concurrencyFor}; the dispatcher's workers honour it);</li>
 *   <li><b>deferral backoff</b>: a 421 or 451 reply (RFC 5321 §4.2.2: service not available /
 *       local error, try later) stops that domain only, for 1 minute, doubling to at most 1 hour
 *       while deferrals continue; one accepted message ends it;</li>
 *   <li><b>warm-up</b>: a sending domain listed with a start date may send {@code firstDayCap}
 *       messages on its first day, growing by {@code growth} each day after (Google's bulk sender
 *       guidance: increase volume slowly). The day's count is read from the store ({@link SentVolume},
 *       the messages marked SENT that day by every instance) plus this instance's deliveries not yet
 *       marked, so a restart does not reset it.</li>
 * </ul>
 * A message that must wait is not attempted; the dispatcher puts it back with the reason, which
 * {@code GET /api/v1/emails/{id}} shows. Rate and backoff state live in memory, per gateway instance.
 * Thread-safe: the dispatcher's workers share one instance.
 */
public final class DomainPacing {

    /** Why and until when a message waits. */
    public record Wait(Instant until, String reason) {
    }

    /** Messages from a sending domain marked SENT on a UTC day, as the store counts them. */
    @FunctionalInterface
    public interface SentVolume {
        long sentOn(String senderDomain, LocalDate day);
    }

    /**
     * @param enabled      false: nothing waits and no domain is limited (benchmarks, a relay that paces for us)
     * @param perMinute    recipient domain → messages a minute; {@code "*"} is the default for others
     * @param warmupStarts sending domain → first day of its warm-up
     * @param concurrency  recipient domain → deliveries at once; {@code "*"} is the default for others
     */
    public record Settings(boolean enabled, Map<String, Integer> perMinute, Map<String, LocalDate> warmupStarts,
                           int firstDayCap, double growth, Map<String, Integer> concurrency) {
        public Settings {
            perMinute = Map.copyOf(perMinute);
            warmupStarts = Map.copyOf(warmupStarts);
            concurrency = Map.copyOf(concurrency);
            requireDefaultAndPositive(perMinute, "rate", "a minute");
            requireDefaultAndPositive(concurrency, "concurrency", "at once");
        }

        /** With the built-in concurrency limits ({@link #providerConcurrency()}). */
        public Settings(boolean enabled, Map<String, Integer> perMinute, Map<String, LocalDate> warmupStarts,
                        int firstDayCap, double growth) {
            this(enabled, perMinute, warmupStarts, firstDayCap, growth, providerConcurrency());
        }

        private static void requireDefaultAndPositive(Map<String, Integer> limits, String what, String unit) {
            if (!limits.containsKey("*")) {
                throw new IllegalArgumentException("pacing needs a default " + what + " for '*'");
            }
            limits.forEach((d, n) -> {
                if (n < 1) {
                    throw new IllegalArgumentException("pacing " + what + " for " + d + " must be at least 1 " + unit);
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

        /**
         * Deliveries at once per recipient domain: 4 to Gmail, 2 to the other large providers and to
         * any other domain. Providers throttle on connections per sending IP as well as on volume;
         * these stay well under Postfix's default of 20 per destination.
         */
        public static Map<String, Integer> providerConcurrency() {
            return Map.of("*", 2, "gmail.com", 4, "googlemail.com", 4, "yahoo.com", 2, "aol.com", 2,
                    "outlook.com", 2, "hotmail.com", 2, "live.com", 2, "icloud.com", 2);
        }

        public static Settings off() {
            return new Settings(false, Map.of("*", 1), Map.of(), 1, 1);
        }
    }

    static final Duration FIRST_BACKOFF = Duration.ofMinutes(1);
    static final Duration MAX_BACKOFF = Duration.ofHours(1);

    private final Settings settings;
    private final SentVolume sentVolume;
    private final Map<String, Instant> nextSlot = new HashMap<>();
    private final Map<String, Instant> backoffUntil = new HashMap<>();
    private final Map<String, Duration> backoff = new HashMap<>();
    /** Per warming-up sending domain: admitted by this instance, not yet settled (marked or put back). */
    private final Map<String, Integer> unsettled = new HashMap<>();
    private LocalDate unsettledDay;
    private volatile java.util.function.Consumer<String> onDeferral = domain -> { };

    /** @param sentVolume where the warm-up reads each day's SENT count (the outbox) */
    public DomainPacing(Settings settings, SentVolume sentVolume) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.sentVolume = Objects.requireNonNull(sentVolume, "sentVolume");
    }

    /** Nothing waits, no domain is limited. */
    public static DomainPacing off() {
        return new DomainPacing(Settings.off(), (domain, day) -> 0);
    }

    /**
     * Told the domain of every 421/451 deferral: a domain with its own limit by name, any other as
     * {@code other}, so a metric labelled with it stays bounded.
     */
    public void onDeferral(java.util.function.Consumer<String> listener) {
        this.onDeferral = Objects.requireNonNull(listener, "listener");
    }

    /** How many deliveries to this recipient domain may run at once; unlimited when pacing is off. */
    public int concurrencyFor(String recipientDomain) {
        if (!settings.enabled()) {
            return Integer.MAX_VALUE;
        }
        return settings.concurrency().getOrDefault(recipientDomain, settings.concurrency().get("*"));
    }

    /**
     * Spacing finer than this is finer than the clock readings deliveries are timed by: two messages
     * admitted at one reading would make the second wait a poll interval for a slot nanoseconds
     * away. A rate above 60,000 a minute therefore keeps no slot (the concurrency limit still holds).
     */
    private static final Duration FINEST_SPACING = Duration.ofMillis(1);

    /**
     * Takes a slot for one message, or says why it must wait. A message admitted here counts toward
     * its sending domain's warm-up until {@link #settled} is called for it.
     *
     * @param recipient the envelope recipient
     * @param mime      the message, for its From domain (warm-up)
     */
    public synchronized Optional<Wait> admit(String recipient, byte[] mime, Instant now) {
        if (!settings.enabled()) {
            return Optional.empty();
        }
        String domain = domainOf(recipient);
        Instant deferred = backoffUntil.get(domain);
        if (deferred != null && now.isBefore(deferred)) {
            return Optional.of(new Wait(deferred, "waiting: " + domain + " deferred our mail (421/451); "
                    + "backing off that domain until " + deferred));
        }
        String sender = fromDomain(mime);
        Optional<Wait> warmup = warmupWait(sender, now);
        if (warmup.isPresent()) {
            return warmup;
        }
        int rate = settings.perMinute().getOrDefault(domain, settings.perMinute().get("*"));
        Instant slot = nextSlot.getOrDefault(domain, now);
        if (now.isBefore(slot)) {
            return Optional.of(new Wait(slot, "waiting: pacing " + domain + " at " + rate + " messages a minute"));
        }
        Duration spacing = Duration.ofMinutes(1).dividedBy(rate);
        if (spacing.compareTo(FINEST_SPACING) >= 0) {
            nextSlot.put(domain, now.plus(spacing));
        }
        if (isWarmingUp(sender)) {
            unsettled.merge(sender, 1, Integer::sum);
        }
        return Optional.empty();
    }

    /**
     * An admitted message's outcome is durable: marked SENT (now counted by the store) or put back or
     * failed (not sent). Either way this instance stops counting it itself.
     */
    public synchronized void settled(byte[] mime) {
        String sender = fromDomain(mime);
        if (settings.enabled() && isWarmingUp(sender)) {
            unsettled.computeIfPresent(sender, (s, n) -> n > 1 ? n - 1 : null);
        }
    }

    /** The domain answered 421 or 451: stop sending to it for a while, doubling while it goes on. */
    public synchronized void deferred(String recipient, Instant now) {
        String domain = domainOf(recipient);
        Duration next = backoff.containsKey(domain) ? min(backoff.get(domain).multipliedBy(2), MAX_BACKOFF) : FIRST_BACKOFF;
        backoff.put(domain, next);
        backoffUntil.put(domain, now.plus(next));
        onDeferral.accept(settings.perMinute().containsKey(domain) && !domain.equals("*") ? domain : "other");
    }

    /** A message was accepted: any backoff of that domain is over. */
    public synchronized void accepted(String recipient) {
        String domain = domainOf(recipient);
        backoff.remove(domain);
        backoffUntil.remove(domain);
    }

    private boolean isWarmingUp(String sender) {
        return sender != null && settings.warmupStarts().containsKey(sender);
    }

    private Optional<Wait> warmupWait(String sender, Instant now) {
        if (!isWarmingUp(sender)) {
            return Optional.empty();
        }
        LocalDate start = settings.warmupStarts().get(sender);
        LocalDate day = LocalDate.ofInstant(now, ZoneOffset.UTC);
        if (!day.equals(unsettledDay)) {
            // Yesterday's deliveries not yet marked are counted on yesterday's cap, not today's.
            unsettledDay = day;
            unsettled.clear();
        }
        long days = Math.max(0, ChronoUnit.DAYS.between(start, day));
        long cap = (long) Math.floor(settings.firstDayCap() * Math.pow(settings.growth(), days));
        long sent = sentVolume.sentOn(sender, day) + unsettled.getOrDefault(sender, 0);
        if (sent < cap) {
            return Optional.empty();
        }
        Instant tomorrow = day.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC);
        return Optional.of(new Wait(tomorrow, "waiting: warm-up of sending domain " + sender + " allows " + cap
                + " messages on day " + (days + 1)));
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
