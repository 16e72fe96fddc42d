package dev.outreach.gateway.email;

import dev.outreach.contact.Jurisdictions;
import dev.outreach.gateway.CategoryPreferences;
import dev.outreach.gateway.ConsentKind;
import dev.outreach.gateway.ConsentLedger;
import dev.outreach.gateway.RecentTouches;
import dev.outreach.gateway.SuppressionRegister;
import dev.outreach.policy.Channel;
import dev.outreach.policy.ConsentFact;
import dev.outreach.policy.Facts;
import dev.outreach.policy.MessageFacts;
import dev.outreach.policy.PolicySettings;
import dev.outreach.policy.TouchFact;
import dev.outreach.template.SenderIdentity;
import dev.outreach.template.TemplateInfo;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/** Collects, before an email decision, every fact the rules may read about the attempt. */
public final class EmailFacts {

    private final SuppressionRegister suppressions;
    private final RecentTouches touches;
    private final ConsentLedger consents;
    private final Jurisdictions jurisdictions;
    private final CategoryPreferences categories;
    private final Duration lookback;

    /**
     * @param consents the consent ledger, read for the address's GDPR and EMAIL_OPT_IN consents
     * @param jurisdictions decides whether the recipient is protected by the GDPR or UK GDPR
     */
    public EmailFacts(SuppressionRegister suppressions, RecentTouches touches, PolicySettings settings,
                      ConsentLedger consents, Jurisdictions jurisdictions, CategoryPreferences categories) {
        this.suppressions = suppressions;
        this.touches = touches;
        this.consents = consents;
        this.jurisdictions = jurisdictions;
        this.categories = categories;
        this.lookback = settings.duplicateWindow().compareTo(settings.frequencyWindow()) > 0
                ? settings.duplicateWindow() : settings.frequencyWindow();
    }

    /**
     * Suppressions, recent touches, the address's consents (revoked ones included, for the rules to
     * explain), whether an EMAIL_OPT_IN consent is in force at {@code now} (CAN-SPAM affirmative
     * consent), and the recipient's jurisdiction from the lead's country, its phone number and the
     * address's domain, and the preference-centre categories the recipient opted down from.
     */
    Facts of(EmailAttempt attempt, Instant now) {
        String key = attempt.recipient().key();
        boolean stored = attempt.stored();
        List<TouchFact> recent = stored ? touches.since(key, now.minus(lookback)) : List.of();
        List<ConsentFact> onFile = stored ? consents.factsFor(key, Channel.EMAIL) : List.of();
        boolean optIn = onFile.stream()
                .anyMatch(c -> c.kind().equals(ConsentKind.EMAIL_OPT_IN.name()) && c.activeAt(now));
        String address = attempt.recipient().address();
        return new Facts(attempt.lead(), suppressions.emailHits(address, stored), suppressions.unreadableEmailLists(),
                attempt.content(), recent, optIn, null, jurisdictions.of(attempt.lead(), address, null), onFile,
                stored ? categories.optedOut(key) : Set.of());
    }

    /**
     * Content facts of a message from its template's lint and the sender configuration: a template
     * with a footer address still fails when no postal address is configured.
     */
    static MessageFacts messageFacts(TemplateInfo info, SenderIdentity sender, String subject) {
        MessageFacts lint = info.messageFacts(sender.email());
        return new MessageFacts(sender.email(), subject, lint.hasOptOutLink(),
                lint.hasPostalAddress() && sender.hasPostalAddress(), lint.hasAdDisclosure(), info.category());
    }
}
