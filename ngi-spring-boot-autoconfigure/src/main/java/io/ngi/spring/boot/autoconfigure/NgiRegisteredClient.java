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

import java.net.SocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

import org.jspecify.annotations.Nullable;

import io.ngi.Addresses;
import io.ngi.CloseReason;
import io.ngi.ConnectOptions;
import io.ngi.Connection;
import io.ngi.Implementation;
import io.ngi.Server;
import io.ngi.client.Backoff;
import io.ngi.client.ReconnectingClient;
import io.ngi.client.ReconnectingClient.State;

/**
 * One {@code @NgiClient} of the application context: its settings, and the
 * {@link ReconnectingClient} that the {@link NgiClientRegistry} builds when the context
 * starts and closes when it stops. This object stays the same across a stop and a
 * restart, so it is what an application keeps: {@link #write(byte[])} and
 * {@link #connection()} reach whichever connection is open now. Thread-safe.
 */
public final class NgiRegisteredClient {

	private final String name;

	private final String beanName;

	private final String configuredAddress;

	private final Server server;

	private final Backoff backoff;

	private final Duration resetBackoffAfter;

	private final List<NgiClientCustomizer> customizers;

	private final ConnectOptions options;

	private final boolean required;

	private final @Nullable NgiListenerTls tls;

	/** Whether the address waits for the listeners' ports, resolved at every start. */
	private final boolean resolvedAtStart;

	private final AtomicLong connects = new AtomicLong();

	private final AtomicLong failedConnects = new AtomicLong();

	private volatile @Nullable SocketAddress address;

	private volatile @Nullable ReconnectingClient client;

	NgiRegisteredClient(String name, String beanName, String configuredAddress, @Nullable SocketAddress address,
			Server server, Backoff backoff, Duration resetBackoffAfter, ConnectOptions options, boolean required,
			@Nullable NgiListenerTls tls, List<NgiClientCustomizer> customizers) {
		this.name = Objects.requireNonNull(name, "name");
		this.beanName = Objects.requireNonNull(beanName, "beanName");
		this.configuredAddress = Objects.requireNonNull(configuredAddress, "configuredAddress");
		this.address = address;
		this.resolvedAtStart = (address == null);
		this.server = Objects.requireNonNull(server, "server");
		this.backoff = Objects.requireNonNull(backoff, "backoff");
		this.resetBackoffAfter = Objects.requireNonNull(resetBackoffAfter, "resetBackoffAfter");
		this.options = Objects.requireNonNull(options, "options");
		this.required = required;
		this.tls = tls;
		this.customizers = List.copyOf(customizers);
	}

	/**
	 * Builds and starts the client; the registry calls it when the context starts.
	 * @param implementation the implementation to connect on
	 * @param address where to connect, resolved now that the listeners' ports are known
	 */
	synchronized void start(Implementation implementation, SocketAddress address) {
		ReconnectingClient previous = this.client;
		if (previous != null && previous.state() != State.CLOSED) {
			return;
		}
		this.address = address;
		ReconnectingClient.Builder builder = ReconnectingClient.builder(implementation, address, this.server)
			.name(this.name)
			.backoff(this.backoff)
			.resetBackoffAfter(this.resetBackoffAfter)
			.options(this.options)
			.observer(this::count);
		for (NgiClientCustomizer customizer : this.customizers) {
			try {
				customizer.customize(this.name, builder);
			}
			catch (RuntimeException ex) {
				throw new IllegalStateException("The NgiClientCustomizer " + customizer + " failed on NGI client '"
						+ this.name + "' (bean '" + this.beanName + "'): " + ex.getMessage(), ex);
			}
		}
		this.client = builder.build();
	}

	/**
	 * Closes the client, if started; idempotent.
	 */
	void close() {
		ReconnectingClient client = this.client;
		if (client != null) {
			client.close();
		}
	}

	private void count(ReconnectingClient client, State from, State to, @Nullable CloseReason reason) {
		if (from == State.CONNECTING && to == State.CONNECTED) {
			this.connects.incrementAndGet();
		}
		else if (from == State.CONNECTING && to == State.WAITING) {
			this.failedConnects.incrementAndGet();
		}
	}

	/**
	 * Returns the client's name.
	 * @return the name
	 */
	public String name() {
		return this.name;
	}

	/**
	 * Returns the name of the annotated bean.
	 * @return the bean name
	 */
	public String beanName() {
		return this.beanName;
	}

	/**
	 * Returns the address as configured (the property or the annotation).
	 * @return the configured address text
	 */
	public String configuredAddress() {
		return this.configuredAddress;
	}

	/**
	 * Returns the address the client connects to.
	 * @return the address, or {@code null} while it still waits for a
	 * {@code local.ngi.<name>.port} placeholder that the context's start resolves
	 */
	public @Nullable SocketAddress address() {
		return this.address;
	}

	/**
	 * Returns whether the address uses a {@code local.ngi.<listener>.port} placeholder,
	 * resolved at every start (a restarted listener on port 0 gets a new port).
	 * @return whether the address is resolved when the context starts
	 */
	public boolean resolvedAtStart() {
		return this.resolvedAtStart;
	}

	/**
	 * Returns the address as text, for the endpoint and logs.
	 * @return the resolved address, or the configured text before it is resolved
	 */
	public String formattedAddress() {
		SocketAddress address = this.address;
		return (address != null) ? Addresses.format(address) : this.configuredAddress;
	}

	/**
	 * Returns the backoff between connects: the started client's (an
	 * {@link NgiClientCustomizer} may have set it), else the one of
	 * {@code ngi.clients.<name>.backoff.*}.
	 * @return the backoff
	 */
	public Backoff backoff() {
		ReconnectingClient client = this.client;
		return (client != null) ? client.backoff() : this.backoff;
	}

	/**
	 * Returns the options of every connect: the started client's (an
	 * {@link NgiClientCustomizer} may have set them), else those of
	 * {@code ngi.clients.<name>.*}.
	 * @return the connect options
	 */
	public ConnectOptions options() {
		ReconnectingClient client = this.client;
		return (client != null) ? client.options() : this.options;
	}

	/**
	 * Returns whether the health indicator is DOWN while this client is not connected.
	 * @return whether the client is required
	 */
	public boolean required() {
		return this.required;
	}

	/**
	 * Returns the client's TLS.
	 * @return the TLS, or {@code null} for plaintext
	 */
	public @Nullable NgiListenerTls tls() {
		return this.tls;
	}

	/**
	 * Returns the running client.
	 * @return the client, or {@code null} before the context started
	 */
	public @Nullable ReconnectingClient client() {
		return this.client;
	}

	/**
	 * Returns what the client is doing.
	 * @return the state; {@link State#CLOSED} before the context started and after it
	 * stopped
	 */
	public State state() {
		ReconnectingClient client = this.client;
		return (client != null) ? client.state() : State.CLOSED;
	}

	/**
	 * Returns whether the client has an open connection now.
	 * @return whether it is connected
	 */
	public boolean isConnected() {
		ReconnectingClient client = this.client;
		return client != null && client.isConnected();
	}

	/**
	 * Returns the open connection now.
	 * @return the connection, or {@code null} while not connected
	 */
	public @Nullable Connection connection() {
		ReconnectingClient client = this.client;
		return (client != null) ? client.connection() : null;
	}

	/**
	 * Writes to the open connection, if there is one; see
	 * {@link ReconnectingClient#write(byte[])}.
	 * @param data the bytes to send
	 * @return {@code true} if queued on the open connection, {@code false} while
	 * disconnected (the data is dropped)
	 * @throws IllegalStateException before the context started or after it stopped
	 */
	public boolean write(byte[] data) {
		ReconnectingClient client = this.client;
		if (client == null || client.state() == State.CLOSED) {
			throw new IllegalStateException("NGI client '" + this.name + "' (bean '" + this.beanName
					+ "') is not running: it connects when the application context has started and closes when"
					+ " it stops; write from code that runs in between (after ApplicationReadyEvent, say)");
		}
		return client.write(data);
	}

	/**
	 * Returns how many connects were started, by the current client.
	 * @return the attempts
	 */
	public long attempts() {
		ReconnectingClient client = this.client;
		return (client != null) ? client.attempts() : 0;
	}

	/**
	 * Returns how many connects failed since the last success.
	 * @return the consecutive failures
	 */
	public int consecutiveFailures() {
		ReconnectingClient client = this.client;
		return (client != null) ? client.consecutiveFailures() : 0;
	}

	/**
	 * Returns when the open connection was established.
	 * @return the instant, or {@code null} while not connected
	 */
	public @Nullable Instant connectedSince() {
		ReconnectingClient client = this.client;
		return (client != null) ? client.connectedSince() : null;
	}

	/**
	 * Returns why the last connect failed or the last connection closed.
	 * @return the reason, or {@code null}
	 */
	public @Nullable CloseReason lastFailure() {
		ReconnectingClient client = this.client;
		return (client != null) ? client.lastFailure() : null;
	}

	/**
	 * Returns how many connects succeeded, over every start of the context.
	 * @return the successful connects
	 */
	public long successfulConnects() {
		return this.connects.get();
	}

	/**
	 * Returns how many connects failed (a server that threw counts), over every start of
	 * the context.
	 * @return the failed connects
	 */
	public long failedConnects() {
		return this.failedConnects.get();
	}

	@Override
	public String toString() {
		return "NgiRegisteredClient[" + this.name + " -> " + formattedAddress() + ", " + state() + "]";
	}

}
