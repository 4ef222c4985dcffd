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

import java.nio.file.Path;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * One {@code ```java} block of a Markdown document, with the directive written just
 * before it, if any.
 *
 * @param document the document, relative to the repository root
 * ({@code docs/core-api.md})
 * @param line the line of the block's first code line, counting from 1
 * @param code the block's code, without the fence and the block's indentation
 * @param flags the directive's words: {@code compile} (compile, do not run),
 * {@code continues} (the previous block of the document, then this one, run as one)
 * @param template the directive's {@code wrap} template, with a {@code $SNIPPET} line
 * where the code goes, or {@code null}
 * @param templateLine the line of the template's first line, or 0
 */
record Snippet(Path document, int line, String code, Set<String> flags, @Nullable String template, int templateLine) {

	/** The line of a {@code wrap} template that the block's code replaces. */
	static final String PLACEHOLDER = "$SNIPPET";

	/**
	 * Returns where the block is, as people look for it: {@code docs/core-api.md:42}.
	 * @return the document and line
	 */
	String location() {
		return this.document.toString().replace('\\', '/') + ":" + this.line;
	}

	boolean compileOnly() {
		return this.flags.contains("compile");
	}

	boolean continues() {
		return this.flags.contains("continues");
	}

}
