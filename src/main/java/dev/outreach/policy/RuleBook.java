package dev.outreach.policy;

import dev.outreach.policy.canspam.CanSpamSuppressionRule;
import dev.outreach.policy.canspam.MessageContentRule;
import dev.outreach.policy.email.BouncedAddressRule;
import dev.outreach.policy.email.SenderDomainRule;
import dev.outreach.policy.frequency.DuplicateTouchRule;
import dev.outreach.policy.frequency.FrequencyCapRule;
import dev.outreach.policy.gdpr.ErasedSubjectRule;
import dev.outreach.policy.gdpr.ObjectionRule;

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

    public static List<Rule> rules(PolicySettings settings) {
        return List.of(
                new SenderDomainRule(settings),
                new BouncedAddressRule(),
                new ErasedSubjectRule(),
                new ObjectionRule(),
                new CanSpamSuppressionRule(),
                new MessageContentRule(),
                new DuplicateTouchRule(settings),
                new FrequencyCapRule(settings));
    }

    public static PolicyEngine engine(PolicySettings settings) {
        List<Rule> rules = rules(settings);
        return new PolicyEngine(rules, version(rules, settings));
    }

    /** "r1-" + a short digest of the rule ids and settings, so any change of either shows in decisions. */
    static String version(List<Rule> rules, PolicySettings settings) {
        String material = rules.stream().map(Rule::id).collect(Collectors.joining(",")) + "|"
                + settings.senderDomains().stream().sorted().toList() + "|" + settings.frequencyCap() + "|"
                + settings.frequencyWindow() + "|" + settings.duplicateWindow();
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(material.getBytes(StandardCharsets.UTF_8));
            return "r" + RULES_REVISION + "-" + HexFormat.of().formatHex(d, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
