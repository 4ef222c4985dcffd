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

package io.ngi.benchmarks;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;

import io.ngi.ConnectionHandler;
import io.ngi.ListenOptions;
import io.ngi.Listener;
import io.ngi.Server;
import io.ngi.TlsOptions;
import io.ngi.UdpListener;
import io.ngi.imperative.ConnectionClosedException;
import io.ngi.imperative.Imperative;
import io.ngi.nio.NioImplementation;

import org.jspecify.annotations.Nullable;

/**
 * NGI echo server on a {@link NioImplementation} with one loop: an event handler, or an
 * imperative handler (TCP only: a UDP handler has no connection to hand off), with or
 * without an idle timeout on every connection; its TCP echo with or without TLS
 * ({@code ListenOptions.tls}, the JDK's {@code SSLEngine}, default protocols and cipher
 * suites).
 */
final class NgiEchoServer implements EchoServer {

	private static final ConnectionHandler ECHO = (connection, data) -> connection.write(data);

	private final NioImplementation implementation;

	private final Listener listener;

	private final @Nullable UdpListener udp;

	private NgiEchoServer(NioImplementation implementation, Listener listener, @Nullable UdpListener udp) {
		this.implementation = implementation;
		this.listener = listener;
		this.udp = udp;
	}

	static NgiEchoServer start(boolean imperative, Duration idleTimeout, boolean tls) {
		return start(imperative, idleTimeout, tls, NioImplementation.DEFAULT_BLOCKED_LOOP_THRESHOLD);
	}

	/**
	 * Starts the server.
	 * @param blockedLoopThreshold the blocked-loop detection threshold, zero for none
	 */
	static NgiEchoServer start(boolean imperative, Duration idleTimeout, boolean tls, Duration blockedLoopThreshold) {
		NioImplementation implementation = NioImplementation.builder()
			.name("ngi-bench")
			.loops(1)
			.daemon(true)
			.blockedLoopThreshold(blockedLoopThreshold)
			.build();
		InetAddress loopback = InetAddress.getLoopbackAddress();
		Server server = imperative ? imperativeEcho() : (connection) -> connection.setHandler(ECHO);
		ListenOptions.Builder options = ListenOptions.builder().backlog(1024).idleTimeout(idleTimeout);
		if (tls) {
			options.tls(TlsOptions.builder(BenchTls.server()).build());
		}
		Listener listener = implementation.listen(new InetSocketAddress(loopback, 0), server, options.build());
		UdpListener udp = imperative ? null
				: implementation.listenUdp(new InetSocketAddress(loopback, 0), implementation::sendUdp);
		return new NgiEchoServer(implementation, listener, udp);
	}

	private static Server imperativeEcho() {
		return Imperative.handler((connection, input) -> {
			try {
				while (true) {
					connection.write(input.next());
				}
			}
			catch (ConnectionClosedException ex) {
				// The client went away: returning ends the body.
			}
		});
	}

	@Override
	public int tcpPort() {
		return ((InetSocketAddress) this.listener.address()).getPort();
	}

	@Override
	public int udpPort() {
		return (this.udp != null) ? ((InetSocketAddress) this.udp.address()).getPort() : 0;
	}

	@Override
	public void close() {
		this.listener.close();
		if (this.udp != null) {
			this.udp.close();
		}
		this.implementation.close();
	}

}
