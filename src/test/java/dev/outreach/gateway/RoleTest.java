package dev.outreach.gateway;

import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class RoleTest {

    @Test
    void adminMayDoEverythingAndIntegrationEverythingARepMay() {
        assertThat(EnumSet.allOf(Role.class)).allMatch(Role.ADMIN::satisfies);
        assertThat(Role.INTEGRATION.satisfies(Role.REP)).isTrue();
        assertThat(Role.INTEGRATION.satisfies(Role.COMPLIANCE)).isFalse();
        assertThat(Role.REP.satisfies(Role.INTEGRATION)).isFalse();
        assertThat(Role.COMPLIANCE.satisfies(Role.REP)).isFalse();
        assertThat(Role.REP.satisfies(Role.ADMIN)).isFalse();
    }

    @Test
    void aStoredRoleIsReadOnlyAsItsExactNameSoAnythingElseGrantsNothing() {
        assertThat(Role.parse("COMPLIANCE")).contains(Role.COMPLIANCE);
        assertThat(Role.parse("rep")).isEqualTo(Optional.empty());
        assertThat(Role.parse(" REP")).isEmpty();
        assertThat(Role.parse("NONE")).isEmpty();
        assertThat(Role.parse(null)).isEmpty();
    }

    @Test
    void theAuditLogNamesAKeyHolderByNameRoleAndKeyAndTheOthersInAWord() {
        assertThat(new Actor.KeyHolder("k1", "ann", Role.REP).auditName()).isEqualTo("ann (REP, key:k1)");
        assertThat(Actor.SYSTEM.auditName()).isEqualTo("system");
        assertThat(Actor.RECIPIENT.auditName()).isEqualTo("recipient");
    }

    @Test
    void aRepActsOnlyOnLeadsItOwnsAndEveryoneElseOnAnyLead() {
        Actor.KeyHolder ann = new Actor.KeyHolder("k1", "ann", Role.REP);
        assertThat(ann.mayActOnLeadOwnedBy("ann")).isTrue();
        assertThat(ann.mayActOnLeadOwnedBy("bob")).isFalse();
        assertThat(ann.mayActOnLeadOwnedBy(null)).isFalse();
        assertThat(new Actor.KeyHolder("k2", "crm", Role.INTEGRATION).mayActOnLeadOwnedBy("bob")).isTrue();
        assertThat(Actor.SYSTEM.mayActOnLeadOwnedBy("bob")).isTrue();
    }
}
