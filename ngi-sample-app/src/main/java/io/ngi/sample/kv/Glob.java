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

package io.ngi.sample.kv;

/**
 * Redis's glob-style pattern matching ({@code stringmatchlen}), case-insensitive as
 * {@code CONFIG GET} uses it: {@code *}, {@code ?}, {@code [abc]}, {@code [^a-z]} and
 * {@code \} escapes.
 */
final class Glob {

	static final int MAX_PATTERN = 1024;

	private Glob() {
	}

	/**
	 * Returns whether a name matches a pattern, ignoring ASCII letter case. Patterns
	 * longer than {@value #MAX_PATTERN} bytes match nothing.
	 * @param pattern the pattern's bytes
	 * @param name the name
	 * @return whether it matches
	 */
	static boolean matches(byte[] pattern, String name) {
		if (pattern.length > MAX_PATTERN) {
			return false;
		}
		return matches(pattern, 0, name, 0, new boolean[pattern.length + 1][name.length() + 1]);
	}

	/**
	 * Matches from {@code pattern[p]} and {@code name[n]}; {@code failed} remembers the
	 * positions already known not to match, so {@code *a*a*a...} takes polynomial time.
	 */
	private static boolean matches(byte[] pattern, int p, String name, int n, boolean[][] failed) {
		while (p < pattern.length) {
			char c = (char) (pattern[p] & 0xFF);
			switch (c) {
				case '*' -> {
					while (p + 1 < pattern.length && pattern[p + 1] == '*') {
						p++;
					}
					if (p + 1 == pattern.length) {
						return true;
					}
					for (int i = n; i <= name.length(); i++) {
						if (!failed[p + 1][i]) {
							if (matches(pattern, p + 1, name, i, failed)) {
								return true;
							}
							failed[p + 1][i] = true;
						}
					}
					return false;
				}
				case '?' -> {
					if (n >= name.length()) {
						return false;
					}
					n++;
				}
				case '[' -> {
					if (n >= name.length()) {
						return false;
					}
					p++;
					boolean not = p < pattern.length && pattern[p] == '^';
					if (not) {
						p++;
					}
					boolean match = false;
					char actual = lower(name.charAt(n));
					while (p < pattern.length && pattern[p] != ']') {
						char first = lower((char) (pattern[p] & 0xFF));
						if (first == '\\' && p + 1 < pattern.length) {
							p++;
							match |= lower((char) (pattern[p] & 0xFF)) == actual;
						}
						else if (p + 2 < pattern.length && pattern[p + 1] == '-') {
							char last = lower((char) (pattern[p + 2] & 0xFF));
							char low = (char) Math.min(first, last);
							char high = (char) Math.max(first, last);
							match |= actual >= low && actual <= high;
							p += 2;
						}
						else {
							match |= first == actual;
						}
						p++;
					}
					if (not) {
						match = !match;
					}
					if (!match) {
						return false;
					}
					n++;
				}
				case '\\' -> {
					if (p + 1 < pattern.length) {
						p++;
						c = (char) (pattern[p] & 0xFF);
					}
					if (n >= name.length() || lower(c) != lower(name.charAt(n))) {
						return false;
					}
					n++;
				}
				default -> {
					if (n >= name.length() || lower(c) != lower(name.charAt(n))) {
						return false;
					}
					n++;
				}
			}
			p++;
		}
		return n == name.length();
	}

	private static char lower(char c) {
		return (c >= 'A' && c <= 'Z') ? (char) (c + 32) : c;
	}

}
