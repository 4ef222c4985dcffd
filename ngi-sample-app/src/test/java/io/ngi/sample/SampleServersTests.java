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
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Import;

import io.ngi.UdpListener;
import io.ngi.spring.boot.test.NgiTest;
import io.ngi.spring.boot.test.NgiTestClient;
import io.ngi.testing.TestConnection;
import io.ngi.testing.TestingImplementation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The sample's listeners as configured in {@code application.yml} (names, limits), on the
 * testing implementation of the {@code @NgiTest} slice: no socket, every answer is in the
 * transcript when {@code write} returns.
 */
@NgiTest
@Import(SampleServers.class)
@ExtendWith(OutputCaptureExtension.class)
class SampleServersTests {

	@Autowired
	private NgiTestClient ngi;

	@Test
	void sliceHasEveryListener() {
		assertThat(this.ngi.listenerNames()).containsExactlyInAnyOrder("echo", "echo-tls", "wc", "wc-sized", "udp");
	}

	@Test
	void wordCountClosesAClientSilentForThirtySeconds(CapturedOutput output) {
		TestConnection client = this.ngi.connect("wc");
		this.ngi.advance(Duration.ofSeconds(20));
		client.write(bytes("5\nab"));
		this.ngi.advance(Duration.ofMillis(29_999));
		assertThat(client.isOpen()).isTrue();
		this.ngi.advance(Duration.ofMillis(1));
		assertThat(client.output()).isEqualTo("-> CLOSE");
		assertThat(client.isOpen()).isFalse();
		assertThat(output).contains("closed mid-message, after 2 of 5 bytes: idle timeout");
	}

	@Test
	void echoKeepsAnInteractiveClientForFiveMinutes() {
		TestConnection client = this.ngi.connect("echo");
		this.ngi.advance(Duration.ofMinutes(4));
		client.write(bytes("still here\n"));
		this.ngi.advance(Duration.ofMinutes(4));
		assertThat(client.output()).isEqualTo("-> 'STILL HERE\\n'");
		this.ngi.advance(Duration.ofMinutes(1));
		assertThat(client.output()).isEqualTo("-> CLOSE");
	}

	@Test
	void echoUpperCasesEachLine() {
		TestConnection client = this.ngi.connect("echo");
		client.write(bytes("hello out there\nand "));
		client.write(bytes("more\n"));
		assertThat(client.output()).isEqualTo("-> 'HELLO OUT THERE\\n'\n-> 'AND MORE\\n'");
	}

	@Test
	void echoOverTlsIsTheSameEchoAndGetsPlaintextInTheSlice() {
		TestConnection client = this.ngi.connect("echo-tls");
		client.write(bytes("secret\n"));
		assertThat(client.output()).isEqualTo("-> 'SECRET\\n'");
	}

	@Test
	void echoServesALineAtTheConfiguredLimitAndClosesOneByteOver(CapturedOutput output) {
		// ngi.servers.echo.max-line-length=1KB reaches the server's Lines adapter with
		// no code in SampleServers.
		TestConnection client = this.ngi.connect("echo");
		client.write(bytes("x".repeat(1024) + "\n"));
		assertThat(client.output()).isEqualTo("-> '" + "X".repeat(1024) + "\\n'");
		client.write(bytes("x".repeat(1025)));
		assertThat(client.output()).isEqualTo("-> CLOSE");
		assertThat(output).contains("sent a line over 1024 bytes; connection closed");
		TestConnection other = this.ngi.connect("echo");
		other.write(bytes("next\n"));
		assertThat(other.output()).isEqualTo("-> 'NEXT\\n'");
	}

	@Test
	void wordCountAnswersTheSeedExample() {
		TestConnection client = this.ngi.connect("wc");
		client.write(bytes("15"));
		client.write(bytes("\nhello out\nthere"));
		assertThat(client.output()).isEqualTo("-> '2 3\\n'");
	}

	@Test
	void wordCountAnswersABadLengthWithAnErrorAndCloses() {
		TestConnection notANumber = this.ngi.connect("wc");
		notANumber.write(bytes("fifteen\nhello out\nthere"));
		assertThat(notANumber.output()).isEqualTo("-> 'error: length must be a number\\n'\n-> CLOSE");
		TestConnection tooLong = this.ngi.connect("wc");
		tooLong.write(bytes("1048577\n"));
		assertThat(tooLong.output())
			.isEqualTo("-> 'error: length 1048577 is over the limit of 1048576 bytes\\n'\n-> CLOSE");
		TestConnection other = this.ngi.connect("wc");
		other.write(bytes("2\nhi"));
		assertThat(other.output()).isEqualTo("-> '1 1\\n'");
	}

	@Test
	void wordCountLogsAClientThatLeavesMidMessage(CapturedOutput output) {
		TestConnection client = this.ngi.connect("wc");
		client.write(bytes("15\nhello"));
		client.close();
		assertThat(output).contains("closed mid-message, after 5 of 15 bytes: closed");
	}

	@Test
	void sizedWordCountAnswersARecordWithARecord() {
		TestConnection client = this.ngi.connect("wc-sized");
		client.write(SizedWordCountTests.frame("hello out\nthere"));
		assertThat(client.output()).isEqualTo("-> '\\x00\\x00\\x00\\x042 3\\n'");
	}

	@Test
	void sizedWordCountClosesAFrameOverTheConfiguredLimit(CapturedOutput output) {
		TestConnection client = this.ngi.connect("wc-sized");
		client.write(new byte[] { 0, 0x10, 0, 1 });
		assertThat(client.output()).isEqualTo("-> CLOSE");
		await().untilAsserted(() -> assertThat(output).contains("sent a frame over the limit; connection closed"));
		TestConnection other = this.ngi.connect("wc-sized");
		other.write(SizedWordCountTests.frame("hi"));
		assertThat(other.output()).isEqualTo("-> '\\x00\\x00\\x00\\x041 1\\n'");
	}

	@Test
	void sizedWordCountLogsAClientThatLeavesMidRecord(CapturedOutput output) {
		TestConnection client = this.ngi.connect("wc-sized");
		client.write(new byte[] { 0, 0, 0, 5, 'h' });
		client.close();
		await().untilAsserted(() -> assertThat(output)
			.contains("closed mid-message, 5 bytes into a record, after 0 answers: closed"));
	}

	@Test
	void udpAcknowledgesEachDatagramWithTheSendersCount() {
		List<String> acks = new ArrayList<>();
		UdpListener source = this.ngi.implementation()
			.listenUdp(TestingImplementation.udpSource(),
					(from, message) -> acks.add(new String(message, StandardCharsets.US_ASCII)));
		try {
			this.ngi.sendUdp("udp", bytes("hello"));
			this.ngi.sendUdp("udp", new byte[0]);
		}
		finally {
			source.close();
		}
		assertThat(acks).hasSize(2);
		long first = Long.parseLong(acks.get(0).split(" ")[1]);
		assertThat(acks).containsExactly("ack " + first + " 5\n", "ack " + (first + 1) + " 0\n");
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
