/*
 * Copyright 2026-present the original author or authors.
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *      https://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */

package io.ngi.spring;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * Keeps the Spring module's layout: annotations depend on no Boot code, the core
 * auto-configuration never touches the optional Actuator and Micrometer types, and
 * auto-configuration classes follow Boot's conventions.
 */
class SpringArchitectureTests {

	private static JavaClasses classes;

	@BeforeAll
	static void importClasses() {
		classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
			.importPackages("io.ngi.spring");
	}

	@Test
	void annotationsDependOnNoBootCode() {
		noClasses().that()
			.resideInAPackage("io.ngi.spring.annotation")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("io.ngi.spring.boot..", "org.springframework.boot..")
			.check(classes);
	}

	@Test
	void coreAutoConfigurationUsesNoOptionalDependency() {
		noClasses().that()
			.resideInAPackage("io.ngi.spring.boot.autoconfigure")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("io.ngi.spring.boot.actuate..", "io.micrometer..", "org.springframework.boot.actuate..",
					"org.springframework.boot.health..", "org.springframework.boot.micrometer..")
			.check(classes);
	}

	@Test
	void mainCodeUsesNoTestFramework() {
		// The test slice lives in ngi-spring-boot-test; this jar must run without
		// spring-test or JUnit on the class path.
		noClasses().should()
			.dependOnClassesThat()
			.resideInAnyPackage("org.springframework.test..", "org.springframework.boot.test..", "org.junit..")
			.check(classes);
	}

	@Test
	void autoConfigurationsArePublicFinal() {
		classes().that()
			.haveSimpleNameEndingWith("AutoConfiguration")
			.should()
			.bePublic()
			.andShould()
			.haveModifier(JavaModifier.FINAL)
			.check(classes);
	}

	@Test
	void packagesHaveNoCycles() {
		slices().matching("io.ngi.spring.(**)").should().beFreeOfCycles().check(classes);
	}

}
