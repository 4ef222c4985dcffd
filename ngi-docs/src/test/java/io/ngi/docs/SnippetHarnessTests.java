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

package io.ngi.docs;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The harness itself: a snippet that does not compile or whose assertion fails is
 * reported with its document line, directives give fragments their context, and blocks
 * become the right kind of Java.
 */
class SnippetHarnessTests {

	private static final Path DOCUMENT = Path.of("docs", "example.md");

	@TempDir
	Path work;

	@Test
	void blocksAreFoundWithTheirLinesAndDirectives() {
		List<Snippet> snippets = MarkdownSnippets.parse(DOCUMENT,
				List.of("# Title", "", "```java", "int a = 1;", "```", "", "```shell", "echo hi", "```",
						"<!-- snippet: compile -->", "```java", "int b = 2;", "```", "<!-- snippet: wrap",
						"class Holder {", "	$SNIPPET", "}", "-->", "", "  ```java", "  void run() {", "  }", "  ```"));
		assertThat(snippets).extracting(Snippet::line).containsExactly(4, 12, 21);
		assertThat(snippets.get(0).flags()).isEmpty();
		assertThat(snippets.get(1).compileOnly()).isTrue();
		assertThat(snippets.get(2).template()).isEqualTo("class Holder {\n	$SNIPPET\n}\n");
		assertThat(snippets.get(2).templateLine()).isEqualTo(15);
		assertThat(snippets.get(2).code()).isEqualTo("void run() {\n}\n");
	}

	@Test
	void unknownDirectiveFailsNamingIt() {
		assertThatIllegalStateException()
			.isThrownBy(() -> MarkdownSnippets.parse(DOCUMENT, List.of("<!-- snippet: skip -->", "```java", "```")))
			.withMessageContaining("docs" + File.separator + "example.md:1: unknown snippet directive 'skip'");
	}

	@Test
	void blocksBecomeStatementsMembersOrTypes() {
		SnippetSource statements = source("assertThat(1).isEqualTo(1);\n");
		SnippetSource members = source("@Test\nvoid works() {\n}\n");
		SnippetSource types = source("class Echo implements ConnectionHandler {\n}\n");
		SnippetSource unit = source("package example;\n\nclass Whole {\n}\n");
		assertThat(statements.source()).contains("void snippet() throws Exception {");
		assertThat(statements.runnable()).isTrue();
		assertThat(members.classNames()).containsExactly("snippets.docs.example.Snippet_L10");
		assertThat(members.runnable()).isTrue();
		assertThat(types.classNames()).containsExactly("snippets.docs.example.Echo");
		assertThat(types.runnable()).isFalse();
		assertThat(unit.packageName()).isEqualTo("example");
		assertThat(unit.source()).doesNotContain("import io.ngi");
	}

	@Test
	void aFailingAssertionFailsWithItsMessage() throws Exception {
		List<SnippetSource> units = units("assertThat(1 + 1).isEqualTo(3);\n");
		SnippetCompiler compiler = new SnippetCompiler(this.work, classPath());
		assertThat(compiler.compile(units)).isEmpty();
		try (SnippetRunner runner = new SnippetRunner(compiler.classes(), List.of())) {
			assertThatThrownBy(() -> runner.run(units.get(0))).isInstanceOf(AssertionError.class)
				.hasMessageContaining("expected: 3");
		}
	}

	@Test
	void aSnippetThatDoesNotCompileIsReportedAtItsDocumentLineAndTheOthersStillRun() throws Throwable {
		List<SnippetSource> units = units("int a = \"text\";\n", "assertThat(2).isEqualTo(2);\n");
		SnippetCompiler compiler = new SnippetCompiler(this.work, classPath());
		Map<SnippetSource, List<String>> errors = compiler.compile(units);
		assertThat(errors).containsOnlyKeys(units.get(0));
		assertThat(errors.get(units.get(0))).singleElement()
			.asString()
			.startsWith("docs" + File.separator + "example.md:10: incompatible types");
		try (SnippetRunner runner = new SnippetRunner(compiler.classes(), List.of())) {
			runner.run(units.get(1));
		}
	}

	@Test
	void aContinuingBlockSeesThePreviousBlocksVariablesAndAWrapItsContext() throws Throwable {
		Snippet first = new Snippet(DOCUMENT, 10, "int a = base + 1;\n", Set.of(), "int base = 41;\n$SNIPPET\n", 8);
		Snippet second = new Snippet(DOCUMENT, 20, "assertThat(a).isEqualTo(42);\n", Set.of("continues"), null, 0);
		List<SnippetSource> units = List.of(SnippetSource.of(List.of(first)), SnippetSource.of(List.of(first, second)));
		SnippetCompiler compiler = new SnippetCompiler(this.work, classPath());
		assertThat(compiler.compile(units)).isEmpty();
		try (SnippetRunner runner = new SnippetRunner(compiler.classes(), List.of())) {
			runner.run(units.get(1));
		}
		assertThat(units.get(1).documentLine(lineOf(units.get(1), "assertThat(a)"))).isEqualTo(20);
		assertThat(units.get(1).documentLine(lineOf(units.get(1), "int base"))).isEqualTo(8);
	}

	private static long lineOf(SnippetSource unit, String text) {
		List<String> lines = unit.source().lines().toList();
		for (int i = 0; i < lines.size(); i++) {
			if (lines.get(i).contains(text)) {
				return i + 1;
			}
		}
		throw new AssertionError(text + " not in " + unit.source());
	}

	private static SnippetSource source(String code) {
		return SnippetSource.of(List.of(new Snippet(DOCUMENT, 10, code, Set.of(), null, 0)));
	}

	private static List<SnippetSource> units(String... codes) {
		List<SnippetSource> units = new ArrayList<>();
		int line = 10;
		for (String code : codes) {
			units.add(SnippetSource.of(List.of(new Snippet(DOCUMENT, line, code, Set.of(), null, 0))));
			line += 10;
		}
		return units;
	}

	private static String classPath() {
		return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
	}

}
