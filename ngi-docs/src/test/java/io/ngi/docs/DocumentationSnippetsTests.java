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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInstance.Lifecycle;
import org.jspecify.annotations.Nullable;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Compiles every {@code ```java} block of the repository's Markdown documents (the
 * README, {@code docs/}, the modules' READMEs, any {@code .md} outside build and source
 * directories) and runs those that hold tests: a block that does not compile, or whose
 * assertions fail, fails the build, and a new document is picked up as it is. How blocks
 * become Java, and the directives that give a fragment its context, are described in
 * {@link SnippetSource} and {@link MarkdownSnippets}; {@code docs/README.md} says it for
 * writers.
 */
@TestInstance(Lifecycle.PER_CLASS)
class DocumentationSnippetsTests {

	/**
	 * Snippets known to fail, each with its reason: a snippet is one of these when its
	 * document is {@code document} and its code contains {@code code}. Each must still
	 * fail; one that passes fails the build until its entry is removed, so the list never
	 * outlives its reasons.
	 */
	static final List<KnownFailure> KNOWN_FAILURES = List.of();

	private final Path root = Path.of(System.getProperty("ngi.docs.root", "..")).toAbsolutePath().normalize();

	private final Path work = Path.of(System.getProperty("ngi.docs.work", "target/doc-snippets"))
		.toAbsolutePath()
		.normalize();

	private @Nullable SnippetRunner runner;

	@TestFactory
	Stream<DynamicNode> everyJavaSnippetCompilesAndRuns() {
		Map<Path, List<SnippetSource>> documents = new LinkedHashMap<>();
		for (Path document : MarkdownSnippets.documents(this.root)) {
			List<SnippetSource> units = units(MarkdownSnippets.snippets(this.root, document));
			if (!units.isEmpty()) {
				documents.put(document, units);
			}
		}
		assertThat(documents).as("documents with Java snippets under %s", this.root)
			.containsKeys(Path.of("README.md"), Path.of("docs", "core-api.md"));
		List<Path> extra = extraClassPath();
		SnippetCompiler compiler = new SnippetCompiler(this.work, classPath(extra));
		Map<SnippetSource, List<String>> errors = compiler
			.compile(documents.values().stream().flatMap(List::stream).toList());
		this.runner = new SnippetRunner(compiler.classes(), extra);
		return documents.entrySet()
			.stream()
			.map((entry) -> DynamicContainer.dynamicContainer(entry.getKey().toString(),
					entry.getValue().stream().map((unit) -> test(unit, errors.get(unit)))));
	}

	@AfterAll
	void closeRunner() throws Exception {
		if (this.runner != null) {
			this.runner.close();
		}
	}

	private DynamicTest test(SnippetSource unit, @Nullable List<String> compileErrors) {
		@Nullable KnownFailure known = KNOWN_FAILURES.stream().filter((k) -> k.matches(unit)).findFirst().orElse(null);
		String name = unit.snippet().location() + (unit.runnable() ? "" : " (compiled)")
				+ ((known != null) ? " (known failure: " + known.reason() + ")" : "");
		return DynamicTest.dynamicTest(name, () -> {
			Throwable failure = failure(unit, compileErrors);
			if (known != null) {
				if (failure == null) {
					throw new AssertionError(unit.snippet().location() + " is listed as a known failure ("
							+ known.reason() + ") but passes now: remove it from KNOWN_FAILURES");
				}
				return;
			}
			if (failure != null) {
				throw failure;
			}
		});
	}

	private @Nullable Throwable failure(SnippetSource unit, @Nullable List<String> compileErrors) {
		if (compileErrors != null) {
			return new AssertionError(unit.snippet().location() + " does not compile:\n  "
					+ String.join("\n  ", compileErrors) + "\n(generated source: "
					+ this.work.resolve("src").resolve(unit.packageName().replace('.', File.separatorChar)) + ")");
		}
		if (!unit.runnable()) {
			return null;
		}
		try {
			Objects.requireNonNull(this.runner, "runner").run(unit);
			return null;
		}
		catch (Throwable ex) {
			return new AssertionError(unit.snippet().location() + " fails: " + ex, ex);
		}
	}

	private static List<SnippetSource> units(List<Snippet> snippets) {
		List<SnippetSource> units = new ArrayList<>();
		List<Snippet> chain = new ArrayList<>();
		for (Snippet snippet : snippets) {
			if (!snippet.continues()) {
				chain = new ArrayList<>();
			}
			else if (chain.isEmpty()) {
				throw new IllegalStateException(snippet.location() + ": continues, but no block comes before it");
			}
			chain.add(snippet);
			units.add(SnippetSource.of(List.copyOf(chain)));
		}
		return units;
	}

	private static List<Path> extraClassPath() {
		List<Path> extra = new ArrayList<>();
		String property = System.getProperty("ngi.docs.extraClassPath", "");
		for (String entry : property.split(File.pathSeparator)) {
			if (!entry.isBlank() && Files.isDirectory(Path.of(entry))) {
				extra.add(Path.of(entry).toAbsolutePath().normalize());
			}
		}
		return extra;
	}

	private static String classPath(List<Path> extra) {
		String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
		StringBuilder result = new StringBuilder(classPath);
		extra.forEach((entry) -> result.append(File.pathSeparator).append(entry));
		return result.toString();
	}

	/**
	 * A snippet known to fail.
	 *
	 * @param document the document, relative to the repository root
	 * @param code text the snippet's code contains
	 * @param reason why it fails, and what clears it
	 */
	record KnownFailure(String document, String code, String reason) {

		boolean matches(SnippetSource unit) {
			return unit.snippet().document().toString().replace('\\', '/').equals(this.document)
					&& unit.snippet().code().contains(this.code);
		}

	}

}
