package dev.rotor.app;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.axonframework.spring.stereotype.Aggregate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The module rules of STYLE.md, checked on the compiled classes of every module. */
class ArchitectureTest {

    private static JavaClasses rotor;

    @BeforeAll
    static void importClasses() {
        rotor = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.rotor");
    }

    @Test
    void commandSideNeverImportsQuerySide() {
        ArchRule rule = noClasses().that().resideInAPackage("dev.rotor.command..")
                .should().dependOnClassesThat().resideInAPackage("dev.rotor.query..");
        rule.check(rotor);
    }

    @Test
    void querySideNeverImportsCommandSide() {
        ArchRule rule = noClasses().that().resideInAPackage("dev.rotor.query..")
                .should().dependOnClassesThat().resideInAPackage("dev.rotor.command..");
        rule.check(rotor);
    }

    @Test
    void kernelHasNoSpringNoPersistenceNoCrypto() {
        ArchRule rule = noClasses().that().resideInAPackage("dev.rotor.kernel..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "jakarta.persistence..",
                        "com.nimbusds..", "org.bouncycastle..", "de.mkammerer..", "javax.crypto..",
                        "dev.rotor.command..", "dev.rotor.query..", "dev.rotor.app..");
        rule.check(rotor);
    }

    @Test
    void aggregatesHaveNoSpring() {
        ArchRule rule = noClasses().that().areAnnotatedWith(Aggregate.class)
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "jakarta.persistence..");
        rule.check(rotor);
    }

    @Test
    void theKernelAndTheSidesDoNotReachIntoTheApp() {
        ArchRule rule = noClasses().that().resideInAnyPackage("dev.rotor.command..", "dev.rotor.query..")
                .should().dependOnClassesThat().resideInAPackage("dev.rotor.app..");
        rule.check(rotor);
    }

    @Test
    void packagesAreFreeOfCycles() {
        slices().matching("dev.rotor.(**)").should().beFreeOfCycles().check(rotor);
    }
}
