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

package io.ngi.spring.boot.autoconfigure;

import java.io.ByteArrayOutputStream;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.time.Clock;

import org.jspecify.annotations.Nullable;

import io.ngi.Cancellable;
import io.ngi.ClientConnectHandler;
import io.ngi.ConnectOptions;
import io.ngi.Connection;
import io.ngi.ConnectionHandler;
import io.ngi.Implementation;
import io.ngi.ListenOptions;
import io.ngi.Listener;
import io.ngi.NgiException;
import io.ngi.Server;
import io.ngi.UdpHandler;
import io.ngi.UdpListener;

/**
 * A minimal in-memory {@link Implementation} for the auto-configuration tests: no
 * sockets, no threads; addresses in {@link #busy} fail to bind as a real one would.
 */
final class FakeImplementation implements Implementation {

	final Set<SocketAddress> busy = new HashSet<>();

	final List<FakeListener> listeners = new CopyOnWriteArrayList<>();

	final List<FakeUdpListener> udpListeners = new CopyOnWriteArrayList<>();

	private final AtomicInteger nextPort = new AtomicInteger(40000);

	@Override
	public void connect(SocketAddress address, ClientConnectHandler handler, ConnectOptions options) {
		throw new UnsupportedOperationException("connect");
	}

	@Override
	public Listener listen(@Nullable SocketAddress address, Server server, ListenOptions options) {
		FakeListener listener = new FakeListener(bind(address), server, options);
		this.listeners.add(listener);
		return listener;
	}

	@Override
	public Cancellable schedule(Duration delay, Runnable task) {
		throw new UnsupportedOperationException("schedule");
	}

	@Override
	public Clock clock() {
		return Clock.systemUTC();
	}

	@Override
	public void sendUdp(SocketAddress address, byte[] message) {
		for (FakeUdpListener listener : this.udpListeners) {
			if (listener.open && listener.address.equals(address)) {
				listener.options.observer().datagramReceived(message.length);
				try {
					listener.handler.handle(new InetSocketAddress("127.0.0.1", 1), message);
				}
				catch (Exception ex) {
					listener.options.observer().handlerFailed(ex);
				}
			}
		}
	}

	@Override
	public UdpListener listenUdp(@Nullable SocketAddress address, UdpHandler handler, ListenOptions options) {
		FakeUdpListener listener = new FakeUdpListener(bind(address), handler, options);
		this.udpListeners.add(listener);
		return listener;
	}

	FakeListener listener(int index) {
		return this.listeners.get(index);
	}

	private SocketAddress bind(@Nullable SocketAddress address) {
		if (address != null && this.busy.contains(address)) {
			throw new NgiException("Cannot listen on " + address, new BindException("Address already in use"));
		}
		if (address instanceof InetSocketAddress inet && inet.getPort() == 0) {
			return new InetSocketAddress(inet.getAddress(), this.nextPort.getAndIncrement());
		}
		return (address != null) ? address : new InetSocketAddress("127.0.0.1", this.nextPort.getAndIncrement());
	}

	static final class FakeListener implements Listener {

		final SocketAddress address;

		final Server server;

		final ListenOptions options;

		final List<FakeConnection> connections = new CopyOnWriteArrayList<>();

		volatile boolean open = true;

		volatile boolean failOnStop;

		private final CompletableFuture<Void> stopped = new CompletableFuture<>();

		FakeListener(SocketAddress address, Server server, ListenOptions options) {
			this.address = address;
			this.server = server;
			this.options = options;
		}

		FakeConnection connect() throws Exception {
			if (!this.open) {
				throw new IllegalStateException("listener closed");
			}
			FakeConnection connection = new FakeConnection(this);
			this.connections.add(connection);
			this.options.observer().connectionOpened();
			this.server.connected(connection);
			return connection;
		}

		void closed(FakeConnection connection) {
			if (this.connections.remove(connection)) {
				this.options.observer().connectionClosed();
			}
			if (!this.open && this.connections.isEmpty()) {
				this.stopped.complete(null);
			}
		}

		@Override
		public SocketAddress address() {
			return this.address;
		}

		@Override
		public Collection<Connection> connections() {
			return new ArrayList<>(this.connections);
		}

		@Override
		public boolean isOpen() {
			return this.open;
		}

		@Override
		public void close() {
			this.open = false;
			for (FakeConnection connection : this.connections) {
				connection.peerClose("stopped");
			}
			this.stopped.complete(null);
		}

		@Override
		public CompletableFuture<Void> stop() {
			if (this.failOnStop) {
				throw new IllegalStateException("stop failed");
			}
			this.open = false;
			if (this.connections.isEmpty()) {
				this.stopped.complete(null);
			}
			return this.stopped;
		}

		@Override
		public boolean closeWait(Duration timeout) {
			stop();
			boolean clean = this.connections.isEmpty();
			close();
			return clean;
		}

	}

	static final class FakeConnection implements Connection {

		final FakeListener listener;

		final ByteArrayOutputStream output = new ByteArrayOutputStream();

		volatile @Nullable ConnectionHandler handler;

		volatile boolean open = true;

		volatile @Nullable String closeReason;

		FakeConnection(FakeListener listener) {
			this.listener = listener;
		}

		void input(byte[] data) throws Exception {
			this.listener.options.observer().bytesReceived(data.length);
			ConnectionHandler current = this.handler;
			if (current == null) {
				throw new IllegalStateException("no handler");
			}
			current.handleInput(this, data);
		}

		void peerClose(String reason) {
			if (!this.open) {
				return;
			}
			this.open = false;
			this.closeReason = reason;
			ConnectionHandler current = this.handler;
			if (current != null) {
				current.handleClose(this, reason);
			}
			this.listener.closed(this);
		}

		@Override
		public synchronized void write(byte[] data) {
			if (!this.open) {
				throw new IllegalStateException("write called on closed connection");
			}
			this.output.writeBytes(data);
			this.listener.options.observer().bytesSent(data.length);
		}

		@Override
		public void writeLines(Iterable<byte[]> data) {
			data.forEach(this::write);
		}

		@Override
		public void close() {
			if (this.open) {
				this.open = false;
				this.listener.closed(this);
			}
		}

		@Override
		public void shutdownOutput() {
			throw new UnsupportedOperationException("shutdownOutput");
		}

		@Override
		public boolean isWritable() {
			return this.open;
		}

		@Override
		public Cancellable schedule(Duration delay, Runnable task) {
			throw new UnsupportedOperationException("schedule");
		}

		@Override
		public void pauseReading() {
		}

		@Override
		public void resumeReading() {
		}

		@Override
		public void setHandler(ConnectionHandler handler) {
			this.handler = handler;
		}

		@Override
		public boolean isOpen() {
			return this.open;
		}

		@Override
		public SocketAddress peerAddress() {
			return new InetSocketAddress("127.0.0.1", 1);
		}

		@Override
		public Listener listener() {
			return this.listener;
		}

	}

	static final class FakeUdpListener implements UdpListener {

		final SocketAddress address;

		final UdpHandler handler;

		final ListenOptions options;

		volatile boolean open = true;

		FakeUdpListener(SocketAddress address, UdpHandler handler, ListenOptions options) {
			this.address = address;
			this.handler = handler;
			this.options = options;
		}

		@Override
		public SocketAddress address() {
			return this.address;
		}

		@Override
		public void send(SocketAddress address, byte[] message) {
			throw new UnsupportedOperationException("send");
		}

		@Override
		public boolean isOpen() {
			return this.open;
		}

		@Override
		public void close() {
			this.open = false;
		}

	}

}
