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

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.SSLSocket;

import ch.qos.logback.classic.Level;
import io.ngi.CloseReason;
import io.ngi.Connection;
import io.ngi.ConnectionHandler;
import io.ngi.ListenOptions;
import io.ngi.Listener;
import io.ngi.ListenerObserver;
import io.ngi.ProxyProtocol;
import io.ngi.TlsOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

/**
 * The PROXY protocol on NIO listeners: v1 and v2 headers give the handler the client's
 * address (and the proxy's), v2 {@code LOCAL} keeps the proxy's, the bytes after the
 * header reach the handler (or the TLS handshake), and every bad header is closed before
 * any handler runs, with one log line and a count.
 */
class NioProxyProtocolTests {

	private final NioImplementation ngi = NioImplementation.builder().name("proxy").build();

	private final CompletableFuture<Connection> accepted = new CompletableFuture<>();

	private final List<CloseReason> rejected = new CopyOnWriteArrayList<>();

	private final AtomicInteger servers = new AtomicInteger();

	@AfterEach
	void close() {
		this.ngi.close();
	}

	private Listener listen(ListenOptions.Builder options) {
		ListenerObserver observer = new ListenerObserver() {

			@Override
			public void proxyHeaderRejected(CloseReason reason) {
				NioProxyProtocolTests.this.rejected.add(reason);
			}

		};
		return this.ngi.listen(new InetSocketAddress("127.0.0.1", 0), (connection) -> {
			this.servers.incrementAndGet();
			this.accepted.complete(connection);
			connection.setHandler((ConnectionHandler) (c, data) -> c.write(data));
		}, options.observer(observer).build());
	}

	private static Socket connect(Listener listener) throws Exception {
		InetSocketAddress address = (InetSocketAddress) listener.address();
		Socket socket = new Socket(address.getAddress(), address.getPort());
		socket.setSoTimeout(10_000);
		return socket;
	}

	static byte[] v1(String line) {
		return (line + "\r\n").getBytes(StandardCharsets.US_ASCII);
	}

	static byte[] v2(int command, int family, byte[] body) {
		ByteBuffer header = ByteBuffer.allocate(16 + body.length);
		header.put(new byte[] { 0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A });
		header.put((byte) (0x20 | command)).put((byte) family).putShort((short) body.length).put(body);
		return header.array();
	}

	static byte[] v2Tcp4(String source, int sourcePort, String destination, int destinationPort) throws Exception {
		ByteBuffer body = ByteBuffer.allocate(12);
		body.put(InetAddress.getByName(source).getAddress()).put(InetAddress.getByName(destination).getAddress());
		body.putShort((short) sourcePort).putShort((short) destinationPort);
		return v2(1, 0x11, body.array());
	}

	static byte[] concat(byte[]... parts) {
		ByteArrayOutputStream all = new ByteArrayOutputStream();
		for (byte[] part : parts) {
			all.writeBytes(part);
		}
		return all.toByteArray();
	}

	private String exchange(Socket socket, byte[] send, int answer) throws Exception {
		socket.getOutputStream().write(send);
		socket.getOutputStream().flush();
		return new String(socket.getInputStream().readNBytes(answer), StandardCharsets.US_ASCII);
	}

	@Test
	void aV1HeaderGivesTheHandlerTheClientsAddressAndTheProxys() throws Exception {
		Listener listener = listen(ListenOptions.builder().proxyProtocol(ProxyProtocol.REQUIRED));
		try (Socket socket = connect(listener)) {
			byte[] request = concat(v1("PROXY TCP4 192.0.2.7 198.51.100.1 56324 443"), "hello".getBytes());
			assertThat(exchange(socket, request, 5)).isEqualTo("hello");
			Connection connection = this.accepted.get(10, TimeUnit.SECONDS);
			assertThat(connection.peerAddress()).isEqualTo(new InetSocketAddress("192.0.2.7", 56324));
			assertThat(connection.proxyAddress()).isEqualTo(socket.getLocalSocketAddress());
		}
	}

	@Test
	void v2HeadersForIpv4AndIpv6AndTheBytesAfterThemInTheSamePacket() throws Exception {
		Listener listener = listen(ListenOptions.builder().proxyProtocol(ProxyProtocol.REQUIRED));
		try (Socket socket = connect(listener)) {
			assertThat(exchange(socket, concat(v2Tcp4("203.0.113.9", 40000, "127.0.0.1", 7000), "ping".getBytes()), 4))
				.isEqualTo("ping");
			assertThat(this.accepted.get(10, TimeUnit.SECONDS).peerAddress())
				.isEqualTo(new InetSocketAddress("203.0.113.9", 40000));
		}
		ByteBuffer body = ByteBuffer.allocate(36);
		body.put(InetAddress.getByName("2001:db8::5").getAddress()).put(InetAddress.getByName("::1").getAddress());
		body.putShort((short) 50000).putShort((short) 7000);
		CompletableFuture<SocketAddress> peer = new CompletableFuture<>();
		Listener six = this.ngi.listen(new InetSocketAddress("127.0.0.1", 0), (connection) -> {
			peer.complete(connection.peerAddress());
			connection.setHandler((c, data) -> c.write(data));
		}, ListenOptions.builder().proxyProtocol(ProxyProtocol.REQUIRED).build());
		try (Socket socket = connect(six)) {
			assertThat(exchange(socket, concat(v2(1, 0x21, body.array()), "six".getBytes()), 3)).isEqualTo("six");
			assertThat(peer.get(10, TimeUnit.SECONDS)).isEqualTo(new InetSocketAddress("2001:db8::5", 50000));
		}
	}

	@Test
	void aV2LocalHeaderKeepsTheProxysAddress() throws Exception {
		Listener listener = listen(ListenOptions.builder().proxyProtocol(ProxyProtocol.REQUIRED));
		try (Socket socket = connect(listener)) {
			assertThat(exchange(socket, concat(v2(0, 0x00, new byte[0]), "check".getBytes()), 5)).isEqualTo("check");
			Connection connection = this.accepted.get(10, TimeUnit.SECONDS);
			assertThat(connection.peerAddress()).isEqualTo(socket.getLocalSocketAddress());
			assertThat(connection.proxyAddress()).isNull();
		}
	}

	@Test
	void optionalServesAConnectionWithoutHeaderAsItIs() throws Exception {
		Listener listener = listen(ListenOptions.builder().proxyProtocol(ProxyProtocol.OPTIONAL));
		try (Socket socket = connect(listener)) {
			assertThat(exchange(socket, "no header here".getBytes(), 14)).isEqualTo("no header here");
			assertThat(this.accepted.get(10, TimeUnit.SECONDS).proxyAddress()).isNull();
		}
	}

	@Test
	void optionalServesAClientThatSendsNothingAfterTheHeaderTimeout() throws Exception {
		Listener listener = listen(ListenOptions.builder()
			.proxyProtocol(ProxyProtocol.OPTIONAL)
			.proxyHeaderTimeout(Duration.ofMillis(200)));
		try (Socket socket = connect(listener)) {
			// A protocol where the server speaks first: it is told of the connection once
			// the header timeout passed with nothing received.
			assertThat(this.accepted.get(10, TimeUnit.SECONDS).peerAddress()).isEqualTo(socket.getLocalSocketAddress());
		}
	}

	@Test
	void optionalTakesNoHeaderFromAnUntrustedSource() throws Exception {
		Listener listener = listen(
				ListenOptions.builder().proxyProtocol(ProxyProtocol.OPTIONAL).trustedProxies(List.of("10.0.0.0/8")));
		byte[] header = v1("PROXY TCP4 192.0.2.7 198.51.100.1 56324 443");
		try (Socket socket = connect(listener)) {
			// The header is the client's data: its address is not believed.
			assertThat(exchange(socket, header, header.length))
				.isEqualTo(new String(header, StandardCharsets.US_ASCII));
			assertThat(this.accepted.get(10, TimeUnit.SECONDS).peerAddress()).isEqualTo(socket.getLocalSocketAddress());
		}
	}

	@Test
	void badHeadersAreClosedBeforeAnyHandlerWithOneLineAndACount() throws Exception {
		Listener required = listen(ListenOptions.builder()
			.proxyProtocol(ProxyProtocol.REQUIRED)
			.proxyHeaderTimeout(Duration.ofMillis(300)));
		byte[] longV1 = v1("PROXY TCP4 192.0.2.7 198.51.100.1 56324 443" + " ".repeat(70));
		byte[] huge = new byte[16];
		System.arraycopy(v2(1, 0x11, new byte[0]), 0, huge, 0, 16);
		huge[14] = (byte) 0xEA;
		huge[15] = (byte) 0x60;
		byte[] badSignature = v2Tcp4("192.0.2.7", 1, "192.0.2.8", 2);
		badSignature[7] = 'X';
		List<byte[]> inputs = List.of("GET / HTTP/1.0\r\n\r\n".getBytes(), longV1, huge, badSignature,
				"PROXY TCP4 192".getBytes());
		try (LogCapture log = new LogCapture()) {
			for (byte[] input : inputs) {
				try (Socket socket = connect(required)) {
					socket.getOutputStream().write(input);
					assertThat(socket.getInputStream().read()).isEqualTo(-1);
				}
			}
			await().atMost(Duration.ofSeconds(10)).until(() -> this.rejected.size() == inputs.size());
			assertThat(log.messages(Level.INFO)).filteredOn((m) -> m.startsWith("closing connection from"))
				.hasSize(inputs.size());
		}
		assertThat(this.rejected).extracting(CloseReason::text)
			.containsExactly("no PROXY protocol header", "PROXY v1 header longer than 107 bytes",
					"PROXY v2 header of 60016 bytes is over the limit of 2064", "bad PROXY v2 signature",
					"PROXY protocol header timed out after 300 ms");
		assertThat(this.rejected).allMatch((reason) -> reason.is(CloseReason.Kind.PROXY_PROTOCOL));
		assertThat(this.servers).hasValue(0);
		Listener untrusted = this.ngi.listen(new InetSocketAddress("127.0.0.1", 0), (connection) -> {
			this.servers.incrementAndGet();
		}, ListenOptions.builder()
			.proxyProtocol(ProxyProtocol.REQUIRED)
			.trustedProxies(List.of("10.0.0.0/8", "fd00::/8"))
			.observer(new ListenerObserver() {
				@Override
				public void proxyHeaderRejected(CloseReason reason) {
					NioProxyProtocolTests.this.rejected.add(reason);
				}
			})
			.build());
		try (Socket socket = connect(untrusted)) {
			socket.getOutputStream().write(v1("PROXY TCP4 192.0.2.7 198.51.100.1 56324 443"));
			assertThat(socket.getInputStream().read()).isEqualTo(-1);
		}
		await().atMost(Duration.ofSeconds(10)).until(() -> this.rejected.size() == inputs.size() + 1);
		assertThat(this.rejected.get(inputs.size()).text()).contains("is not a trusted proxy");
		assertThat(this.servers).hasValue(0);
	}

	@Test
	void tlsAfterTheHeader() throws Exception {
		Listener listener = listen(ListenOptions.builder()
			.proxyProtocol(ProxyProtocol.REQUIRED)
			.tls(TlsOptions.builder(TlsFixtures.server()).build()));
		try (Socket raw = connect(listener)) {
			raw.getOutputStream().write(v2Tcp4("198.51.100.20", 61000, "127.0.0.1", 443));
			SSLSocket tls = (SSLSocket) TlsFixtures.client()
				.getSocketFactory()
				.createSocket(raw, "localhost", raw.getPort(), true);
			OutputStream out = tls.getOutputStream();
			out.write("over TLS".getBytes(StandardCharsets.US_ASCII));
			out.flush();
			InputStream in = tls.getInputStream();
			assertThat(new String(in.readNBytes(8), StandardCharsets.US_ASCII)).isEqualTo("over TLS");
			Connection connection = this.accepted.get(10, TimeUnit.SECONDS);
			assertThat(connection.peerAddress()).isEqualTo(new InetSocketAddress("198.51.100.20", 61000));
			assertThat(connection.tlsSession()).isNotNull();
		}
	}

	@Test
	void badTrustedProxiesAreRefusedNamingTheEntry() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ListenOptions.builder().trustedProxies(List.of("10.0.0.0/8", "proxy.example.com")))
			.withMessageContaining("'proxy.example.com'");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ListenOptions.builder().trustedProxies(List.of("10.0.0.0/33")))
			.withMessageContaining("'10.0.0.0/33'");
		ListenOptions options = ListenOptions.builder().trustedProxies(List.of("10.1.0.0/16", "::1")).build();
		assertThat(options.isTrustedProxy(new InetSocketAddress("10.1.200.3", 1))).isTrue();
		assertThat(options.isTrustedProxy(new InetSocketAddress("10.2.0.1", 1))).isFalse();
		assertThat(options.isTrustedProxy(new InetSocketAddress("::1", 1))).isTrue();
		assertThat(ListenOptions.defaults().isTrustedProxy(new InetSocketAddress("127.0.0.1", 1))).isTrue();
	}

}
