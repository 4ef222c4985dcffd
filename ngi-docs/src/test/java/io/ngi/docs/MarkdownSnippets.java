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

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Finds the Markdown documents of the repository and the {@code ```java} blocks in them.
 * <p>
 * A block may be preceded (directly, or with blank lines between) by an HTML comment,
 * which GitHub does not render:
 * <ul>
 * <li>{@code <!-- snippet: compile -->}: compiled, never run (it needs a real upstream,
 * say);</li>
 * <li>{@code <!-- snippet: continues -->}: a block of statements that goes on from the
 * previous block of the document: both run as one method, so it sees the previous block's
 * variables (the previous block also runs alone);</li>
 * <li>{@code <!-- snippet: wrap} followed by lines of Java and {@code -->}: the lines
 * surround the block, which replaces their {@code $SNIPPET} line: the class a method
 * belongs to, the variables a fragment uses.</li>
 * </ul>
 * Words combine: {@code <!-- snippet: compile wrap ...}.
 */
final class MarkdownSnippets {

	private static final Set<String> SKIPPED_DIRECTORIES = Set.of("target", "node_modules", "src");

	private static final Set<String> WORDS = Set.of("compile", "continues", "wrap");

	private MarkdownSnippets() {
	}

	/**
	 * Returns the Markdown documents under {@code root}, sorted, skipping hidden and
	 * build directories and source trees.
	 * @param root the repository root
	 * @return the documents, relative to {@code root}
	 */
	static List<Path> documents(Path root) {
		try (Stream<Path> paths = Files.walk(root)) {
			return paths.filter((path) -> path.getFileName().toString().endsWith(".md"))
				.filter(Files::isRegularFile)
				.map(root::relativize)
				.filter(MarkdownSnippets::included)
				.sorted()
				.toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static boolean included(Path relative) {
		for (int i = 0; i < relative.getNameCount() - 1; i++) {
			String name = relative.getName(i).toString();
			if (name.startsWith(".") || SKIPPED_DIRECTORIES.contains(name)) {
				return false;
			}
		}
		return true;
	}

	/**
	 * Returns the {@code ```java} blocks of a document.
	 * @param root the repository root
	 * @param document the document, relative to {@code root}
	 * @return the blocks in document order
	 */
	static List<Snippet> snippets(Path root, Path document) {
		try {
			return parse(document, Files.readAllLines(root.resolve(document)));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static List<Snippet> parse(Path document, List<String> lines) {
		List<Snippet> snippets = new ArrayList<>();
		for (int i = 0; i < lines.size(); i++) {
			String line = lines.get(i);
			String stripped = line.strip();
			if (!stripped.startsWith("```")) {
				continue;
			}
			int indent = line.indexOf('`');
			int end = closingFence(lines, i + 1, document);
			if (stripped.equals("```java") || stripped.startsWith("```java ")) {
				StringBuilder code = new StringBuilder();
				for (int j = i + 1; j < end; j++) {
					code.append(unindent(lines.get(j), indent)).append('\n');
				}
				snippets.add(withDirective(document, lines, i, code.toString()));
			}
			i = end;
		}
		return snippets;
	}

	private static int closingFence(List<String> lines, int from, Path document) {
		for (int j = from; j < lines.size(); j++) {
			if (lines.get(j).strip().equals("```")) {
				return j;
			}
		}
		throw new IllegalStateException(document + ":" + from + ": code block without a closing ```");
	}

	private static String unindent(String line, int indent) {
		int cut = 0;
		while (cut < indent && cut < line.length() && line.charAt(cut) == ' ') {
			cut++;
		}
		return line.substring(cut);
	}

	private static Snippet withDirective(Path document, List<String> lines, int fence, String code) {
		int last = fence - 1;
		while (last >= 0 && lines.get(last).isBlank()) {
			last--;
		}
		if (last < 0 || !lines.get(last).strip().endsWith("-->")) {
			return new Snippet(document, fence + 2, code, Set.of(), null, 0);
		}
		int first = last;
		while (first >= 0 && !lines.get(first).contains("<!--")) {
			first--;
		}
		String opening = (first >= 0) ? lines.get(first).strip() : "";
		if (!opening.startsWith("<!-- snippet:")) {
			return new Snippet(document, fence + 2, code, Set.of(), null, 0);
		}
		String head = opening.substring("<!-- snippet:".length());
		boolean oneLine = first == last;
		if (oneLine) {
			head = head.substring(0, head.lastIndexOf("-->"));
		}
		Set<String> flags = new LinkedHashSet<>(Arrays.asList(head.strip().split("\\s+")));
		flags.remove("");
		for (String flag : flags) {
			if (!WORDS.contains(flag)) {
				throw new IllegalStateException(document + ":" + (first + 1) + ": unknown snippet directive '" + flag
						+ "' (known: " + WORDS + ")");
			}
		}
		String template = null;
		int templateLine = 0;
		if (flags.contains("wrap")) {
			if (oneLine) {
				throw new IllegalStateException(document + ":" + (first + 1) + ": a wrap directive needs lines");
			}
			StringBuilder lines2 = new StringBuilder();
			for (int j = first + 1; j < last; j++) {
				lines2.append(lines.get(j)).append('\n');
			}
			String closing = lines.get(last).strip();
			lines2.append(closing, 0, closing.length() - 3);
			template = lines2.toString();
			if (template.lines().noneMatch((l) -> l.strip().equals(Snippet.PLACEHOLDER))) {
				throw new IllegalStateException(
						document + ":" + (first + 1) + ": a wrap directive needs a " + Snippet.PLACEHOLDER + " line");
			}
			templateLine = first + 2;
		}
		else if (!oneLine) {
			throw new IllegalStateException(document + ":" + (first + 1) + ": only a wrap directive has lines");
		}
		return new Snippet(document, fence + 2, code, Set.copyOf(flags), template, templateLine);
	}

}
