package dev.outreach.scrub;

import dev.outreach.policy.RuleResult;
import dev.outreach.policy.Verdict;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/** The counts of one batch: rows, per outcome (ALLOW, BLOCK, ERROR) and per blocking rule. */
public final class BatchSummary {

    private long rows;
    private long allowed;
    private long blocked;
    private long errors;
    private final Map<String, Long> rules = new TreeMap<>();

    void count(RowResult result) {
        rows++;
        if (result.error() != null) {
            errors++;
        } else if (result.decision().decision() == Verdict.ALLOW) {
            allowed++;
        } else {
            blocked++;
            for (RuleResult reason : result.decision().reasons()) {
                rules.merge(reason.rule(), 1L, Long::sum);
            }
        }
    }

    public long rows() {
        return rows;
    }

    public long allowed() {
        return allowed;
    }

    public long blocked() {
        return blocked;
    }

    public long errors() {
        return errors;
    }

    /** Blocked rows per blocking rule, by rule id; a row blocked by two rules counts for both. */
    public Map<String, Long> rules() {
        return Collections.unmodifiableMap(rules);
    }
}
