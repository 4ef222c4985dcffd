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

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import io.ngi.ConnectionFailedException;
import io.ngi.Listener;
import io.ngi.nio.NioImplementation;
import io.ngi.testing.TestListener;
import io.ngi.testing.TestingImplementation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class WordCountClientTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private final TestingImplementation implementation = new TestingImplementation();

	@Test
	void sendsTheTextAndReturnsTheAnswer() {
		TestListener listener = this.implementation.listen(TestingImplementation.address("wc"), WordCount.server(100));
		String answer = WordCountClient.count(this.implementation, listener.address(),
				"hi\nout there".getBytes(StandardCharsets.UTF_8), TIMEOUT);
		assertThat(answer).isEqualTo("2 3");
		listener.close();
		this.implementation.rethrowHandlerErrors();
	}

	@Test
	void returnsTheServersErrorLine() {
		TestListener listener = this.implementation.listen(TestingImplementation.address("wc"), WordCount.server(3));
		String answer = WordCountClient.count(this.implementation, listener.address(),
				"four".getBytes(StandardCharsets.UTF_8), TIMEOUT);
		assertThat(answer).isEqualTo("error: length 4 is over the limit of 3 bytes");
		listener.close();
	}

	@Test
	void failsWhenNoServerListens() {
		assertThatExceptionOfType(ConnectionFailedException.class).isThrownBy(() -> WordCountClient
			.count(this.implementation, TestingImplementation.address("nobody"), new byte[1], TIMEOUT));
	}

	@Test
	void runPrintsTheAnswerForAFileOverRealSockets(@TempDir Path directory) throws Exception {
		Path file = Files.writeString(directory.resolve("text.txt"), "Hello\nworld\n");
		ByteArrayOutputStream printed = new ByteArrayOutputStream();
		try (NioImplementation server = NioImplementation.builder().name("wc-test").loops(1).build()) {
			Listener listener = server.listen(new InetSocketAddress("127.0.0.1", 0), WordCount.server(100));
			int port = ((InetSocketAddress) listener.address()).getPort();
			WordCountClient client = new WordCountClient(file, "127.0.0.1:" + port, TIMEOUT,
					new PrintStream(printed, true, StandardCharsets.UTF_8));
			client.run();
			assertThat(printed.toString(StandardCharsets.UTF_8)).isEqualTo("3 2" + System.lineSeparator());
			assertThat(client.getExitCode()).isZero();
			listener.close();
		}
	}

	@Test
	void runExitsWithOneWhenTheServerIsUnreachable(@TempDir Path directory) throws Exception {
		Path file = Files.writeString(directory.resolve("text.txt"), "text");
		try (NioImplementation server = NioImplementation.builder().name("wc-test").loops(1).build()) {
			Listener listener = server.listen(new InetSocketAddress("127.0.0.1", 0), (connection) -> {
			});
			int port = ((InetSocketAddress) listener.address()).getPort();
			listener.close();
			WordCountClient client = new WordCountClient(file, "127.0.0.1:" + port, TIMEOUT, System.out);
			client.run();
			assertThat(client.getExitCode()).isEqualTo(1);
		}
	}

	@Test
	@ExtendWith(OutputCaptureExtension.class)
	void clientProfileRunsTheClientWithoutListenersAndExits(@TempDir Path directory, CapturedOutput output)
			throws Exception {
		Path file = Files.writeString(directory.resolve("text.txt"), "hello out\nthere");
		try (NioImplementation server = NioImplementation.builder().name("wc-test").loops(1).build()) {
			Listener listener = server.listen(new InetSocketAddress("127.0.0.1", 0), WordCount.server(100));
			int port = ((InetSocketAddress) listener.address()).getPort();
			ConfigurableApplicationContext context = new SpringApplicationBuilder(SampleApplication.class)
				.profiles("client")
				.run("--ngi.sample.client.file=" + file, "--ngi.sample.client.address=127.0.0.1:" + port);
			assertThat(context.getBeansOfType(Listener.class)).isEmpty();
			assertThat(context.containsBean("echo")).isFalse();
			assertThat(SpringApplication.exit(context)).isZero();
			assertThat(output.getOut()).contains("2 3" + System.lineSeparator());
			listener.close();
		}
	}

}
