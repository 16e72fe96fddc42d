package dev.outreach.scrub;

import dev.outreach.policy.Decision;

/**
 * Decides one batch row exactly as a single check would, without auditing it: the batch is
 * audited once as a whole. Throws {@link dev.outreach.gateway.RejectedRequest} for a row that
 * cannot be judged (bad address, unknown lead, ...); must be safe to call from several threads.
 */
public interface RowDecider {

    Decision decide(CheckRow row);

    /**
     * The decider for one run of consecutive rows, judged on one thread. A decider that consults the
     * store looks at it once here for the whole run instead of once per row.
     */
    default RowDecider forRun() {
        return this;
    }
}
