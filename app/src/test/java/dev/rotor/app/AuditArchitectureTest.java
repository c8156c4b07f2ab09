package dev.rotor.app;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The audit package stands on the kernel alone, so it can take part in no package cycle, and
 * nothing else on the query side leans on it (it reads the event store, not other read models).
 */
class AuditArchitectureTest {

    private static JavaClasses rotor;

    @BeforeAll
    static void importClasses() {
        rotor = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.rotor");
    }

    @Test
    void theAuditDependsOnNoOtherRotorPackageButTheKernel() {
        noClasses().that().resideInAPackage("dev.rotor.query.audit..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.rotor.query", "dev.rotor.query.account..",
                        "dev.rotor.query.session..", "dev.rotor.query.token..", "dev.rotor.query.web..",
                        "dev.rotor.command..", "dev.rotor.app..")
                .check(rotor);
    }

    /** The module's wiring (the root package's configuration, which builds every read model) aside. */
    @Test
    void noOtherQueryPackageDependsOnTheAudit() {
        noClasses().that().resideInAPackage("dev.rotor.query..").and().resideOutsideOfPackage("dev.rotor.query.audit..")
                .and().resideOutsideOfPackage("dev.rotor.query")
                .should().dependOnClassesThat().resideInAPackage("dev.rotor.query.audit..")
                .check(rotor);
    }
}
