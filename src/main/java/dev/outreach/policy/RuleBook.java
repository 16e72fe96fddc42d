package dev.outreach.policy;

import dev.outreach.policy.canspam.CanSpamSuppressionRule;
import dev.outreach.policy.canspam.CategoryOptOutRule;
import dev.outreach.policy.canspam.MessageContentRule;
import dev.outreach.policy.email.BouncedAddressRule;
import dev.outreach.policy.email.SenderDomainRule;
import dev.outreach.policy.frequency.DuplicateTouchRule;
import dev.outreach.policy.frequency.FrequencyCapRule;
import dev.outreach.policy.gdpr.ErasedSubjectRule;
import dev.outreach.policy.gdpr.LawfulBasisRule;
import dev.outreach.policy.gdpr.ObjectionRule;
import dev.outreach.policy.intl.AustralianSpamConsentRule;
import dev.outreach.policy.intl.CaslConsentRule;
import dev.outreach.policy.intl.SwissUwgConsentRule;
import dev.outreach.policy.state.StateCallFrequencyRule;
import dev.outreach.policy.state.StateCallingDaysRule;
import dev.outreach.policy.state.StateCallingHoursRule;
import dev.outreach.policy.state.StateEbrRule;
import dev.outreach.policy.state.StateWrittenConsentRule;
import dev.outreach.policy.state.StateRulePack;
import dev.outreach.policy.tcpa.CallingHoursRule;
import dev.outreach.policy.tcpa.CompanyDncRule;
import dev.outreach.policy.tcpa.ConsentRule;
import dev.outreach.policy.tcpa.DncDataFreshRule;
import dev.outreach.policy.tcpa.NationalDncRule;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;

/** The list of every rule in force, in evaluation order, and the policy version it makes up. */
public final class RuleBook {

    /** Bumped when a rule's logic changes; the version also folds in the settings. */
    static final String RULES_REVISION = "1";

    private RuleBook() {
    }

    /** @param statePack the state rule pack (read by {@code dev.outreach.config.StateRulePackReader}) */
    public static List<Rule> rules(PolicySettings settings, StateRulePack statePack) {
        return List.of(
                new SenderDomainRule(settings),
                new BouncedAddressRule(),
                new ErasedSubjectRule(),
                new ObjectionRule(),
                new LawfulBasisRule(),
                new CaslConsentRule(),
                new SwissUwgConsentRule(),
                new AustralianSpamConsentRule(),
                new CanSpamSuppressionRule(),
                new CategoryOptOutRule(),
                new MessageContentRule(),
                new CompanyDncRule(),
                new NationalDncRule(),
                new DncDataFreshRule(),
                new ConsentRule(settings),
                new StateWrittenConsentRule(statePack),
                new StateEbrRule(statePack),
                new CallingHoursRule(),
                new StateCallingHoursRule(statePack),
                new StateCallingDaysRule(statePack),
                new StateCallFrequencyRule(statePack),
                new DuplicateTouchRule(settings),
                new FrequencyCapRule(settings));
    }

    public static PolicyEngine engine(PolicySettings settings, StateRulePack statePack) {
        List<Rule> rules = rules(settings, statePack);
        return new PolicyEngine(rules, version(rules, settings, statePack));
    }

    /**
     * "r1-" + a short digest of the rule ids, settings and state rule pack (version, content, rows
     * turned off, ad-hoc holidays), so any change of these shows in decisions.
     */
    static String version(List<Rule> rules, PolicySettings settings, StateRulePack statePack) {
        String material = rules.stream().map(Rule::id).collect(Collectors.joining(",")) + "|"
                + settings.senderDomains().stream().sorted().toList() + "|" + settings.frequencyCap() + "|"
                + settings.frequencyWindow() + "|" + settings.duplicateWindow() + "|" + statePack.fingerprint() + "|"
                + settings.revokeAllScopeFrom();
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(material.getBytes(StandardCharsets.UTF_8));
            return "r" + RULES_REVISION + "-" + HexFormat.of().formatHex(d, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
