package dev.outreach;

import dev.outreach.config.ConfigKey;
import dev.outreach.config.GatewayConfig;
import dev.outreach.config.StateRulePackReader;
import dev.outreach.contact.Jurisdictions;
import dev.outreach.policy.PolicyEngine;
import dev.outreach.policy.PolicySettings;
import dev.outreach.policy.RuleBook;
import dev.outreach.policy.state.StateRulePack;

import java.util.HashSet;

/**
 * The rules in force: the engine with the configured caps and windows, the state rule pack (shipped
 * or configured) and the jurisdictions a recipient can fall under.
 */
public record PolicyInForce(PolicySettings settings, StateRulePack statePack, PolicyEngine engine,
                            Jurisdictions jurisdictions) {

    static PolicyInForce from(GatewayConfig config) {
        PolicySettings settings = new PolicySettings(new HashSet<>(config.senderDomains()),
                config.integer(ConfigKey.POLICY_FREQUENCY_CAP), config.duration(ConfigKey.POLICY_FREQUENCY_WINDOW),
                config.duration(ConfigKey.POLICY_DUPLICATE_WINDOW), config.date(ConfigKey.POLICY_REVOKE_ALL_SCOPE_FROM));
        StateRulePack statePack = config.isSet(ConfigKey.POLICY_STATE_RULES)
                ? StateRulePackReader.fromFile(config.path(ConfigKey.POLICY_STATE_RULES))
                : StateRulePackReader.fromClasspath();
        return new PolicyInForce(settings, statePack, RuleBook.engine(settings, statePack), Jurisdictions.shipped());
    }
}
