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

package io.ngi.sample.finger;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.ngi.sample.SampleApplication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The finger service in the whole application, over real sockets of 127.0.0.1 (every
 * listener on a free port), with a users file re-read every 200 ms.
 */
@SpringBootTest(classes = SampleApplication.class, webEnvironment = WebEnvironment.NONE,
		properties = { "ngi.ephemeral-ports=true", "ngi.sample.finger.reload-period=200ms" })
class FingerApplicationTests {

	private static final int TIMEOUT_MILLIS = 10_000;

	private static Path file;

	@Autowired
	private Environment environment;

	@Autowired
	private ProxyLookup proxy;

	@DynamicPropertySource
	static void usersFile(DynamicPropertyRegistry registry) throws IOException {
		file = Files.createTempFile("finger-app", ".txt");
		Files.writeString(file, "alice:Happy and well\nbob:Gone fishing\n");
		registry.add("ngi.sample.finger.users-file", file::toString);
	}

	@AfterAll
	static void deleteFile() throws IOException {
		Files.deleteIfExists(file);
	}

	@Test
	void fingerAnswersAUsersStatusAndCloses() throws IOException {
		assertThat(query("finger", "alice\r\n", false)).isEqualTo("Happy and well\r\n");
		assertThat(query("finger", "/W bob\r\n", false)).isEqualTo("Gone fishing\r\n");
		assertThat(query("finger", "nobody\r\n", false)).isEqualTo("No such user\r\n");
	}

	@Test
	void fingerRefusesALongLineAndBinaryBytesWithAnAnswer() throws IOException {
		assertThat(query("finger", "x".repeat(600) + "\r\n", false)).isEqualTo("Query over 512 bytes refused\r\n");
		try (Socket socket = connect("finger")) {
			socket.getOutputStream().write(new byte[] { (byte) 0xc3, 0, 1, (byte) 0xff, '\r', '\n' });
			assertThat(readAll(socket)).isEqualTo("Query not text refused\r\n");
		}
	}

	@Test
	void setterSetsAStatusThatFingerAnswers() throws IOException {
		try (Socket setter = connect("finger-setter")) {
			setter.getOutputStream().write("carol Over here\r\n".getBytes(StandardCharsets.UTF_8));
			byte[] ok = setter.getInputStream().readNBytes(4);
			assertThat(new String(ok, StandardCharsets.US_ASCII)).isEqualTo("ok\r\n");
		}
		assertThat(query("finger", "carol\r\n", false)).isEqualTo("Over here\r\n");
	}

	@Test
	void proxyAnswersAClientThatHalfClosedThroughTheSamplesOwnFinger() throws IOException {
		assertThat(this.proxy.upstream()).isEqualTo(new InetSocketAddress("127.0.0.1", port("finger")));
		assertThat(query("finger-proxy", "alice\r\n", true)).isEqualTo("Happy and well\r\n");
		String list = query("finger-proxy", "\r\n", true);
		assertThat(list).contains("Happy and well\r\n").isEqualTo(query("finger", "\r\n", false));
	}

	@Test
	void proxyAnswersUpstreamTimedOutWhenTheUpstreamNeverAnswers() throws IOException {
		// The kernel completes the connection (backlog); nobody ever reads or answers.
		try (ServerSocket silent = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
			withUpstream(silent.getLocalSocketAddress(), () -> {
				long start = System.nanoTime();
				assertThat(query("finger-proxy", "alice\r\n", true)).isEqualTo("upstream timed out\r\n");
				assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(1900));
			});
		}
	}

	@Test
	void proxyAnswersUpstreamTimedOutWhenTheConnectItselfHangs() throws IOException {
		// A listener whose accept queue is full: Linux drops further SYNs, so a connect
		// never completes and only the ConnectOptions timeout can end it.
		List<Socket> queued = new ArrayList<>();
		try (ServerSocket full = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			boolean hangs = false;
			for (int i = 0; i < 10 && !hangs; i++) {
				Socket socket = new Socket();
				queued.add(socket);
				try {
					socket.connect(full.getLocalSocketAddress(), 300);
				}
				catch (SocketTimeoutException ex) {
					hangs = true;
				}
			}
			assumeTrue(hangs, "connects to a listener with a full accept queue do not hang here");
			withUpstream(full.getLocalSocketAddress(),
					() -> assertThat(query("finger-proxy", "alice\r\n", true)).isEqualTo("upstream timed out\r\n"));
		}
		finally {
			for (Socket socket : queued) {
				socket.close();
			}
		}
	}

	@Test
	void proxyAnswersClearlyWhenTheUpstreamIsDown() throws IOException {
		SocketAddress down;
		try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			down = closed.getLocalSocketAddress();
		}
		int port = ((InetSocketAddress) down).getPort();
		withUpstream(down,
				() -> assertThat(query("finger-proxy", "alice\r\n", true))
					.startsWith("upstream 127.0.0.1:" + port + " is down: ")
					.endsWith("\r\n"));
	}

	@Test
	void fingerAnswersFromTheUsersFileOnceItChanged() throws IOException {
		try {
			Files.writeString(file, "alice:Back from lunch\nbob:Gone fishing\n");
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(query("finger", "alice\r\n", false)).isEqualTo("Back from lunch\r\n"));
		}
		finally {
			Files.writeString(file, "alice:Happy and well\nbob:Gone fishing\n");
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(query("finger", "alice\r\n", false)).isEqualTo("Happy and well\r\n"));
		}
	}

	private void withUpstream(SocketAddress upstream, IoAction action) throws IOException {
		SocketAddress original = this.proxy.upstream();
		this.proxy.setUpstream(upstream);
		try {
			action.run();
		}
		finally {
			this.proxy.setUpstream(original);
		}
	}

	private String query(String listener, String query, boolean halfClose) throws IOException {
		try (Socket socket = connect(listener)) {
			socket.getOutputStream().write(query.getBytes(StandardCharsets.UTF_8));
			if (halfClose) {
				socket.shutdownOutput();
			}
			return readAll(socket);
		}
	}

	private Socket connect(String listener) throws IOException {
		Socket socket = new Socket();
		socket.connect(new InetSocketAddress("127.0.0.1", port(listener)), TIMEOUT_MILLIS);
		socket.setSoTimeout(TIMEOUT_MILLIS);
		return socket;
	}

	private int port(String listener) {
		return this.environment.getRequiredProperty("local.ngi." + listener + ".port", Integer.class);
	}

	private static String readAll(Socket socket) throws IOException {
		InputStream in = socket.getInputStream();
		return new String(in.readAllBytes(), StandardCharsets.UTF_8);
	}

	@FunctionalInterface
	private interface IoAction {

		void run() throws IOException;

	}

}
