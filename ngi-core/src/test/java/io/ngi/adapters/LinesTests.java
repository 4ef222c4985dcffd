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

package io.ngi.adapters;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.ngi.testing.TestConnection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * {@link Lines} on the testing implementation.
 */
class LinesTests {

	private final TestConnection connection = new TestConnection();

	private final RecordingHandler handler = new RecordingHandler();

	@Test
	void linesSplitAcrossChunksAreDeliveredWhenComplete() {
		new Lines(this.connection).setHandler(this.handler);
		send("Hello world!");
		assertThat(this.handler.events).isEmpty();
		send("\n");
		assertThat(this.handler.events).containsExactly("input Hello world!");
		send("Hello\nWorld!\nHow are you");
		assertThat(this.handler.events).containsExactly("input Hello world!", "input Hello", "input World!");
		send("?\n");
		assertThat(this.handler.events).endsWith("input How are you?");
	}

	@Test
	void linesKeepCarriageReturnAndEmptyLinesAreDelivered() {
		new Lines(this.connection).setHandler(this.handler);
		send("a\r\n\n\nb\n");
		assertThat(this.handler.events).containsExactly("input a\r", "input ", "input ", "input b");
	}

	@Test
	void outputPassesThroughUnchanged() {
		Lines lines = new Lines(this.connection);
		lines.setHandler(this.handler);
		lines.write("no newline added");
		lines.writeLines(List.of(bytes("one\n"), bytes("two\n")));
		assertThat(this.connection.output()).isEqualTo("-> 'no newline added'\n-> 'one\\n'\n-> 'two\\n'");
	}

	@Test
	void lineAtTheLimitIsDelivered() {
		new Lines(this.connection, 5).setHandler(this.handler);
		send("123");
		send("45\n12345\n");
		assertThat(this.handler.events).containsExactly("input 12345", "input 12345");
		assertThat(this.connection.isOpen()).isTrue();
	}

	@Test
	void lineTooLongClosesTheConnectionAndTellsTheHandler() {
		Lines lines = new Lines(this.connection, 5);
		lines.setHandler(this.handler);
		send("ok\n1234");
		send("56");
		assertThat(this.handler.events).containsExactly("input ok", "close line too long");
		assertThat(this.handler.connections).containsOnly(lines);
		assertThat(this.connection.isOpen()).isFalse();
		assertThat(this.connection.output()).isEqualTo("-> CLOSE");
		assertThat(lines.bufferCapacity()).isZero();
	}

	@Test
	void terminatedLineTooLongAlsoCloses() {
		new Lines(this.connection, 5).setHandler(this.handler);
		send("123456\nnext\n");
		assertThat(this.handler.events).containsExactly("close line too long");
		assertThat(this.connection.output()).isEqualTo("-> CLOSE");
	}

	@Test
	void lineTooLongIsNeverBufferedPastTheLimit() {
		Lines lines = new Lines(this.connection, 1000);
		lines.setHandler(this.handler);
		for (int i = 0; i < 99; i++) {
			send("0123456789");
			assertThat(lines.bufferCapacity()).isLessThanOrEqualTo(1000);
		}
		this.connection.peer().write(new byte[1_000_000]);
		assertThat(lines.bufferCapacity()).isZero();
		assertThat(this.handler.events).containsExactly("close line too long");
	}

	@Test
	void adapterIsPassedToTheHandlerForEveryEvent() {
		Lines lines = new Lines(this.connection);
		lines.setHandler(this.handler);
		send("x\n");
		this.connection.testException(new IllegalStateException("broken iterator"));
		this.connection.peer().close();
		assertThat(this.handler.events).containsExactly("input x", "exception broken iterator", "close closed");
		assertThat(this.handler.connections).containsOnly(lines);
	}

	@Test
	void controlCallsAreDelegated() {
		Lines lines = new Lines(this.connection);
		lines.setHandler(this.handler);
		assertThat(lines.connection()).isSameAs(this.connection);
		assertThat(lines.peerAddress()).isEqualTo(this.connection.peerAddress());
		assertThat(lines.listener()).isNull();
		assertThat(lines.isOpen()).isTrue();
		lines.close();
		assertThat(lines.isOpen()).isFalse();
		assertThat(this.connection.output()).isEqualTo("-> CLOSE");
	}

	@Test
	void linesLeftInAChunkAreDroppedOnceTheHandlerCloses() {
		Lines lines = new Lines(this.connection);
		lines.setHandler((c, line) -> {
			this.handler.handleInput(c, line);
			c.close();
		});
		send("first\nsecond\n");
		assertThat(this.handler.events).containsExactly("input first");
	}

	@Test
	void handlerSetInsideAHandlerGetsTheRestOfTheChunk() {
		Lines lines = new Lines(this.connection);
		lines.setHandler((c, line) -> lines.setHandler(this.handler));
		send("first\nsecond\nthird\n");
		assertThat(this.handler.events).containsExactly("input second", "input third");
	}

	@Test
	void linesHandlerBodyReadsOneLinePerNext() throws Exception {
		Lines.handler((c, input) -> {
			while (true) {
				c.write("[" + new String(input.next(), StandardCharsets.UTF_8) + "]");
			}
		}).connected(this.connection);
		send("one\r\ntw");
		assertThat(this.connection.output()).isEqualTo("-> '[one\\r]'");
		send("o\n\n");
		assertThat(this.connection.output()).isEqualTo("-> '[two]'\n-> '[]'");
	}

	@Test
	void maxLineLengthMustBePositive() {
		assertThatIllegalArgumentException().isThrownBy(() -> new Lines(this.connection, 0))
			.withMessage("maxLineLength must be > 0: 0");
	}

	private void send(String text) {
		this.connection.peer().write(text);
	}

	static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.ISO_8859_1);
	}

}
