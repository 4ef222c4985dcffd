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

package io.ngi.nio;

import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

import ch.qos.logback.classic.Level;
import io.ngi.CloseReason;
import io.ngi.ConnectOptions;
import io.ngi.Connection;
import io.ngi.ConnectionHandler;
import io.ngi.ListenOptions;
import io.ngi.Listener;
import io.ngi.ListenerObserver;
import io.ngi.TlsOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a hostile or broken peer sends to a TLS listener or client: each bad connection is
 * closed with one log line, no server handler hears of a failed handshake, and after a
 * thousand of them no descriptor, connection or heap is left behind.
 */
class NioTlsBadInputTests {

	private final NioImplementation ngi = NioImplementation.builder().name("tls-bad").build();

	private final AtomicInteger connected = new AtomicInteger();

	private final List<String> serverCloses = new CopyOnWriteArrayList<>();

	private final List<CloseReason> failedHandshakes = new CopyOnWriteArrayList<>();

	private final AtomicInteger inputs = new AtomicInteger();

	@AfterEach
	void close() {
		this.ngi.close();
	}

	private Listener listen(Duration handshakeTimeout) {
		ListenerObserver observer = new ListenerObserver() {

			@Override
			public void tlsHandshakeFailed(CloseReason reason) {
				NioTlsBadInputTests.this.failedHandshakes.add(reason);
			}

		};
		return this.ngi.listen(new InetSocketAddress("127.0.0.1", 0), (connection) -> {
			this.connected.incrementAndGet();
			connection.setHandler(new ConnectionHandler() {

				@Override
				public void handleInput(Connection c, byte[] data) {
					NioTlsBadInputTests.this.inputs.incrementAndGet();
					c.write(data);
				}

				@Override
				public void handleClose(Connection c, CloseReason reason) {
					NioTlsBadInputTests.this.serverCloses.add(reason.kind() + ": " + reason.text());
				}

			});
		}, ListenOptions.builder()
			.observer(observer)
			.tls(TlsOptions.builder(TlsFixtures.server()).handshakeTimeout(handshakeTimeout).build())
			.build());
	}

	private static int port(Listener listener) {
		return ((InetSocketAddress) listener.address()).getPort();
	}

	/** Sends bytes on a plain socket and waits (bounded) for the server to close it. */
	private static void sendAndExpectClose(Listener listener, byte[] data, boolean halfClose) throws Exception {
		try (Socket socket = new Socket("127.0.0.1", port(listener))) {
			socket.setSoTimeout(10_000);
			socket.getOutputStream().write(data);
			if (halfClose) {
				socket.shutdownOutput();
			}
			InputStream in = socket.getInputStream();
			byte[] buffer = new byte[4096];
			while (in.read(buffer) >= 0) {
				// An alert, maybe; then the end of the stream.
			}
		}
	}

	private void awaitFailedHandshakes(int count) throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
		while (this.failedHandshakes.size() < count && System.nanoTime() < deadline) {
			Thread.sleep(5);
		}
		assertThat(this.failedHandshakes).hasSize(count);
	}

	@Test
	void plaintextToATlsPortIsClosedWithOneLine() throws Exception {
		Listener listener = listen(TlsOptions.DEFAULT_HANDSHAKE_TIMEOUT);
		try (LogCapture log = new LogCapture()) {
			sendAndExpectClose(listener, "GET / HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII), false);
			awaitFailedHandshakes(1);
			assertThat(log.messages(Level.INFO)).singleElement().asString().contains("TLS handshake failed");
			assertThat(log.messages(Level.WARN)).isEmpty();
		}
		assertThat(this.failedHandshakes.get(0).kind()).isEqualTo(CloseReason.Kind.TLS);
		assertThat(this.connected).hasValue(0);
	}

	@Test
	void truncatedHandshakeIsClosed() throws Exception {
		Listener listener = listen(TlsOptions.DEFAULT_HANDSHAKE_TIMEOUT);
		sendAndExpectClose(listener, truncatedClientHello(), true);
		awaitFailedHandshakes(1);
		assertThat(this.failedHandshakes.get(0).text()).startsWith("TLS handshake failed: ");
		assertThat(this.connected).hasValue(0);
	}

	@Test
	void aProbeThatConnectsAndClosesIsNotATlsFailure() throws Exception {
		Listener listener = listen(TlsOptions.DEFAULT_HANDSHAKE_TIMEOUT);
		try (LogCapture log = new LogCapture()) {
			sendAndExpectClose(listener, new byte[0], true);
			awaitFailedHandshakes(1);
			assertThat(log.messages(Level.INFO)).isEmpty();
		}
		assertThat(this.failedHandshakes.get(0).kind()).isEqualTo(CloseReason.Kind.PEER_CLOSED);
	}

	@Test
	void aClientThatStopsMidHandshakeTimesOut() throws Exception {
		Listener listener = listen(Duration.ofMillis(200));
		try (LogCapture log = new LogCapture()) {
			sendAndExpectClose(listener, truncatedClientHello(), false);
			awaitFailedHandshakes(1);
			assertThat(log.messages(Level.INFO)).singleElement().asString().contains("timed out after 200 ms");
		}
		assertThat(this.failedHandshakes.get(0).kind()).isEqualTo(CloseReason.Kind.TIMEOUT);
		assertThat(this.connected).hasValue(0);
	}

	@Test
	void randomBytesAfterTheHandshakeCloseWithATlsReason() throws Exception {
		Listener listener = listen(TlsOptions.DEFAULT_HANDSHAKE_TIMEOUT);
		try (LogCapture log = new LogCapture()) {
			garbageAfterHandshake(listener, new Random(7));
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
			while (this.serverCloses.isEmpty() && System.nanoTime() < deadline) {
				Thread.sleep(5);
			}
			assertThat(log.messages(Level.INFO)).singleElement().asString().contains("TLS failed");
		}
		assertThat(this.serverCloses).singleElement().asString().startsWith("TLS: TLS failed: ");
		assertThat(this.inputs).hasValue(0);
	}

	@Test
	void aRecordLargerThanTheEngineTakesIsRefusedNotBuffered() throws Exception {
		Listener listener = listen(TlsOptions.DEFAULT_HANDSHAKE_TIMEOUT);
		try (Socket raw = new Socket("127.0.0.1", port(listener))) {
			raw.setSoTimeout(10_000);
			SSLSocket tls = handshake(raw, listener);
			OutputStream out = raw.getOutputStream();
			// Application data, version 1.2, length 65535: larger than any record may be.
			out.write(new byte[] { 0x17, 0x03, 0x03, (byte) 0xff, (byte) 0xff });
			out.write(new byte[1000]);
			out.flush();
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
			while (this.serverCloses.isEmpty() && System.nanoTime() < deadline) {
				Thread.sleep(5);
			}
			assertThat(this.serverCloses).singleElement().asString().startsWith("TLS: ");
			tls.close();
		}
	}

	@Test
	void anExpiredServerCertificateFailsTheClientsConnect() throws Exception {
		Listener listener = this.ngi.listen(new InetSocketAddress("127.0.0.1", 0),
				(connection) -> connection.setHandler((c, data) -> c.write(data)),
				ListenOptions.builder()
					.tls(TlsOptions.builder(TlsFixtures.context("expired.p12", null)).build())
					.build());
		String reason = failedConnect(listener, TlsOptions.builder(TlsFixtures.client()).build());
		assertThat(reason).startsWith("TLS handshake failed: ").contains("validity check failed");
	}

	@Test
	void aCertificateForAnotherHostFailsTheClientsConnect() throws Exception {
		Listener listener = this.ngi.listen(new InetSocketAddress("127.0.0.1", 0),
				(connection) -> connection.setHandler((c, data) -> c.write(data)),
				ListenOptions.builder()
					.tls(TlsOptions.builder(TlsFixtures.context("wrong-host.p12", null)).build())
					.build());
		String reason = failedConnect(listener, TlsOptions.builder(TlsFixtures.client()).build());
		assertThat(reason).startsWith("TLS handshake failed: ").contains("127.0.0.1");
	}

	@Test
	void aServerNameTheCertificateDoesNotNameFailsTheClientsConnect() throws Exception {
		Listener listener = listen(TlsOptions.DEFAULT_HANDSHAKE_TIMEOUT);
		String reason = failedConnect(listener,
				TlsOptions.builder(TlsFixtures.client()).serverName("other.example").build());
		assertThat(reason).startsWith("TLS handshake failed: ").contains("other.example");
		Recorder verified = new Recorder("x".getBytes(StandardCharsets.US_ASCII));
		this.ngi.connect(listener.address(), verified,
				ConnectOptions.builder()
					.tls(TlsOptions.builder(TlsFixtures.client()).serverName("localhost").build())
					.build());
		assertThat(verified.firstInput.get(10, TimeUnit.SECONDS)).hasSize(1);
	}

	@Test
	void turningHostnameVerificationOffIsExplicit() throws Exception {
		Listener listener = this.ngi.listen(new InetSocketAddress("127.0.0.1", 0),
				(connection) -> connection.setHandler((c, data) -> c.write(data)),
				ListenOptions.builder()
					.tls(TlsOptions.builder(TlsFixtures.context("wrong-host.p12", null)).build())
					.build());
		Recorder client = new Recorder("x".getBytes(StandardCharsets.US_ASCII));
		this.ngi.connect(listener.address(), client,
				ConnectOptions.builder()
					.tls(TlsOptions.builder(TlsFixtures.client()).hostnameVerification(false).build())
					.build());
		assertThat(client.firstInput.get(10, TimeUnit.SECONDS)).hasSize(1);
	}

	private String failedConnect(Listener listener, TlsOptions tls) throws Exception {
		Recorder client = new Recorder();
		this.ngi.connect(listener.address(), client, ConnectOptions.builder().tls(tls).build());
		return client.failed.get(10, TimeUnit.SECONDS);
	}

	@Test
	void aThousandBadConnectionsLeaveNothingBehind() throws Exception {
		Listener listener = listen(Duration.ofMillis(500));
		byte[] hello = truncatedClientHello();
		Random random = new Random(42);
		// Warm up (classes, the loop's buffers, the TLS task pool), then measure.
		for (int i = 0; i < 20; i++) {
			sendAndExpectClose(listener, "plain".getBytes(StandardCharsets.US_ASCII), false);
			garbageAfterHandshake(listener, random);
		}
		awaitIdle(listener);
		long descriptors = openDescriptors();
		long heap = usedHeapAfterGc();
		int rounds = 1000;
		for (int i = 0; i < rounds / 4; i++) {
			sendAndExpectClose(listener, "GET / HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII), false);
			sendAndExpectClose(listener, hello, true);
			garbageAfterHandshake(listener, random);
		}
		// A quarter stall mid-handshake, 50 at a time, until the timeout closes them.
		for (int batch = 0; batch < rounds / 4 / 50; batch++) {
			List<CompletableFuture<Void>> stalled = new ArrayList<>();
			for (int i = 0; i < 50; i++) {
				stalled.add(CompletableFuture.runAsync(() -> {
					try {
						sendAndExpectClose(listener, hello, false);
					}
					catch (Exception ex) {
						throw new IllegalStateException(ex);
					}
				}, (task) -> new Thread(task).start()));
			}
			CompletableFuture.allOf(stalled.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
		}
		awaitIdle(listener);
		assertThat(this.connected.get()).isEqualTo(20 + rounds / 4);
		assertThat(this.inputs).hasValue(0);
		assertThat(listener.connections()).isEmpty();
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
		while (openDescriptors() > descriptors + 5 && System.nanoTime() < deadline) {
			Thread.sleep(20);
		}
		assertThat(openDescriptors()).as("open descriptors").isLessThanOrEqualTo(descriptors + 5);
		// A leaked TLS connection holds its engine and buffers, tens of kilobytes: a
		// thousand of them would be tens of megabytes.
		assertThat(usedHeapAfterGc() - heap).as("heap growth in bytes").isLessThan(8L << 20);
	}

	private void awaitIdle(Listener listener) throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
		while (!listener.connections().isEmpty() && System.nanoTime() < deadline) {
			Thread.sleep(10);
		}
	}

	/** Completes a handshake over {@code raw}, then writes random bytes under TLS. */
	private void garbageAfterHandshake(Listener listener, Random random) throws Exception {
		try (Socket raw = new Socket("127.0.0.1", port(listener))) {
			raw.setSoTimeout(10_000);
			SSLSocket tls = handshake(raw, listener);
			byte[] garbage = new byte[200];
			random.nextBytes(garbage);
			// A record header that passes the length check, then bytes that fail the MAC.
			garbage[0] = 0x17;
			garbage[1] = 0x03;
			garbage[2] = 0x03;
			garbage[3] = 0x00;
			garbage[4] = (byte) 195;
			raw.getOutputStream().write(garbage);
			InputStream in = raw.getInputStream();
			byte[] buffer = new byte[4096];
			while (in.read(buffer) >= 0) {
				// The alert, then the end of the stream.
			}
			tls.close();
		}
	}

	private static SSLSocket handshake(Socket raw, Listener listener) throws Exception {
		SSLContext client = TlsFixtures.client();
		SSLSocket tls = (SSLSocket) client.getSocketFactory().createSocket(raw, "localhost", port(listener), false);
		tls.startHandshake();
		return tls;
	}

	/** The first 60 bytes of a real ClientHello. */
	private static byte[] truncatedClientHello() throws Exception {
		try (java.nio.channels.ServerSocketChannel server = java.nio.channels.ServerSocketChannel.open()) {
			server.bind(new InetSocketAddress("127.0.0.1", 0));
			int port = ((InetSocketAddress) server.getLocalAddress()).getPort();
			CompletableFuture<Void> client = CompletableFuture.runAsync(() -> {
				try (SSLSocket socket = (SSLSocket) TlsFixtures.client()
					.getSocketFactory()
					.createSocket("127.0.0.1", port)) {
					socket.setSoTimeout(2000);
					socket.startHandshake();
				}
				catch (Exception ex) {
					// The server side never answers.
				}
			}, (task) -> new Thread(task).start());
			try (java.nio.channels.SocketChannel accepted = server.accept()) {
				java.nio.ByteBuffer hello = java.nio.ByteBuffer.allocate(60);
				while (hello.hasRemaining()) {
					accepted.read(hello);
				}
				client.cancel(true);
				return hello.array();
			}
		}
	}

	private static long openDescriptors() throws Exception {
		try (var files = Files.list(Path.of("/proc/self/fd"))) {
			return files.count();
		}
	}

	private static long usedHeapAfterGc() {
		for (int i = 0; i < 3; i++) {
			System.gc();
		}
		return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
	}

}
