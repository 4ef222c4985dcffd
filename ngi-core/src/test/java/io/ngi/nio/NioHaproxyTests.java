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
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.net.ssl.SSLSocket;

import io.ngi.Connection;
import io.ngi.ConnectionHandler;
import io.ngi.ListenOptions;
import io.ngi.Listener;
import io.ngi.ProxyProtocol;
import io.ngi.TlsOptions;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * NGI behind a real HAProxy (Debian's), started by the test on loopback:
 * {@code send-proxy} and {@code send-proxy-v2} give the handler the client's own address
 * and port, HAProxy's v2 health checks ({@code LOCAL}) are served, and TLS passes through
 * behind {@code send-proxy-v2}. Skipped with a message if {@code haproxy} is not
 * installed ({@code .ci/run} installs it).
 */
class NioHaproxyTests {

	private final NioImplementation ngi = NioImplementation.builder().name("haproxy").build();

	/** What each connection's server saw: its peer and its proxy. */
	private final List<SocketAddress[]> seen = new CopyOnWriteArrayList<>();

	private ExternalProgram.@Nullable Run haproxy;

	@AfterEach
	void close() {
		if (this.haproxy != null) {
			this.haproxy.close();
		}
		this.ngi.close();
	}

	private Listener listen(ListenOptions.Builder options) {
		return this.ngi.listen(new InetSocketAddress("127.0.0.1", 0), (connection) -> {
			this.seen.add(new SocketAddress[] { connection.peerAddress(), connection.proxyAddress() });
			connection.setHandler((ConnectionHandler) (c, data) -> c.write(data));
		}, options.proxyProtocol(ProxyProtocol.REQUIRED).build());
	}

	/**
	 * Starts HAProxy with one frontend per backend option, returns the frontends' ports.
	 */
	private int[] startHaproxy(Path directory, int backendPort, String... serverOptions) throws Exception {
		String program = ExternalProgram.require("haproxy", "the tests behind a real HAProxy");
		int[] ports = new int[serverOptions.length];
		StringBuilder config = new StringBuilder("""
				global
				    maxconn 256
				defaults
				    mode tcp
				    timeout connect 2s
				    timeout client 30s
				    timeout server 30s
				""");
		for (int i = 0; i < serverOptions.length; i++) {
			ports[i] = freePort();
			config.append("frontend f").append(i).append("\n    bind 127.0.0.1:").append(ports[i]);
			config.append("\n    default_backend b").append(i).append("\nbackend b").append(i);
			config.append("\n    server s").append(i).append(" 127.0.0.1:").append(backendPort).append(' ');
			config.append(serverOptions[i]).append('\n');
		}
		Path file = directory.resolve("haproxy.cfg");
		Files.writeString(file, config);
		this.haproxy = ExternalProgram.Run.start(program, "-f", file.toString(), "-db");
		for (int port : ports) {
			await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> {
				try (Socket probe = new Socket("127.0.0.1", port)) {
					return true;
				}
			});
		}
		return ports;
	}

	/** A port free now (HAProxy cannot bind port 0 and say which it got). */
	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

	/** Waits (bounded) for the server of a connection from {@code client}. */
	private SocketAddress[] seenFrom(SocketAddress client) {
		await().atMost(Duration.ofSeconds(10))
			.until(() -> this.seen.stream().anyMatch((addresses) -> client.equals(addresses[0])));
		return this.seen.stream().filter((addresses) -> client.equals(addresses[0])).findFirst().orElseThrow();
	}

	private static String echo(Socket socket, String text) throws IOException {
		socket.setSoTimeout(10_000);
		socket.getOutputStream().write(text.getBytes(StandardCharsets.US_ASCII));
		socket.getOutputStream().flush();
		return new String(socket.getInputStream().readNBytes(text.length()), StandardCharsets.US_ASCII);
	}

	@Test
	void sendProxyAndSendProxyV2GiveTheHandlerTheClientsRealAddress(@TempDir Path directory) throws Exception {
		Listener listener = listen(ListenOptions.builder());
		int[] ports = startHaproxy(directory, ((InetSocketAddress) listener.address()).getPort(), "send-proxy",
				"send-proxy-v2");
		for (int port : ports) {
			try (Socket client = new Socket("127.0.0.1", port)) {
				assertThat(echo(client, "through haproxy")).isEqualTo("through haproxy");
				// The handler saw the client's own address and port, and HAProxy's.
				SocketAddress[] addresses = seenFrom(client.getLocalSocketAddress());
				assertThat(addresses[1]).as("HAProxy's address").isNotNull().isNotEqualTo(addresses[0]);
			}
		}
	}

	@Test
	void v2HealthChecksAreLocalAndServed(@TempDir Path directory) throws Exception {
		Listener listener = listen(ListenOptions.builder());
		startHaproxy(directory, ((InetSocketAddress) listener.address()).getPort(),
				"send-proxy-v2 check check-send-proxy inter 100ms");
		// HAProxy's checks connect with a LOCAL header: served, with the proxy's own
		// address as the peer and no proxy address.
		await().atMost(Duration.ofSeconds(10))
			.until(() -> this.seen.stream().anyMatch((addresses) -> addresses[1] == null));
		assertThat(this.seen).filteredOn((addresses) -> addresses[1] == null)
			.allMatch((addresses) -> ((InetSocketAddress) addresses[0]).getAddress().isLoopbackAddress());
	}

	@Test
	void tlsBehindSendProxyV2(@TempDir Path directory) throws Exception {
		Listener listener = listen(ListenOptions.builder().tls(TlsOptions.builder(TlsFixtures.server()).build()));
		int[] ports = startHaproxy(directory, ((InetSocketAddress) listener.address()).getPort(), "send-proxy-v2");
		try (SSLSocket client = (SSLSocket) TlsFixtures.client()
			.getSocketFactory()
			.createSocket("127.0.0.1", ports[0])) {
			assertThat(echo(client, "tls through haproxy")).isEqualTo("tls through haproxy");
			assertThat(seenFrom(client.getLocalSocketAddress())[1]).isNotNull();
		}
	}

}
