package dev.outreach.web;

import dev.outreach.policy.PolicyEngine;
import dev.outreach.policy.ReferenceCoverage;
import dev.outreach.policy.Rule;
import dev.outreach.policy.state.DayWindow;
import dev.outreach.policy.state.DialerRow;
import dev.outreach.policy.state.StateRule;
import dev.outreach.policy.state.StateRulePack;
import io.javalin.http.Context;

import java.time.DayOfWeek;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static dev.outreach.gateway.Role.ADMIN;
import static dev.outreach.gateway.Role.COMPLIANCE;
import static dev.outreach.gateway.Role.INTEGRATION;
import static dev.outreach.gateway.Role.REP;

/**
 * {@code GET /api/v1/policy}: the rules in force with their citation, confidence and what they cannot
 * know; how each reference row is enforced (or who enforces it instead); the state rule pack's rows,
 * including the facts only the dialer can enforce. Any authenticated role may read it.
 */
final class PolicyRoutes {

    private final PolicyEngine engine;
    private final StateRulePack statePack;
    private final ReferenceCoverage coverage;

    PolicyRoutes(PolicyEngine engine, StateRulePack statePack, ReferenceCoverage coverage) {
        this.engine = engine;
        this.statePack = statePack;
        this.coverage = coverage;
    }

    void register(RouteTable routes) {
        routes.get("/api/v1/policy", this::policy, REP, INTEGRATION, COMPLIANCE, ADMIN);
    }

    private void policy(Context ctx) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("policyVersion", engine.policyVersion());
        out.put("statePackVersion", statePack.version());
        out.put("coverageVersion", coverage.version());
        out.put("rules", rules());
        out.put("references", references());
        out.put("states", states());
        ctx.json(out);
    }

    private List<Map<String, Object>> rules() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Rule rule : engine.rules()) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("id", rule.id());
            coverage.rule(rule.id()).ifPresentOrElse(n -> {
                r.put("citation", n.citation());
                r.put("confidence", n.confidence());
                r.put("cannotKnow", n.cannotKnow());
            }, () -> r.put("cannotKnow", "not documented"));
            out.add(r);
        }
        return out;
    }

    private List<Map<String, Object>> references() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (ReferenceCoverage.Row row : coverage.rows()) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("table", row.table());
            r.put("fact", row.fact());
            if (!row.rules().isEmpty()) {
                r.put("rules", row.rules());
            } else {
                r.put("enforcedBy", row.enforcedBy());
                r.put("reason", row.reason());
            }
            out.add(r);
        }
        return out;
    }

    private List<Map<String, Object>> states() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (StateRule row : new TreeMap<>(statePack.states()).values()) {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("state", row.state());
            s.put("name", row.name());
            s.put("citation", row.citation());
            s.put("confidence", row.confidence());
            s.put("enforced", row.enforced());
            if (!row.enforced()) {
                s.put("disabledReason", row.disabledReason());
            }
            Map<String, String> hours = new LinkedHashMap<>();
            for (DayOfWeek day : DayOfWeek.values()) {
                DayWindow w = row.hours().get(day);
                if (w != null) {
                    hours.put(day.name(), w.toString());
                }
            }
            s.put("hours", hours);
            s.put("bannedDays", row.bannedDays().stream().sorted().map(Enum::name).toList());
            s.put("holidayCalendar", row.holidays() == null ? null : row.holidays().id());
            s.put("fixedOffset", row.fixedOffset() == null ? null : row.fixedOffset().getId());
            s.put("frequencyCap", row.frequencyCap() == null ? null : row.frequencyCap().toString());
            s.put("writtenConsent", row.writtenConsent() == null ? null : row.writtenConsent().toString());
            s.put("ebr", row.ebr() == null ? null : row.ebr().toString());
            List<Map<String, String>> elsewhere = new ArrayList<>();
            for (DialerRow d : row.elsewhere()) {
                elsewhere.add(Map.of("fact", d.fact(), "enforcedBy", d.enforcedBy(), "reason", d.reason()));
            }
            s.put("enforcedElsewhere", elsewhere);
            out.add(s);
        }
        return out;
    }
}
