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

package io.ngi.testing;

import java.net.SocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import org.jspecify.annotations.Nullable;

import io.ngi.ClientConnectHandler;
import io.ngi.ConnectOptions;
import io.ngi.Connection;
import io.ngi.ConnectionFailedException;
import io.ngi.ListenOptions;
import io.ngi.Listener;
import io.ngi.Server;

/**
 * A listener of the {@link TestingImplementation}, returned by
 * {@link TestingImplementation#listen}. It accepts a connection when a test calls
 * {@link #connect()} or {@link TestingImplementation#connect}: the server is called with
 * the server end, synchronously.
 *
 * {@snippet :
 * TestListener listener = implementation.listen(TestingImplementation.address("wc"), wcServer);
 * TestConnection client = listener.connect();
 * client.write("15\nhello out\nthere");
 * assertThat(client.output()).isEqualTo("-> '2 3\\n'");
 * listener.close();
 * }
 *
 * Closing follows {@link Listener#close()}: server handlers get
 * {@code handleClose(connection, "stopped")} and clients see {@code "closed"}. (zc.ngi's
 * testing listener did not notify server handlers; the NGI contract, which the NIO
 * implementation keeps, wins.) Nothing happens by itself in the testing implementation,
 * so {@link #closeWait} does not wait. Meant for one test thread at a time.
 */
public final class TestListener implements Listener {

	private final TestingImplementation implementation;

	private final SocketAddress address;

	private final Server server;

	private final ListenOptions options;

	private final Object lock = new Object();

	private final Set<TestConnection> connections = new LinkedHashSet<>();

	private boolean open = true;

	private int accepted;

	private @Nullable CompletableFuture<Void> stopped;

	TestListener(TestingImplementation implementation, SocketAddress address, Server server, ListenOptions options) {
		this.implementation = implementation;
		this.address = address;
		this.server = server;
		this.options = options;
	}

	/**
	 * Returns the address it is registered under (a generated one when
	 * {@code listen(null, ...)} or port 0 was given).
	 * @return the address
	 */
	@Override
	public SocketAddress address() {
		return this.address;
	}

	/**
	 * Returns the open server connections, in the order they were accepted.
	 * @return a snapshot
	 */
	@Override
	public List<Connection> connections() {
		synchronized (this.lock) {
			return List.copyOf(this.connections);
		}
	}

	@Override
	public boolean isOpen() {
		synchronized (this.lock) {
			return this.open;
		}
	}

	/**
	 * Connects a new client with a recording handler: the server is called with the
	 * server end, then the client end, whose {@link TestConnection#output()} shows what
	 * the server writes, is returned.
	 * @return the client end
	 * @throws IllegalStateException if the listener is closed
	 * @throws ConnectionFailedException if the listener already has
	 * {@link ListenOptions#maxConnections()} connections
	 */
	public TestConnection connect() {
		String refusal = refusal();
		if (refusal != null) {
			if (!isOpen()) {
				throw new IllegalStateException(refusal);
			}
			throw new ConnectionFailedException(refusal);
		}
		TestConnection client = accept(ConnectOptions.defaults(), null).peer();
		client.setHandler(new Transcript());
		return client;
	}

	/**
	 * Connects a new client as {@link #connect()} does, as if it came through a load
	 * balancer that sent a PROXY protocol header naming {@code client}: the server end's
	 * {@link Connection#peerAddress()} is {@code client} and its
	 * {@link Connection#proxyAddress()} the balancer's ({@code proxy-N}), whatever the
	 * listener's {@code proxyProtocol} option. For unit tests of handlers that use the
	 * client's address (rate limits, allow lists, logs).
	 *
	 * {@snippet :
	 * TestConnection client = listener.connectThroughProxy(new InetSocketAddress("203.0.113.9", 40000));
	 * client.write("who am I?\n");
	 * assertThat(client.output()).isEqualTo("-> '203.0.113.9\\n'");
	 * }
	 * @param client the client's address, as the header would name it
	 * @return the client end
	 * @throws IllegalStateException if the listener is closed
	 * @throws ConnectionFailedException if the listener already has
	 * {@link ListenOptions#maxConnections()} connections
	 */
	public TestConnection connectThroughProxy(SocketAddress client) {
		Objects.requireNonNull(client, "client");
		String refusal = refusal();
		if (refusal != null) {
			if (!isOpen()) {
				throw new IllegalStateException(refusal);
			}
			throw new ConnectionFailedException(refusal);
		}
		TestConnection end = accept(ConnectOptions.defaults(), client).peer();
		end.setHandler(new Transcript());
		return end;
	}

	/**
	 * Accepts a connection for {@code handler}: the server gets the server end, then the
	 * handler gets the client end. An exception from the handler closes the client end
	 * (reason {@code "connection handler failed"} for its handler, if it set one).
	 */
	void connect(ClientConnectHandler handler, ConnectOptions options) {
		TestConnection client = accept(options, null).peer();
		client.runCall("ClientConnectHandler.connected", () -> handler.connected(client));
	}

	/**
	 * Returns why a connection would be refused now.
	 * @return the reason, or {@code null} if a connection would be accepted
	 */
	@Nullable String refusal() {
		synchronized (this.lock) {
			if (!this.open) {
				return "Listener closed: " + this.address;
			}
			if (this.connections.size() >= this.options.maxConnections()) {
				return "too many connections: the listener on " + this.address + " allows "
						+ this.options.maxConnections();
			}
			return null;
		}
	}

	private TestConnection accept(ConnectOptions clientOptions, @Nullable SocketAddress proxiedClient) {
		SocketAddress clientAddress;
		SocketAddress proxy = null;
		synchronized (this.lock) {
			this.accepted++;
			clientAddress = (proxiedClient != null) ? proxiedClient : new NamedAddress("client-" + this.accepted);
			if (proxiedClient != null) {
				proxy = new NamedAddress("proxy-" + this.accepted);
			}
		}
		TestConnection connection = TestConnection.serverEnd(this.implementation, this, clientAddress, clientOptions);
		if (proxy != null) {
			connection.proxiedBy(proxy);
		}
		synchronized (this.lock) {
			this.connections.add(connection);
		}
		this.options.observer().connectionOpened();
		connection.runCall("Server.connected", () -> this.server.connected(connection));
		return connection;
	}

	/**
	 * Stops accepting and closes every connection now: each server handler gets
	 * {@code handleClose(connection, "stopped")}, each client {@code "closed"}. The
	 * address is free again at once. Idempotent.
	 */
	@Override
	public void close() {
		List<TestConnection> open;
		synchronized (this.lock) {
			this.open = false;
			open = new ArrayList<>(this.connections);
		}
		this.implementation.unregister(this);
		for (TestConnection connection : open) {
			connection.stopByListener();
		}
	}

	/**
	 * Stops accepting and leaves the connections open; the address is free again at once.
	 * Idempotent: every call returns the same future.
	 * @return a future completed when the last connection has closed, at once if there
	 * are none
	 */
	@Override
	public CompletableFuture<Void> stop() {
		CompletableFuture<Void> future;
		boolean done;
		List<TestConnection> draining = List.of();
		synchronized (this.lock) {
			this.open = false;
			if (this.stopped == null) {
				this.stopped = new CompletableFuture<>();
				draining = new ArrayList<>(this.connections);
			}
			future = this.stopped;
			done = this.connections.isEmpty();
		}
		this.implementation.unregister(this);
		for (TestConnection connection : draining) {
			connection.drainingByListener();
		}
		if (done) {
			future.complete(null);
		}
		return future;
	}

	/**
	 * Stops accepting, then closes what remains at once: in the testing implementation
	 * nothing happens by itself, so there is nothing to wait for and {@code timeout} is
	 * not waited.
	 * @param timeout ignored, must not be {@code null}
	 * @return {@code true} if no connection was open
	 */
	@Override
	public boolean closeWait(Duration timeout) {
		Objects.requireNonNull(timeout, "timeout");
		stop();
		boolean none;
		synchronized (this.lock) {
			none = this.connections.isEmpty();
		}
		close();
		return none;
	}

	ListenOptions options() {
		return this.options;
	}

	/**
	 * Forgets a connection that is no longer open.
	 */
	void removed(TestConnection connection) {
		CompletableFuture<Void> done = null;
		synchronized (this.lock) {
			if (!this.connections.remove(connection)) {
				return;
			}
			if (this.connections.isEmpty()) {
				done = this.stopped;
			}
		}
		this.options.observer().connectionClosed();
		if (done != null) {
			done.complete(null);
		}
	}

	@Override
	public String toString() {
		return "TestListener[" + this.address + "]";
	}

}
