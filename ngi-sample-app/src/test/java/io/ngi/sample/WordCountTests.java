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

@ExtendWith(OutputCaptureExtension.class)
class WordCountTests {

	private final TestingImplementation implementation = new TestingImplementation();

	@AfterEach
	void noHandlerFailed() {
		this.implementation.rethrowHandlerErrors();
	}

	@Test
	void answersTheSeedExample() {
		TestConnection connection = connection(100);
		connection.peer().write("15");
		assertThat(connection.peer().output()).isEmpty();
		connection.peer().write("\nhello out\nthere");
		assertThat(connection.peer().output()).isEqualTo("-> '2 3\\n'");
	}

	@Test
	void answersRequestsThatFollowEachOtherInOneChunk() {
		TestConnection connection = connection(100);
		connection.peer().write("2\nhi3\na b0\n12\r\nHello\nworld\n");
		assertThat(connection.peer().output()).isEqualTo("-> '1 1\\n'\n-> '1 2\\n'\n-> '1 0\\n'\n-> '3 2\\n'");
		assertThat(connection.isOpen()).isTrue();
	}

	@Test
	void answersInputCutIntoSingleBytes() {
		TestConnection connection = connection(100);
		for (byte b : "10\nhi\nout the".getBytes()) {
			connection.peer().write(new byte[] { b });
		}
		assertThat(connection.peer().output()).isEqualTo("-> '2 3\\n'");
	}

	@Test
	void nonNumberLengthIsAnsweredWithAnErrorAndClosed(CapturedOutput output) {
		TestConnection connection = connection(100);
		connection.peer().write("ten\nsome text");
		assertThat(connection.peer().output()).isEqualTo("-> 'error: length must be a number\\n'\n-> CLOSE");
		assertThat(output).contains("wc: ").contains("sent a bad request (length must be a number)");
	}

	@Test
	void negativeOrEmptyLengthIsNotANumber() {
		TestConnection negative = connection(100);
		negative.peer().write("-5\n");
		assertThat(negative.peer().output()).isEqualTo("-> 'error: length must be a number\\n'\n-> CLOSE");
		TestConnection empty = connection(100);
		empty.peer().write("\n");
		assertThat(empty.peer().output()).isEqualTo("-> 'error: length must be a number\\n'\n-> CLOSE");
	}

	@Test
	void lengthOverTheLimitIsAnsweredWithAnErrorAndClosed(CapturedOutput output) {
		TestConnection connection = connection(100);
		connection.peer().write("101\n");
		assertThat(connection.peer().output())
			.isEqualTo("-> 'error: length 101 is over the limit of 100 bytes\\n'\n-> CLOSE");
		TestConnection huge = connection(100);
		huge.peer().write("99999999999999999999\n");
		assertThat(huge.peer().output())
			.isEqualTo("-> 'error: length 99999999999999999999 is over the limit of 100 bytes\\n'\n-> CLOSE");
		assertThat(output).contains("sent a bad request (length 101 is over the limit of 100 bytes)");
	}

	@Test
	void lengthLineWithoutEndIsCutOff() {
		TestConnection connection = connection(100);
		connection.peer().write("123456789012345678901");
		assertThat(connection.peer().output()).isEqualTo("-> 'error: length line longer than 20 bytes\\n'\n-> CLOSE");
	}

	@Test
	void inputAfterAnErrorIsIgnored() {
		TestConnection connection = connection(100);
		connection.peer().write("x\n");
		connection.peer().output();
		connection.peer().write("2\nhi");
		assertThat(connection.peer().output()).isEmpty();
	}

	@Test
	void closeInTheMiddleOfARequestIsLogged(CapturedOutput output) {
		TestConnection connection = connection(100);
		connection.peer().write("15\nhello");
		connection.peer().close();
		assertThat(output).contains("closed mid-message, after 5 of 15 bytes: closed");
		TestConnection inLength = connection(100);
		inLength.peer().write("1");
		inLength.peer().close();
		assertThat(output).contains("closed mid-message, in a length line of 1 bytes: closed");
	}

	@Test
	void otherClientsAreServedAfterABadRequest() {
		TestListener listener = this.implementation.listen(TestingImplementation.address("wc"), WordCount.server(100));
		TestConnection bad = listener.connect();
		TestConnection good = listener.connect();
		good.write("5\nhel");
		bad.write("five\nhello");
		good.write("lo");
		assertThat(bad.output()).isEqualTo("-> 'error: length must be a number\\n'\n-> CLOSE");
		assertThat(good.output()).isEqualTo("-> '1 1\\n'");
		listener.close();
	}

	private TestConnection connection(int maxLength) {
		TestConnection connection = new TestConnection(this.implementation);
		connection.setHandler(new WordCount(maxLength));
		return connection;
	}

}
