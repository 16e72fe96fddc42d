package dev.outreach.gateway;

import dev.outreach.lead.Lead;
import dev.outreach.lead.LeadOutcome;
import dev.outreach.lead.Stage;
import dev.outreach.lead.StageTransition;
import dev.outreach.store.Touch;
import dev.outreach.store.DuplicateKeyException;
import dev.outreach.store.Leads;
import dev.outreach.store.Touches;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Leads moving through the SOP stages; every move is kept with its time. */
public final class Funnel {

    private final Leads leads;
    private final Touches touches;
    private final Clock clock;

    public Funnel(Leads leads, Touches touches, Clock clock) {
        this.leads = leads;
        this.touches = touches;
        this.clock = clock;
    }

    /** Stores a validated, normalised lead; its creation is its first transition. */
    public Lead create(Lead lead, Actor actor) {
        if (lead.email() != null && leads.findByEmail(lead.email()).isPresent()) {
            throw new RejectedRequest(RejectedRequest.Kind.CONFLICT, "email", "a lead with this email already exists");
        }
        try {
            leads.create(lead, new StageTransition(lead.id(), null, lead.stage(), lead.outcome(),
                    lead.stageEnteredAt(), actor.auditName()));
        } catch (DuplicateKeyException e) {
            throw new RejectedRequest(RejectedRequest.Kind.CONFLICT, "id", "a lead with this id already exists");
        }
        return lead;
    }

    public Optional<Lead> find(String id) {
        return leads.find(id);
    }

    public Lead get(String id) {
        return leads.find(id).orElseThrow(() -> RejectedRequest.notFound("id", "no lead with this id"));
    }

    public List<Lead> list(Stage stage, String owner, String afterId, int limit) {
        return leads.list(stage, owner, afterId, limit);
    }

    public Lead update(Lead updated) {
        Lead existing = get(updated.id());
        if (updated.email() != null && !updated.email().equals(existing.email())
                && leads.findByEmail(updated.email()).isPresent()) {
            throw new RejectedRequest(RejectedRequest.Kind.CONFLICT, "email", "a lead with this email already exists");
        }
        leads.update(updated);
        return updated;
    }

    /**
     * Moves a lead. WON is recorded only when the lead reaches CLOSING or later, since that is when a
     * sale completes; LOST may end any stage.
     */
    public Lead moveTo(String id, Stage stage, LeadOutcome outcome, Instant at, Actor actor) {
        Lead lead = get(id);
        if (outcome == LeadOutcome.WON && stage.compareTo(Stage.CLOSING) < 0) {
            throw RejectedRequest.unprocessable("outcome", "WON is recorded when the lead reaches CLOSING or later");
        }
        Instant when = at != null ? at : clock.instant();
        if (when.isBefore(lead.stageEnteredAt())) {
            throw RejectedRequest.unprocessable("at", "is before the lead entered its current stage");
        }
        Lead moved = lead.inStage(stage, outcome, when);
        leads.transition(moved, new StageTransition(id, lead.stage(), stage, outcome, when, actor.auditName()));
        return moved;
    }

    public List<StageTransition> history(String id) {
        get(id);
        return leads.transitions(id);
    }

    public List<Touch> touches(String id) {
        get(id);
        return touches.forLead(id);
    }
}
