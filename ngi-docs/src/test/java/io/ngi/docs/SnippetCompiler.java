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
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

import org.jspecify.annotations.Nullable;

/**
 * Compiles the snippets' units with the JDK's compiler, on the test's class path, into a
 * directory of their own ({@code target/doc-snippets}), so that a failure can be read
 * there and Spring finds the compiled classes as it finds any others.
 * <p>
 * All units compile in one pass. A unit with errors is reported with its errors, each
 * mapped back to its document line, and the rest are compiled again without it, so one
 * broken snippet never hides the others.
 */
final class SnippetCompiler {

	private final Path sources;

	private final Path classes;

	private final String classPath;

	/**
	 * Creates a compiler that works in {@code work}.
	 * @param work the directory for sources and classes, emptied first
	 * @param classPath the class path the snippets compile against
	 */
	SnippetCompiler(Path work, String classPath) {
		this.sources = work.resolve("src");
		this.classes = work.resolve("classes");
		this.classPath = classPath;
		delete(work);
	}

	Path classes() {
		return this.classes;
	}

	/**
	 * Compiles the units.
	 * @param units the units
	 * @return the errors of each unit that does not compile, in document terms
	 */
	Map<SnippetSource, List<String>> compile(List<SnippetSource> units) {
		Map<SnippetSource, Path> files = new LinkedHashMap<>();
		for (SnippetSource unit : units) {
			files.put(unit, write(unit));
		}
		Map<SnippetSource, List<String>> failures = new LinkedHashMap<>();
		List<SnippetSource> remaining = new ArrayList<>(units);
		while (!remaining.isEmpty()) {
			Map<SnippetSource, List<String>> errors = compileOnce(remaining, files);
			if (errors.isEmpty()) {
				break;
			}
			failures.putAll(errors);
			remaining.removeAll(errors.keySet());
		}
		return failures;
	}

	private Map<SnippetSource, List<String>> compileOnce(List<SnippetSource> units, Map<SnippetSource, Path> files) {
		delete(this.classes);
		createDirectories(this.classes);
		JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
		DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
		Map<SnippetSource, List<String>> errors = new LinkedHashMap<>();
		try (StandardJavaFileManager fileManager = compiler.getStandardFileManager(diagnostics, Locale.ROOT,
				StandardCharsets.UTF_8)) {
			Iterable<? extends JavaFileObject> compilationUnits = fileManager
				.getJavaFileObjectsFromPaths(units.stream().map(files::get).toList());
			List<String> options = List.of("-d", this.classes.toString(), "-classpath", this.classPath, "-proc:none",
					"-parameters", "-encoding", "UTF-8", "-Xlint:none", "-nowarn");
			compiler.getTask(null, fileManager, diagnostics, options, null, compilationUnits).call();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		for (Diagnostic<? extends JavaFileObject> diagnostic : diagnostics.getDiagnostics()) {
			if (diagnostic.getKind() != Diagnostic.Kind.ERROR) {
				continue;
			}
			SnippetSource unit = unitOf(diagnostic, units, files);
			if (unit == null) {
				throw new IllegalStateException("compiler error outside the snippets: " + diagnostic);
			}
			int line = unit.documentLine(diagnostic.getLineNumber());
			String where = (line > 0) ? unit.snippet().document() + ":" + line
					: unit.fileName() + ":" + diagnostic.getLineNumber() + " (generated)";
			errors.computeIfAbsent(unit, (u) -> new ArrayList<>())
				.add(where + ": " + diagnostic.getMessage(Locale.ROOT));
		}
		return errors;
	}

	private static @Nullable SnippetSource unitOf(Diagnostic<? extends JavaFileObject> diagnostic,
			List<SnippetSource> units, Map<SnippetSource, Path> files) {
		if (diagnostic.getSource() == null) {
			return null;
		}
		Path source = Path.of(diagnostic.getSource().toUri());
		for (SnippetSource unit : units) {
			if (files.get(unit).toAbsolutePath().equals(source.toAbsolutePath())) {
				return unit;
			}
		}
		return null;
	}

	private Path write(SnippetSource unit) {
		Path directory = this.sources.resolve(unit.packageName().replace('.', File.separatorChar));
		createDirectories(directory);
		Path file = directory.resolve(unit.fileName());
		if (Files.exists(file)) {
			// Two units of one package with the same public type: give the second its own
			// directory, so that the compiler reports the duplicate class
			directory = directory.resolve("L" + unit.snippet().line());
			createDirectories(directory);
			file = directory.resolve(unit.fileName());
		}
		try {
			Files.writeString(file, unit.source());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return file;
	}

	private static void createDirectories(Path directory) {
		try {
			Files.createDirectories(directory);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void delete(Path directory) {
		if (!Files.exists(directory)) {
			return;
		}
		try (Stream<Path> paths = Files.walk(directory)) {
			for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
				Files.delete(path);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
