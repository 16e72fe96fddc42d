package dev.outreach.report;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Builds {@link DeliveryRates} from counts per (sender domain, day, kind) fed one at a time. Pure:
 * the caller reads the store. Kinds other than sent messages, hard and soft bounces and complaints
 * (an unsubscribe) do not enter the rates.
 */
final class DeliveryRatesTally {

    private static final Comparator<String> DOMAINS_THEN_UNATTRIBUTED = Comparator
            .comparing((String d) -> d.equals(DeliveryRates.UNATTRIBUTED)).thenComparing(Comparator.naturalOrder());

    /** delivered, hard, soft, complaints per domain and day. */
    private final Map<String, Map<LocalDate, long[]>> counts = new TreeMap<>(DOMAINS_THEN_UNATTRIBUTED);

    /** @param senderDomain null when the count could not be attributed to a sender domain */
    void count(String senderDomain, LocalDate day, String kind, long n) {
        int column = switch (kind) {
            case "SENT" -> 0;
            case "HARD_BOUNCE" -> 1;
            case "SOFT_BOUNCE" -> 2;
            case "COMPLAINT" -> 3;
            default -> -1;
        };
        if (column < 0) {
            return;
        }
        String domain = senderDomain == null || senderDomain.isBlank() ? DeliveryRates.UNATTRIBUTED : senderDomain;
        counts.computeIfAbsent(domain, d -> new TreeMap<>()).computeIfAbsent(day, d -> new long[4])[column] += n;
    }

    DeliveryRates rates() {
        List<DeliveryRates.DomainDay> rows = new ArrayList<>();
        counts.forEach((domain, days) -> days.forEach((day, c) -> rows.add(new DeliveryRates.DomainDay(domain, day,
                c[0], c[1], c[2], c[3], Rates.ratio(c[1] + c[2], c[0]), Rates.ratio(c[3], c[0]),
                ComplaintRateGuidance.aboveWarning(c[3], c[0]), ComplaintRateGuidance.atLimit(c[3], c[0])))));
        return new DeliveryRates(rows);
    }
}
