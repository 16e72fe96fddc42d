package dev.outreach.report;

import java.time.LocalDate;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * Bounce and complaint rates per sender domain (the From domain) and UTC day of sending, for the
 * compliance report; definitions in {@code docs/reports.md#deliverability}. A bounce or complaint
 * counts against the message it is about, on the day that message was sent; one that names no
 * message we recorded as sent is in the {@link #UNATTRIBUTED} rows, on the day it was received.
 *
 * @param rows sender domains alphabetically ({@link #UNATTRIBUTED} last), each day ascending; only
 *             days with something sent or reported
 */
public record DeliveryRates(List<DomainDay> rows) {

    /** The sender domain of the rows whose events could not be tied to a sent message. */
    public static final String UNATTRIBUTED = "unattributed";

    public DeliveryRates {
        rows = List.copyOf(rows);
    }

    /**
     * @param delivered     messages the relay accepted that day (outbox status SENT, including those that
     *                      bounced later)
     * @param bounceRate    (hard + soft bounces) ÷ delivered, 4 decimals; null when nothing was delivered
     * @param complaintRate complaints ÷ delivered, 4 decimals; null when nothing was delivered
     * @param aboveWarning  the complaint rate is above {@link ComplaintRateGuidance#WARNING} (0.1 %)
     * @param atLimit       the complaint rate reached {@link ComplaintRateGuidance#LIMIT} (0.3 %)
     */
    public record DomainDay(String senderDomain, LocalDate day, long delivered, long hardBounces, long softBounces,
                            long complaints, Double bounceRate, Double complaintRate, boolean aboveWarning,
                            boolean atLimit) {

        public boolean attributed() {
            return !UNATTRIBUTED.equals(senderDomain);
        }
    }

    /** The days whose complaint rate is above 0.1 %, in row order. */
    public List<DomainDay> aboveWarning() {
        return rows.stream().filter(DomainDay::aboveWarning).toList();
    }

    /** The sender domains in row order, each once. */
    public List<String> senderDomains() {
        return List.copyOf(new LinkedHashSet<>(rows.stream().map(DomainDay::senderDomain).toList()));
    }

    public List<DomainDay> of(String senderDomain) {
        return rows.stream().filter(r -> r.senderDomain().equals(senderDomain)).toList();
    }
}
