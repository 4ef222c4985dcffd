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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every relative link of the repository's Markdown documents points at a file or
 * directory inside the repository, so no document sends its reader to a file that is not
 * there (a design file of another checkout, say).
 */
class DocumentationLinksTests {

	private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");

	private final Path root = Path.of(System.getProperty("ngi.docs.root", "..")).toAbsolutePath().normalize();

	@Test
	void relativeLinksPointInsideTheRepository() throws IOException {
		List<String> broken = new ArrayList<>();
		List<Path> documents = MarkdownSnippets.documents(this.root);
		assertThat(documents).contains(Path.of("README.md"), Path.of("docs", "README.md"));
		for (Path document : documents) {
			List<String> lines = Files.readAllLines(this.root.resolve(document));
			for (int i = 0; i < lines.size(); i++) {
				Matcher matcher = LINK.matcher(lines.get(i));
				while (matcher.find()) {
					String target = matcher.group(1);
					if (target.startsWith("#") || target.matches("[a-z]+:.*")) {
						continue;
					}
					int anchor = target.indexOf('#');
					String file = (anchor >= 0) ? target.substring(0, anchor) : target;
					Path resolved = this.root.resolve(document).getParent();
					resolved = ((resolved != null) ? resolved : this.root).resolve(file).normalize();
					if (!resolved.startsWith(this.root) || !Files.exists(resolved)) {
						broken.add(document + ":" + (i + 1) + ": " + target);
					}
				}
			}
		}
		assertThat(broken).as("links to files that are not in the repository").isEmpty();
	}

}
