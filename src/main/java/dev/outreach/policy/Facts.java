package dev.outreach.policy;

import dev.outreach.lead.Lead;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Everything the rules may know about one attempt, gathered before the decision. Rules never look
 * anything up themselves; what is not here is unknown, and unknown fails closed.
 *
 * @param lead the lead record, or null for a bare address
 * @param suppressions every suppression entry (list file or runtime) matching the recipient
 * @param unreadableLists suppression lists of this channel that could not be read; their contents
 *                        are unknown, so marketing to anyone is blocked until they load
 * @param message email content facts, or null when no template was named (a recipient-only check)
 * @param recentTouches touches to the same recipient or lead within the longest window any rule uses
 * @param emailOptIn the recipient gave affirmative consent to commercial email
 * @param phone call/text facts, or null for an email
 * @param jurisdiction whether the recipient is protected by the GDPR or the UK GDPR, and which signal
 *                     decided; null when it was not determined (rules then treat the recipient as
 *                     protected, the stricter answer)
 * @param consents consents on file for the recipient's address (email), revoked ones included; for
 *                 calls and texts the number's consents are in {@link PhoneFacts#consents()}
 * @param optedOutCategories the preference-centre categories the recipient opted down from (email);
 *                           null when they were not gathered, which is unknown (fails closed for a
 *                           message that has a category)
 */
public record Facts(Lead lead, List<SuppressionHit> suppressions, List<String> unreadableLists,
                    MessageFacts message, List<TouchFact> recentTouches, boolean emailOptIn, PhoneFacts phone,
                    JurisdictionFact jurisdiction, List<ConsentFact> consents, Set<String> optedOutCategories) {

    public Facts(Lead lead, List<SuppressionHit> suppressions, List<String> unreadableLists, MessageFacts message,
                 List<TouchFact> recentTouches, boolean emailOptIn, PhoneFacts phone, JurisdictionFact jurisdiction,
                 List<ConsentFact> consents) {
        this(lead, suppressions, unreadableLists, message, recentTouches, emailOptIn, phone, jurisdiction, consents,
                null);
    }

    public Facts(Lead lead, List<SuppressionHit> suppressions, List<String> unreadableLists, MessageFacts message,
                 List<TouchFact> recentTouches, boolean emailOptIn) {
        this(lead, suppressions, unreadableLists, message, recentTouches, emailOptIn, null);
    }

    public Facts(Lead lead, List<SuppressionHit> suppressions, List<String> unreadableLists, MessageFacts message,
                 List<TouchFact> recentTouches, boolean emailOptIn, PhoneFacts phone) {
        this(lead, suppressions, unreadableLists, message, recentTouches, emailOptIn, phone, null, List.of());
    }

    public Facts {
        suppressions = List.copyOf(Objects.requireNonNull(suppressions, "suppressions"));
        unreadableLists = List.copyOf(Objects.requireNonNull(unreadableLists, "unreadableLists"));
        recentTouches = List.copyOf(Objects.requireNonNull(recentTouches, "recentTouches"));
        consents = consents == null ? List.of() : List.copyOf(consents);
        optedOutCategories = optedOutCategories == null ? null : Set.copyOf(optedOutCategories);
    }

    public static Facts none() {
        return new Facts(null, List.of(), List.of(), null, List.of(), false);
    }

    public boolean hasSuppression(SuppressionReason reason) {
        return hasSuppressionFor(Set.of(reason));
    }

    /** True when a suppression entry has one of these reasons. */
    public boolean hasSuppressionFor(Set<SuppressionReason> reasons) {
        for (SuppressionHit h : suppressions) {
            if (reasons.contains(h.reason())) {
                return true;
            }
        }
        return false;
    }

    /**
     * The consents on file for this channel, each once, in the order gathered: the address's for
     * email; the number's as well for calls and texts.
     */
    public List<ConsentFact> consentsFor(Channel channel) {
        Map<String, ConsentFact> byId = new LinkedHashMap<>();
        for (ConsentFact c : consents) {
            byId.putIfAbsent(c.id(), c);
        }
        if (channel != Channel.EMAIL && phone != null) {
            for (ConsentFact c : phone.consents()) {
                byId.putIfAbsent(c.id(), c);
            }
        }
        List<ConsentFact> out = new ArrayList<>();
        for (ConsentFact c : byId.values()) {
            if (c.channel() == channel) {
                out.add(c);
            }
        }
        return out;
    }

    public Facts withMessage(MessageFacts m) {
        return new Facts(lead, suppressions, unreadableLists, m, recentTouches, emailOptIn, phone,
                jurisdiction, consents, optedOutCategories);
    }

    public Facts withSuppressions(List<SuppressionHit> s) {
        return new Facts(lead, s, unreadableLists, message, recentTouches, emailOptIn, phone, jurisdiction,
                consents, optedOutCategories);
    }

    public Facts withRecentTouches(List<TouchFact> t) {
        return new Facts(lead, suppressions, unreadableLists, message, t, emailOptIn, phone, jurisdiction,
                consents, optedOutCategories);
    }

    public Facts withLead(Lead l) {
        return new Facts(l, suppressions, unreadableLists, message, recentTouches, emailOptIn, phone,
                jurisdiction, consents, optedOutCategories);
    }

    public Facts withUnreadableLists(List<String> u) {
        return new Facts(lead, suppressions, u, message, recentTouches, emailOptIn, phone, jurisdiction,
                consents, optedOutCategories);
    }

    public Facts withPhone(PhoneFacts p) {
        return new Facts(lead, suppressions, unreadableLists, message, recentTouches, emailOptIn, p,
                jurisdiction, consents, optedOutCategories);
    }

    public Facts withJurisdiction(JurisdictionFact j) {
        return new Facts(lead, suppressions, unreadableLists, message, recentTouches, emailOptIn, phone, j,
                consents, optedOutCategories);
    }

    public Facts withConsents(List<ConsentFact> c) {
        return new Facts(lead, suppressions, unreadableLists, message, recentTouches, emailOptIn, phone,
                jurisdiction, c, optedOutCategories);
    }

    public Facts withEmailOptIn(boolean optIn) {
        return new Facts(lead, suppressions, unreadableLists, message, recentTouches, optIn, phone, jurisdiction,
                consents, optedOutCategories);
    }

    /** The recipient's preference-centre opt-outs (empty set: none), as gathered for an email. */
    public Facts withOptedOutCategories(Set<String> categories) {
        return new Facts(lead, suppressions, unreadableLists, message, recentTouches, emailOptIn, phone,
                jurisdiction, consents, categories);
    }
}
