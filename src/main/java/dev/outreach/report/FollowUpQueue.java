package dev.outreach.report;

import dev.outreach.lead.Lead;
import dev.outreach.lead.LeadOutcome;
import dev.outreach.store.Touch;
import dev.outreach.policy.Channel;
import dev.outreach.policy.Verdict;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;
import java.util.function.Function;

/**
 * Derives the next SOP follow-up a lead is owed from its stage, the time it entered that stage and
 * the touches of its current stay. Pure: no I/O, no clock; {@code now} is given.
 *
 * <ul>
 *   <li>A LOST lead owes nothing. A stage without a {@link FollowUpRule} owes nothing.</li>
 *   <li>A touch counts for the follow-up when it belongs to the current stay: recorded in the lead's
 *       current stage, at or after it entered that stage, and not a dry run (checks send nothing).
 *       Any channel counts: a call in NEGOTIATION is a check-in.</li>
 *   <li>An allowed touch is a follow-up done; a blocked touch is not.</li>
 *   <li>One-off rule (template {@code followUpWithin}): owed until the first allowed touch of the
 *       stay; deadline = stage entry + interval in business time.</li>
 *   <li>Cadence: always owed; deadline = (last allowed touch of the stay, else stage entry) +
 *       interval in business time.</li>
 *   <li>OVERDUE when {@code now} is after the deadline, else DUE.</li>
 * </ul>
 */
public final class FollowUpQueue {

    private final FollowUpSchedule schedule;
    private final BusinessCalendar calendar;

    public FollowUpQueue(FollowUpSchedule schedule, BusinessCalendar calendar) {
        this.schedule = schedule;
        this.calendar = calendar;
    }

    public FollowUpSchedule schedule() {
        return schedule;
    }

    public BusinessCalendar calendar() {
        return calendar;
    }

    /** True when a touch belongs to the lead's current stay and can count for (or block) its follow-up. */
    public static boolean countsForCurrentStay(Lead lead, Touch touch) {
        return !touch.dryRun() && touch.stage() == lead.stage() && !touch.at().isBefore(lead.stageEnteredAt());
    }

    /**
     * @param touches       the lead's touches (any order; those outside the current stay are ignored)
     * @param nextAllowedAt the {@code nextAllowedAt} of a decision by its audit id, null when absent;
     *                      asked only for the last blocked attempt
     * @return the follow-up owed, or empty when none is
     */
    public Optional<FollowUp> followUpFor(Lead lead, Collection<Touch> touches, Function<String, Instant> nextAllowedAt,
                                          Instant now) {
        if (lead.outcome() == LeadOutcome.LOST) {
            return Optional.empty();
        }
        Optional<FollowUpRule> found = schedule.rule(lead.stage());
        if (found.isEmpty()) {
            return Optional.empty();
        }
        FollowUpRule rule = found.get();
        Comparator<Touch> byTime = Comparator.comparing(Touch::at).thenComparing(Touch::id);
        Optional<Touch> lastAllowed = touches.stream()
                .filter(t -> countsForCurrentStay(lead, t) && t.decision() == Verdict.ALLOW)
                .max(byTime);
        if (lastAllowed.isPresent() && !rule.repeats()) {
            return Optional.empty();
        }
        Instant lastFollowUpAt = lastAllowed.map(Touch::at).orElse(null);
        Instant basis = lastFollowUpAt != null ? lastFollowUpAt : lead.stageEnteredAt();
        Instant deadline = calendar.plusBusinessTime(basis, rule.within());
        Optional<Touch> lastBlocked = touches.stream()
                .filter(t -> countsForCurrentStay(lead, t) && t.decision() == Verdict.BLOCK)
                .filter(t -> lastAllowed.isEmpty() || byTime.compare(t, lastAllowed.get()) > 0)
                .max(byTime);
        BlockedAttempt blocked = lastBlocked.map(t -> new BlockedAttempt(t.at(), t.channel(), t.template(),
                t.blockedBy(), t.auditId() == null ? null : nextAllowedAt.apply(t.auditId()), t.auditId()))
                .orElse(null);
        boolean overdue = now.isAfter(deadline);
        return Optional.of(new FollowUp(lead.id(), lead.owner(), lead.stage(), rule.template(), channelOf(lead),
                lead.stageEnteredAt(), lastFollowUpAt, deadline, overdue ? FollowUpStatus.OVERDUE : FollowUpStatus.DUE,
                overdue ? Duration.between(deadline, now) : null, blocked, rule.source()));
    }

    private static Channel channelOf(Lead lead) {
        if (lead.email() != null) {
            return Channel.EMAIL;
        }
        return lead.phone() != null ? Channel.CALL : null;
    }
}
