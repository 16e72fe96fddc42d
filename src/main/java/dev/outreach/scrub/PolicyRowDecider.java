package dev.outreach.scrub;

import dev.outreach.audit.RecipientPseudonyms;
import dev.outreach.contact.InvalidPhoneNumberException;
import dev.outreach.contact.PhoneNumbers;
import dev.outreach.gateway.FactGatherer;
import dev.outreach.gateway.PhoneFactGatherer;
import dev.outreach.gateway.Recipient;
import dev.outreach.gateway.RecipientResolver;
import dev.outreach.gateway.RejectedRequest;
import dev.outreach.lead.Lead;
import dev.outreach.policy.Attempt;
import dev.outreach.policy.Channel;
import dev.outreach.policy.Decision;
import dev.outreach.policy.Facts;
import dev.outreach.policy.PolicyEngine;
import dev.outreach.policy.Purpose;
import dev.outreach.store.Leads;
import dev.outreach.template.SenderIdentity;
import dev.outreach.template.TemplateCatalog;
import dev.outreach.template.TemplateInfo;

import java.time.Clock;

/**
 * Decides a batch row with the same fact gathering and the same pure policy engine as a single
 * check ({@code EmailChecking}, {@code PhoneTouches}), but records nothing: the batch gets one
 * audit entry for all its rows. Every step mirrors the single check so both give the same decision
 * for the same input.
 */
public final class PolicyRowDecider implements RowDecider {

    private final RecipientResolver resolver;
    private final TemplateCatalog templates;
    private final FactGatherer emailFacts;
    private final PhoneFactGatherer phoneFacts;
    private final Leads leads;
    private final RecipientPseudonyms pseudonyms;
    private final PolicyEngine engine;
    private final SenderIdentity sender;
    private final Clock clock;

    public PolicyRowDecider(RecipientResolver resolver, TemplateCatalog templates, FactGatherer emailFacts,
                            PhoneFactGatherer phoneFacts, Leads leads, RecipientPseudonyms pseudonyms,
                            PolicyEngine engine, SenderIdentity sender, Clock clock) {
        this.resolver = resolver;
        this.templates = templates;
        this.emailFacts = emailFacts;
        this.phoneFacts = phoneFacts;
        this.leads = leads;
        this.pseudonyms = pseudonyms;
        this.engine = engine;
        this.sender = sender;
        this.clock = clock;
    }

    @Override
    public Decision decide(CheckRow row) {
        return row.channel() == Channel.EMAIL ? email(row) : phone(row);
    }

    private Decision email(CheckRow row) {
        RecipientResolver.Resolved who = resolver.email(row.leadId(), row.email(), "email");
        TemplateInfo info = row.template() == null ? null : templates.find(row.template()).orElseThrow(() ->
                RejectedRequest.unprocessable("template", "unknown template"));
        Purpose effective = info != null ? info.purpose() : row.purpose();
        if (effective != Purpose.COMMERCIAL && effective != Purpose.TRANSACTIONAL) {
            throw RejectedRequest.invalid("purpose", "email purpose must be COMMERCIAL or TRANSACTIONAL");
        }
        Attempt attempt = new Attempt(Channel.EMAIL, effective, who.recipient().address(),
                who.lead() == null ? null : who.lead().id(), row.template(), null, row.at(), true);
        Facts facts = emailFacts.forEmail(who.recipient(), who.lead(), info == null ? null
                : FactGatherer.messageFacts(info, sender, info.subject()), row.at());
        return engine.decide(attempt, facts, clock);
    }

    private Decision phone(CheckRow row) {
        Lead lead = row.leadId() != null
                ? leads.find(row.leadId()).orElseThrow(() -> RejectedRequest.notFound("leadId", "no lead with this id"))
                : leads.findByPhone(e164(row.phone(), null)).orElse(null);
        String raw = row.leadId() != null ? lead.phone() : row.phone();
        if (raw == null) {
            throw RejectedRequest.unprocessable("leadId", "the lead has no phone number");
        }
        String number = e164(raw, lead);
        Recipient recipient = new Recipient(row.channel(), number, pseudonyms.phone(number));
        Attempt attempt = new Attempt(row.channel(), row.purpose(), number, lead == null ? null : lead.id(), null,
                null, row.at(), true);
        PhoneFactGatherer.Gathered gathered = phoneFacts.gather(recipient, row.channel(), lead, row.at());
        return engine.decide(attempt, gathered.facts(), clock);
    }

    /** The lead's country decides how a national number is read; US otherwise, as for a single check. */
    private static String e164(String raw, Lead lead) {
        String region = lead != null && lead.country() != null ? lead.country() : "US";
        try {
            return PhoneNumbers.toE164(raw, region);
        } catch (InvalidPhoneNumberException e) {
            throw RejectedRequest.invalid("phone", e.getMessage());
        }
    }
}
