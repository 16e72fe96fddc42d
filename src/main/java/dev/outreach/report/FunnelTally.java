package dev.outreach.report;

import dev.outreach.lead.Lead;
import dev.outreach.lead.LeadOutcome;
import dev.outreach.lead.Stage;
import dev.outreach.lead.StageTransition;
import dev.outreach.store.Touch;
import dev.outreach.policy.Channel;
import dev.outreach.policy.Verdict;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Builds a {@link FunnelReport} from leads, their transitions and touches fed one at a time, so a
 * report over any number of leads needs memory only for its counters (and one duration per
 * completed stay, for the medians). Pure: the caller reads the store and applies the owner filter.
 */
public final class FunnelTally {

    private final ReportWindow window;
    private final String owner;
    private final int qualifiedThreshold;
    private final Map<Stage, long[]> counters = new EnumMap<>(Stage.class);
    private final Map<Stage, long[]> stayMillis = new EnumMap<>(Stage.class);
    private final Map<Stage, Integer> stayCount = new EnumMap<>(Stage.class);
    private final Map<Stage, Map<Channel, TouchCount>> stageTouches = new EnumMap<>(Stage.class);
    private final Map<Channel, TouchCount> channelTouches = new EnumMap<>(Channel.class);
    private TouchCount allTouches = TouchCount.NONE;
    private long touchesWithoutStage;
    private long cohort;
    private long qualified;
    private long won;
    private long wonUnqualified;

    private static final int ENTERED = 0;
    private static final int CURRENT = 1;
    private static final int MOVED_ON = 2;
    private static final int LOST = 3;

    public FunnelTally(ReportWindow window, String owner, int qualifiedThreshold) {
        if (qualifiedThreshold < 1 || qualifiedThreshold > 5) {
            throw new IllegalArgumentException("qualified threshold must be 1..5, was " + qualifiedThreshold);
        }
        this.window = window;
        this.owner = owner;
        this.qualifiedThreshold = qualifiedThreshold;
        for (Stage s : Stage.values()) {
            counters.put(s, new long[4]);
            stayMillis.put(s, new long[16]);
            stayCount.put(s, 0);
            Map<Channel, TouchCount> byChannel = new EnumMap<>(Channel.class);
            for (Channel c : Channel.values()) {
                byChannel.put(c, TouchCount.NONE);
            }
            stageTouches.put(s, byChannel);
        }
        for (Channel c : Channel.values()) {
            channelTouches.put(c, TouchCount.NONE);
        }
    }

    /** A lead as it is now: counts toward "current" and, when created in the window, the close-rate cohort. */
    public void lead(Lead lead) {
        if (lead.outcome() != LeadOutcome.LOST) {
            counters.get(lead.stage())[CURRENT]++;
        }
        if (window.contains(lead.createdAt())) {
            cohort++;
            boolean isQualified = lead.qualification().metCount() >= qualifiedThreshold;
            if (isQualified) {
                qualified++;
            }
            if (lead.outcome() == LeadOutcome.WON) {
                if (isQualified) {
                    won++;
                } else {
                    wonUnqualified++;
                }
            }
        }
    }

    /** Every transition of one lead, oldest first (its creation included). */
    public void transitions(List<StageTransition> ofOneLead) {
        for (Stage stage : Stage.values()) {
            int entry = firstEntryInWindow(ofOneLead, stage);
            if (entry < 0) {
                continue;
            }
            long[] c = counters.get(stage);
            c[ENTERED]++;
            StageTransition entered = ofOneLead.get(entry);
            boolean movedOn = false;
            boolean stayEnded = false;
            for (int i = entry + 1; i < ofOneLead.size(); i++) {
                StageTransition t = ofOneLead.get(i);
                if (t.to().ordinal() > stage.ordinal()) {
                    movedOn = true;
                }
                if (!stayEnded && (t.to() != stage || t.outcome() == LeadOutcome.LOST)) {
                    stayEnded = true;
                    if (t.outcome() == LeadOutcome.LOST) {
                        c[LOST]++;
                    }
                    addStay(stage, Duration.between(entered.at(), t.at()).toMillis());
                }
            }
            if (movedOn) {
                c[MOVED_ON]++;
            }
        }
    }

    /** A touch made in the window (the caller scans the window); dry runs are ignored. */
    public void touch(Touch touch) {
        if (touch.dryRun()) {
            return;
        }
        boolean blocked = touch.decision() == Verdict.BLOCK;
        allTouches = allTouches.plus(blocked);
        channelTouches.merge(touch.channel(), TouchCount.NONE.plus(blocked), FunnelTally::sum);
        if (touch.stage() == null) {
            touchesWithoutStage++;
        } else {
            stageTouches.get(touch.stage()).merge(touch.channel(), TouchCount.NONE.plus(blocked), FunnelTally::sum);
        }
    }

    public FunnelReport report() {
        List<FunnelReport.StageRow> rows = new ArrayList<>();
        for (Stage stage : Stage.values()) {
            long[] c = counters.get(stage);
            Map<Channel, TouchCount> byChannel = stageTouches.get(stage);
            TouchCount total = byChannel.values().stream().reduce(TouchCount.NONE, FunnelTally::sum);
            Double conversion = stage.next() == null ? null : Rates.ratio(c[MOVED_ON], c[ENTERED]);
            int stays = stayCount.get(stage);
            rows.add(new FunnelReport.StageRow(stage, c[ENTERED], c[CURRENT], c[MOVED_ON], c[LOST], conversion,
                    Rates.median(stayMillis.get(stage), stays), stays, total, byChannel));
        }
        FunnelReport.CloseRate closeRate = new FunnelReport.CloseRate(cohort, qualified, won, wonUnqualified,
                Rates.ratio(won, qualified));
        return new FunnelReport(window, owner, qualifiedThreshold, rows, closeRate, channelTouches, allTouches,
                touchesWithoutStage);
    }

    /**
     * Index of the lead's first entry into {@code stage} inside the window, or -1. An entry is a
     * transition into the stage from another stage, or the lead's creation in it.
     */
    private int firstEntryInWindow(List<StageTransition> transitions, Stage stage) {
        for (int i = 0; i < transitions.size(); i++) {
            StageTransition t = transitions.get(i);
            if (t.to() == stage && t.from() != stage && window.contains(t.at())) {
                return i;
            }
        }
        return -1;
    }

    private void addStay(Stage stage, long millis) {
        long[] values = stayMillis.get(stage);
        int n = stayCount.get(stage);
        if (n == values.length) {
            values = Arrays.copyOf(values, n * 2);
            stayMillis.put(stage, values);
        }
        values[n] = millis;
        stayCount.put(stage, n + 1);
    }

    private static TouchCount sum(TouchCount a, TouchCount b) {
        return new TouchCount(a.touches() + b.touches(), a.blocked() + b.blocked());
    }
}
