package dev.outreach;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** The rooms of the house (ARCHITECTURE.md, "Layout") and which way their doors open. */
class ArchitectureTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.outreach");

    @Test
    void packagesFormNoCycles() {
        slices().matching("dev.outreach.(*)..").should().beFreeOfCycles().check(CLASSES);
    }

    @Test
    void webUsesNeitherJdbcNorMimeDirectly() {
        noClasses().that().resideInAPackage("dev.outreach.web..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.outreach.store.jdbc..", "jakarta.mail..",
                        "java.sql..")
                .check(CLASSES);
    }

    @Test
    void theModelDependsOnNoRule() {
        noClasses().that().resideInAPackage("dev.outreach.lead..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.outreach.policy..", "dev.outreach.store..",
                        "dev.outreach.gateway..", "dev.outreach.web..")
                .check(CLASSES);
    }
}
