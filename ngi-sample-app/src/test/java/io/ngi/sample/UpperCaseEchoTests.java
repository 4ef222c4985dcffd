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

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import io.ngi.testing.TestConnection;
import io.ngi.testing.TestListener;
import io.ngi.testing.TestingImplementation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

@ExtendWith(OutputCaptureExtension.class)
class UpperCaseEchoTests {

	private final TestingImplementation implementation = new TestingImplementation();

	@AfterEach
	void noHandlerFailed() {
		this.implementation.rethrowHandlerErrors();
	}

	@Test
	void echoesEachLineUpperCased() throws Exception {
		TestConnection connection = new TestConnection(this.implementation);
		new UpperCaseEcho(100).connected(connection);
		connection.peer().write("hello out there\n");
		assertThat(connection.peer().output()).isEqualTo("-> 'HELLO OUT THERE\\n'");
	}

	@Test
	void waitsForTheEndOfALineAndKeepsCarriageReturns() throws Exception {
		TestConnection connection = new TestConnection(this.implementation);
		new UpperCaseEcho(100).connected(connection);
		connection.peer().write("Hi ");
		assertThat(connection.peer().output()).isEmpty();
		connection.peer().write("world!\r\nsecond\n\n");
		assertThat(connection.peer().output()).isEqualTo("-> 'HI WORLD!\\r\\n'\n-> 'SECOND\\n'\n-> '\\n'");
	}

	@Test
	void upperCasesAsciiLettersOnly() {
		assertThat(UpperCaseEcho.upperCaseLine(new byte[] { 'a', 'z', '{', (byte) 0xE9, '1' })).containsExactly('A',
				'Z', '{', (byte) 0xE9, '1', '\n');
	}

	@Test
	void lineOverTheLimitClosesTheConnectionAndIsLogged(CapturedOutput output) throws Exception {
		TestConnection connection = new TestConnection(this.implementation);
		new UpperCaseEcho(8).connected(connection);
		connection.peer().write("12345678\n");
		connection.peer().write("123456789");
		assertThat(connection.peer().output()).isEqualTo("-> '12345678\\n'\n-> CLOSE");
		assertThat(connection.isOpen()).isFalse();
		assertThat(output).contains("echo: ").contains("sent a line over 8 bytes; connection closed");
	}

	@Test
	void otherClientsAreServedAfterOneSentALineTooLong() {
		TestListener listener = this.implementation.listen(TestingImplementation.address("echo"), new UpperCaseEcho(8));
		TestConnection bad = listener.connect();
		TestConnection good = listener.connect();
		bad.write("far too long a line\n");
		good.write("still here\n".substring(0, 6) + "\n");
		assertThat(bad.output()).isEqualTo("-> CLOSE");
		assertThat(good.output()).isEqualTo("-> 'STILL \\n'");
		TestConnection later = listener.connect();
		later.write("later\n");
		assertThat(later.output()).isEqualTo("-> 'LATER\\n'");
		listener.close();
	}

	@Test
	void rejectsANonPositiveLimit() {
		assertThatIllegalArgumentException().isThrownBy(() -> new UpperCaseEcho(0))
			.withMessage("maxLineLength must be > 0: 0");
	}

}
