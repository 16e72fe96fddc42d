package dev.outreach.policy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The policy engine is pure: no web framework, SQL, mail, or adapters of ours. */
class PolicyArchitectureTest {

    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.outreach");

    @Test
    void policyDependsOnNoAdapter() {
        noClasses().that().resideInAPackage("dev.outreach.policy..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "dev.outreach.web..", "dev.outreach.store..", "dev.outreach.mail..", "dev.outreach.gateway..",
                        "dev.outreach.suppression..", "dev.outreach.template..", "dev.outreach.config..",
                        "io.javalin..", "java.sql..", "javax.sql..", "jakarta.mail..", "freemarker..", "java.io..",
                        "java.nio.file..", "java.net..")
                .check(classes);
    }

    @Test
    void policyRulesNeverReadTheSystemClock() {
        noClasses().that().resideInAPackage("dev.outreach.policy..")
                .should().callMethod(java.time.Instant.class, "now")
                .orShould().callMethod(java.time.Clock.class, "systemUTC")
                .orShould().callMethod(java.time.Clock.class, "systemDefaultZone")
                .orShould().callMethod(System.class, "currentTimeMillis")
                .check(classes);
    }
}
