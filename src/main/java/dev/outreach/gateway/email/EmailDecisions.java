package dev.outreach.gateway.email;

import dev.outreach.audit.AuditTrail;
import dev.outreach.contact.EmailAddresses;
import dev.outreach.gateway.Actor;
import dev.outreach.gateway.ResponseMemory;
import dev.outreach.gateway.SuppressionRegister;
import dev.outreach.store.Touch;
import dev.outreach.mail.ComposedMessage;
import dev.outreach.mail.MimeComposer;
import dev.outreach.mail.OutgoingEmail;
import dev.outreach.policy.Channel;
import dev.outreach.policy.Decision;
import dev.outreach.policy.Facts;
import dev.outreach.policy.PolicyEngine;
import dev.outreach.policy.Purpose;
import dev.outreach.store.KnownRecipients;
import dev.outreach.store.Outbox;
import dev.outreach.store.OutboxMessage;
import dev.outreach.store.OutboxStatus;
import dev.outreach.store.TimeOrderedIds;
import dev.outreach.store.Touches;
import dev.outreach.store.Transactions;
import dev.outreach.template.RenderedMessage;
import dev.outreach.template.SenderIdentity;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The email decision path that every entry point uses (API send and check, console preview and
 * send, batch checks): resolve → gather facts → decide → record → queue.
 *
 * <p>A send is decided under its recipient's lock ({@link Transactions#serialisedFor}) and its
 * audit entry, subject record, outbox row, touch and remembered answer commit in one unit of work
 * ({@link Transactions#atomically}), so after a crash either all of them exist or none does, and
 * two concurrent sends to one person cannot both pass {@code policy.duplicate}.
 */
public final class EmailDecisions {

    /** What a rep or tool asks to send; exactly one of leadId and to is set. */
    public record SendRequest(String leadId, String to, String template, Map<String, Object> data,
                              String idempotencyKey) {
    }

    /** "May this email go?" — {@code purpose} may be null when a template (which declares one) is named. */
    public record CheckRequest(String leadId, String email, Purpose purpose, String template, Instant at,
                               String idempotencyKey) {
    }

    /** The decision and, when allowed, the queued message. */
    public record Sent(Decision decision, String messageId, OutboxStatus status) {
    }

    /** What a decision relied upon, before it is recorded. */
    private record Judged(Decision decision, Map<String, Object> evidence) {
    }

    private final EmailAttempts attempts;
    private final EmailFacts facts;
    private final SuppressionRegister suppressions;
    private final PolicyEngine engine;
    private final AuditTrail audit;
    private final Transactions transactions;
    private final Touches touches;
    private final Outbox outbox;
    private final MimeComposer composer;
    private final SenderIdentity sender;
    private final String unsubscribeMailto;
    private final Clock clock;

    public EmailDecisions(EmailAttempts attempts, EmailFacts facts, SuppressionRegister suppressions,
                          PolicyEngine engine, AuditTrail audit, Transactions transactions, Touches touches,
                          Outbox outbox, MimeComposer composer, SenderIdentity sender, String unsubscribeMailto,
                          Clock clock) {
        this.attempts = attempts;
        this.facts = facts;
        this.suppressions = suppressions;
        this.engine = engine;
        this.audit = audit;
        this.transactions = transactions;
        this.touches = touches;
        this.outbox = outbox;
        this.composer = composer;
        this.sender = sender;
        this.unsubscribeMailto = unsubscribeMailto;
        this.clock = clock;
    }

    /** Decides, records and (when allowed) queues one templated email. */
    public Sent send(SendRequest request, Actor actor, ResponseMemory<Sent> memory) {
        EmailAttempt attempt = attempts.toSend(request.leadId(), request.to(), request.template(), request.data(),
                actor);
        return transactions.serialisedFor(attempt.recipient().key(), () -> {
            Judged judged = judge(attempt);
            ComposedMessage mime = judged.decision().allowed() ? compose(attempt) : null;
            AuditTrail.DecisionDraft draft = draft(judged, attempt, actor, request.idempotencyKey());
            return transactions.atomically("email send", () -> {
                Decision decision = audit.record(draft);
                String messageId = mime == null ? null : queue(mime, attempt);
                touches.record(touch(decision, attempt, messageId));
                Sent sent = new Sent(decision, messageId, messageId == null ? null : OutboxStatus.QUEUED);
                memory.remember(sent);
                return sent;
            });
        });
    }

    /** A dry run judged exactly as a send would be, audited as a CHECK; nothing sent, no touch recorded. */
    public Decision check(CheckRequest request, Actor actor, ResponseMemory<Decision> memory) {
        EmailAttempt attempt = attempts.toCheck(request.leadId(), request.email(), request.purpose(),
                request.template(), request.at(), actor);
        AuditTrail.DecisionDraft draft = draft(judge(attempt), attempt, actor, request.idempotencyKey());
        return transactions.atomically("email check", () -> {
            Decision decision = audit.record(draft);
            memory.remember(decision);
            return decision;
        });
    }

    /** The decision a check would give, not recorded: what a console preview shows while a rep types. */
    public Decision preview(CheckRequest request, Actor actor) {
        return decide(attempts.toCheck(request.leadId(), request.email(), request.purpose(), request.template(),
                request.at(), actor));
    }

    /**
     * A batch row's decision, not recorded: as {@link #preview}, with what the store holds looked up
     * in {@code asOf} (one look for a run of rows) and no evidence, which only an audit entry keeps.
     */
    public Decision preview(CheckRequest request, Actor actor, KnownRecipients asOf) {
        return decide(attempts.toCheck(request.leadId(), request.email(), request.purpose(), request.template(),
                request.at(), actor, asOf));
    }

    private Decision decide(EmailAttempt attempt) {
        Instant now = attempt.at() != null ? attempt.at() : clock.instant();
        return engine.decide(attempt.attempt(), facts.of(attempt, now), clock);
    }

    private Judged judge(EmailAttempt attempt) {
        Instant now = attempt.at() != null ? attempt.at() : clock.instant();
        // The list versions are taken before the facts, so the evidence never names a newer list than was read.
        List<Map<String, Object>> lists = suppressions.consultedEmailLists();
        Facts gathered = facts.of(attempt, now);
        return new Judged(engine.decide(attempt.attempt(), gathered, clock), EmailEvidence.of(lists, gathered, now));
    }

    private AuditTrail.DecisionDraft draft(Judged judged, EmailAttempt attempt, Actor actor, String idempotencyKey) {
        return audit.draft(judged.decision(), attempt.attempt(), attempt.recipient().key(),
                attempt.recipient().address(), actor.auditName(), idempotencyKey, judged.evidence());
    }

    private ComposedMessage compose(EmailAttempt attempt) {
        RenderedMessage rendered = attempt.rendered();
        boolean commercial = rendered.commercial();
        return composer.compose(new OutgoingEmail(sender.name(), sender.email(), attempt.recipient().address(),
                rendered.subject(), rendered.text(), rendered.html(), commercial,
                commercial ? attempt.unsubscribeUrl() : null, commercial ? unsubscribeMailto : null,
                EmailAddresses.domainOf(sender.email())));
    }

    private String queue(ComposedMessage mime, EmailAttempt attempt) {
        Instant now = clock.instant();
        outbox.enqueue(new OutboxMessage(mime.messageId(), attempt.lead() == null ? null : attempt.lead().id(),
                attempt.recipient().address(), attempt.recipient().key(), mime.mime(), OutboxStatus.QUEUED, 0, now,
                null, now, now));
        return mime.messageId();
    }

    private static Touch touch(Decision decision, EmailAttempt attempt, String messageId) {
        return new Touch(TimeOrderedIds.next(decision.decidedAt().toEpochMilli()),
                attempt.lead() == null ? null : attempt.lead().id(), attempt.recipient().key(), Channel.EMAIL,
                attempt.purpose(), attempt.lead() == null ? null : attempt.lead().stage(), attempt.template().name(),
                decision.decision(), decision.blockingRules(), decision.auditId(), messageId, false,
                decision.decidedAt());
    }
}
