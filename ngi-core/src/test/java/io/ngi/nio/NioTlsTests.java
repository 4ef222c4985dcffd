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
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;

import io.ngi.ConnectOptions;
import io.ngi.ConnectionFailedException;
import io.ngi.Connection;
import io.ngi.ConnectionHandler;
import io.ngi.ListenOptions;
import io.ngi.Listener;
import io.ngi.TlsOptions;
import io.ngi.blocking.Blocking;
import io.ngi.blocking.BlockingConnection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * TLS on NIO between NGI's own listener and client, and with the JDK's {@link SSLSocket}:
 * echo in both protocol versions, large transfers through partial records and
 * backpressure, the session seen by handlers.
 */
class NioTlsTests {

	private final NioImplementation ngi = NioImplementation.builder().name("tls").loops(2).build();

	@AfterEach
	void close() {
		this.ngi.close();
	}

	private Listener echo(TlsOptions tls) {
		return this.ngi.listen(new InetSocketAddress("127.0.0.1", 0),
				(connection) -> connection.setHandler((c, data) -> c.write(data)),
				ListenOptions.builder().tls(tls).build());
	}

	@ParameterizedTest
	@ValueSource(strings = { "TLSv1.2", "TLSv1.3" })
	void ngiClientAndServerEcho(String protocol) throws Exception {
		Listener listener = echo(TlsOptions.builder(TlsFixtures.server()).protocols(protocol).build());
		Recorder client = new Recorder("hello over TLS\n".getBytes(StandardCharsets.US_ASCII));
		this.ngi.connect(listener.address(), client,
				ConnectOptions.builder().tls(TlsOptions.builder(TlsFixtures.client()).build()).build());
		Connection connection = client.connection.get(10, TimeUnit.SECONDS);
		assertThat(new String(client.firstInput.get(10, TimeUnit.SECONDS), StandardCharsets.US_ASCII))
			.isEqualTo("hello over TLS\n");
		SSLSession session = connection.tlsSession();
		assertThat(session).isNotNull();
		assertThat(session.getProtocol()).isEqualTo(protocol);
		connection.close();
	}

	@Test
	void oneMebibyteEachWayThroughSslSocket() throws Exception {
		Listener listener = echo(TlsOptions.builder(TlsFixtures.server()).build());
		InetSocketAddress address = (InetSocketAddress) listener.address();
		byte[] data = new byte[1 << 20];
		new Random(1).nextBytes(data);
		try (SSLSocket socket = (SSLSocket) TlsFixtures.client()
			.getSocketFactory()
			.createSocket("127.0.0.1", address.getPort())) {
			socket.setSoTimeout(20_000);
			CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
				try {
					OutputStream out = socket.getOutputStream();
					for (int i = 0; i < data.length; i += 10_000) {
						out.write(data, i, Math.min(10_000, data.length - i));
					}
					out.flush();
				}
				catch (Exception ex) {
					throw new IllegalStateException(ex);
				}
			});
			InputStream in = socket.getInputStream();
			byte[] received = in.readNBytes(data.length);
			writer.get(20, TimeUnit.SECONDS);
			assertThat(Arrays.equals(received, data)).isTrue();
			assertThat(socket.getSession().getProtocol()).isEqualTo("TLSv1.3");
		}
	}

	@Test
	void serverHandlerSeesTheSession() throws Exception {
		CompletableFuture<SSLSession> seen = new CompletableFuture<>();
		Listener listener = this.ngi.listen(new InetSocketAddress("127.0.0.1", 0), (connection) -> {
			seen.complete(connection.tlsSession());
			connection.setHandler((ConnectionHandler) (c, data) -> c.write(data));
		}, ListenOptions.builder().tls(TlsOptions.builder(TlsFixtures.server()).build()).build());
		Recorder client = new Recorder("x".getBytes(StandardCharsets.US_ASCII));
		this.ngi.connect(listener.address(), client,
				ConnectOptions.builder().tls(TlsOptions.builder(TlsFixtures.client()).build()).build());
		client.firstInput.get(10, TimeUnit.SECONDS);
		assertThat(seen.get(10, TimeUnit.SECONDS).getCipherSuite()).startsWith("TLS_");
	}

	@Test
	void handshakeTimeoutIsBounded() {
		assertThat(TlsOptions.builder(TlsFixtures.server()).build().handshakeTimeout())
			.isEqualTo(Duration.ofSeconds(10));
	}

	@Test
	void tls13KeyUpdatesFromTheClientAreAnswered() throws Exception {
		Listener listener = echo(TlsOptions.builder(TlsFixtures.server()).build());
		try (SSLSocket socket = sslSocket(listener, "TLSv1.3")) {
			for (int i = 0; i < 5; i++) {
				assertThat(echoOnce(socket, "before key update " + i)).isEqualTo("before key update " + i);
				// On a TLS 1.3 connection, the JDK sends a KeyUpdate (update requested).
				socket.startHandshake();
			}
			assertThat(echoOnce(socket, "after")).isEqualTo("after");
		}
	}

	@Test
	void tls12RenegotiationIsRefused() throws Exception {
		Listener listener = echo(TlsOptions.builder(TlsFixtures.server()).build());
		try (SSLSocket socket = sslSocket(listener, "TLSv1.2")) {
			assertThat(echoOnce(socket, "hello")).isEqualTo("hello");
			socket.getSession().invalidate();
			try {
				socket.startHandshake();
				socket.getOutputStream().write('x');
				socket.getOutputStream().flush();
				assertThat(socket.getInputStream().read()).isEqualTo(-1);
			}
			catch (java.io.IOException ex) {
				// Refused: the server closed the connection.
			}
		}
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
		while (!listener.connections().isEmpty() && System.nanoTime() < deadline) {
			Thread.sleep(10);
		}
		assertThat(listener.connections()).isEmpty();
	}

	@Test
	void alpnAndSniReachBothSides() throws Exception {
		CompletableFuture<Connection> accepted = new CompletableFuture<>();
		Listener listener = this.ngi.listen(new InetSocketAddress("127.0.0.1", 0), (connection) -> {
			accepted.complete(connection);
			connection.setHandler((ConnectionHandler) (c, data) -> c.write(data));
		}, ListenOptions.builder()
			.tls(TlsOptions.builder(TlsFixtures.server()).applicationProtocols("h2", "ngi/1").build())
			.build());
		Recorder client = new Recorder("x".getBytes(StandardCharsets.US_ASCII));
		this.ngi.connect(listener.address(), client, ConnectOptions.builder()
			.tls(TlsOptions.builder(TlsFixtures.client()).serverName("localhost").applicationProtocols("ngi/1").build())
			.build());
		Connection connection = client.connection.get(10, TimeUnit.SECONDS);
		assertThat(connection.applicationProtocol()).isEqualTo("ngi/1");
		Connection server = accepted.get(10, TimeUnit.SECONDS);
		assertThat(server.applicationProtocol()).isEqualTo("ngi/1");
		assertThat(((ExtendedSSLSession) server.tlsSession()).getRequestedServerNames())
			.containsExactly(new SNIHostName("localhost"));
	}

	@Test
	void blockingHelpersWorkOverTls() throws Exception {
		Listener listener = echo(TlsOptions.builder(TlsFixtures.server()).build());
		ConnectOptions tls = ConnectOptions.builder().tls(TlsOptions.builder(TlsFixtures.client()).build()).build();
		try (BlockingConnection connection = Blocking.open(this.ngi, listener.address(), tls, Duration.ofSeconds(10))) {
			connection.outputStream().write("blocking over TLS\n".getBytes(StandardCharsets.US_ASCII));
			connection.outputStream().flush();
			byte[] answer = connection.inputStream().readNBytes(17);
			assertThat(new String(answer, StandardCharsets.US_ASCII)).isEqualTo("blocking over TLS");
		}
	}

	@Test
	void aFailedHandshakeIsAFailedBlockingConnect() {
		Listener listener = echo(TlsOptions.builder(TlsFixtures.server()).build());
		ConnectOptions tls = ConnectOptions.builder()
			.tls(TlsOptions.builder(TlsFixtures.client()).serverName("other.example").build())
			.build();
		assertThatExceptionOfType(ConnectionFailedException.class)
			.isThrownBy(() -> Blocking.open(this.ngi, listener.address(), tls, Duration.ofSeconds(10)))
			.withMessageContaining("TLS handshake failed");
	}

	private static SSLSocket sslSocket(Listener listener, String protocol) throws Exception {
		InetSocketAddress address = (InetSocketAddress) listener.address();
		SSLSocket socket = (SSLSocket) TlsFixtures.client()
			.getSocketFactory()
			.createSocket("127.0.0.1", address.getPort());
		socket.setEnabledProtocols(new String[] { protocol });
		socket.setSoTimeout(10_000);
		return socket;
	}

	private static String echoOnce(SSLSocket socket, String text) throws Exception {
		byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
		socket.getOutputStream().write(bytes);
		socket.getOutputStream().flush();
		return new String(socket.getInputStream().readNBytes(bytes.length), StandardCharsets.US_ASCII);
	}

}
