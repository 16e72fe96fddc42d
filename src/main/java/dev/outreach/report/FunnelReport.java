package dev.outreach.report;

import dev.outreach.lead.Stage;
import dev.outreach.policy.Channel;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The sales funnel over a window; every number is defined in {@code docs/reports.md}.
 *
 * @param owner  the rep whose leads are counted, or null for every lead
 * @param stages one row per stage, in SOP order
 */
public record FunnelReport(ReportWindow window, String owner, int qualifiedThreshold, List<StageRow> stages,
                           CloseRate closeRate, Map<Channel, TouchCount> channels, TouchCount touches,
                           long touchesWithoutStage) {

    public FunnelReport {
        stages = List.copyOf(stages);
        channels = Map.copyOf(channels);
    }

    /**
     * @param entered           leads whose transition into the stage falls in the window (each lead once)
     * @param current           leads in the stage now, LOST ones excluded
     * @param movedOn           of {@code entered}, leads that later reached a later stage
     * @param lost              of {@code entered}, leads whose stay in the stage ended LOST
     * @param conversionRate    movedOn ÷ entered (4 decimals); null when none entered or for POST_SALE
     * @param medianTimeInStage median length of the completed stays of {@code entered}; null when none completed
     * @param completedStays    how many stays the median is taken over
     * @param touches           touches in the window made while leads were in this stage
     * @param byChannel         {@code touches} split by channel (every channel listed)
     */
    public record StageRow(Stage stage, long entered, long current, long movedOn, long lost, Double conversionRate,
                           Duration medianTimeInStage, long completedStays, TouchCount touches,
                           Map<Channel, TouchCount> byChannel) {

        public StageRow {
            byChannel = Map.copyOf(byChannel);
        }
    }

    /**
     * @param cohort             leads created in the window
     * @param qualifiedProspects of the cohort, leads meeting at least {@code qualifiedThreshold} criteria
     * @param won                of the qualified prospects, leads with outcome WON
     * @param wonUnqualified     WON leads of the cohort below the threshold (not in the rate; shown so none is hidden)
     * @param closeRate          won ÷ qualifiedProspects (4 decimals); null without qualified prospects
     */
    public record CloseRate(long cohort, long qualifiedProspects, long won, long wonUnqualified, Double closeRate) {
    }
}
