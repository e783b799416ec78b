package io.evidencesync.bridge;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The Lambda runtime stays at the edge: only the two handlers know it. */
class HandlerArchitectureTest {
    private static final JavaClasses BRIDGE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importLocations(java.util.Set.of(
                    com.tngtech.archunit.core.importer.Location.of(S3EventHandler.class.getProtectionDomain().getCodeSource().getLocation()),
                    com.tngtech.archunit.core.importer.Location.of(io.evidencesync.core.EvidenceException.class
                            .getProtectionDomain().getCodeSource().getLocation())));

    @Test
    void shouldKeepLambdaTypesInTheHandlers() {
        noClasses().that().doNotHaveSimpleName("S3EventHandler").and().doNotHaveSimpleName("SqsEventHandler")
                .should().dependOnClassesThat().resideInAPackage("com.amazonaws.services.lambda..")
                .because("the bridge's logic is tested without a Lambda runtime; handlers are thin adapters")
                .check(BRIDGE);
    }

    @Test
    void shouldKeepTheHyperproofClientFreeOfLambdaAndBridgeTypes() {
        noClasses().that().resideInAPackage("io.evidencesync.core..")
                .should().dependOnClassesThat().resideInAnyPackage("com.amazonaws.services.lambda..", "io.evidencesync.bridge..")
                .check(BRIDGE);
    }
}
