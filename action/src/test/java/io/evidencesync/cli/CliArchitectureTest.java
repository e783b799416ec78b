package io.evidencesync.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Only {@link Main} touches the process: everything else takes its environment, streams and directory as values. */
class CliArchitectureTest {
    private static final JavaClasses CLI = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.evidencesync.cli");

    @Test
    void shouldReadTheEnvironmentAndExitOnlyInMain() {
        noClasses().that().doNotHaveFullyQualifiedName(Main.class.getName())
                .should().callMethod(System.class, "getenv", String.class)
                .orShould().callMethod(System.class, "getenv")
                .orShould().callMethod(System.class, "exit", int.class)
                .orShould().accessField(System.class, "out")
                .orShould().accessField(System.class, "err")
                .because("commands take a CliContext so tests can drive them")
                .check(CLI);
    }

    @Test
    void shouldKeepCiSystemsOutOfTheSubcommandPlumbing() {
        noClasses().that().resideInAPackage("io.evidencesync.cli.provenance..")
                .should().dependOnClassesThat().resideInAnyPackage("io.evidencesync.cli.github..", "software.amazon..")
                .check(CLI);
    }
}
