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

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import io.ngi.testing.TestConnection;
import io.ngi.testing.TestListener;
import io.ngi.testing.TestingImplementation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@ExtendWith(OutputCaptureExtension.class)
class SizedWordCountTests {

	private final TestingImplementation implementation = new TestingImplementation();

	private final TestListener listener = this.implementation.listen(TestingImplementation.address("wc-sized"),
			SizedWordCount.server(100));

	@AfterEach
	void closeAndCheck() {
		this.listener.close();
		this.implementation.rethrowHandlerErrors();
	}

	@Test
	void answersEachRecordWithARecord() {
		TestConnection client = this.listener.connect();
		client.write(frame("hello out\nthere"));
		assertThat(client.output()).isEqualTo("-> '\\x00\\x00\\x00\\x042 3\\n'");
		client.write(frame(""));
		assertThat(client.output()).isEqualTo("-> '\\x00\\x00\\x00\\x041 0\\n'");
	}

	@Test
	void answersRecordsCutAnywhere() {
		TestConnection client = this.listener.connect();
		byte[] frames = ByteBuffer.allocate(19 + 6).put(frame("hello out\nthere")).put(frame("hi")).array();
		for (byte b : frames) {
			client.write(new byte[] { b });
		}
		assertThat(client.output()).isEqualTo("-> '\\x00\\x00\\x00\\x042 3\\n'\n-> '\\x00\\x00\\x00\\x041 1\\n'");
	}

	@Test
	void frameOverTheLimitClosesTheConnectionAndIsLogged(CapturedOutput output) {
		TestConnection client = this.listener.connect();
		client.write(new byte[] { 0, 0, 0, 101 });
		assertThat(client.output()).isEqualTo("-> CLOSE");
		await().untilAsserted(() -> assertThat(output).contains("sent a frame over the limit; connection closed"));
	}

	@Test
	void closeInTheMiddleOfARecordIsLogged(CapturedOutput output) {
		TestConnection client = this.listener.connect();
		client.write(frame("hi"));
		client.write(new byte[] { 0, 0, 0, 10, 'a', 'b', 'c' });
		client.close();
		await().untilAsserted(() -> assertThat(output)
			.contains("closed mid-message, 7 bytes into a record, after 1 answers: closed"));
	}

	@Test
	void otherClientsAreServedAfterAFrameTooLarge() {
		TestConnection bad = this.listener.connect();
		TestConnection good = this.listener.connect();
		bad.write(new byte[] { (byte) 0x7F, 0, 0, 0 });
		good.write(frame("still served"));
		assertThat(bad.output()).isEqualTo("-> CLOSE");
		assertThat(good.output()).isEqualTo("-> '\\x00\\x00\\x00\\x041 2\\n'");
	}

	static byte[] frame(String text) {
		byte[] payload = text.getBytes(StandardCharsets.UTF_8);
		return ByteBuffer.allocate(4 + payload.length).putInt(payload.length).put(payload).array();
	}

}
