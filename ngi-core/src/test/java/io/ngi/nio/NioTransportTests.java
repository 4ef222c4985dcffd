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

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import ch.qos.logback.classic.Level;
import io.ngi.Listener;
import io.ngi.NgiException;
import io.ngi.UdpListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The transports of {@link NioImplementation}: TCP over IPv4, IPv6 and Unix domain
 * sockets, UDP over IPv4 and IPv6, connect and bind failures.
 */
class NioTransportTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	private final NioImplementation ngi = NioImplementation.builder().name("transport-test").build();

	@AfterEach
	void close() {
		this.ngi.close();
	}

	private String echo(SocketAddress address) throws Exception {
		Listener listener = this.ngi.listen(address, (connection) -> connection.setHandler((c, data) -> c.write(data)));
		try {
			Recorder client = new Recorder("hello over there".getBytes(StandardCharsets.UTF_8));
			this.ngi.connect(listener.address(), client);
			await().atMost(WAIT).until(() -> client.size() == 16);
			client.connection.get(10, TimeUnit.SECONDS).close();
			return client.text();
		}
		finally {
			listener.close();
		}
	}

	@Test
	void echoesOverTcpOnIpv4() throws Exception {
		assertThat(echo(new InetSocketAddress("127.0.0.1", 0))).isEqualTo("hello over there");
	}

	@Test
	void echoesOverTcpOnIpv6() throws Exception {
		assertThat(echo(new InetSocketAddress("::1", 0))).isEqualTo("hello over there");
	}

	@Test
	void echoesOverUnixDomainSocketAndRemovesTheFileOnClose(@TempDir Path directory) throws Exception {
		Path path = directory.resolve("echo.sock");
		Listener listener = this.ngi.listen(UnixDomainSocketAddress.of(path),
				(connection) -> connection.setHandler((c, data) -> c.write(data)));
		assertThat(path).exists();
		assertThat(listener.address()).isEqualTo(UnixDomainSocketAddress.of(path));
		Recorder client = new Recorder("unix".getBytes(StandardCharsets.UTF_8));
		this.ngi.connect(listener.address(), client);
		await().atMost(WAIT).until(() -> client.size() == 4);
		assertThat(client.text()).isEqualTo("unix");
		listener.close();
		assertThat(client.closed.get(10, TimeUnit.SECONDS)).isEqualTo("end of input");
		await().atMost(WAIT).until(() -> !Files.exists(path));
		this.ngi.awaitIdle(WAIT);
		Listener again = this.ngi.listen(UnixDomainSocketAddress.of(path), (connection) -> connection.close());
		again.close();
	}

	@Test
	void listenOnNullBindsAnEphemeralLoopbackPort() {
		Listener listener = this.ngi.listen(null, (connection) -> connection.close());
		InetSocketAddress address = (InetSocketAddress) listener.address();
		assertThat(address.getAddress()).isEqualTo(InetAddress.getLoopbackAddress());
		assertThat(address.getPort()).isPositive();
		listener.close();
	}

	private void udpRoundTrip(String host) throws Exception {
		List<String> received = new CopyOnWriteArrayList<>();
		List<SocketAddress> sources = new CopyOnWriteArrayList<>();
		UdpListener listener = this.ngi.listenUdp(new InetSocketAddress(host, 0), (source, message) -> {
			received.add(new String(message, StandardCharsets.UTF_8));
			sources.add(source);
		});
		assertThat(((InetSocketAddress) listener.address()).getPort()).isPositive();
		this.ngi.sendUdp(listener.address(), "hello udp".getBytes(StandardCharsets.UTF_8));
		await().atMost(WAIT).until(() -> !received.isEmpty());
		assertThat(received).containsExactly("hello udp");
		listener.close();
		this.ngi.awaitIdle(WAIT);
		this.ngi.sendUdp(listener.address(), "too late".getBytes(StandardCharsets.UTF_8));
		assertThat(received).containsExactly("hello udp");
	}

	@Test
	void sendsAndReceivesUdpOnIpv4() throws Exception {
		udpRoundTrip("127.0.0.1");
	}

	@Test
	void sendsAndReceivesUdpOnIpv6() throws Exception {
		udpRoundTrip("::1");
	}

	@Test
	void udpReplyToTheSourceComesFromTheListenerAddressAndOtherSendsStillWork() throws Exception {
		List<String> others = new CopyOnWriteArrayList<>();
		UdpListener other = this.ngi.listenUdp(new InetSocketAddress("127.0.0.1", 0),
				(source, message) -> others.add(new String(message, StandardCharsets.UTF_8)));
		UdpListener listener = this.ngi.listenUdp(new InetSocketAddress("127.0.0.1", 0), (source, message) -> {
			this.ngi.sendUdp(other.address(), message);
			this.ngi.sendUdp(source, message);
		});
		try (java.nio.channels.DatagramChannel client = java.nio.channels.DatagramChannel.open()) {
			// A connected socket only takes datagrams from the address it sent to.
			client.connect(listener.address());
			client.write(java.nio.ByteBuffer.wrap("echo".getBytes(StandardCharsets.UTF_8)));
			client.socket().setSoTimeout(10_000);
			java.net.DatagramPacket packet = new java.net.DatagramPacket(new byte[16], 16);
			client.socket().receive(packet);
			assertThat(new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8)).isEqualTo("echo");
		}
		await().atMost(Duration.ofSeconds(10)).until(() -> others.contains("echo"));
		listener.close();
		other.close();
	}

	@Test
	void udpDatagramsAreTruncatedToTheBufferSize() {
		List<byte[]> received = new CopyOnWriteArrayList<>();
		UdpListener listener = this.ngi.listenUdp(null, (source, message) -> received.add(message),
				io.ngi.ListenOptions.builder().udpBufferSize(4).build());
		this.ngi.sendUdp(listener.address(), "truncated".getBytes(StandardCharsets.UTF_8));
		await().atMost(WAIT).until(() -> !received.isEmpty());
		assertThat(new String(received.get(0), StandardCharsets.UTF_8)).isEqualTo("trun");
		listener.close();
	}

	@Test
	void refusedConnectGivesEconnrefusedAndOneWarning() throws Exception {
		InetSocketAddress address = refusingAddress();
		try (LogCapture logs = new LogCapture()) {
			Recorder client = new Recorder();
			this.ngi.connect(address, client);
			assertThat(client.failed.get(10, TimeUnit.SECONDS)).isEqualTo("ECONNREFUSED");
			this.ngi.awaitIdle(WAIT);
			assertThat(logs.messages(Level.WARN)).containsExactly("error connecting to " + address + ": ECONNREFUSED");
		}
	}

	@Test
	void refusedConnectWithLogFailureOffLogsNoWarning() throws Exception {
		InetSocketAddress address = refusingAddress();
		try (LogCapture logs = new LogCapture()) {
			Recorder client = new Recorder();
			this.ngi.connect(address, client, io.ngi.ConnectOptions.builder().logFailure(false).build());
			assertThat(client.failed.get(10, TimeUnit.SECONDS)).isEqualTo("ECONNREFUSED");
			this.ngi.awaitIdle(WAIT);
			assertThat(logs.messages(Level.WARN)).isEmpty();
		}
	}

	/** A loopback port nothing listens on (it was free a moment ago). */
	private static InetSocketAddress refusingAddress() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return new InetSocketAddress(InetAddress.getLoopbackAddress(), socket.getLocalPort());
		}
	}

	@Test
	void connectToMissingUnixSocketFailsWithErrno(@TempDir Path directory) throws Exception {
		Recorder client = new Recorder();
		this.ngi.connect(UnixDomainSocketAddress.of(directory.resolve("missing.sock")), client);
		assertThat(client.failed.get(10, TimeUnit.SECONDS)).isIn("ENOENT", "ECONNREFUSED");
	}

	@Test
	void bindFailureThrowsNamingTheAddressAndLeavesNothingRegistered() throws Exception {
		try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
				LogCapture logs = new LogCapture()) {
			InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), taken.getLocalPort());
			assertThatExceptionOfType(NgiException.class).isThrownBy(() -> this.ngi.listen(address, (c) -> {
			})).withMessageStartingWith("Unable to listen on 127.0.0.1:" + taken.getLocalPort());
			assertThat(logs.messages(Level.WARN)).containsExactly("unable to listen on " + address);
		}
		assertThat(this.ngi.core().loops()[0].isRunning()).isFalse();
		this.ngi.awaitIdle(Duration.ZERO);
		assertThat(threadNames()).noneMatch((name) -> name.startsWith("transport-test-"));
	}

	@Test
	void udpBindFailureThrowsNamingTheAddress() throws Exception {
		UdpListener first = this.ngi.listenUdp(null, (source, message) -> {
		});
		InetSocketAddress address = (InetSocketAddress) first.address();
		first.close();
		this.ngi.awaitIdle(WAIT);
		try (java.net.DatagramSocket taken = new java.net.DatagramSocket(address)) {
			assertThatExceptionOfType(NgiException.class).isThrownBy(() -> this.ngi
				.listenUdp(new InetSocketAddress("127.0.0.1", taken.getLocalPort()), (source, message) -> {
				})).withMessageContaining("127.0.0.1:" + taken.getLocalPort());
		}
	}

	static List<String> threadNames() {
		return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName).toList();
	}

}
