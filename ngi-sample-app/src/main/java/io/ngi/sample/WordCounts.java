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

package io.ngi.sample;

import java.nio.charset.StandardCharsets;

/**
 * Counts lines and words as the seed's word-count server does: lines are
 * {@code len(data.split('\n'))}, one more than the number of {@code '\n'} bytes, and
 * words are {@code len(data.split())}, the runs of bytes that are not ASCII whitespace.
 * Stateless and thread-safe.
 */
final class WordCounts {

	private WordCounts() {
	}

	/**
	 * Returns the answer line for {@code data}: {@code "<lines> <words>\n"}.
	 * @param data the text to count
	 * @return the answer, in ASCII
	 */
	static byte[] answer(byte[] data) {
		int lines = 1;
		int words = 0;
		boolean inWord = false;
		for (byte b : data) {
			if (b == '\n') {
				lines++;
			}
			if (isWhitespace(b)) {
				inWord = false;
			}
			else if (!inWord) {
				inWord = true;
				words++;
			}
		}
		return (lines + " " + words + "\n").getBytes(StandardCharsets.US_ASCII);
	}

	private static boolean isWhitespace(byte b) {
		// Python's str.split() without arguments: space, \t, \n, \v, \f, \r.
		return b == ' ' || (b >= '\t' && b <= '\r');
	}

}
