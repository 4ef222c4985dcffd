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

	private final @Nullable NgiClientRegistry clients;

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
		this.registry = Objects.requireNonNull(registry, "registry");
		this.clients = clients;
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
		return (listener != null) ? describe(listener) : null;
	}

	private static ListenerDescriptor describe(NgiRegisteredListener listener) {
		NgiListenerStatistics stats = listener.statistics();
		SocketAddress bound = listener.boundAddress();
		return new ListenerDescriptor(listener.name(), listener.beanName(), listener.transport().tag(),
				Objects.requireNonNullElse(listener.settings().address(), ""),
				(bound != null) ? Addresses.format(bound) : null, listener.isOpen(), listener.openConnections(),
				stats.accepted(), stats.bytesReceived(), stats.bytesSent(), stats.handlerErrors(),
				stats.datagramsReceived(), describe(listener.tls(), stats));
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
	 */
	public record ListenerDescriptor(String name, String bean, String transport, String address,
			@Nullable String boundAddress, boolean open, int openConnections, long acceptedConnections,
			long bytesReceived, long bytesSent, long handlerErrors, long datagramsReceived,
			TlsDescriptor tls) implements OperationResponseBody {

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
	 */
	public record TlsDescriptor(boolean enabled, @Nullable String bundle, @Nullable String clientAuth,
			List<String> protocols, List<String> cipherSuites, @Nullable Duration handshakeTimeout,
			@Nullable Instant lastReload, long reloads, long handshakesSucceeded, long handshakesFailed,
			long handshakesTimedOut, long handshakesAbandoned) {

		static final TlsDescriptor OFF = new TlsDescriptor(false, null, null, List.of(), List.of(), null, null, 0, 0, 0,
				0, 0);

	}

}
