package io.ngi;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * Keeps the package layout of docs/architecture.md: every dependency points at
 * {@code io.ngi}.
 */
class ArchitectureTests {

	private static JavaClasses classes;

	@BeforeAll
	static void importClasses() {
		classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
			.importPackages("io.ngi");
	}

	@Test
	void apiPackageImportsNoSubPackage() {
		noClasses().that()
			.resideInAPackage("io.ngi")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("io.ngi.(*)..")
			.check(classes);
	}

	@Test
	void packagesHaveNoCycles() {
		slices().matching("io.ngi.(*)..").should().beFreeOfCycles().allowEmptyShould(true).check(classes);
	}

}
