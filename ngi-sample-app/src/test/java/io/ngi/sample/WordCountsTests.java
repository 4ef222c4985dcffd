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

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class WordCountsTests {

	@Test
	void countsLinesAndWordsAsTheSeedDoes() {
		assertThat(answer("hello out\nthere")).isEqualTo("2 3\n");
		assertThat(answer("Hello\nworld\n")).isEqualTo("3 2\n");
		assertThat(answer("hi\n")).isEqualTo("2 1\n");
	}

	@Test
	void emptyTextIsOneLineAndNoWords() {
		assertThat(answer("")).isEqualTo("1 0\n");
	}

	@Test
	void everyAsciiWhitespaceSeparatesWords() {
		assertThat(answer("a b\tc\rd\u000be\u000cf  g")).isEqualTo("1 7\n");
	}

	@Test
	void bytesOutsideAsciiArePartOfWords() {
		assertThat(answer("caf\u00e9 cr\u00e8me")).isEqualTo("1 2\n");
	}

	private static String answer(String text) {
		return new String(WordCounts.answer(text.getBytes(StandardCharsets.UTF_8)), StandardCharsets.US_ASCII);
	}

}
