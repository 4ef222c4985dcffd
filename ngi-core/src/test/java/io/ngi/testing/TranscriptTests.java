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

package io.ngi.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

class TranscriptTests {

	@Test
	void reprUsesDoubleQuotesWhenDataHasSingleQuoteOnly() {
		assertThat(Transcript.repr(bytes("it's"))).isEqualTo("\"it's\"");
	}

	@Test
	void reprKeepsDoubleQuoteInsideSingleQuotes() {
		assertThat(Transcript.repr(bytes("a\"b"))).isEqualTo("'a\"b'");
	}

	@Test
	void reprEscapesControlAndHighBytes() {
		byte[] data = { 0, '\t', '\r', '\n', '\\', 0x7f, (byte) 0xff };
		assertThat(Transcript.repr(data)).isEqualTo("'\\x00\\t\\r\\n\\\\\\x7f\\xff'");
	}

	@Test
	void reprEscapesSingleQuoteWhenBothQuotesPresent() {
		assertThat(Transcript.repr(bytes("'\""))).isEqualTo("'\\'\"'");
	}

	@Test
	void reprOfEmptyAndPrintable() {
		assertThat(Transcript.repr(new byte[0])).isEqualTo("''");
		assertThat(Transcript.repr(bytes("Hello ~ world"))).isEqualTo("'Hello ~ world'");
		assertThat(Transcript.repr(new byte[] { 0x1f, 0x20, (byte) 0x80, (byte) 0xab }))
			.isEqualTo("'\\x1f \\x80\\xab'");
	}

	@Test
	void reprRejectsNullNamingTheParameter() {
		assertThatNullPointerException().isThrownBy(() -> Transcript.repr(null)).withMessage("data");
	}

	@Test
	void recordsOneLinePerEventWithoutSlicing() {
		Transcript transcript = new Transcript();
		TestConnection connection = new TestConnection();
		String longText = "x".repeat(80);
		transcript.handleInput(connection, bytes(longText));
		transcript.handleClose(connection, "closed");
		transcript.handleClose(connection, "end of input");
		transcript.handleException(connection, new IOException("broken"));
		transcript.handleException(connection, new IllegalStateException());
		assertThat(transcript.output()).isEqualTo("-> '" + longText + "'\n-> CLOSE\n-> CLOSE end of input\n"
				+ "-> EXCEPTION IOException broken\n-> EXCEPTION IllegalStateException");
	}

	@Test
	void outputReturnsOnlyWhatWasRecordedSinceTheLastCall() {
		Transcript transcript = new Transcript();
		TestConnection connection = new TestConnection();
		transcript.handleInput(connection, bytes("one"));
		assertThat(transcript.output()).isEqualTo("-> 'one'");
		assertThat(transcript.output()).isEmpty();
		transcript.handleInput(connection, bytes("two"));
		assertThat(transcript.output()).isEqualTo("-> 'two'");
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.ISO_8859_1);
	}

}
