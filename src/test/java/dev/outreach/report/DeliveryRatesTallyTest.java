package dev.outreach.report;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

/** The rate arithmetic and the 0.1 % / 0.3 % judgements, and how the report command prints them. */
class DeliveryRatesTallyTest {

    static final LocalDate NOV_25 = LocalDate.parse("2026-11-25");
    static final LocalDate NOV_26 = LocalDate.parse("2026-11-26");

    @Test
    void oneComplaintInAThousandIsNotAboveTheWarningButTwoAreAndThreeReachTheLimit() {
        DeliveryRatesTally tally = new DeliveryRatesTally();
        tally.count("a.example", NOV_25, "SENT", 1000);
        tally.count("a.example", NOV_25, "COMPLAINT", 1);
        tally.count("b.example", NOV_25, "SENT", 1000);
        tally.count("b.example", NOV_25, "COMPLAINT", 2);
        tally.count("c.example", NOV_25, "SENT", 1000);
        tally.count("c.example", NOV_25, "COMPLAINT", 3);

        DeliveryRates rates = tally.rates();

        assertThat(rates.rows()).extracting(DeliveryRates.DomainDay::senderDomain, DeliveryRates.DomainDay::complaintRate,
                        DeliveryRates.DomainDay::aboveWarning, DeliveryRates.DomainDay::atLimit)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("a.example", 0.001, false, false),
                        org.assertj.core.groups.Tuple.tuple("b.example", 0.002, true, false),
                        org.assertj.core.groups.Tuple.tuple("c.example", 0.003, true, true));
        assertThat(rates.aboveWarning()).extracting(DeliveryRates.DomainDay::senderDomain)
                .containsExactly("b.example", "c.example");
    }

    @Test
    void feedbackWithoutADomainIsUnattributedListedLastWithoutRatesAndUnsubscribesDoNotCount() {
        DeliveryRatesTally tally = new DeliveryRatesTally();
        tally.count(null, NOV_26, "HARD_BOUNCE", 2);
        tally.count("z.example", NOV_26, "SENT", 10);
        tally.count("z.example", NOV_26, "SOFT_BOUNCE", 1);
        tally.count("z.example", NOV_26, "HARD_BOUNCE", 1);
        tally.count("z.example", NOV_26, "UNSUBSCRIBE", 5);
        tally.count("z.example", NOV_25, "SENT", 4);

        DeliveryRates rates = tally.rates();

        assertThat(rates.rows()).containsExactly(
                new DeliveryRates.DomainDay("z.example", NOV_25, 4, 0, 0, 0, 0.0, 0.0, false, false),
                new DeliveryRates.DomainDay("z.example", NOV_26, 10, 1, 1, 0, 0.2, 0.0, false, false),
                new DeliveryRates.DomainDay("unattributed", NOV_26, 0, 2, 0, 0, null, null, false, false));
        assertThat(rates.senderDomains()).containsExactly("z.example", "unattributed");
    }

    @Test
    void theReportCommandPrintsEachDayAndAWarningLineForADayAbovePointOnePercent() {
        DeliveryRatesTally tally = new DeliveryRatesTally();
        tally.count("b.example", NOV_26, "SENT", 500);
        tally.count("b.example", NOV_26, "COMPLAINT", 1);
        tally.count("a.example", NOV_25, "SENT", 2000);
        tally.count("a.example", NOV_25, "COMPLAINT", 1);

        String text = ReportText.deliverability(tally.rates());

        assertThat(text).contains("a.example      2026-11-25       2000", "0.05 %", "0.2 %")
                .contains("WARNING: b.example on 2026-11-26 had a complaint rate of 0.2 %, above 0.1 %\n")
                .doesNotContain("WARNING: a.example")
                .contains("Complaint limit 0.3 %, warning above 0.1 % (Google email sender guidelines FAQ");
    }
}
