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

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Java source a snippet becomes, and how to run it.
 * <p>
 * A block that declares a package or imports is a whole compilation unit and stays as it
 * is (put in the document's package if it names none). A block that declares a top-level
 * type (a handler, a configuration, a test class) gets the document's package and the
 * common imports. A block of members (a method, a field, starting with an annotation or a
 * modifier) becomes the body of a class of its own. Anything else is a block of
 * statements and becomes the body of a test method. All the blocks of one document share
 * a package, so a type one block declares is used by the next.
 *
 * @param snippet the block
 * @param packageName the document's package
 * @param fileName the source file's name
 * @param source the source text
 * @param lines the document line of each source line, 0 for generated lines
 * @param classNames the top-level classes to hand to JUnit when run
 * @param runnable whether the unit holds tests to run
 */
record SnippetSource(Snippet snippet, String packageName, String fileName, String source, int[] lines,
		List<String> classNames, boolean runnable) {

	/**
	 * The imports every generated unit gets: NGI's packages and what the snippets
	 * commonly use.
	 */
	static final List<String> COMMON_IMPORTS = List.of("io.ngi.*", "io.ngi.adapters.*", "io.ngi.blocking.*",
			"io.ngi.client.*", "io.ngi.client.ReconnectingClient.State", "io.ngi.imperative.*", "io.ngi.nio.*",
			"io.ngi.testing.*", "io.ngi.spring.annotation.*", "io.ngi.spring.boot.autoconfigure.*",
			"io.ngi.spring.boot.test.*", "java.io.*", "java.net.*", "java.nio.charset.StandardCharsets",
			"java.security.cert.X509Certificate", "java.time.*", "java.util.*", "java.util.concurrent.*",
			"java.util.concurrent.atomic.*", "java.util.function.*", "javax.net.ssl.*", "org.slf4j.Logger",
			"org.slf4j.LoggerFactory", "org.springframework.beans.factory.annotation.Autowired",
			"org.springframework.beans.factory.annotation.Value", "org.springframework.context.annotation.Bean",
			"org.springframework.context.annotation.Configuration", "org.springframework.context.annotation.Import",
			"org.springframework.context.annotation.Scope", "org.springframework.stereotype.Component",
			"org.springframework.boot.test.context.runner.ApplicationContextRunner",
			"org.springframework.boot.autoconfigure.AutoConfigurations",
			"org.springframework.test.context.bean.override.mockito.MockitoBean", "org.junit.jupiter.api.Test",
			"static org.assertj.core.api.Assertions.assertThat",
			"static org.assertj.core.api.Assertions.assertThatThrownBy", "static org.mockito.BDDMockito.given");

	private static final Pattern TYPE = Pattern.compile(
			"^(?:@\\w+(?:\\([^)]*\\))?\\s+)*(?:(?:public|abstract|final|sealed|static)\\s+)*(class|interface|record|enum|@interface)\\s+(\\w+)");

	private static final Pattern METHOD = Pattern
		.compile("^(?:<[^>]+>\\s+)?[\\w.]+(?:<.*>)?(?:\\[\\])*\\s+\\w+\\s*\\(.*");

	private static final Set<String> STATEMENT_KEYWORDS = Set.of("new", "return", "throw", "if", "for", "while", "do",
			"try", "switch", "synchronized", "assert", "var", "yield", "else");

	private static final Set<String> MODIFIERS = Set.of("public", "protected", "private", "static", "final", "abstract",
			"default");

	/**
	 * Returns the unit of a snippet, after the snippets it continues.
	 * @param chain the blocks to run as one: the first block, then those continuing it
	 * @return the unit
	 */
	static SnippetSource of(List<Snippet> chain) {
		Snippet snippet = chain.get(chain.size() - 1);
		String packageName = packageName(snippet);
		String simpleName = "Snippet_L" + snippet.line();
		Lines code = new Lines();
		Snippet first = chain.get(0);
		List<Lines> parts = new ArrayList<>();
		for (Snippet part : chain) {
			parts.add(Lines.of(part.code(), part.line()));
		}
		Lines joined = Lines.join(parts);
		if (first.template() != null) {
			code = Lines.of(first.template(), first.templateLine()).replace(Snippet.PLACEHOLDER, joined);
		}
		else {
			code = joined;
		}
		Lines unit = new Lines();
		List<String> classNames = new ArrayList<>();
		String fileName = simpleName + ".java";
		boolean runnable;
		if (code.text.stream().anyMatch((l) -> l.startsWith("package ") || l.startsWith("import "))) {
			if (code.text.stream().noneMatch((l) -> l.startsWith("package "))) {
				unit.add("package " + packageName + ";", 0);
			}
			unit.addAll(code);
			String declaredPackage = code.text.stream()
				.filter((l) -> l.startsWith("package "))
				.map((l) -> l.substring("package ".length(), l.indexOf(';')).strip())
				.findFirst()
				.orElse(packageName);
			for (String name : topLevelTypes(code)) {
				classNames.add(declaredPackage + "." + name);
			}
			runnable = code.contains("@Test");
			return new SnippetSource(snippet, declaredPackage, publicFileName(code, fileName), unit.source(),
					unit.lineArray(), classNames, runnable && !snippet.compileOnly());
		}
		header(unit, packageName);
		List<String> types = topLevelTypes(code);
		if (!types.isEmpty()) {
			unit.addAll(code);
			types.forEach((name) -> classNames.add(packageName + "." + name));
			runnable = code.contains("@Test");
			fileName = publicFileName(code, fileName);
		}
		else if (isMembers(code)) {
			unit.add("class " + simpleName + " {", 0);
			unit.addAll(code);
			unit.add("}", 0);
			classNames.add(packageName + "." + simpleName);
			runnable = code.contains("@Test");
		}
		else {
			unit.add("class " + simpleName + " {", 0);
			unit.add("@Test", 0);
			unit.add("void snippet() throws Exception {", 0);
			unit.addAll(code);
			unit.add("}", 0);
			unit.add("}", 0);
			classNames.add(packageName + "." + simpleName);
			runnable = true;
		}
		return new SnippetSource(snippet, packageName, fileName, unit.source(), unit.lineArray(), classNames,
				runnable && !snippet.compileOnly());
	}

	/**
	 * Returns the Java package of a document's snippets: {@code snippets.docs.core_api}
	 * for {@code docs/core-api.md}.
	 * @param snippet a snippet of the document
	 * @return the package name
	 */
	static String packageName(Snippet snippet) {
		StringBuilder name = new StringBuilder("snippets");
		String path = snippet.document().toString().replace('\\', '/');
		path = path.substring(0, path.length() - ".md".length());
		for (String part : path.split("/")) {
			String identifier = part.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
			if (Character.isDigit(identifier.charAt(0))) {
				identifier = "_" + identifier;
			}
			name.append('.').append(identifier);
		}
		return name.toString();
	}

	/**
	 * Returns the document line of a line of the source.
	 * @param sourceLine a line of the source, counting from 1
	 * @return the document line, or 0 for a generated line
	 */
	int documentLine(long sourceLine) {
		return (sourceLine >= 1 && sourceLine <= this.lines.length) ? this.lines[(int) sourceLine - 1] : 0;
	}

	private static void header(Lines unit, String packageName) {
		unit.add("package " + packageName + ";", 0);
		for (String name : COMMON_IMPORTS) {
			unit.add("import " + name + ";", 0);
		}
	}

	private static List<String> topLevelTypes(Lines code) {
		List<String> names = new ArrayList<>();
		String pending = "";
		for (String line : code.text) {
			if (line.startsWith("@") && !line.endsWith("{") && !TYPE.matcher(line).find()) {
				pending = pending + line + " ";
				continue;
			}
			Matcher matcher = TYPE.matcher(pending + line);
			if (!line.isEmpty() && !Character.isWhitespace(line.charAt(0)) && matcher.find()) {
				names.add(matcher.group(2));
			}
			pending = "";
		}
		return names;
	}

	private static boolean isMembers(Lines code) {
		for (String line : code.text) {
			String stripped = line.strip();
			if (stripped.isEmpty() || stripped.startsWith("//") || stripped.startsWith("/*")
					|| stripped.startsWith("*")) {
				continue;
			}
			if (stripped.startsWith("@")) {
				return true;
			}
			String firstWord = stripped.split("[\\s(<]", 2)[0];
			if (MODIFIERS.contains(firstWord)) {
				return true;
			}
			return !STATEMENT_KEYWORDS.contains(firstWord) && METHOD.matcher(stripped).matches()
					&& (stripped.endsWith("{") || stripped.contains(" throws "));
		}
		return false;
	}

	private static String publicFileName(Lines code, String fallback) {
		for (String line : code.text) {
			Matcher matcher = TYPE.matcher(line);
			if (line.startsWith("public ") && matcher.find()) {
				return matcher.group(2) + ".java";
			}
		}
		return fallback;
	}

	/** Lines of text with the document line each came from. */
	static final class Lines {

		final List<String> text = new ArrayList<>();

		final List<Integer> origin = new ArrayList<>();

		static Lines of(String code, int firstLine) {
			Lines lines = new Lines();
			int line = firstLine;
			for (String text : code.split("\n", -1)) {
				lines.add(text, (firstLine > 0) ? line++ : 0);
			}
			if (!lines.text.isEmpty() && lines.text.get(lines.text.size() - 1).isEmpty()) {
				lines.text.remove(lines.text.size() - 1);
				lines.origin.remove(lines.origin.size() - 1);
			}
			return lines;
		}

		static Lines join(List<Lines> parts) {
			Lines joined = new Lines();
			parts.forEach(joined::addAll);
			return joined;
		}

		void add(String line, int documentLine) {
			this.text.add(line);
			this.origin.add(documentLine);
		}

		void addAll(Lines other) {
			this.text.addAll(other.text);
			this.origin.addAll(other.origin);
		}

		boolean contains(String fragment) {
			return this.text.stream().anyMatch((line) -> line.contains(fragment));
		}

		Lines replace(String placeholder, Lines replacement) {
			Lines result = new Lines();
			for (int i = 0; i < this.text.size(); i++) {
				if (this.text.get(i).strip().equals(placeholder)) {
					result.addAll(replacement);
				}
				else {
					result.add(this.text.get(i), this.origin.get(i));
				}
			}
			return result;
		}

		String source() {
			return String.join("\n", this.text) + "\n";
		}

		int[] lineArray() {
			return this.origin.stream().mapToInt(Integer::intValue).toArray();
		}

	}

}
