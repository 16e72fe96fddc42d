package dev.outreach.store;

import dev.outreach.lead.Lead;
import dev.outreach.lead.Stage;
import dev.outreach.lead.StageTransition;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

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

    /**
     * Every lead, or every lead of one owner when {@code owner} is not null, ordered by id and
     * streamed without loading them all into memory. The consumer must not call the store.
     */
    void scan(String owner, Consumer<Lead> consumer);

    /**
     * Every stage transition (of one owner's leads when {@code owner} is not null), ordered by lead id,
     * then oldest first; streamed. The consumer must not call the store.
     */
    void scanTransitions(String owner, Consumer<StageTransition> consumer);

    /** The ids among {@code ids} that stored leads have. */
    Set<String> existingIds(Collection<String> ids);

    /** The normalised emails among {@code emails} that stored leads have. */
    Set<String> existingEmails(Collection<String> emails);

    /**
     * Stores several new leads, each with its first transition ({@code initial.get(i)} belongs to
     * {@code leads.get(i)}), in one transaction: all of them or, on any failure, none.
     */
    void createAll(List<Lead> leads, List<StageTransition> initial) throws DuplicateKeyException;

    /**
     * Every lead whose email is one of {@code emails} or whose phone is one of {@code phones}
     * (data-subject requests), ordered by id. Empty collections match nothing.
     */
    List<Lead> withContact(Collection<String> emails, Collection<String> phones);

    /**
     * Erasure and storage limitation: irreversibly clears the lead's personal fields (email, phone,
     * first and last name, company, region, time zone) and sets {@code updated_at}; the id, country,
     * stage, outcome, owner, source, qualification and stage history stay, so funnel counts do not
     * change. Durable when it returns.
     *
     * @return false when there is no such lead
     */
    boolean anonymise(String id, Instant at);

    /**
     * Storage limitation: leads that still hold personal data and had no activity since
     * {@code cutoff} (created, updated, changed stage or touched before it, and no touch at or after
     * it), ordered by id, after {@code afterId} when it is not null (paging), at most {@code limit}.
     */
    List<InactiveLead> inactiveSince(Instant cutoff, String afterId, int limit);
}
