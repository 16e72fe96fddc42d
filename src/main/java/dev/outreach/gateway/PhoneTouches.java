package dev.outreach.gateway;

import dev.outreach.audit.AuditKind;
import dev.outreach.audit.AuditTrail;
import dev.outreach.audit.RecipientPseudonyms;
import dev.outreach.contact.InvalidPhoneNumberException;
import dev.outreach.contact.PhoneNumbers;
import dev.outreach.lead.Lead;
import dev.outreach.store.Touch;
import dev.outreach.policy.Attempt;
import dev.outreach.policy.Channel;
import dev.outreach.policy.ConsentFact;
import dev.outreach.policy.Decision;
import dev.outreach.policy.Dialer;
import dev.outreach.policy.PolicyEngine;
import dev.outreach.policy.Purpose;
import dev.outreach.policy.tcpa.RevocationConfirmation;
import dev.outreach.store.AuditEntries;
import dev.outreach.store.KnownRecipients;
import dev.outreach.store.Leads;
import dev.outreach.store.TimeOrderedIds;
import dev.outreach.store.Touches;
import dev.outreach.store.Transactions;
import dev.outreach.suppression.NationalDncLoad;
import dev.outreach.suppression.NationalDncRegistry;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Clearing calls and texts before they are made: the decision is audited first, then an allowed
 * call gets a callId (its touch id) and an allowed text a textId. Checks judge the same way and
 * record no touch.
 */
public final class PhoneTouches {

    /**
     * A call or text someone wants to make; {@code at} judges it as if made at that instant.
     * {@code confirmation} marks the one text that may confirm a revocation (47 CFR 64.1200(a)(12)).
     * {@code subject} is what the call or text is about (null: not stated); it is recorded on the touch.
     */
    public record Request(Channel channel, String leadId, String phone, Purpose purpose, Dialer dialer, Instant at,
                          boolean dryRun, String idempotencyKey, boolean confirmation, String subject) {

        public Request(Channel channel, String leadId, String phone, Purpose purpose, Dialer dialer, Instant at,
                       boolean dryRun, String idempotencyKey, boolean confirmation) {
            this(channel, leadId, phone, purpose, dialer, at, dryRun, idempotencyKey, confirmation, null);
        }

        public Request(Channel channel, String leadId, String phone, Purpose purpose, Dialer dialer, Instant at,
                       boolean dryRun, String idempotencyKey) {
            this(channel, leadId, phone, purpose, dialer, at, dryRun, idempotencyKey, false);
        }

        /** What the attempt and its touch carry in the template slot: the confirmation marker, or nothing. */
        String template() {
            return confirmation ? RevocationConfirmation.MARKER : null;
        }
    }

    /** The decision, the lead it concerned (if known) and the id of the cleared touch. */
    public record Clearance(Decision decision, Lead lead, String touchId) {
    }

    public static final List<String> CALL_OUTCOMES = List.of("CONNECTED", "NO_ANSWER", "VOICEMAIL", "DNC_REQUESTED",
            "WRONG_NUMBER");

    private final Leads leads;
    private final Touches touches;
    private final PhoneFactGatherer facts;
    private final PolicyEngine engine;
    private final AuditTrail audit;
    private final RecipientPseudonyms pseudonyms;
    private final NationalDncRegistry registry;
    private final ConsentLedger consents;
    private final AuditEntries subjects;
    private final Transactions transactions;
    private final KnownRecipients known;
    private final Clock clock;

    public PhoneTouches(Leads leads, Touches touches, PhoneFactGatherer facts, PolicyEngine engine, AuditTrail audit,
                        RecipientPseudonyms pseudonyms, NationalDncRegistry registry, ConsentLedger consents,
                        AuditEntries subjects, Transactions transactions, KnownRecipients known, Clock clock) {
        this.leads = leads;
        this.touches = touches;
        this.facts = facts;
        this.engine = engine;
        this.audit = audit;
        this.pseudonyms = pseudonyms;
        this.registry = registry;
        this.consents = consents;
        this.subjects = subjects;
        this.transactions = transactions;
        this.known = known;
        this.clock = clock;
    }

    /**
     * Who is reached and how, resolved once: the lead (if known), the number and its pseudonym, and
     * whether the store holds anything about the number at all ({@link KnownRecipients}).
     */
    private record Prepared(Lead lead, Recipient recipient, Attempt attempt, boolean stored) {
    }

    /**
     * Decides a call or text. A real one is decided under the number's lock and its audit entry,
     * subject record, touch and remembered answer commit together; a dry run records only its audit
     * entry (and answer).
     */
    public Clearance clear(Request request, Actor actor, ResponseMemory<Clearance> memory) {
        Prepared p = prepare(request, actor, known);
        if (request.dryRun()) {
            return decideAndRecord(request, actor, memory, p);
        }
        return transactions.serialisedFor(p.recipient().key(), () -> decideAndRecord(request, actor, memory, p));
    }

    /** Without an idempotency key: nothing to remember beside the decision. */
    public Clearance clear(Request request, Actor actor) {
        return clear(request, actor, ResponseMemory.none());
    }

    /** The decision a check would give, recorded nowhere (a batch scrub audits its rows together). */
    public Decision preview(Request request, Actor actor) {
        return preview(request, actor, known);
    }

    /** As {@link #preview(Request, Actor)}, with what the store holds looked up in {@code asOf} (a batch's look). */
    public Decision preview(Request request, Actor actor, KnownRecipients asOf) {
        Prepared p = prepare(request, actor, asOf);
        Instant now = request.at() != null ? request.at() : clock.instant();
        return engine.decide(p.attempt(), facts.gather(p.recipient(), request.channel(), p.lead(), now, p.stored()).facts(), clock);
    }

    private Prepared prepare(Request request, Actor actor, KnownRecipients asOf) {
        Lead lead;
        String number;
        boolean stored = true;
        if (request.leadId() != null) {
            lead = leads.find(request.leadId()).orElseThrow(() ->
                    RejectedRequest.notFound("leadId", "no lead with this id"));
            requireOwnership(actor, lead, "leadId");
            if (lead.phone() == null) {
                throw RejectedRequest.unprocessable("leadId", "the lead has no phone number");
            }
            number = e164(lead.phone(), lead);
        } else {
            String parsed = e164(request.phone(), null);
            stored = asOf.now().mayHoldAny(List.of(parsed, pseudonyms.phone(parsed)));
            lead = stored ? leads.findByPhone(parsed).orElse(null) : null;
            requireOwnership(actor, lead, "phone");
            // The lead's country decides how a national-format number reads.
            number = lead == null ? parsed : e164(request.phone(), lead);
        }
        Recipient recipient = new Recipient(request.channel(), number, pseudonyms.phone(number));
        Attempt attempt = new Attempt(request.channel(), request.purpose(), number, lead == null ? null : lead.id(),
                request.template(), request.dialer(), request.at(), request.dryRun(), request.subject());
        return new Prepared(lead, recipient, attempt, stored);
    }

    /** A REP clears calls and texts only to its own leads, also when it names the number instead. */
    private static void requireOwnership(Actor actor, Lead lead, String field) {
        if (!actor.mayActOnLeadOwnedBy(lead == null ? null : lead.owner())) {
            throw new RejectedRequest(RejectedRequest.Kind.FORBIDDEN, field,
                    "a REP key may only clear calls and texts to its own leads");
        }
    }

    private Clearance decideAndRecord(Request request, Actor actor, ResponseMemory<Clearance> memory, Prepared p) {
        Instant now = request.at() != null ? request.at() : clock.instant();
        PhoneFactGatherer.Gathered gathered = facts.gather(p.recipient(), request.channel(), p.lead(), now,
                p.stored());
        Decision judged = engine.decide(p.attempt(), gathered.facts(), clock);
        AuditTrail.DecisionDraft draft = audit.draft(judged, p.attempt(), p.recipient().key(),
                p.recipient().address(), actor.auditName(), request.idempotencyKey(), evidence(gathered, now));
        return transactions.atomically(request.dryRun() ? "phone check" : "phone clearance", () -> {
            Decision decision = audit.record(draft);
            String touchId = request.dryRun() ? null : recordTouch(request, p.lead(), p.recipient(), decision);
            Clearance clearance = new Clearance(decision, p.lead(), touchId);
            memory.remember(clearance);
            return clearance;
        });
    }

    /** @return the touch id when the call or text was allowed (the callId or textId), else null */
    private String recordTouch(Request request, Lead lead, Recipient recipient, Decision decision) {
        String touchId = TimeOrderedIds.next(decision.decidedAt().toEpochMilli());
        touches.record(new Touch(touchId, lead == null ? null : lead.id(), recipient.key(), request.channel(),
                request.purpose(), lead == null ? null : lead.stage(), request.template(), decision.decision(),
                decision.blockingRules(), decision.auditId(), decision.allowed() ? touchId : null, false,
                decision.decidedAt(), request.dialer(), request.subject()));
        return decision.allowed() ? touchId : null;
    }

    /**
     * Logs how a cleared call went. DNC_REQUESTED puts the number on the company do-not-call list
     * and revokes its consents before this returns. Free-text notes are not kept (data
     * minimisation); only their length is audited.
     */
    public Touch recordOutcome(String callId, String outcome, Integer durationSeconds, String notes, Actor actor) {
        Touch call = touches.find(callId).filter(t -> t.channel() == Channel.CALL && callId.equals(t.reference()))
                .orElseThrow(() -> RejectedRequest.notFound("callId", "no cleared call with this id"));
        if (outcome.equals("DNC_REQUESTED")) {
            String number = subjects.readableSubject(call.recipientKey())
                    .orElseThrow(() -> RejectedRequest.unprocessable("callId", "the number of this call was erased"));
            consents.revokePhone(number, null, "call-outcome", actor);
        }
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("callId", callId);
        detail.put("outcome", outcome);
        detail.put("durationSeconds", durationSeconds);
        detail.put("notesLength", notes == null ? 0 : notes.length());
        audit.recordChange(AuditKind.CALL_OUTCOME, actor.auditName(), call.recipientKey(), call.leadId(), "CALL", detail);
        return call;
    }

    private String e164(String raw, Lead lead) {
        String region = lead != null && lead.country() != null ? lead.country() : "US";
        try {
            return PhoneNumbers.toE164(raw, region);
        } catch (InvalidPhoneNumberException e) {
            throw RejectedRequest.invalid("phone", e.getMessage());
        }
    }

    /** What the decision relied on, so an auditor can answer "which registry version, which consent?". */
    private Map<String, Object> evidence(PhoneFactGatherer.Gathered gathered, Instant now) {
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("consentIds", gathered.facts().phone().consents().stream().filter(c -> c.activeAt(now))
                .map(ConsentFact::id).toList());
        NationalDncLoad load = registry.status();
        Map<String, Object> reg = new LinkedHashMap<>();
        reg.put("asOf", registry.asOf() == null ? null : registry.asOf().toString());
        reg.put("sha256", load == null ? null : load.sha256());
        reg.put("numbers", load == null ? 0 : load.numbers());
        evidence.put("nationalDncRegistry", reg);
        evidence.put("location", gathered.location().detail());
        evidence.put("candidateZones", gathered.facts().phone().candidateZones().stream().map(Object::toString).sorted()
                .toList());
        evidence.put("candidateStates", gathered.facts().phone().candidateStates().stream().sorted().toList());
        return evidence;
    }
}
