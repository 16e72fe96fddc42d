package dev.outreach.gateway;

import dev.outreach.contact.Jurisdictions;
import dev.outreach.lead.Lead;
import dev.outreach.lead.Touch;
import dev.outreach.policy.Channel;
import dev.outreach.policy.ConsentFact;
import dev.outreach.policy.Facts;
import dev.outreach.policy.MessageFacts;
import dev.outreach.policy.PolicySettings;
import dev.outreach.policy.TouchFact;
import dev.outreach.policy.Verdict;
import dev.outreach.store.Touches;
import dev.outreach.template.SenderIdentity;
import dev.outreach.template.TemplateInfo;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Collects, before a decision, every fact the rules may read about one attempt. */
public final class FactGatherer {

    private final SuppressionRegister suppressions;
    private final Touches touches;
    private final ConsentLedger consents;
    private final Jurisdictions jurisdictions;
    private final Duration lookback;

    /**
     * @param consents the consent ledger, read for the address's GDPR and EMAIL_OPT_IN consents
     * @param jurisdictions decides whether the recipient is protected by the GDPR or UK GDPR
     */
    public FactGatherer(SuppressionRegister suppressions, Touches touches, PolicySettings settings,
                        ConsentLedger consents, Jurisdictions jurisdictions) {
        this.suppressions = suppressions;
        this.touches = touches;
        this.consents = consents;
        this.jurisdictions = jurisdictions;
        this.lookback = settings.duplicateWindow().compareTo(settings.frequencyWindow()) > 0
                ? settings.duplicateWindow() : settings.frequencyWindow();
    }

    /**
     * Suppressions, recent touches, the address's consents (revoked ones included, for the rules to
     * explain), whether an EMAIL_OPT_IN consent is in force at {@code now} (CAN-SPAM affirmative
     * consent), and the recipient's jurisdiction from the lead's country, its phone number and the
     * address's domain.
     */
    public Facts forEmail(Recipient recipient, Lead lead, MessageFacts message, Instant now) {
        List<TouchFact> recent = touches.toRecipientSince(recipient.key(), now.minus(lookback)).stream()
                .filter(t -> !t.dryRun())
                .map(FactGatherer::toFact)
                .toList();
        List<ConsentFact> onFile = consents.factsFor(recipient.key(), Channel.EMAIL);
        boolean optIn = onFile.stream()
                .anyMatch(c -> c.kind().equals(ConsentKind.EMAIL_OPT_IN.name()) && c.activeAt(now));
        return new Facts(lead, suppressions.emailHits(recipient.address()), suppressions.unreadableEmailLists(),
                message, recent, optIn, null, jurisdictions.of(lead, recipient.address(), null), onFile);
    }

    /**
     * Content facts of a message from its template's lint and the sender configuration: a template
     * with a footer address still fails when no postal address is configured.
     */
    public static MessageFacts messageFacts(TemplateInfo info, SenderIdentity sender, String subject) {
        MessageFacts lint = info.messageFacts(sender.email());
        return new MessageFacts(sender.email(), subject, lint.hasOptOutLink(),
                lint.hasPostalAddress() && sender.hasPostalAddress(), lint.hasAdDisclosure());
    }

    /** An earlier touch as the frequency, duplicate and state-cap rules see it. */
    static TouchFact toFact(Touch t) {
        return new TouchFact(t.at(), t.channel(), t.template(), t.purpose(), t.decision() == Verdict.ALLOW);
    }
}
