package io.evidencesync.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** core is the contract and the publisher: it must not know about any CI system, the Lambda runtime or a CLI. */
class LayeringTest {
    private static final JavaClasses CORE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.evidencesync.core");

    @Test
    void shouldNotDependOnCiSystemsLambdaOrCliLibraries() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage(
                        "hudson..", "jenkins..", "org.jenkinsci..", "org.kohsuke..",
                        "com.amazonaws.services.lambda..", "com.amazonaws.lambda..",
                        "picocli..", "org.apache.commons.cli..",
                        "io.evidencesync.bridge..", "io.evidencesync.cli..", "io.jenkins..")
                .because("core is shared by the Jenkins plugin, the CLI/GitHub Action and the Lambda bridge")
                .check(CORE);
    }

    @Test
    void shouldNotReadTheEnvironmentOrExitTheProcess() {
        noClasses().should().callMethod(System.class, "getenv", String.class)
                .orShould().callMethod(System.class, "getenv")
                .orShould().callMethod(System.class, "exit", int.class)
                .because("adapters pass configuration in; core stays testable and embeddable")
                .check(CORE);
    }
}
