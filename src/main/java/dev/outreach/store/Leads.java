package dev.outreach.store;

import dev.outreach.lead.Lead;
import dev.outreach.lead.Stage;
import dev.outreach.lead.StageTransition;

import java.util.List;
import java.util.Optional;

/** The funnel's leads and the history of their stage changes. */
public interface Leads {

    /** Stores a new lead and its first transition in one transaction. */
    void create(Lead lead, StageTransition initial) throws DuplicateKeyException;

    Optional<Lead> find(String id);

    Optional<Lead> findByEmail(String normalisedEmail);

    Optional<Lead> findByPhone(String e164);

    /** Replaces the lead's fields (not its stage history). */
    void update(Lead lead);

    /** Filters are optional (null = any); ordered by id; {@code afterId} pages. */
    List<Lead> list(Stage stage, String owner, String afterId, int limit);

    /** Writes the lead's new stage and the transition atomically. */
    void transition(Lead updated, StageTransition transition);

    /** Oldest first. */
    List<StageTransition> transitions(String leadId);
}
