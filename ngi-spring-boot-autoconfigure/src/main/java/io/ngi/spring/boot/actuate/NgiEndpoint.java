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

package io.ngi.spring.boot.actuate;

import java.net.SocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.Access;
import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;

import io.ngi.Addresses;
import io.ngi.CloseReason;
import io.ngi.Listener;
import io.ngi.nio.ConnectionSnapshot;
import io.ngi.nio.ListenerConnections;
import io.ngi.nio.NioImplementation;
import io.ngi.spring.boot.autoconfigure.NgiClientRegistry;
import io.ngi.spring.boot.autoconfigure.NgiListenerRegistry;
import io.ngi.spring.boot.autoconfigure.NgiListenerStatistics;
import io.ngi.spring.boot.autoconfigure.NgiListenerTls;
import io.ngi.spring.boot.autoconfigure.NgiRegisteredClient;
import io.ngi.spring.boot.autoconfigure.NgiRegisteredListener;

/**
 * The {@code ngi} actuator endpoint ({@code /actuator/ngi}): lists the NGI listeners with
 * their addresses, TLS, open connections and traffic, and the {@code @NgiClient} clients
 * with their addresses, state and attempts. Read-only. Expose it with
 * {@code management.endpoints.web.exposure.include=ngi}.
 */
@Endpoint(id = "ngi", defaultAccess = Access.READ_ONLY)
public final class NgiEndpoint {

	private final NgiListenerRegistry registry;

	/** How many connections {@code /actuator/ngi/{name}} shows by default. */
	public static final int DEFAULT_CONNECTIONS_LIMIT = 100;

	private final @Nullable NgiClientRegistry clients;

	private final int connectionsLimit;

	/**
	 * Creates the endpoint for listeners only.
	 * @param registry the listeners to describe
	 */
	public NgiEndpoint(NgiListenerRegistry registry) {
		this(registry, null);
	}

	/**
	 * Creates the endpoint.
	 * @param registry the listeners to describe
	 * @param clients the clients to describe, or {@code null} for none
	 */
	public NgiEndpoint(NgiListenerRegistry registry, @Nullable NgiClientRegistry clients) {
		this(registry, clients, DEFAULT_CONNECTIONS_LIMIT);
	}

	/**
	 * Creates the endpoint.
	 * @param registry the listeners to describe
	 * @param clients the clients to describe, or {@code null} for none
	 * @param connectionsLimit how many connections {@code /actuator/ngi/{name}} shows at
	 * most
	 */
	public NgiEndpoint(NgiListenerRegistry registry, @Nullable NgiClientRegistry clients, int connectionsLimit) {
		if (connectionsLimit < 0) {
			throw new IllegalArgumentException(
					"management.endpoint.ngi.connections-limit must be >= 0: " + connectionsLimit);
		}
		this.registry = Objects.requireNonNull(registry, "registry");
		this.clients = clients;
		this.connectionsLimit = connectionsLimit;
	}

	/**
	 * Describes every listener.
	 * @return the listeners
	 */
	@ReadOperation
	public ListenersDescriptor listeners() {
		List<ClientDescriptor> clients = (this.clients != null)
				? this.clients.clients().stream().map(NgiEndpoint::describe).toList() : List.of();
		return new ListenersDescriptor(this.registry.isRunning(),
				this.registry.listeners().stream().map(NgiEndpoint::describe).toList(), clients);
	}

	/**
	 * Describes one listener.
	 * @param name the listener name
	 * @return the listener, or {@code null} (404) if there is none with that name
	 */
	@ReadOperation
	public @Nullable ListenerDescriptor listener(@Selector String name) {
		NgiRegisteredListener listener = this.registry.listener(name);
		if (listener == null) {
			return null;
		}
		ListenerDescriptor described = describe(listener);
		Listener open = listener.openListener();
		if (open != null && this.registry.implementation() instanceof NioImplementation nio) {
			ListenerConnections connections = nio.connections(open, this.connectionsLimit);
			return described.withConnections(new ConnectionsDescriptor(connections.total(),
					connections.first().stream().map(NgiEndpoint::describe).toList()));
		}
		return described;
	}

	private static ConnectionDescriptor describe(ConnectionSnapshot connection) {
		SocketAddress proxy = connection.proxy();
		return new ConnectionDescriptor(Addresses.format(connection.peer()),
				(proxy != null) ? Addresses.format(proxy) : null, connection.openedAt(),
				connection.idleFor().toMillis(), connection.bytesIn(), connection.bytesOut(), connection.queuedOutput(),
				connection.tlsProtocol());
	}

	private static ListenerDescriptor describe(NgiRegisteredListener listener) {
		NgiListenerStatistics stats = listener.statistics();
		SocketAddress bound = listener.boundAddress();
		return new ListenerDescriptor(listener.name(), listener.beanName(), listener.transport().tag(),
				Objects.requireNonNullElse(listener.settings().address(), ""),
				(bound != null) ? Addresses.format(bound) : null, listener.isOpen(), listener.openConnections(),
				stats.accepted(), stats.bytesReceived(), stats.bytesSent(), stats.handlerErrors(),
				stats.datagramsReceived(), describe(listener.tls(), stats), null);
	}

	private static ClientDescriptor describe(NgiRegisteredClient client) {
		CloseReason failure = client.lastFailure();
		NgiListenerTls tls = client.tls();
		return new ClientDescriptor(client.name(), client.beanName(), client.formattedAddress(),
				client.state().name().toLowerCase(Locale.ROOT), client.isConnected(), client.required(),
				client.connectedSince(), client.attempts(), client.consecutiveFailures(), client.successfulConnects(),
				client.failedConnects(), (failure != null) ? failure.toString() : null, client.backoff().toString(),
				(tls != null) ? tls.bundle() : null);
	}

	private static TlsDescriptor describe(@Nullable NgiListenerTls tls, NgiListenerStatistics stats) {
		if (tls == null) {
			return TlsDescriptor.OFF;
		}
		return new TlsDescriptor(true, tls.bundle(), tls.clientAuth().name().toLowerCase(Locale.ROOT),
				tls.effectiveProtocols(), tls.cipherSuites(), tls.handshakeTimeout(), tls.lastReload(), tls.reloads(),
				stats.tlsHandshakesSucceeded(), stats.tlsHandshakesFailed(), stats.tlsHandshakesTimedOut(),
				stats.tlsHandshakesAbandoned());
	}

	/**
	 * All listeners and clients.
	 *
	 * @param running whether the listeners were started and not stopped
	 * @param listeners each listener
	 * @param clients each {@code @NgiClient}
	 */
	public record ListenersDescriptor(boolean running, List<ListenerDescriptor> listeners,
			List<ClientDescriptor> clients) implements OperationResponseBody {

	}

	/**
	 * One {@code @NgiClient}.
	 *
	 * @param name the client name
	 * @param bean the annotated bean
	 * @param address where it connects
	 * @param state {@code connecting}, {@code connected}, {@code waiting} or
	 * {@code closed}
	 * @param connected whether it has an open connection now
	 * @param required whether health is DOWN while it is not connected
	 * @param connectedSince when the open connection was established, {@code null} if
	 * none
	 * @param attempts connects started since the context started
	 * @param consecutiveFailures connects failed since the last success
	 * @param successfulConnects connects that succeeded, over every start
	 * @param failedConnects connects that failed, over every start
	 * @param lastFailure why the last connect failed or the last connection closed
	 * @param backoff the backoff between connects
	 * @param sslBundle the SSL bundle, {@code null} for plaintext
	 */
	public record ClientDescriptor(String name, String bean, String address, String state, boolean connected,
			boolean required, @Nullable Instant connectedSince, long attempts, int consecutiveFailures,
			long successfulConnects, long failedConnects, @Nullable String lastFailure, String backoff,
			@Nullable String sslBundle) {

	}

	/**
	 * One listener.
	 *
	 * @param name the listener name
	 * @param bean the annotated bean
	 * @param transport {@code tcp}, {@code udp} or {@code unix}
	 * @param address the configured address
	 * @param boundAddress the bound address, {@code null} if not bound
	 * @param open whether it accepts connections or datagrams
	 * @param openConnections connections open now
	 * @param acceptedConnections connections accepted so far
	 * @param bytesReceived bytes received so far
	 * @param bytesSent bytes sent so far
	 * @param handlerErrors server or handler failures so far
	 * @param datagramsReceived datagrams received so far
	 * @param tls the listener's TLS, {@code enabled=false} for plaintext
	 * @param connections the open connections ({@code /actuator/ngi/{name}} only, with
	 * the NIO implementation), {@code null} otherwise
	 */
	public record ListenerDescriptor(String name, String bean, String transport, String address,
			@Nullable String boundAddress, boolean open, int openConnections, long acceptedConnections,
			long bytesReceived, long bytesSent, long handlerErrors, long datagramsReceived, TlsDescriptor tls,
			@Nullable ConnectionsDescriptor connections) implements OperationResponseBody {

		ListenerDescriptor withConnections(ConnectionsDescriptor connections) {
			return new ListenerDescriptor(this.name, this.bean, this.transport, this.address, this.boundAddress,
					this.open, this.openConnections, this.acceptedConnections, this.bytesReceived, this.bytesSent,
					this.handlerErrors, this.datagramsReceived, this.tls, connections);
		}

	}

	/**
	 * A listener's open connections in {@code /actuator/ngi/{name}}: how many, and the
	 * first {@code management.endpoint.ngi.connections-limit} (100) of them.
	 *
	 * @param total how many connections are open
	 * @param first the first ones, in no particular order
	 */
	public record ConnectionsDescriptor(int total, List<ConnectionDescriptor> first) {

	}

	/**
	 * One open connection.
	 *
	 * @param peer the client's address (from the PROXY header behind a balancer)
	 * @param proxy the balancer's address, or {@code null}
	 * @param openedAt when it was accepted
	 * @param idleForMillis how long since a byte was last received or sent
	 * @param bytesIn plaintext bytes received
	 * @param bytesOut plaintext bytes sent
	 * @param queuedOutput bytes written and not yet sent
	 * @param tlsProtocol the TLS protocol, or {@code null} for plaintext
	 */
	public record ConnectionDescriptor(String peer, @Nullable String proxy, Instant openedAt, long idleForMillis,
			long bytesIn, long bytesOut, long queuedOutput, @Nullable String tlsProtocol) {

	}

	/**
	 * The TLS of one listener.
	 *
	 * @param enabled whether the listener speaks TLS; every other component is empty when
	 * not
	 * @param bundle the SSL bundle
	 * @param clientAuth {@code none}, {@code want} or {@code need}
	 * @param protocols the protocols a new connection may use (the bundle's, or the JDK's
	 * defaults)
	 * @param cipherSuites the bundle's cipher suites, empty for the JDK's defaults
	 * @param handshakeTimeout how long a handshake may take, zero for no limit
	 * @param lastReload when the bundle was last reloaded into a new context,
	 * {@code null} if never
	 * @param reloads how many times it was reloaded
	 * @param handshakesSucceeded handshakes completed so far
	 * @param handshakesFailed handshakes failed so far
	 * @param handshakesTimedOut handshakes timed out so far
	 * @param handshakesAbandoned handshakes the peer closed or reset before they
	 * completed
	 */
	public record TlsDescriptor(boolean enabled, @Nullable String bundle, @Nullable String clientAuth,
			List<String> protocols, List<String> cipherSuites, @Nullable Duration handshakeTimeout,
			@Nullable Instant lastReload, long reloads, long handshakesSucceeded, long handshakesFailed,
			long handshakesTimedOut, long handshakesAbandoned) {

		static final TlsDescriptor OFF = new TlsDescriptor(false, null, null, List.of(), List.of(), null, null, 0, 0, 0,
				0, 0);

	}

}
